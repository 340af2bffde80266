// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The versions of a message in the chat pane: ‹ 2 / 3 › on a message that was
// edited or regenerated, by mouse and by keyboard (Alt+Left / Alt+Right with the
// focus anywhere in the message), and the message staying in view with the
// keyboard on it after the transcript below it changed branch.
#include "ChatView.h"
#include "MarkdownView.h"
#include "MessageBubble.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

ChatSession::Message message(const QString &role, const QString &text, int sibling, int siblings)
{
    ChatSession::Message made;
    made.message = { role, text };
    made.turn = 1;
    made.sibling = sibling;
    made.siblings = siblings;
    if (role == "assistant"_L1) {
        TurnResult result;
        result.status = TurnResult::Status::Served;
        result.content = text;
        made.result = result;
    }
    return made;
}

// Two versions of the question: the first with a reply that was regenerated
// once, the second with one reply. What the store keeps, as branches.
QList<ChatSession::Message> branch(int version)
{
    if (version == 0) {
        return { message(u"user"_s, u"Which route is fastest?"_s, 0, 2),
            message(u"assistant"_s, u"Groq, today."_s, 1, 2) };
    }
    return { message(u"user"_s, u"Which route is cheapest?"_s, 1, 2),
        message(u"assistant"_s, u"The free one, when it is not rate-limited."_s, 0, 1) };
}

} // namespace

class TestMessageBubble final : public QObject {
    Q_OBJECT

    RouteEngine m_engine;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<ChatView> m_view;
    int m_version = 0;
    QList<std::pair<int, int>> m_asked; // what the session was asked for: message, step

private Q_SLOTS:
    void init()
    {
        m_session = std::make_unique<ChatSession>(&m_engine);
        // Stands in for ConversationController: the question's versions switch the branch.
        connect(m_session.get(), &ChatSession::siblingRequested, this, [this](int index, int step) {
            m_asked.append({ index, step });
            if (index == 0) {
                m_version += step;
                m_session->setMessages(branch(m_version));
            }
        });
        m_version = 0;
        m_asked.clear();
        m_session->setMessages(branch(0));
        m_view = std::make_unique<ChatView>(m_session.get());
        m_view->resize(700, 500);
        m_view->show();
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_session.reset();
    }

    void versionsShowOnlyWhereThereAreSome()
    {
        MessageBubble *question = m_view->bubble(0);
        MessageBubble *reply = m_view->bubble(1);
        QVERIFY(question && reply);
        QVERIFY(question->versionLabel()->isVisible());
        QCOMPARE(question->versionLabel()->text(), u"1 / 2"_s);
        QCOMPARE(question->versionLabel()->accessibleName(), u"Version 1 of 2"_s);
        QVERIFY(!question->previousVersion()->isEnabled()); // the first version
        QVERIFY(question->nextVersion()->isEnabled());
        QCOMPARE(question->previousVersion()->accessibleName(), u"Previous version"_s);
        QCOMPARE(question->nextVersion()->accessibleName(), u"Next version"_s);
        QVERIFY(question->nextVersion()->toolTip().contains(u"Alt+Right"_s));
        QVERIFY(question->previousVersion()->toolTip().contains(u"Alt+Left"_s));
        QCOMPARE(reply->versionLabel()->text(), u"2 / 2"_s);
        QVERIFY(reply->previousVersion()->isEnabled());
        QVERIFY(!reply->nextVersion()->isEnabled());

        m_session->setMessages(branch(1));
        reply = m_view->bubble(1);
        QVERIFY(!reply->versionLabel()->isVisible()); // a reply never regenerated
        QVERIFY(!reply->previousVersion()->isVisible());
        QVERIFY(!reply->nextVersion()->isVisible());
    }

    void mouseSwitchesTheBranch()
    {
        QTest::mouseClick(m_view->bubble(0)->nextVersion(), Qt::LeftButton);
        QTRY_COMPARE(m_version, 1); // asked for once the click is over
        QCOMPARE(m_asked, (QList<std::pair<int, int>> { { 0, +1 } }));
        MessageBubble *question = m_view->bubble(0);
        QCOMPARE(question->versionLabel()->text(), u"2 / 2"_s);
        QCOMPARE(m_view->bubble(1)->body()->toPlainText().trimmed(),
            u"The free one, when it is not rate-limited."_s);
        // The arrow used is at its end: the keyboard waits on the other one.
        QVERIFY(!question->nextVersion()->isEnabled());
        QTRY_VERIFY(question->previousVersion()->hasFocus());

        QTest::mouseClick(question->previousVersion(), Qt::LeftButton);
        QTRY_COMPARE(m_version, 0);
        QCOMPARE(m_view->bubble(0)->versionLabel()->text(), u"1 / 2"_s);
        QTRY_VERIFY(m_view->bubble(0)->nextVersion()->hasFocus());
    }

    void keyboardSwitchesFromAnywhereInTheMessage()
    {
        m_view->bubble(0)->body()->setFocus();
        QTRY_VERIFY(m_view->bubble(0)->body()->hasFocus());
        QTest::keyClick(m_view->bubble(0)->body(), Qt::Key_Right, Qt::AltModifier);
        QTRY_COMPARE(m_version, 1);
        QCOMPARE(m_view->bubble(0)->versionLabel()->text(), u"2 / 2"_s);
        QTRY_VERIFY(m_view->bubble(0)->previousVersion()->hasFocus());
        // Alt+Right again: there is no third version, nothing is asked for.
        QTest::keyClick(m_view->bubble(0)->previousVersion(), Qt::Key_Right, Qt::AltModifier);
        QTest::qWait(0);
        QCOMPARE(m_asked.size(), 1);
        QTest::keyClick(m_view->bubble(0)->previousVersion(), Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(m_version, 0);
        QCOMPARE(m_asked, (QList<std::pair<int, int>> { { 0, +1 }, { 0, -1 } }));

        // In the reply: its own versions, not the question's.
        m_view->bubble(1)->body()->setFocus();
        QTRY_VERIFY(m_view->bubble(1)->body()->hasFocus());
        QTest::keyClick(m_view->bubble(1)->body(), Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(m_asked.size(), 3);
        QCOMPARE(m_asked.constLast(), std::make_pair(1, -1));
        QCOMPARE(m_version, 0);
    }
};

QTEST_MAIN(TestMessageBubble)
#include "test_message_bubble.moc"
