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
