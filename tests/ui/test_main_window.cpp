// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The window against the built-in simulator, offscreen.
#include "ChatView.h"
#include "Composer.h"
#include "ConversationListWidget.h"
#include "ConversationSettingsActions.h"
#include "Fixtures.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "MessageBubble.h"
#include "ProviderHealthWidget.h"
#include "QuickSwitcher.h"
#include "RouteEditorWidget.h"
#include "SavedPromptsButton.h"
#include "SidePanel.h"
#include "SystemPromptBar.h"
#include "ThinkingSection.h"
#include "chat/ConnectionController.h"
#include "chat/ConversationListModel.h"
#include "chat/QuickSwitchModel.h"
#include "endpoints/Catalog.h"
#include "health/CooldownModel.h"
#include "health/ProviderHealthModel.h"
#include "settings/LocalServerPresets.h"
#include "settings/PromptLibrary.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QString cell(QAbstractItemModel *model, int row, int column)
{
    return model->data(model->index(row, column)).toString();
}

QAction *fixAction(InspectorWidget *inspector, const QString &startsWith)
{
    for (QAction *action : inspector->fixActions()) {
        if (action->text().startsWith(startsWith))
            return action;
    }
    return nullptr;
}

// Stands in for the browser: QDesktopServices hands it the URLs it would open.
class UrlRecorder final : public QObject {
    Q_OBJECT

public:
    QList<QUrl> opened;
    Q_INVOKABLE void open(const QUrl &url) { opened.append(url); }
};

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_dir; // fresh per test: history, settings and catalog cache

    void sendAndWait(const QString &text)
    {
        QSignalSpy finished(m_window->session(), &ChatSession::turnFinished);
        m_window->composer()->editor()->setPlainText(text);
        m_window->composer()->findChild<QPushButton *>(u"sendButton"_s)->click();
        QVERIFY(finished.wait(15'000));
        QTRY_VERIFY(!m_window->session()->isBusy());
    }

    // The served attempt's row in the inspector, once the turn is done.
    int rowWithOutcome(const QString &outcome)
    {
        AttemptTableModel *model = m_window->attempts();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (cell(model, row, AttemptTableModel::OutcomeColumn) == outcome)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = m_dir->filePath(u"detour.ini"_s) });
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void emptyStateTeaches()
    {
        auto *empty = m_window->chatView()->findChild<QLabel *>(u"emptyState"_s);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(u"simulated"_s));
        QVERIFY(empty->text().contains(u"moonshotai/kimi-k2:free"_s));
        QCOMPARE(m_window->findChild<QLabel *>(u"modeStatus"_s)->text(), u"Simulated"_s);
        // The catalog (here: the simulator's) feeds the model picker and the key line.
        QTRY_VERIFY(m_window->routeEditor()->findChild<QLineEdit *>(u"stepModel"_s)->completer());
        QTRY_VERIFY(
            m_window->findChild<QLabel *>(u"keyStatus"_s)->toolTip().contains(u"free tier"_s));
    }

    void demoTurnFillsBadgeAndInspector()
    {
        sendAndWait(u"Hello"_s);
        ChatView *chat = m_window->chatView();
        QCOMPARE(chat->bubbleCount(), 2);
        QTRY_VERIFY(chat->bubble(1)->badge()->text().startsWith(
            u"Groq · moonshotai/kimi-k2 · after 2 fallbacks"_s));
        QVERIFY(!chat->bubble(1)->body()->toPlainText().isEmpty());

        AttemptTableModel *model = m_window->attempts();
        QCOMPARE(cell(model, 0, AttemptTableModel::Provider), u"Chutes"_s);
        QCOMPARE(cell(model, 0, AttemptTableModel::OutcomeColumn),
            outcomeLabel(Outcome::RateLimitedUpstream));
        QCOMPARE(cell(model, 0, AttemptTableModel::Status), u"429"_s);
        QCOMPARE(cell(model, 1, AttemptTableModel::Provider), u"Groq"_s);
        QCOMPARE(cell(model, 1, AttemptTableModel::OutcomeColumn), outcomeLabel(Outcome::Served));
        // OpenRouter's own refusal inside the served request is there too, marked server-side.
        QTRY_VERIFY(model->rowCount() >= 4);
        QVERIFY(model->data(model->index(2, 0), AttemptTableModel::ServerSideRole).toBool());
        QCOMPARE(cell(model, 2, AttemptTableModel::Provider), u"Cerebras"_s);

        // Clicking the badge selects the turn in the inspector and explains the refusal.
        QTest::mouseClick(chat->bubble(1)->badge(), Qt::LeftButton);
        InspectorWidget *inspector = m_window->inspector();
        inspector->table()->selectRow(0);
        QVERIFY(inspector->findChild<QLabel *>(u"diagnosis"_s)->text().contains(u"BYOK"_s));
        QVERIFY(inspector->details()->toPlainText().contains(u"rate-limited upstream"_s));
        // The report is rendered there, not shown as its Markdown source.
        QVERIFY(inspector->details()->toPlainText().contains(u"Chutes"_s));
        QVERIFY(!inspector->details()->toPlainText().contains(u"|---|"_s));
        QVERIFY(!inspector->details()->toPlainText().contains(u"### "_s));
    }

    void healthPanelFollowsTurnsAndCooldowns()
    {
        SidePanel *panel = m_window->sidePanel();
        QVERIFY(!panel->isVisible());
        QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(panel->isVisible());
        auto *health = qobject_cast<ProviderHealthWidget *>(panel->currentPage());
        QVERIFY(health);
        QCOMPARE(health->healthModel()->rowCount(), 0);
        QVERIFY(health->healthModel()->emptyText().startsWith(u"No attempts recorded yet"_s));

        sendAndWait(u"Hello"_s);
        // Chutes refused, Cerebras refused inside OpenRouter, Groq served.
        QTRY_COMPARE(health->healthModel()->rowCount(), 3);
        QCOMPARE(health->cooldownModel()->rowCount(), 1);
        QCOMPARE(health->cooldownModel()->entry(0).provider, u"Chutes"_s);
        health->cooldownModel()->clearRow(0);
        QCOMPARE(health->cooldownModel()->rowCount(), 0);
    }

    void reorderingChangesThePreview()
    {
        RouteEditorWidget *editor = m_window->routeEditor();
        editor->selectStep(0);
        QVERIFY(
            editor->preview()->toPlainText().contains(u"\"model\": \"moonshotai/kimi-k2:free\""_s));
        QVERIFY(m_window->routeSteps()->moveStep(0, 1));
        editor->selectStep(0);
        QVERIFY(editor->preview()->toPlainText().contains(u"\"model\": \"moonshotai/kimi-k2\""_s));
        // By keyboard: Ctrl+Shift+R opens the editor; Alt+Down on the list moves the step back.
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(editor->isVisible());
        editor->stepList()->setFocus();
        QTest::keyClick(editor->stepList(), Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(m_window->routeSteps()->plan().steps[1].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_window->session()->plan().steps[0].target.model, u"moonshotai/kimi-k2:free"_s);
        // The copy-as code follows the route as shown.
        QVERIFY(editor->copyAsText().indexOf(u"kimi-k2:free"_s)
            < editor->copyAsText().indexOf(u"\"moonshotai/kimi-k2\""_s));
    }

    void fixButtonsChangeTheRoute_data()
    {
        QTest::addColumn<QString>("fix");
        QTest::addRow("move down") << u"Move step 1 down"_s;
        QTest::addRow("paid variant") << u"Try the paid variant"_s;
    }

    // A fix changes the route once: afterwards it is disabled and says why, so a
    // second click cannot undo it (moving the paid step down again).
    void fixButtonsChangeTheRoute()
    {
        QFETCH(QString, fix);
        sendAndWait(u"Hello"_s);
        InspectorWidget *inspector = m_window->inspector();
        inspector->table()->selectRow(rowWithOutcome(outcomeLabel(Outcome::RateLimitedUpstream)));
        QAction *action = fixAction(inspector, fix);
        QVERIFY2(action, qPrintable(fix));
        QVERIFY(action->isEnabled());
        action->trigger();
        const QList<RouteStep> &steps = m_window->routeSteps()->plan().steps;
        if (fix.startsWith(u"Move"_s))
            QCOMPARE(steps[1].target.model, u"moonshotai/kimi-k2:free"_s);
        else
            QCOMPARE(steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_window->session()->plan(), m_window->routeSteps()->plan());
        QAction *again = fixAction(inspector, fix);
        QVERIFY2(again, qPrintable(fix));
        QVERIFY(!again->isEnabled());
        QVERIFY2(again->toolTip().contains(u"no longer asks for moonshotai/kimi-k2:free"_s),
            qPrintable(again->toolTip()));
    }

    // Fixes that would change nothing, or leave a step no provider, are not offered.
    void fixesThatWouldNotHelpAreDisabled()
    {
        Catalog *catalog = m_window->catalog();
        QVERIFY(catalog);
        catalog->refreshEndpoints(u"moonshotai/kimi-k2:free"_s);
        QTRY_VERIFY(catalog->hasEndpoints(u"moonshotai/kimi-k2:free"_s));
        sendAndWait(u"Hello"_s);
        InspectorWidget *inspector = m_window->inspector();
        inspector->table()->selectRow(rowWithOutcome(outcomeLabel(Outcome::RateLimitedUpstream)));
        // OpenRouter may already fall back (the default): nothing to change.
        QAction *fallbacks = fixAction(inspector, u"Allow OpenRouter fallbacks"_s);
        QVERIFY(fallbacks);
        QVERIFY(!fallbacks->isEnabled());
        QVERIFY(fallbacks->toolTip().contains(u"already"_s));
        // Chutes is the free model's only provider: ignoring it would break the step.
        QAction *ignore = fixAction(inspector, u"Ignore Chutes"_s);
        QVERIFY(ignore);
        QVERIFY(!ignore->isEnabled());
        QVERIFY2(ignore->toolTip().contains(u"no provider that serves"_s),
            qPrintable(ignore->toolTip()));
        const RoutePlan before = m_window->routeSteps()->plan();
        ignore->trigger(); // a disabled action does nothing
        QCOMPARE(m_window->routeSteps()->plan(), before);
    }

    void movingTheFailingStepDownAvoidsThe429()
    {
        sendAndWait(u"First"_s);
        m_window->routeSteps()->moveStep(0, 1);
        m_window->simulator()->clearRequests();
        sendAndWait(u"Second"_s);
        const TurnResult &result = *m_window->session()->messages().constLast().result;
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts[0].requestedModel, u"moonshotai/kimi-k2"_s);
    }

    void stopCancelsWithinOneEventLoopTurn()
    {
        QVERIFY(m_window->simulator()->setScenario(fixtures::quoted(
            "{'models':[{'id':'moonshotai/kimi-k2:free','providers':['Slow']},{'id':'moonshotai/"
            "kimi-k2','providers':['Slow']}],"
            "'providers':{'Slow':{'script':[{'kind':'stall','phase':'before_first_token'}]}}}")));
        QSignalSpy started(m_window->session(), &ChatSession::attemptStarted);
        QTest::qWait(
            200); // let the catalog's requests finish; their idle keep-alive connections stay
        const int idleConnections = m_window->simulator()->openConnections();
        m_window->composer()->editor()->setPlainText(u"Wait for it"_s);
        m_window->composer()->findChild<QPushButton *>(u"sendButton"_s)->click();
        QVERIFY(started.wait(5000));
        QVERIFY(m_window->session()->isBusy());
        QTest::keyClick(m_window->composer()->editor(), Qt::Key_Escape);
        QVERIFY(!m_window->session()->isBusy()); // synchronous: no event-loop turn needed
        QCOMPARE(m_window->session()->messages().constLast().status, TurnResult::Status::Cancelled);
        // The stalled stream's connection is closed, not left hanging.
        QTRY_VERIFY(m_window->simulator()->openConnections() <= idleConnections);
    }

    void retryFixRegenerates()
    {
        sendAndWait(u"Hello"_s);
        InspectorWidget *inspector = m_window->inspector();
        inspector->table()->selectRow(rowWithOutcome(outcomeLabel(Outcome::RateLimitedUpstream)));
        QAction *retry = fixAction(inspector, u"Retry"_s);
        QVERIFY(retry);
        QSignalSpy started(m_window->session(), &ChatSession::turnStarted);
        retry->trigger();
        QVERIFY(started.wait(5000));
        QCOMPARE(m_window->session()->messages().size(), 2); // the reply is replaced, not appended
    }

    void localServerIsAddedOnlyWhenItAnswers()
    {
        SimServer local; // stands in for Ollama: it answers GET /models on loopback
        QVERIFY(local.listen());
        m_window->connection()->addLocalServer({ u"Test server"_s,
            { u"local"_s, EndpointKind::OpenAiCompatible, local.baseUrl(), QString() } });
        QTRY_COMPARE(m_window->routeSteps()->plan().steps.size(), 3);
        const RouteStep &added = m_window->routeSteps()->plan().steps.constLast();
        QCOMPARE(added.endpointId, u"local"_s);
        QVERIFY(!added.target.model.isEmpty());
        QVERIFY(m_window->routeSteps()->plan().endpoint(u"local"_s));

        QUrl closed = local.baseUrl();
        closed.setPort(1); // nothing listens there
        // The "nobody answers" message box runs its own event loop: a timer closes it as
        // soon as it is up, and the test waits for that instead of for a fixed time.
        QString told;
        QTimer closer;
        closer.setInterval(10);
        connect(&closer, &QTimer::timeout, this, [&told] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                told = box->text();
                box->close();
            }
        });
        closer.start();
        m_window->connection()->addLocalServer(
            { u"Nobody"_s, { u"nobody"_s, EndpointKind::OpenAiCompatible, closed, QString() } });
        QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 30'000);
        closer.stop();
        QCOMPARE(m_window->routeSteps()->plan().steps.size(), 3);
    }

    void fallThroughIsPolicy()
    {
        auto *upstream =
            m_window->routeEditor()->findChild<QCheckBox *>(u"fallThrough_rate_limited_upstream"_s);
        QVERIFY(upstream && upstream->isChecked());
        upstream->setChecked(false);
        QVERIFY(
            !m_window->session()->plan().policy.fallThrough.contains(Outcome::RateLimitedUpstream));
        sendAndWait(u"Hello"_s);
        const TurnResult &result = *m_window->session()->messages().constLast().result;
        QCOMPARE(result.status, TurnResult::Status::Failed); // the 429 now ends the turn
        QCOMPARE(result.attempts.size(), 1);
    }

    // Simulated mode sends a remote endpoint to the simulator but keeps a server the person
    // runs on this computer, and the route editor says which is which (issue 13).
    void simulatedModeKeepsTheServerOnThisComputer()
    {
        QVERIFY(m_window->isSimulated());
        SimServer own; // stands in for the person's llama.cpp server on 127.0.0.1
        QVERIFY(own.listen());
        QVERIFY(own.setScenario(SimServer::builtinScenario(u"demo"_s)));
        RoutePlan plan;
        plan.name = u"mine"_s;
        plan.endpoints = {
            { u"mine"_s, EndpointKind::OpenAiCompatible, own.baseUrl(), {} },
            { u"remote"_s, EndpointKind::OpenAiCompatible, QUrl(u"https://api.example.com/v1"_s),
                u"REMOTE_KEY"_s },
        };
        plan.steps = { { u"mine"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true },
            { u"remote"_s, { u"some/model"_s, {}, {} }, true } };
        m_window->routeSteps()->setPlan(plan);
        const RoutePlan sent = m_window->session()->plan();
        QCOMPARE(sent.endpoints[0].baseUrl, own.baseUrl());
        QCOMPARE(sent.endpoints[1].baseUrl, m_window->simulator()->baseUrl());
        QVERIFY(sent.endpoints[1].keyEnv.isEmpty());
        QCOMPARE(m_window->routeSteps()->destination(0),
            u"→ your server at 127.0.0.1:%1, not the simulator"_s.arg(own.baseUrl().port()));
        QVERIFY(m_window->routeSteps()->destination(1).startsWith(u"→ built-in simulator"_s));
        // The status bar names where requests go, too.
        const QString status = m_window->findChild<QLabel *>(u"endpointStatus"_s)->toolTip();
        QVERIFY2(!status.contains(u"api.example.com"_s), qPrintable(status));

        sendAndWait(u"Hello, my own server"_s);
        QCOMPARE(m_window->session()->messages().constLast().status, TurnResult::Status::Served);
        int ownRequests = 0;
        for (const SimRequest &request : own.requests())
            ownRequests += request.path().endsWith("/chat/completions") ? 1 : 0;
        QCOMPARE(ownRequests, 1);
    }

    void routeEditsAreSavedAndComeBack()
    {
        QVERIFY(m_window->routeSteps()->moveStep(0, 1));
        const QString settings = m_dir->filePath(u"detour.ini"_s);
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = settings });
        QCOMPARE(m_window->routeSteps()->plan().steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_window->session()->plan().steps[0].target.model, u"moonshotai/kimi-k2"_s);
        // The saved route runs on the simulator, whatever base URL it was saved with.
        QCOMPARE(
            m_window->session()->plan().endpoints[0].baseUrl, m_window->simulator()->baseUrl());
    }

    void turnsAreKeptAndReopen()
    {
        sendAndWait(u"Remember me"_s);
        ConversationStore *store = m_window->store();
        QVERIFY(store);
        const qint64 id = m_window->conversationId();
        QVERIFY(id > 0);
        // The conversation the first message created is the highlighted one in the list.
        const auto *list = m_window->findChild<ConversationListWidget *>();
        QVERIFY(list);
        QCOMPARE(list->currentConversation(), id);
        QTRY_COMPARE(
            list->list()->currentIndex().data(ConversationListModel::IdRole).toLongLong(), id);
        QTRY_VERIFY(store->turns(id).valueOr({}).size() == 1
            && store->turns(id).valueOr({}).first().attempts.size() == 2);
        const QList<StoredMessage> stored = store->messages(id).valueOr({});
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored[0].content, u"Remember me"_s);
        QCOMPARE(stored[1].content, m_window->session()->messages()[1].message.content);

        // A fresh window on the same database shows the conversation with its trace.
        m_window = std::make_unique<MainWindow>(MainWindow::Options { .simulated = true,
            .traceFile = {},
            .databasePath = m_dir->filePath(u"history.sqlite3"_s),
            .cacheDirectory = m_dir->filePath(u"cache"_s),
            .settingsPath = m_dir->filePath(u"detour.ini"_s) });
        m_window->openConversation(id);
        QCOMPARE(m_window->session()->messages().size(), 2);
        QVERIFY(m_window->session()->messages()[1].result.has_value());
        QCOMPARE(m_window->attempts()
                     ->data(m_window->attempts()->index(0, AttemptTableModel::Provider))
                     .toString(),
            u"Chutes"_s);
    }

    // Chat > Conversation settings… (Ctrl+Shift+S): the dialog's system prompt shows over
    // the transcript, goes out first, asks the simulator to reason, and comes back with the
    // conversation, its Thinking section folded above the answer.
    void conversationSettingsFromTheChatMenu()
    {
        QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(m_window->conversationSettings()->dialog());
        ConversationSettingsDialog *dialog = m_window->conversationSettings()->dialog();
        auto *prompt = dialog->findChild<QPlainTextEdit *>(u"systemPrompt"_s);
        prompt->setFocus();
        QTest::keyClicks(prompt, u"Answer like a sailor."_s);
        auto *effort = dialog->findChild<QComboBox *>(u"reasoningEffort"_s);
        effort->setCurrentIndex(effort->findData(u"high"_s));
        dialog->accept();
        QCOMPARE(m_window->session()->settings().systemPrompt, u"Answer like a sailor."_s);
        auto *bar = m_window->findChild<SystemPromptBar *>(u"systemPromptBar"_s);
        QVERIFY(bar->isVisible());
        QVERIFY(
            m_window->routeEditor()->preview()->toPlainText().contains(u"Answer like a sailor."_s));

        sendAndWait(u"Ahoy?"_s);
        MessageBubble *reply = m_window->chatView()->bubble(1);
        QVERIFY(reply);
        QTRY_VERIFY(reply->thinking()->isVisible());
        QVERIFY(!reply->thinking()->isExpanded());
        const qint64 id = m_window->conversationId();
        QCOMPARE(m_window->store()->conversation(id)->settings.reasoning.effort, u"high"_s);

        // File > New chat: no prompt.
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::New))
                action->trigger();
        }
        QVERIFY(bar->isHidden());
        m_window->openConversation(id);
        QVERIFY(bar->isVisible());
        QTRY_VERIFY(m_window->chatView()->bubble(1));
        QVERIFY(m_window->chatView()->bubble(1)->thinking()->isVisible());
    }

    // Ctrl+K opens the quick switcher over the window; a model picked there becomes this
    // conversation's route, and the route editor's preview shows it.
    void quickSwitcherFromCtrlK()
    {
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        auto *switcher = m_window->findChild<QuickSwitcher *>(u"quickSwitcher"_s);
        QVERIFY(switcher);
        QTRY_VERIFY(switcher->isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), switcher->filter());
        // The simulator's catalog arrives; its paid Kimi is the one to use alone.
        QTest::keyClicks(switcher->filter(), u"moonshotai/kimi-k2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(switcher->list()->model()->rowCount() > 0, 10'000);
        int paid = -1;
        const QAbstractItemModel *model = switcher->list()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(QuickSwitchModel::NameRole) == u"moonshotai/kimi-k2"_s)
                paid = row;
        }
        QVERIFY(paid >= 0);
        for (int step = 0; step < paid; ++step)
            QTest::keyClick(switcher->filter(), Qt::Key_Down);
        QTest::keyClick(switcher->filter(), Qt::Key_Return);
        QVERIFY(!switcher->isVisible());
        QCOMPARE(m_window->session()->plan().steps.size(), 1);
        QCOMPARE(m_window->session()->plan().steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QVERIFY(
            m_window->routeEditor()->preview()->toPlainText().contains(u"moonshotai/kimi-k2"_s));
    }

    // The route's default prompt (Route editor ▸ Defaults) is the conversation's until it
    // has its own; the bar's Prompts menu gives it one from the library, kept with it.
    void routeDefaultsAndSavedPromptsInTheWindow()
    {
        auto *edit = m_window->routeEditor()->findChild<QPushButton *>(u"editRouteDefaults"_s);
        QVERIFY(edit);
        edit->click();
        auto *defaults = m_window->routeEditor()->findChild<ConversationSettingsDialog *>(
            u"routeDefaultsDialog"_s);
        QVERIFY(defaults);
        defaults->findChild<QPlainTextEdit *>(u"systemPrompt"_s)->setPlainText(u"Route voice."_s);
        defaults->accept();
        QCOMPARE(m_window->session()->plan().defaults.systemPrompt, u"Route voice."_s);
        QVERIFY(m_window->session()->settings().systemPrompt.isEmpty());
        QCOMPARE(m_window->session()->effectiveSettings().systemPrompt, u"Route voice."_s);
        auto *bar = m_window->findChild<SystemPromptBar *>(u"systemPromptBar"_s);
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(m_window->routeEditor()->preview()->toPlainText().contains(u"Route voice."_s));

        // Its dialog shows the route's prompt beneath the conversation's empty field.
        QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(m_window->conversationSettings()->dialog());
        ConversationSettingsDialog *dialog = m_window->conversationSettings()->dialog();
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(u"systemPrompt"_s)->placeholderText(),
            u"Route default: Route voice."_s);
        QVERIFY(dialog->findChild<QComboBox *>(u"savedPrompts"_s));
        dialog->reject();

        SavedPromptsButton *prompts = bar->savedPromptsButton();
        Q_EMIT prompts->promptMenu()->aboutToShow();
        const PromptLibrary::Prompt brief = PromptLibrary::starterPrompts().first();
        prompts->promptMenu()->actions().first()->trigger();
        QCOMPARE(m_window->session()->settings().systemPrompt, brief.text);
        QVERIFY(m_window->routeEditor()->preview()->toPlainText().contains(brief.text.left(20)));
        QVERIFY(!m_window->routeEditor()->preview()->toPlainText().contains(u"Route voice."_s));
        QCOMPARE(m_window->conversationSettings()->library()->filePath(),
            m_dir->filePath(u"prompts.json"_s));

        // The composer's button (for the window to place) picks the same way.
        QWidget holder;
        SavedPromptsButton *composerButton =
            m_window->conversationSettings()->promptButton(&holder);
        QCOMPARE(m_window->conversationSettings()->promptButton(&holder), composerButton);
        Q_EMIT composerButton->promptMenu()->aboutToShow();
        for (QAction *action : composerButton->promptMenu()->actions()) {
            if (action->text() == u"No system prompt"_s)
                action->trigger();
        }
        QVERIFY(m_window->session()->settings().systemPrompt.isEmpty());
        QCOMPARE(m_window->session()->effectiveSettings().systemPrompt, u"Route voice."_s);
    }

    // A search result opens its conversation at the hit: the old message's bubble is made
    // (it is far above the few a conversation opens with), brought into view at the match,
    // and the words searched for are highlighted in it.
    void searchResultLandsOnTheHit()
    {
        ConversationStore *store = m_window->store();
        QVERIFY(store);
        const int count = 3 * ChatView::initialBubbles;
        const int old = 3;
        const auto id = store->createConversation(u"Long chat"_s);
        QVERIFY(id);
        for (int i = 0; i < count; ++i) {
            QString text = u"Message %1 about nothing in particular."_s.arg(i);
            if (i == old) // the match well below the bubble's top
                text = u"Old one.\n\n"_s + QString(u"Padding paragraph.\n\n"_s).repeated(30)
                    + u"Mind the **Zebra** crossing."_s;
            QVERIFY(store->addUserMessage(*id, text));
        }
        QVERIFY(store->createConversation(u"Other chat"_s));

        auto *list = m_window->findChild<ConversationListWidget *>();
        list->focusSearch();
        QTest::keyClicks(list->searchField(), u"zebra"_s);
        QTest::keyClick(list->searchField(), Qt::Key_Return);
        QCOMPARE(m_window->conversationId(), *id);
        QCOMPARE(m_window->session()->messages().size(), count);

        ChatView *view = m_window->chatView();
        QCOMPARE(view->highlightedMessage(), old);
        MessageBubble *bubble = view->bubble(old);
        QVERIFY(bubble);
        QVERIFY(bubble->isVisible());
        const auto matchInView = [&] {
            const QList<QTextEdit::ExtraSelection> marks = bubble->body()->extraSelections();
            if (marks.size() != 1)
                return false;
            const QRect at = bubble->body()->cursorRect(marks.first().cursor);
            const QRect inView(
                bubble->body()->viewport()->mapTo(view->viewport(), at.topLeft()), at.size());
            return view->viewport()->rect().contains(inView);
        };
        QVERIFY(matchInView());
        // The view stays there as the bubbles around it are made.
        QTest::qWait(200);
        QVERIFY(view->bubble(old));
        QVERIFY(matchInView());

        const QTextEdit::ExtraSelection mark = bubble->body()->extraSelections().first();
        QCOMPARE(mark.cursor.selectedText(), u"Zebra"_s);
        QCOMPARE(mark.format.background(), MessageBubble::searchHitFormat().background());
        QTextCursor at(bubble->body()->document());
        at.setPosition(mark.cursor.selectionStart() + 1);
        QCOMPARE(at.charFormat().fontWeight(), QFont::Bold); // the Markdown, under the mark
        QCOMPARE(bubble->body()->document()->find(u"zebra"_s).selectionStart(),
            mark.cursor.selectionStart());

        // Enter on the result again after scrolling away lands there again.
        view->scrollToNewest();
        QTRY_VERIFY(!view->bubble(old) || !matchInView());
        QTest::keyClick(list->list(), Qt::Key_Return);
        bubble = view->bubble(old);
        QVERIFY(bubble);
        QVERIFY(matchInView());

        // Sending a message is moving on: the highlight goes.
        sendAndWait(u"Thanks"_s);
        QCOMPARE(view->highlightedMessage(), -1);
        if (MessageBubble *still = view->bubble(old))
            QVERIFY(still->body()->extraSelections().isEmpty());
    }

    void editAndResendReplacesTheTail()
    {
        sendAndWait(u"First question"_s);
        QCOMPARE(m_window->session()->messages().size(), 2);
        auto *edit = m_window->chatView()->bubble(0)->findChildren<QToolButton *>().value(1);
        QVERIFY(edit);
        QCOMPARE(edit->text(), u"Edit"_s);
        QTRY_VERIFY(edit->isEnabled()); // enabled again on the next frame after the turn
        edit->click();
        QCOMPARE(m_window->composer()->editor()->toPlainText(), u"First question"_s);
        QSignalSpy finished(m_window->session(), &ChatSession::turnFinished);
        m_window->composer()->editor()->setPlainText(u"Better question"_s);
        QTest::keyClick(m_window->composer()->editor(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(finished.wait(15'000));
        QCOMPARE(m_window->session()->messages().size(), 2);
        QCOMPARE(m_window->session()->messages()[0].message.content, u"Better question"_s);
    }

    void linksOpenOnlyWhenAllowedAndConfirmed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<bool>("confirm");
        QTest::addRow("https, confirmed") << u"https://openrouter.ai/docs"_s << true << true;
        QTest::addRow("https, declined") << u"https://openrouter.ai/docs"_s << true << false;
        QTest::addRow("mailto, confirmed") << u"mailto:someone@example.com"_s << true << true;
        QTest::addRow("javascript") << u"javascript:alert(1)"_s << false << true;
        QTest::addRow("file") << u"file:///etc/passwd"_s << false << true;
    }

    void linksOpenOnlyWhenAllowedAndConfirmed()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QFETCH(bool, confirm);
        UrlRecorder browser;
        const QStringList schemes { u"http"_s, u"https"_s, u"mailto"_s, u"javascript"_s,
            u"file"_s };
        for (const QString &scheme : schemes)
            QDesktopServices::setUrlHandler(scheme, &browser, "open");
        QString question;
        QTimer answer; // answers the question box once it is up
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            QVERIFY(browser.opened.isEmpty()); // nothing opens while the question is up
            box->button(confirm ? QMessageBox::Yes : QMessageBox::No)->click();
        });
        answer.start(20);
        Q_EMIT m_window->chatView()->linkActivated(QUrl(url)); // a click in a reply
        answer.stop();
        for (const QString &scheme : schemes)
            QDesktopServices::unsetUrlHandler(scheme);

        QCOMPARE(!question.isEmpty(), allowed);
        if (allowed)
            QVERIFY2(question.contains(QUrl(url).toDisplayString()), qPrintable(question));
        QCOMPARE(browser.opened, allowed && confirm ? QList<QUrl> { QUrl(url) } : QList<QUrl>());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
