// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ConversationController without a window: a chat's first message creates the
// conversation, each turn is stored as it runs, and a stored conversation
// opens into the session with its attempts.

#include "StoreTestSupport.h"
#include "chat/AttemptTableModel.h"
#include "chat/ChatSession.h"
#include "chat/ConversationController.h"
#include "route/RouteFile.h"
#include "sim/SimServer.h"
#include "store/HistoryKeeper.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// A session bound to a store the way the window binds them, on the demo route.
struct StoredChat {
    explicit StoredChat(const QUrl &simulator) { session.setPlan(RouteFile::demo(simulator)); }

    storetest::TempStore temp;
    HistoryKeeper keeper { temp.store() };
    RouteEngine engine;
    ChatSession session { &engine };
    AttemptTableModel attempts;
    ConversationController controller { &session, &attempts, temp.store(), &keeper };
};

} // namespace

class TestConversationController : public QObject {
    Q_OBJECT

    SimServer m_sim;

    static void sendAndWait(ChatSession &session, const QString &text)
    {
        QSignalSpy finished(&session, &ChatSession::turnFinished);
        QVERIFY(session.send(text));
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!session.isBusy());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QVERIFY(m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
    }

    void turnsAreStoredAndOpenAgain()
    {
        StoredChat chat(m_sim.baseUrl());
        QVERIFY(chat.temp.opened());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;
        QSignalSpy created(&controller, &ConversationController::conversationCreated);

        sendAndWait(session, u"First question"_s);
        QCOMPARE(created.count(), 1);
        const qint64 id = controller.conversationId();
        QVERIFY(id > 0);
        sendAndWait(session, u"Second question"_s);
        QCOMPARE(created.count(), 1); // one conversation, two turns
        QTRY_COMPARE(temp.store()->turns(id).valueOr({}).size(), 2);
        QTRY_VERIFY(keeper.recorderCount() == 0);

        controller.startNew();
        QCOMPARE(controller.conversationId(), 0);
        QVERIFY(session.messages().isEmpty());
        QCOMPARE(attempts.rowCount(), 0);

        QSignalSpy opened(&controller, &ConversationController::conversationOpened);
        QVERIFY(controller.open(id));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(session.messages().size(), 4);
        QCOMPARE(session.messages()[0].message.content, u"First question"_s);
        QVERIFY(session.messages()[1].result); // the reply keeps its trace
        QVERIFY(attempts.rowCount() >= 4); // two attempts per demo turn, at least
        // A search hit lands on its message: the stored id maps to the session's index.
        const QList<StoredMessage> stored = temp.store()->messages(id).valueOr({});
        QCOMPARE(controller.messageIndex(stored[2].id), 2);
        QCOMPARE(controller.messageIndex(-5), -1);
        QVERIFY(!controller.open(id + 1000)); // no such conversation: nothing changes
        QCOMPARE(controller.conversationId(), id);
    }

    // The last chat request the simulator received, parsed.
    nlohmann::json lastChatBody() const
    {
        for (qsizetype i = m_sim.requests().size() - 1; i >= 0; --i) {
            if (m_sim.requests()[i].path().endsWith("/chat/completions"))
                return nlohmann::json::parse(m_sim.requests()[i].body.toStdString());
        }
        return {};
    }

    void settingsTravelWithTheConversation()
    {
        StoredChat chat(m_sim.baseUrl());
        QVERIFY(chat.temp.opened());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;

        ConversationSettings settings;
        settings.systemPrompt = u"Answer like a pirate."_s;
        settings.sampling.temperature = 0.4;
        settings.sampling.seed = 9;
        QVERIFY(controller.changeSettings(settings)); // a new chat: kept in the session only
        sendAndWait(session, u"Where is the treasure?"_s);
        const nlohmann::json body = lastChatBody();
        QVERIFY(body["messages"][0]["role"] == "system");
        QVERIFY(body["messages"][0]["content"] == "Answer like a pirate.");
        QVERIFY(body["messages"][1]["role"] == "user");
        QVERIFY(body["temperature"] == 0.4);
        QVERIFY(body["seed"] == 9);
        const qint64 id = controller.conversationId();
        QCOMPARE(temp.store()->conversation(id)->settings, settings);
        // The system prompt is not a message of the transcript.
        QCOMPARE(temp.store()->messages(id).valueOr({}).constFirst().role, u"user"_s);
        QTRY_VERIFY(keeper.recorderCount() == 0);

        controller.startNew();
        QVERIFY(session.settings().isEmpty());
        QVERIFY(controller.open(id));
        QCOMPARE(session.settings(), settings);

        settings.systemPrompt = u"Answer like a parrot."_s;
        settings.reasoning.effort = u"low"_s;
        QVERIFY(controller.changeSettings(settings)); // an open chat: stored at once
        QCOMPARE(temp.store()->conversation(id)->settings, settings);
        sendAndWait(session, u"Again?"_s);
        QVERIFY(lastChatBody()["messages"][0]["content"] == "Answer like a parrot.");
        QVERIFY(lastChatBody()["reasoning"]["effort"] == "low");
        QTRY_VERIFY(keeper.recorderCount() == 0);
    }

    // The simulator streams reasoning deltas when the request asks for reasoning:
    // they reach the session as they arrive, are stored, and come back on reopening.
    void reasoningIsShownStoredAndReopened()
    {
        StoredChat chat(m_sim.baseUrl());
        QVERIFY(chat.temp.opened());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;

        sendAndWait(session, u"No thinking asked for"_s);
        QVERIFY(session.messages()[1].reasoning.isEmpty());

        ConversationSettings settings;
        settings.reasoning.effort = u"high"_s;
        QVERIFY(controller.changeSettings(settings));
        QSignalSpy changed(&session, &ChatSession::messageChanged);
        sendAndWait(session, u"Think first"_s);
        const ChatSession::Message &reply = session.messages()[3];
        QVERIFY2(reply.reasoning.contains(u"effort: high"_s), qPrintable(reply.reasoning));
        QVERIFY(!reply.message.content.isEmpty());
        QCOMPARE(reply.result->reasoning, reply.reasoning);
        QVERIFY(changed.count() > 2); // streamed, not delivered at the end

        const qint64 id = controller.conversationId();
        QTRY_VERIFY(keeper.recorderCount() == 0);
        QCOMPARE(temp.store()->messages(id).valueOr({}).at(3).reasoning, reply.reasoning);
        const QString reasoning = reply.reasoning;
        controller.startNew();
        QVERIFY(controller.open(id));
        QCOMPARE(session.messages()[3].reasoning, reasoning);

        // Excluded: the model reasons, the reply carries none of it.
        settings.reasoning.exclude = true;
        QVERIFY(controller.changeSettings(settings));
        sendAndWait(session, u"Think quietly"_s);
        QVERIFY(session.messages().constLast().reasoning.isEmpty());
        QTRY_VERIFY(keeper.recorderCount() == 0);
    }

    void editAndResendStoresTheNewMessage()
    {
        StoredChat chat(m_sim.baseUrl());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;
        sendAndWait(session, u"Original"_s);
        QSignalSpy finished(&session, &ChatSession::turnFinished);
        QVERIFY(session.editAndResend(0, u"Edited"_s));
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(keeper.recorderCount() == 0);
        QStringList texts;
        for (const StoredMessage &message :
            temp.store()->messages(controller.conversationId()).valueOr({})) {
            if (message.role == "user"_L1)
                texts << message.content;
        }
        QVERIFY(texts.contains(u"Edited"_s));
    }

    // Regenerating and editing keep the earlier versions as siblings; switching versions
    // shows the branch under the chosen one, and only that branch is sent.
    void branchesAreKeptSwitchedAndSent()
    {
        StoredChat chat(m_sim.baseUrl());
        QVERIFY(chat.temp.opened());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;
        sendAndWait(session, u"Original question"_s);
        const qint64 id = controller.conversationId();
        QSignalSpy finished(&session, &ChatSession::turnFinished);
        QVERIFY(session.regenerate());
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].sibling, 1);
        QCOMPARE(session.messages()[1].siblings, 2);
        QTRY_VERIFY(keeper.recorderCount() == 0);
        const QList<StoredMessage> afterRegenerate = temp.store()->messages(id).valueOr({});
        QCOMPARE(afterRegenerate.size(), 3); // the question and both replies
        QCOMPARE(afterRegenerate[1].parentId, afterRegenerate[0].id);
        QCOMPARE(afterRegenerate[2].parentId, afterRegenerate[0].id);

        QVERIFY(session.editAndResend(0, u"Edited question"_s));
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!session.isBusy());
        QCOMPARE(session.messages()[0].sibling, 1);
        QCOMPARE(session.messages()[0].siblings, 2);
        sendAndWait(session, u"Follow-up on the edit"_s);
        QStringList sent;
        nlohmann::json body = lastChatBody();
        for (const auto &message : body["messages"]) {
            if (message["role"] == "user")
                sent << QString::fromStdString(message["content"].get<std::string>());
        }
        QCOMPARE(sent, QStringList({ u"Edited question"_s, u"Follow-up on the edit"_s }));
        QTRY_VERIFY(keeper.recorderCount() == 0);
        QCOMPARE(temp.store()->messages(id).valueOr({}).size(), 7);

        // Back to the original question: its newest reply, and the branch under it.
        QSignalSpy reset(&session, &ChatSession::messagesReset);
        QVERIFY(session.showSibling(0, -1));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[0].message.content, u"Original question"_s);
        QCOMPARE(session.messages()[0].sibling, 0);
        QCOMPARE(session.messages()[0].siblings, 2);
        QCOMPARE(session.messages()[1].sibling, 1); // the regenerated reply
        QVERIFY(!session.showSibling(0, -1)); // no version before the first
        QVERIFY(attempts.rowCount() > 0); // the attempts of the turns on screen
        sendAndWait(session, u"Follow-up on the original"_s);
        sent.clear();
        QStringList replies;
        body = lastChatBody();
        for (const auto &message : body["messages"]) {
            const QString content = QString::fromStdString(message["content"].get<std::string>());
            (message["role"] == "user" ? sent : replies) << content;
        }
        QCOMPARE(sent, QStringList({ u"Original question"_s, u"Follow-up on the original"_s }));
        QCOMPARE(replies.size(), 1); // the reply on screen, not the one regenerated away
        QCOMPARE(replies[0], session.messages()[1].message.content);

        // The first reply, which has nothing under it.
        QVERIFY(session.showSibling(1, -1));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].sibling, 0);
        QTRY_VERIFY(keeper.recorderCount() == 0);
        // The branch on screen is kept: reopening shows it.
        controller.startNew();
        QVERIFY(controller.open(id));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].sibling, 0);
        QCOMPARE(session.messages()[1].siblings, 2);
        // A search hit on another branch shows that branch.
        const QList<SearchHit> hits = temp.store()->search(u"edit"_s).valueOr({});
        QVERIFY(!hits.isEmpty());
        const int index = controller.reveal(hits.constFirst().messageId);
        QVERIFY(index >= 0);
        QVERIFY(session.messages()[index].message.content.contains(u"edit"_s, Qt::CaseInsensitive));
        QCOMPARE(session.messages()[0].message.content, u"Edited question"_s);
        QCOMPARE(controller.reveal(-5), -1);
    }

    // Continue goes on in the same stored reply; both turns stay with it.
    void continueExtendsTheSameStoredReply()
    {
        QVERIFY(m_sim.setScenario(QByteArray(
            R"({"models":[{"id":"t/m","providers":["P"]}],"providers":{"P":{"script":[)"
            R"({"kind":"reset_after_tokens","tokens":1},{"kind":"serve"}]}},"reply":"alpha beta"})")));
        auto restore =
            qScopeGuard([this] { m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)); });
        StoredChat chat(m_sim.baseUrl());
        auto &[temp, keeper, engine, session, attempts, controller] = chat;
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"t/m"_s, {}, {} }, true });
        session.setPlan(plan);
        sendAndWait(session, u"go"_s);
        QCOMPARE(session.messages()[1].status, TurnResult::Status::Interrupted);
        const QString partial = session.messages()[1].message.content;
        QSignalSpy finished(&session, &ChatSession::turnFinished);
        QVERIFY(session.continueReply());
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!session.isBusy());
        QTRY_VERIFY(keeper.recorderCount() == 0);
        const qint64 id = controller.conversationId();
        const QList<StoredMessage> stored = temp.store()->messages(id).valueOr({});
        QCOMPARE(stored.size(), 2); // no second reply
        QCOMPARE(stored[1].content, partial + u"alpha beta"_s);
        QCOMPARE(stored[1].state, MessageState::Complete);
        const QList<StoredTurn> turns = temp.store()->turns(id).valueOr({});
        QCOMPARE(turns.size(), 2);
        QCOMPARE(turns[0].assistantMessageId, stored[1].id);
        QCOMPARE(turns[1].assistantMessageId, stored[1].id);
        // What the inspector would list for the last turn alone.
        AttemptTableModel lastTurnOnly;
        QList<std::pair<int, Attempt>> lastAttempts;
        for (const Attempt &attempt : turns[1].attempts)
            lastAttempts.append({ 1, attempt });
        lastTurnOnly.setFinishedAttempts(lastAttempts);
        controller.startNew();
        QVERIFY(controller.open(id));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].message.content, partial + u"alpha beta"_s);
        QVERIFY(attempts.rowCount() > lastTurnOnly.rowCount()); // the attempts of both turns
    }

    void withoutAStoreChattingStillWorks()
    {
        RouteEngine engine;
        ChatSession session(&engine);
        session.setPlan(RouteFile::demo(m_sim.baseUrl()));
        AttemptTableModel attempts;
        ConversationController controller(&session, &attempts, nullptr, nullptr);
        sendAndWait(session, u"Hello"_s);
        QCOMPARE(controller.conversationId(), 0);
        QCOMPARE(session.messages().size(), 2);
        QVERIFY(!controller.open(1));
    }
};

QTEST_GUILESS_MAIN(TestConversationController)
#include "test_conversation_controller.moc"
