// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The Thinking section of a reply: its header (length, and the time spent thinking while
// live, on a clock the test turns), and the reasoning shown again after reopening a
// conversation from the store.
#include "ChatView.h"
#include "MessageBubble.h"
#include "StoreTestSupport.h"
#include "ThinkingSection.h"
#include "chat/AttemptTableModel.h"
#include "chat/ChatSession.h"
#include "chat/ConversationController.h"
#include "store/HistoryKeeper.h"

#include <QLabel>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

class TestThinkingSection final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveHeaderCountsTheTimeSpentThinking()
    {
        qint64 now = 10'000;
        ThinkingSection section;
        section.setClock([&now] { return now; });
        QVERIFY(section.isHidden()); // nothing to show yet
        QVERIFY(!section.thinkingMs());

        section.setReasoning(u"Hmm"_s, false, true); // first thoughts, live
        QVERIFY(section.isVisible());
        QCOMPARE(section.thinkingMs(), std::optional<qint64>(0));
        now += 3'400;
        section.setReasoning(u"Hmm, let me see"_s, false, true);
        QCOMPARE(section.toggle()->text(), u"Thinking… 3 s"_s);
        QVERIFY(section.isExpanded());

        now += 800; // the answer starts: the time is kept, the section folds
        section.setReasoning(u"Hmm, let me see"_s, true, true);
        QCOMPARE(section.thinkingMs(), std::optional<qint64>(4'200));
        QVERIFY(!section.isExpanded());
        QCOMPARE(section.toggle()->text(), u"Thinking (15 characters, 4.2 s)"_s);
        now += 60'000; // later updates change nothing
        section.setReasoning(u"Hmm, let me see"_s, true, false);
        QCOMPARE(section.toggle()->text(), u"Thinking (15 characters, 4.2 s)"_s);
    }

    void aReplyThatNeverAnsweredStopsTheClockAtItsEnd()
    {
        qint64 now = 0;
        ThinkingSection section;
        section.setClock([&now] { return now; });
        section.setReasoning(u"Thinking hard"_s, false, true);
        now += 2'000;
        section.setReasoning(u"Thinking hard"_s, false, false); // failed or stopped
        QCOMPARE(section.thinkingMs(), std::optional<qint64>(2'000));
        now += 5'000;
        QCOMPARE(section.thinkingMs(), std::optional<qint64>(2'000));
    }

    void notLiveShowsTheLengthOnly()
    {
        ThinkingSection section;
        section.setReasoning(u"Twelve chars"_s, true, false);
        QVERIFY(!section.thinkingMs());
        QCOMPARE(section.toggle()->text(), u"Thinking (12 characters)"_s);
    }

    // The recorder stores the reasoning with the reply; reopening the conversation from the
    // store shows it again, folded, above the answer.
    void reasoningIsShownAfterReopening()
    {
        storetest::TempStore temp;
        QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
        ConversationStore *store = temp.store();
        const Result<qint64> id = store->createConversation(u"Thinking"_s);
        QVERIFY(id);
        const Result<qint64> user = store->addUserMessage(*id, u"Why?"_s);
        const Result<qint64> reply = store->beginAssistantMessage(*id);
        QVERIFY(user && reply);
        QVERIFY(store->updateAssistantText(*reply, u"Because."_s, u"Let me weigh it."_s));
        TurnResult result;
        result.status = TurnResult::Status::Served;
        result.content = u"Because."_s;
        result.reasoning = u"Let me weigh it."_s;
        QVERIFY(store->finishTurn(*id, *user, *reply, result));

        HistoryKeeper keeper(store);
        RouteEngine engine;
        ChatSession session(&engine);
        AttemptTableModel attempts;
        ConversationController controller(&session, &attempts, store, &keeper);
        ChatView view(&session);
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(controller.open(*id));
        QCOMPARE(session.messages().size(), 2);
        QCOMPARE(session.messages()[1].reasoning, u"Let me weigh it."_s);
        QTRY_VERIFY(view.bubble(1));
        ThinkingSection *thinking = view.bubble(1)->thinking();
        QVERIFY(thinking);
        QTRY_VERIFY(thinking->isVisible());
        QVERIFY(!thinking->isExpanded());
        QCOMPARE(thinking->toggle()->text(), u"Thinking (16 characters)"_s);
        QTest::mouseClick(thinking->toggle(), Qt::LeftButton);
        QCOMPARE(thinking->findChild<QLabel *>(u"thinkingText"_s)->text(), u"Let me weigh it."_s);
    }
};

QTEST_MAIN(TestThinkingSection)
#include "test_thinking_section.moc"
