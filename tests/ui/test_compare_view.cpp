// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Comparing routes in the window, offscreen, on the built-in simulator: the picker, three
// columns side by side, "Use this answer" continuing the conversation, Esc.
#include "CompareActions.h"
#include "ComparePickerDialog.h"
#include "CompareView.h"
#include "ComparisonColumn.h"
#include "Composer.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "chat/ComparisonController.h"
#include "route/RouteFile.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int comparisonTimeoutMs = 20'000;

// Two routes of the person's besides the demo route, on the demo scenario's models:
// Llama is served by Groq at once; Qwen is refused by Cerebras, then Llama serves.
const QStringList savedRoutes {
    uR"({"name": "Llama", "steps": [{"model": "meta-llama/llama-3.3-70b-instruct"}]})"_s,
    uR"({"name": "Qwen then Llama", "steps": [{"model": "qwen/qwen3-235b-a22b-thinking-2507"},
        {"model": "meta-llama/llama-3.3-70b-instruct"}]})"_s,
};

} // namespace

class TestCompareView final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;

    CompareActions *compare() const { return m_window->compareActions(); }
    CompareView *view() const { return compare()->view(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        const QString settingsPath = m_dir->filePath(u"detour.ini"_s);
        {
            Settings settings(settingsPath);
            for (const QString &json : savedRoutes) {
                const Result<RoutePlan> plan = RouteFile::read(json.toUtf8());
                QVERIFY2(plan, qPrintable(plan.error()));
                QVERIFY(settings.routeLibrary().setRoute(*plan));
            }
        }
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = settingsPath });
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow(); // the window's shortcuts (Esc) need it active
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    // The picker lists the route library with the current route ticked; Compare needs two
    // to four; the keyboard ticks.
    void pickerStartsFromTheCurrentRoute()
    {
        QVERIFY(!view()->isVisible());
        compare()->action()->trigger();
        ComparePickerDialog *dialog = compare()->dialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QListWidget *list = dialog->list();
        QCOMPARE(list->count(), 3);
        QCOMPARE(dialog->chosenNames(), QStringList { u"demo"_s });
        QPushButton *ok = dialog->findChild<QPushButton *>(u"compareOkButton"_s);
        QVERIFY(!ok->isEnabled());

        list->setFocus();
        list->setCurrentRow(1);
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(dialog->chosenNames().size(), 2);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        ComparisonController *controller = compare()->controller();
        QVERIFY(controller->isComparing());
        QCOMPARE(controller->routes().size(), 2);
        QStringList names;
        for (const RoutePlan &plan : controller->routes())
            names << plan.name;
        QVERIFY(names.contains(u"demo"_s)); // in the list's order, which is the library's
        QVERIFY(view()->isVisible());
        QVERIFY(view()->hint()->isVisible());
        QVERIFY(view()->columns().isEmpty());
    }

    // The question goes to three routes; three columns stream and finish, each with its
    // badge and its attempts in the inspector under the route's name; using one answer
    // continues the conversation with it, stored, and the next message goes on from there.
    void threeColumnsThenContinueWithOne()
    {
        QVERIFY(compare()->compare({ u"demo"_s, u"Llama"_s, u"Qwen then Llama"_s }));
        ComparisonController *controller = compare()->controller();
        QSignalSpy finished(controller->comparison(), &RouteComparison::finished);
        QPlainTextEdit *editor = m_window->composer()->editor();
        QTest::keyClicks(editor, u"Which route is best?"_s);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(editor->toPlainText().isEmpty());
        QCOMPARE(view()->columns().size(), 3);
        QVERIFY(m_window->session()->messages().isEmpty()); // not sent to the chat's route
        QVERIFY(finished.wait(comparisonTimeoutMs));

        const QList<ComparisonColumn *> columns = view()->columns();
        QStringList routes;
        for (ComparisonColumn *column : columns) {
            routes << column->routeName();
            QVERIFY(column->isVisible());
            QVERIFY2(!column->body()->toPlainText().isEmpty(), qPrintable(column->routeName()));
            QVERIFY(column->badge()->text().contains(u"tok/s"_s));
            QVERIFY(column->useButton()->isEnabled());
            QVERIFY(column->useButton()->focusPolicy() & Qt::TabFocus);
        }
        QCOMPARE(routes, QStringList({ u"demo"_s, u"Llama"_s, u"Qwen then Llama"_s }));
        QVERIFY(columns[0]->badge()->text().startsWith(u"Groq"_s));
        QVERIFY(columns[0]->attemptsLine()->text().contains(u"Chutes"_s));
        QVERIFY(columns[2]->attemptsLine()->text().contains(u"Cerebras"_s));
        QVERIFY(view()->summary()->isVisible());
        QVERIFY2(view()->summary()->text().startsWith(u"First token: "_s),
            qPrintable(view()->summary()->text()));

        // Every column's attempts are in the inspector, tagged with its route.
        AttemptTableModel *attempts = m_window->attempts();
        QStringList tagged;
        for (int row = 0; row < attempts->rowCount(); ++row)
            tagged << attempts->index(row, AttemptTableModel::Turn).data().toString();
        for (const QString &route : routes) {
            QVERIFY2(std::any_of(tagged.cbegin(), tagged.cend(),
                         [&](const QString &turn) { return turn.endsWith(u" · "_s + route); }),
                qPrintable(tagged.join(u", "_s)));
        }

        // Continue with Llama's answer.
        const QString llama = controller->comparison()->column(1).result.content;
        QTest::mouseClick(columns[1]->useButton(), Qt::LeftButton);
        QVERIFY(!controller->isComparing());
        QTRY_VERIFY(!view()->isVisible());
        const QList<ChatSession::Message> &messages = m_window->session()->messages();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].message.content, u"Which route is best?"_s);
        QCOMPARE(messages[1].message.content, llama);
        QVERIFY(messages[1].result && messages[1].result->served()->provider == u"Groq"_s);
        QCOMPARE(m_window->session()->outgoing().size(), 2);

        // Kept in the history: the question, then the three answers as siblings under it,
        // the one picked last and on the branch on screen.
        QTRY_VERIFY(m_window->conversationId() != 0);
        const Result<ConversationRecord> stored =
            m_window->store()->load(m_window->conversationId());
        QVERIFY(stored);
        QCOMPARE(stored->messages.size(), 4);
        QCOMPARE(stored->turns.size(), 3);
        ConversationTree tree(*m_window->store());
        const Result<QList<StoredMessage>> branch = tree.branch(m_window->conversationId());
        QVERIFY(branch);
        QCOMPARE(branch->size(), 2);
        QCOMPARE(branch->at(1).content, llama);
        const Result<ConversationTree::Siblings> siblings = tree.siblings(branch->at(1).id);
        QVERIFY(siblings);
        QCOMPARE(siblings->count(), 3);
        QCOMPARE(siblings->index, 2);
        QStringList answers;
        for (const StoredMessage &message : stored->messages) {
            if (message.role == u"assistant"_s)
                answers << message.content;
        }
        QVERIFY(answers.contains(controller->comparison()->column(0).result.content));
        QVERIFY(answers.contains(controller->comparison()->column(2).result.content));

        // The next message goes to the chat's own route, after the answer picked.
        QSignalSpy turnFinished(m_window->session(), &ChatSession::turnFinished);
        QTest::keyClicks(editor, u"Thanks"_s);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(turnFinished.wait(comparisonTimeoutMs));
        QCOMPARE(m_window->session()->messages().size(), 4);
        QByteArray body; // the last request for a reply (stats are fetched after it)
        for (const SimRequest &request : m_window->simulator()->requests()) {
            if (request.path().endsWith("/chat/completions"))
                body = request.body;
        }
        QVERIFY(body.contains("Which route is best?"));
        QVERIFY(body.contains("\"role\":\"assistant\""));
    }

    // Esc with nothing running leaves compare mode; the composer sends to the chat again.
    void escapeLeavesCompareMode()
    {
        QVERIFY(compare()->compare({ u"demo"_s, u"Llama"_s }));
        QVERIFY(view()->isVisible());
        QTest::keyClick(m_window->composer()->editor(), Qt::Key_Escape);
        QVERIFY(!compare()->controller()->isComparing());
        QVERIFY(!view()->isVisible());

        QSignalSpy turnFinished(m_window->session(), &ChatSession::turnFinished);
        QTest::keyClicks(m_window->composer()->editor(), u"Hello"_s);
        QTest::keyClick(m_window->composer()->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(turnFinished.wait(comparisonTimeoutMs));
        QCOMPARE(m_window->session()->messages().size(), 2);
    }

    void compareNeedsTwoToFourRoutes()
    {
        const Result<> one = compare()->compare({ u"demo"_s });
        QVERIFY(!one);
        QVERIFY(one.error().contains(u"2 to 4"_s));
        QVERIFY(!compare()->controller()->isComparing());
        QVERIFY(!view()->isVisible());
    }
};

QTEST_MAIN(TestCompareView)
#include "test_compare_view.moc"
