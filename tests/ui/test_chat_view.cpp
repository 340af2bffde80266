// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttachmentChip.h"
#include "AttachmentStrip.h"
#include "AttachmentThumbnails.h"
#include "ChatView.h"
#include "MarkdownView.h"
#include "MessageBubble.h"
#include "ThinkingSection.h"
#include "route/TurnBadge.h"
#include "sim/SimServer.h"

#include <QBuffer>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QPointer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int longConversation = 400;

// Questions and served replies, as a reopened conversation holds them.
QList<ChatSession::Message> conversation(int count)
{
    QList<ChatSession::Message> messages;
    for (int index = 0; index < count; ++index) {
        const int turn = index / 2 + 1;
        if (index % 2 == 0) {
            messages.append({ { u"user"_s, u"Question %1"_s.arg(index) },
                TurnResult::Status::Served, turn, {}, {}, {} });
            continue;
        }
        TurnResult result;
        result.status = TurnResult::Status::Served;
        result.content = u"Reply %1\n\n- a point\n- another\n\n```\ncode %1\n```\n"_s.arg(index);
        Attempt served;
        served.provider = u"Groq"_s;
        served.servedModel = served.requestedModel = u"moonshotai/kimi-k2"_s;
        served.httpStatus = 200;
        result.attempts = { served };
        result.servedAttempt = 0;
        messages.append({ { u"assistant"_s, result.content }, TurnResult::Status::Served, turn, {},
            result, {} });
    }
    return messages;
}

QToolButton *button(MessageBubble *bubble, const QString &text)
{
    for (QToolButton *candidate : bubble->findChildren<QToolButton *>(Qt::FindDirectChildrenOnly))
        if (candidate->text() == text)
            return candidate;
    return nullptr;
}

} // namespace

class TestChatView final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_session = std::make_unique<ChatSession>(&m_engine);
        m_view = std::make_unique<ChatView>(m_session.get());
        m_view->resize(700, 500);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void userMessagesShowTheirAttachmentsAsChips()
    {
        QImage image(20, 10, QImage::Format_RGB32);
        image.fill(Qt::green);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        const Result<Attachment> picture = AttachmentLoader::fromData(u"chart.png"_s, png);
        const Result<Attachment> notes =
            AttachmentLoader::fromData(u"notes.md"_s, "# Notes\n\nsome text\n");
        QVERIFY(picture && notes);
        // As a reopened conversation holds it: the message carries its attachments.
        QList<ChatSession::Message> messages = conversation(4);
        messages[0].message.attachments = { *picture, *notes };
        messages[2].message.content.clear(); // attachments only
        messages[2].message.attachments = { *picture };
        m_session->setMessages(messages);
        QTRY_VERIFY(m_view->bubble(0) && m_view->bubble(2));

        AttachmentStrip *strip = m_view->bubble(0)->attachments();
        QVERIFY(strip);
        QVERIFY(strip->isVisible());
        QCOMPARE(strip->count(), 2);
        QCOMPARE(strip->chip(0)->attachment().fileName, u"chart.png"_s);
        QVERIFY(!strip->chip(0)->findChild<QLabel *>(u"attachmentThumbnail"_s)->pixmap().isNull());
        QCOMPARE(strip->chip(1)->attachment().fileName, u"notes.md"_s);
        QCOMPARE(strip->chip(1)->findChild<QLabel *>(u"attachmentSize"_s)->text(),
            AttachmentChip::sizeText(notes->size()));
        QVERIFY(!strip->chip(0)->removeButton()); // read-only in the transcript
        QCOMPARE(m_view->bubble(2)->attachments()->count(), 1);
        QVERIFY(!m_view->bubble(1)->attachments()); // a reply has none

        // The same picture again, and the conversation shown again: decoded once.
        const int decoded = AttachmentThumbnails::decodedCount();
        m_session->setMessages(messages);
        QTRY_VERIFY(m_view->bubble(0) && m_view->bubble(0)->attachments());
        QCOMPARE(AttachmentThumbnails::decodedCount(), decoded);
    }

    void cleanup()
    {
        m_view.reset();
        m_session.reset();
    }

    void opensWithTheNewestMessagesOnly()
    {
        m_session->setMessages(conversation(longConversation));
        QCOMPARE(m_view->bubbleCount(), ChatView::initialBubbles);
        QCOMPARE(m_view->firstLoaded(), longConversation - ChatView::initialBubbles);
        QVERIFY(!m_view->bubble(0));
        MessageBubble *last = m_view->bubble(longConversation - 1);
        QVERIFY(last);
        QVERIFY(last->body()->toPlainText().startsWith(u"Reply %1"_s.arg(longConversation - 1)));
        QVERIFY(last->badge()->text().startsWith(u"Groq"_s));
        // The view sits at the newest message.
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(!m_view->findChild<QLabel *>(u"emptyState"_s)->isVisible());
    }

    void scrollingUpLoadsOlderMessagesWithoutMovingTheView()
    {
        m_session->setMessages(conversation(longConversation));
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        // Page up until the very first message has a bubble and is at the top.
        for (int page = 0; page < 2000 && (m_view->firstLoaded() > 0 || bar->value() > 0); ++page) {
            bar->setValue(std::max(0, bar->value() - bar->pageStep()));
            const QPointer<MessageBubble> anchor = bubbleAtTop();
            QVERIFY(anchor);
            const int onScreen = anchor->mapTo(m_view->viewport(), QPoint()).y();
            QTest::qWait(1);
            // Whatever was added above or dropped below, the bubble in view stays where it was.
            QVERIFY(anchor);
            QCOMPARE(anchor->mapTo(m_view->viewport(), QPoint()).y(), onScreen);
            QVERIFY2(m_view->bubbleCount() <= keptAtMost,
                qPrintable(u"%1 bubbles"_s.arg(m_view->bubbleCount())));
        }
        QCOMPARE(m_view->firstLoaded(), 0);
        QCOMPARE(bar->value(), 0);
        QCOMPARE(m_view->bubble(0)->body()->toPlainText(), u"Question 0"_s);
        // The newest ones far below were dropped on the way up.
        QVERIFY(!m_view->bubble(longConversation - 1));
        for (int index = 0; index <= m_view->lastLoaded(); ++index)
            QCOMPARE(m_view->bubble(index)->index(), index);
    }

    void scrollingDownLoadsNewerMessagesAndDropsOlder()
    {
        m_session->setMessages(conversation(longConversation));
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        for (int page = 0; page < 2000 && (m_view->firstLoaded() > 0 || bar->value() > 0); ++page) {
            bar->setValue(0);
            QTest::qWait(1);
        }
        QCOMPARE(m_view->firstLoaded(), 0);
        // Page down to the newest message.
        for (int page = 0; page < 4000
             && (m_view->lastLoaded() < longConversation - 1 || bar->value() < bar->maximum());
             ++page) {
            bar->setValue(bar->value() + bar->pageStep());
            const QPointer<MessageBubble> anchor = bubbleAtTop();
            QVERIFY(anchor);
            const int onScreen = anchor->mapTo(m_view->viewport(), QPoint()).y();
            QTest::qWait(1);
            QVERIFY(anchor);
            // (Within a few pixels of the newest message's end, the view snaps to it.)
            const bool atNewest =
                m_view->lastLoaded() == longConversation - 1 && bar->value() == bar->maximum();
            if (!atNewest)
                QCOMPARE(anchor->mapTo(m_view->viewport(), QPoint()).y(), onScreen);
            QVERIFY2(m_view->bubbleCount() <= keptAtMost,
                qPrintable(u"%1 bubbles"_s.arg(m_view->bubbleCount())));
        }
        QCOMPARE(m_view->lastLoaded(), longConversation - 1);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(m_view->firstLoaded() > 0);
        for (int index = m_view->firstLoaded(); index < longConversation; ++index)
            QCOMPARE(m_view->bubble(index)->index(), index);
        // Back at the newest message, the view follows what is added there.
        const int first = m_view->firstLoaded();
        m_session->send(u"Another question"_s);
        QCOMPARE(m_view->firstLoaded(), first); // appended, not rebuilt
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(m_view->bubble(longConversation + 1));
    }

    void returningToTheNewestMessageDropsOldBubbles()
    {
        m_session->setMessages(conversation(longConversation));
        QScrollBar *bar = m_view->verticalScrollBar();
        for (int page = 0; page < 200 && m_view->firstLoaded() > longConversation - 100; ++page) {
            bar->setValue(0);
            QTest::qWait(1);
        }
        QVERIFY(m_view->firstLoaded() <= longConversation - 100);
        for (int page = 0; page < 2000
             && (m_view->lastLoaded() < longConversation - 1 || bar->value() < bar->maximum());
             ++page) {
            bar->setValue(bar->maximum());
            QTest::qWait(1);
        }
        QCOMPARE(bar->value(), bar->maximum());
        QTRY_VERIFY(m_view->bubbleCount() < 60);
        QCOMPARE(bar->value(), bar->maximum());
        QVERIFY(m_view->bubble(longConversation - 1));
    }

    void aNewMessageWhileReadingFarUpShowsTheNewest()
    {
        m_session->setMessages(conversation(longConversation));
        QScrollBar *bar = m_view->verticalScrollBar();
        for (int page = 0; page < 2000 && m_view->firstLoaded() > 0; ++page) {
            bar->setValue(0);
            QTest::qWait(1);
        }
        QVERIFY(!m_view->bubble(longConversation - 1));
        m_session->send(u"Another question"_s); // no route: the turn fails at once, no matter
        QCOMPARE(m_view->bubble(longConversation)->body()->toPlainText(), u"Another question"_s);
        QVERIFY(m_view->bubble(longConversation + 1));
        QCOMPARE(m_view->lastLoaded(), longConversation + 1);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    // Away from the newest message, the "Newest" button and Ctrl+End bring the view back
    // in one step, from just above it (all loaded) or from far up (newest not loaded).
    void jumpingToTheNewestMessage_data()
    {
        QTest::addColumn<bool>("farUp");
        QTest::addColumn<bool>("byKeyboard");
        QTest::addRow("near, button") << false << false;
        QTest::addRow("near, Ctrl+End") << false << true;
        QTest::addRow("far up, button") << true << false;
        QTest::addRow("far up, Ctrl+End") << true << true;
    }

    void jumpingToTheNewestMessage()
    {
        QFETCH(bool, farUp);
        QFETCH(bool, byKeyboard);
        m_session->setMessages(conversation(longConversation));
        auto *jump = m_view->findChild<QToolButton *>(u"jumpToNewest"_s);
        QVERIFY(jump);
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(!jump->isVisible()); // already there
        if (farUp) {
            for (int page = 0; page < 2000 && m_view->firstLoaded() > 0; ++page) {
                bar->setValue(0);
                QTest::qWait(1);
            }
            QVERIFY(!m_view->bubble(longConversation - 1));
        } else {
            bar->setValue(bar->maximum() - bar->pageStep());
        }
        QVERIFY(jump->isVisible());
        // In the view, below its messages: over them it would hide text.
        QVERIFY(m_view->rect().contains(jump->geometry()));
        QVERIFY(!m_view->viewport()->geometry().intersects(jump->geometry()));
        if (byKeyboard) {
            m_view->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
            m_view->setFocus();
            QTest::keyClick(m_view.get(), Qt::Key_End, Qt::ControlModifier);
        } else {
            QTest::mouseClick(jump, Qt::LeftButton);
        }
        QCOMPARE(m_view->lastLoaded(), longConversation - 1);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(!jump->isVisible());
        QVERIFY(m_view->bubbleCount() <= keptAtMost);
        // And the view follows the newest message again.
        m_session->send(u"Another question"_s);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QVERIFY(!jump->isVisible());
    }

    void olderBubblesKeepTheirActions()
    {
        m_session->setMessages(conversation(longConversation));
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        for (int page = 0; page < 2000 && m_view->firstLoaded() > 0; ++page) {
            bar->setValue(0);
            QTest::qWait(1);
        }
        QSignalSpy edit(m_view.get(), &ChatView::editRequested);
        QSignalSpy turn(m_view.get(), &ChatView::turnSelected);
        MessageBubble *question = m_view->bubble(2);
        button(question, u"Edit"_s)->click();
        QCOMPARE(edit.size(), 1);
        QCOMPARE(edit.first().at(0).toInt(), 2);
        QCOMPARE(edit.first().at(1).toString(), u"Question 2"_s);
        MessageBubble *reply = m_view->bubble(3);
        button(reply, u"Copy"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_session->messages()[3].message.content);
        QCOMPARE(reply->badge()->text(), TurnBadge::text(*m_session->messages()[3].result));
        QTest::mouseClick(reply->badge(), Qt::LeftButton);
        QCOMPARE(turn.size(), 1);
        QCOMPARE(turn.first().at(0).toInt(), 2);
    }

    // Bubbles that scroll far away are hidden and shown again for other messages (a
    // score of widgets each: reused rather than made anew). Whatever a bubble showed
    // before, it shows its own message after: text, role, badge, versions, thinking,
    // and its actions report that message. Each row varies what the messages carry.
    void reusedBubblesShowTheirOwnMessage_data()
    {
        QTest::addColumn<int>("every"); // messages with the trait: one in `every`
        QTest::addRow("plain") << 0;
        QTest::addRow("some replies thought, some messages have versions") << 3;
        QTest::addRow("most replies thought, most messages have versions") << 2;
    }

    void reusedBubblesShowTheirOwnMessage()
    {
        QFETCH(int, every);
        QList<ChatSession::Message> messages = conversation(longConversation);
        for (int index = 0; every > 0 && index < messages.size(); ++index) {
            if (index % every != 0)
                continue;
            messages[index].sibling = 1;
            messages[index].siblings = 3;
            if (messages[index].message.role == "assistant"_L1)
                messages[index].reasoning = u"Thoughts about %1"_s.arg(index);
        }
        m_session->setMessages(messages);
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        const auto made = [this] {
            return m_view->widget()->findChildren<MessageBubble *>().size();
        };
        qsizetype mostMade = 0;
        for (int page = 0; page < 2000 && (m_view->firstLoaded() > 0 || bar->value() > 0); ++page) {
            bar->setValue(std::max(0, bar->value() - bar->pageStep()));
            QTest::qWait(1);
            mostMade = std::max(mostMade, made());
        }
        QCOMPARE(m_view->firstLoaded(), 0);
        for (int page = 0; page < 2000 && (!m_view->bubble(longConversation / 2)); ++page) {
            bar->setValue(bar->value() + bar->pageStep());
            QTest::qWait(1);
            mostMade = std::max(mostMade, made());
        }
        // Far fewer bubbles were ever alive than messages were shown.
        QVERIFY2(mostMade <= keptAtMost + 20, qPrintable(u"%1 bubbles"_s.arg(mostMade)));
        QSignalSpy edit(m_view.get(), &ChatView::editRequested);
        QSignalSpy turn(m_view.get(), &ChatView::turnSelected);
        for (int index = m_view->firstLoaded(); index <= m_view->lastLoaded(); ++index) {
            MessageBubble *shown = m_view->bubble(index);
            const ChatSession::Message &message = messages[index];
            const bool user = message.message.role == "user"_L1;
            QCOMPARE(shown->index(), index);
            QVERIFY(shown->isVisible());
            QCOMPARE(shown->objectName(), user ? u"userMessage"_s : u"assistantMessage"_s);
            QVERIFY(shown->body()->toPlainText().startsWith(
                user ? u"Question %1"_s.arg(index) : u"Reply %1"_s.arg(index)));
            QCOMPARE(shown->versionLabel()->isVisibleTo(shown), message.siblings > 1);
            if (message.siblings > 1)
                QCOMPARE(shown->versionLabel()->text(), u"2 / 3"_s);
            if (user) {
                edit.clear();
                button(shown, u"Edit"_s)->click();
                QCOMPARE(edit.size(), 1);
                QCOMPARE(edit.first().at(0).toInt(), index);
                QCOMPARE(edit.first().at(1).toString(), message.message.content);
                continue;
            }
            QCOMPARE(shown->thinking()->isVisibleTo(shown), !message.reasoning.isEmpty());
            QCOMPARE(shown->thinking()->text(), message.reasoning);
            if (!message.reasoning.isEmpty())
                QVERIFY(!shown->thinking()->isExpanded()); // closed: the answer is there
            QCOMPARE(shown->badge()->text(), TurnBadge::text(*message.result));
            button(shown, u"Copy"_s)->click();
            QCOMPARE(QGuiApplication::clipboard()->text(), message.message.content);
            turn.clear();
            QTest::mouseClick(shown->badge(), Qt::LeftButton);
            QCOMPARE(turn.size(), 1);
            QCOMPARE(turn.first().at(0).toInt(), message.turn);
            // Its code block has its own Copy button, with its own code.
            QTRY_COMPARE(shown->body()->codeBlockRects().size(), 1);
        }
    }

    void shortConversationsAreWhole()
    {
        m_session->setMessages(conversation(4));
        QCOMPARE(m_view->bubbleCount(), 4);
        QCOMPARE(m_view->firstLoaded(), 0);
        m_session->setMessages({});
        QCOMPARE(m_view->bubbleCount(), 0);
        QVERIFY(m_view->findChild<QLabel *>(u"emptyState"_s)->isVisibleTo(m_view.get()));
    }

    // Close to the newest message, the "Newest" button shows, and the last lines are
    // what the person is reading towards: the button covers none of the last bubble's text.
    void theNewestButtonHidesNoText_data()
    {
        QTest::addColumn<int>("fromBottom"); // pixels above the end
        QTest::addRow("a line above the end") << 20;
        QTest::addRow("half a screen above") << 250;
    }

    void theNewestButtonHidesNoText()
    {
        QFETCH(int, fromBottom);
        m_session->setMessages(conversation(12));
        auto *jump = m_view->findChild<QToolButton *>(u"jumpToNewest"_s);
        QScrollBar *bar = m_view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > fromBottom);
        bar->setValue(bar->maximum() - fromBottom);
        QTRY_VERIFY(jump->isVisible());
        // Whatever part of any message is in view, the button is not over it.
        int inView = 0;
        for (int index = m_view->firstLoaded(); index <= m_view->lastLoaded(); ++index) {
            const MarkdownView *body = m_view->bubble(index)->body();
            const QRect text(body->mapTo(m_view.get(), QPoint()), body->size());
            const QRect shown = text.intersected(m_view->viewport()->geometry());
            if (shown.isEmpty())
                continue;
            ++inView;
            QVERIFY2(!shown.intersects(jump->geometry()),
                qPrintable(u"message %1 under the button"_s.arg(index)));
        }
        QVERIFY(inView > 0);
        // Back at the end, the strip goes and the messages have the whole height again.
        m_view->scrollToNewest();
        QTRY_VERIFY(!jump->isVisible());
        QCOMPARE(m_view->viewport()->height(), m_view->height());
    }

    // The person's own line breaks are kept (Markdown would join the lines), and their
    // Markdown still works.
    void theUsersLineBreaksSurvive_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<int>("lines"); // laid out, in the whole document
        QTest::addRow("two lines") << u"a\nb"_s << u"a\nb"_s << 2;
        QTest::addRow("a poem") << u"roses\nare\nred"_s << u"roses\nare\nred"_s << 3;
        QTest::addRow("paragraphs stay paragraphs") << u"a\n\nb"_s << u"a\nb"_s << 2;
        QTest::addRow("code is not touched")
            << u"see\n```\nx = 1\ny = 2\n```"_s << u"see\nx = 1\ny = 2"_s << 3;
    }

    void theUsersLineBreaksSurvive()
    {
        QFETCH(QString, typed);
        QFETCH(QString, shown);
        QFETCH(int, lines);
        m_session->setMessages(
            { { { u"user"_s, typed }, TurnResult::Status::Served, 1, {}, {}, {} } });
        MarkdownView *body = m_view->bubble(0)->body();
        QCOMPARE(body->toPlainText(), shown);
        QTextDocument *document = body->document();
        document->setTextWidth(600);
        document->size(); // laid out
        int laidOut = 0;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next())
            laidOut += block.layout()->lineCount();
        QCOMPARE(laidOut, lines);
        if (typed.contains(u"```"_s)) { // no trailing spaces were added to the code
            QCOMPARE(document->lastBlock().text(), u"y = 2"_s);
            QVERIFY(MarkdownStreamer::isCodeBlock(document->lastBlock()));
        }
    }

    // "Waiting for the route…" until the first words come, then the reply itself; once it
    // ends, the badge sits below the text, not over its last line.
    void theWaitingLineGoesAndTheBadgeStaysBelowTheText()
    {
        QString reply;
        for (int paragraph = 0; paragraph < 12; ++paragraph)
            reply += u"Paragraph %1 of the reply, long enough to wrap in a narrow bubble "
                     "and to take a while to stream.\n\n"_s.arg(paragraph);
        reply += u"The last line."_s;
        SimServer sim;
        QVERIFY(sim.listen());
        const nlohmann::json scenario = { { "reply", reply.toStdString() },
            { "models", { { { "id", "test/model" }, { "providers", { "Groq" } } } } },
            { "providers",
                { { "Groq",
                    { { "latency_ms", 200 }, { "tokens_per_second", 400 },
                        { "script", { { { "kind", "serve" } } } } } } } } };
        const Result<> scenarioSet = sim.setScenario(QByteArray::fromStdString(scenario.dump()));
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"test/model"_s, {}, {} }, true });
        m_session->setPlan(plan);
        QSignalSpy finished(m_session.get(), &ChatSession::turnFinished);
        QVERIFY(m_session->send(u"Tell me"_s));
        QTRY_VERIFY(m_view->bubble(1));
        MessageBubble *bubble = m_view->bubble(1);
        QTRY_COMPARE(bubble->badge()->text(), u"Waiting for the route…"_s);
        QVERIFY(bubble->badge()->isVisibleTo(bubble));
        // Text arrives: the waiting line goes while the rest streams.
        QTRY_VERIFY(!bubble->body()->toPlainText().isEmpty());
        QTRY_VERIFY(!bubble->badge()->isVisibleTo(bubble));
        QVERIFY(finished.isEmpty()); // still streaming
        QVERIFY(finished.wait(20'000));
        QTRY_VERIFY(bubble->body()->toPlainText().endsWith(u"The last line."_s));
        QTRY_VERIFY(bubble->badge()->isVisibleTo(bubble));
        QVERIFY(bubble->badge()->text().startsWith(u"Groq"_s));
        // Right away, the next frame: the body is as tall as its text, and the badge below it.
        QTest::qWait(20);
        const MarkdownView *body = bubble->body();
        QVERIFY2(body->height() >= int(body->document()->size().height()),
            qPrintable(u"body %1 px for %2 px of text"_s.arg(body->height())
                           .arg(body->document()->size().height())));
        QTRY_VERIFY(bubble->badge()->geometry().top() >= body->geometry().bottom());
    }

    // The slim attempts line: what the route went through, at a glance, and a way to the
    // inspector for that turn.
    void theAttemptsLineShowsTheWayAndOpensTheTurn()
    {
        QList<ChatSession::Message> messages = conversation(2);
        TurnResult &result = *messages[1].result;
        Attempt refused;
        refused.provider = u"Chutes"_s;
        refused.requestedModel = u"moonshotai/kimi-k2:free"_s;
        refused.outcome = Outcome::RateLimitedUpstream;
        refused.httpStatus = 429;
        result.attempts[0].stepIndex = 1;
        result.attempts.prepend(refused);
        result.servedAttempt = 1;
        m_session->setMessages(messages);
        MessageBubble *reply = m_view->bubble(1);
        QLabel *line = reply->attemptsLine();
        QVERIFY(line);
        QVERIFY(line->isVisibleTo(reply));
        QCOMPARE(line->accessibleDescription(), TurnBadge::attemptsLine(result));
        QCOMPARE(line->accessibleDescription(), u"✗ Chutes 429 → ✓ Groq"_s);
        QVERIFY(line->text().contains(u"Chutes"_s)); // shown, coloured
        QSignalSpy turn(m_view.get(), &ChatView::turnSelected);
        QTest::mouseClick(line, Qt::LeftButton);
        QCOMPARE(turn.size(), 1);
        QCOMPARE(turn.first().first().toInt(), 1);
        // And from the keyboard.
        QCOMPARE(line->focusPolicy(), Qt::TabFocus);
        QTest::keyClick(line, Qt::Key_Return);
        QCOMPARE(turn.size(), 2);
        // A reply one request served shows no line: the badge says it all.
        m_session->setMessages(conversation(2));
        QVERIFY(!m_view->bubble(1)->attemptsLine()->isVisibleTo(m_view->bubble(1)));
    }

    // A code block is drawn on a background of its own, from the palette.
    void codeBlocksHaveABackground()
    {
        m_session->setMessages(conversation(2));
        MessageBubble *reply = m_view->bubble(1);
        MarkdownView *body = reply->body();
        QTRY_COMPARE(body->codeBlockRects().size(), 1);
        const QRect rect = body->codeBlockRects().first();
        const QImage image = body->viewport()->grab().toImage();
        // Right of the code's text, inside the block: the code background, not the bubble's.
        const QColor seen = image.pixelColor(rect.right() - 3, rect.center().y());
        const QColor expected = MarkdownView::codeBackground(
            reply->palette().color(reply->backgroundRole()), body->palette().color(QPalette::Text));
        QVERIFY2(qAbs(seen.lightness() - expected.lightness()) <= 2,
            qPrintable(seen.name() + u" vs "_s + expected.name()));
        QVERIFY(seen != reply->palette().color(reply->backgroundRole()));
    }

    // A reply streamed from a server, through the session into the view, names images on
    // disk and on a loopback server: the bubble shows neither, and nothing is fetched.
    // (test_markdown_view checks MarkdownView alone; this is the whole path.)
    void aStreamedReplyFetchesNoImage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"private.png"_s);
        constexpr int side = 400; // a bubble holding the image would be this tall
        QImage image(side, side, QImage::Format_RGB32);
        image.fill(Qt::blue);
        QVERIFY(image.save(path));
        QTcpServer tracker;
        QVERIFY(tracker.listen(QHostAddress::LocalHost));
        const QStringList urls { QUrl::fromLocalFile(path).toString(), path,
            u"http://127.0.0.1:%1/pixel.png"_s.arg(tracker.serverPort()) };
        const QString reply = u"Here: ![a](%1) ![b](%2) ![c](%3) <img src=\"%1\"> "
                              "<img src=\"%3\">\n\nThe end."_s.arg(urls[0], urls[1], urls[2]);

        SimServer sim;
        QVERIFY(sim.listen());
        const nlohmann::json scenario = { { "reply", reply.toStdString() },
            { "models", { { { "id", "test/model" }, { "providers", { "Groq" } } } } },
            { "providers", { { "Groq", { { "script", { { { "kind", "serve" } } } } } } } } };
        const Result<> scenarioSet = sim.setScenario(QByteArray::fromStdString(scenario.dump()));
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"test/model"_s, {}, {} }, true });
        m_session->setPlan(plan);
        QSignalSpy finished(m_session.get(), &ChatSession::turnFinished);
        QVERIFY(m_session->send(u"Show me"_s));
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().at(1).value<TurnResult>().status, TurnResult::Status::Served);

        MessageBubble *bubble = m_view->bubble(1);
        QVERIFY(bubble);
        QTRY_VERIFY(bubble->body()->toPlainText().contains(u"The end."_s));
        m_view->grab(); // laid out and painted
        QTextDocument *document = bubble->body()->document();
        for (const QString &url : urls) {
            const QVariant held = document->resource(QTextDocument::ImageResource, QUrl(url));
            QVERIFY2(!held.isValid() || qvariant_cast<QImage>(held).size() == QSize(1, 1),
                qPrintable(url));
        }
        QVERIFY2(document->size().height() < side,
            qPrintable(u"the reply is %1 px tall"_s.arg(document->size().height())));
        // Only a connection already made could still be waiting to be accepted.
        QVERIFY(!tracker.waitForNewConnection(50));
        QVERIFY(!tracker.hasPendingConnections());
    }

private:
    // A few screenfuls around the view, never the whole conversation.
    static constexpr int keptAtMost = 100;

    // The bubble at the top edge of the view.
    MessageBubble *bubbleAtTop() const
    {
        const int top = m_view->verticalScrollBar()->value();
        for (int index = m_view->firstLoaded(); index <= m_view->lastLoaded(); ++index) {
            MessageBubble *candidate = m_view->bubble(index);
            if (candidate->geometry().bottom() >= top)
                return candidate;
        }
        return nullptr;
    }

    RouteEngine m_engine;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<ChatView> m_view;
};

QTEST_MAIN(TestChatView)
#include "test_chat_view.moc"
