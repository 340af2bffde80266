// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MainWindow.h"

#include "ChatView.h"
#include "ColorSchemeMenu.h"
#include "CompareActions.h"
#include "Composer.h"
#include "ConnectCard.h"
#include "ConnectionPanel.h"
#include "ConversationListWidget.h"
#include "ConversationSettingsActions.h"
#include "HistoryWriteBanner.h"
#include "InspectorWidget.h"
#include "LanguageMenu.h"
#include "LinkOpener.h"
#include "PaneFocus.h"
#include "ProviderHealthWidget.h"
#include "QuickSwitchActions.h"
#include "RehearsalDock.h"
#include "RouteEditorWidget.h"
#include "SavedPromptsButton.h"
#include "SidePanel.h"
#include "SimulatorBanner.h"
#include "StatusLine.h"
#include "TransferActions.h"
#include "WindowLayout.h"
#include "chat/ConversationListModel.h"
#include "chat/FixController.h"
#include "chat/RouteChoices.h"
#include "chat/WelcomeText.h"
#include "endpoints/Catalog.h"
#include "route/TraceJson.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"
#include "store/ProviderHealthQuery.h"

#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_keyRing(options.secretStore ? options.secretStore : &m_keychain)
    , m_session(&m_engine)
    , m_traceFile(options.traceFile)
{
    setObjectName(u"mainWindow"_s);
    m_engine.setReachability(&m_reachability, RouteEngine::Offline::Wait); // Stop cancels
    m_status = new StatusLine(statusBar());
    m_settings = std::make_unique<Settings>(
        options.settingsPath.isEmpty() ? Settings::defaultFilePath() : options.settingsPath);
    // Always there: the simulated mode talks to it, and rehearsals do in either mode.
    m_simulator = std::make_unique<SimServer>();
    m_simulator->setScenario(SimServer::builtinScenario(u"demo"_s));
    if (!m_simulator->listen())
        QMessageBox::critical(
            this, tr("Detour"), tr("The built-in simulator could not listen on 127.0.0.1."));
    const bool simulated = options.simulated
        || (options.lookForStoredKey && m_settings->simulatedMode() == Settings::SimulatedMode::On);
    const Endpoint openRouter { ConnectionPanel::endpointId(), EndpointKind::OpenRouter,
        options.openRouterUrl, u"OPENROUTER_API_KEY"_s };
    m_routes =
        new RouteChoices(&m_settings->routeLibrary(), &m_steps, &m_session, openRouter, this);
    m_routes->setSimulator(simulated ? m_simulator->baseUrl() : QUrl());

    openHistory(options.databasePath);
    m_conversation = new ConversationController(
        &m_session, &m_attempts, m_history.store(), m_history.keeper(), this);
    m_fixes = new FixController(&m_session, &m_steps, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    if (m_history.store()) {
        m_conversations = std::make_unique<ConversationListModel>(m_history.store());
        m_conversationList = new ConversationListWidget(m_conversations.get(), m_splitter);
    }
    QWidget *listPane =
        m_conversationList ? static_cast<QWidget *>(m_conversationList) : new QWidget(m_splitter);
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(createTranscriptColumn());
    createSidePanel();
    setCentralWidget(m_splitter);
    m_routes->select(m_settings->routeLibrary().defaultRouteName()); // the views are there
    m_connectionMode = new ConnectionController(&m_engine, &m_keyRing, m_settings.get(), m_routes,
        &m_steps, { m_simulator->baseUrl(), openRouter, options.cacheDirectory }, this);
    createConnectionDialog();
    m_transfers = new TransferActions(m_history.store(), m_routes, this);
    connect(
        m_transfers, &TransferActions::conversationImported, this, &MainWindow::openConversation);
    connect(m_transfers, &TransferActions::message, this, &MainWindow::showNotice);
    m_layout = new WindowLayout(this, m_splitter, listPane, m_sidePanel, m_settings.get());
    m_layout->conversationsAction()->setEnabled(m_conversationList != nullptr);
    createMenus();
    connectChat();
    m_panes = new PaneFocus(this);
    m_panes->setPanes({ listPane, m_chat, m_composer, m_sidePanel });

    if (m_settings->file().status() != SettingsFile::Status::Ok)
        showMessage(m_settings->file().statusMessage(), StatusLine::warningMs);
    applyMode(isSimulated());
    m_layout->restore();
    m_composer->editor()->setFocus();
    if (options.lookForStoredKey)
        m_connectionMode->adoptStoredKey();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createTranscriptColumn()
{
    auto *column = new QWidget(m_splitter);
    column->setObjectName(u"transcriptColumn"_s);
    m_banner = new SimulatorBanner(column);
    m_connectCard = new ConnectCard(column);
    m_chatSettings = new ConversationSettingsActions(m_conversation, &m_session, this, *m_settings);
    m_chat = new ChatView(&m_session, column);
    m_composer = new Composer(column);
    m_composer->setSendWithEnter(m_settings->sendWithEnter());
    m_composer->setRoutes(m_routes);
    m_composer->addFooterTool(m_chatSettings->promptButton(m_composer));
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    if (m_historyBanner)
        layout->addWidget(m_historyBanner);
    layout->addWidget(m_banner);
    layout->addWidget(m_connectCard);
    layout->addWidget(m_chatSettings->promptBar());
    layout->addWidget(m_chat, 1);
    layout->addWidget(m_composer);
    return column;
}

void MainWindow::createSidePanel()
{
    m_sidePanel = new SidePanel(m_splitter);
    m_splitter->addWidget(m_sidePanel);
    m_inspector = new InspectorWidget(&m_attempts, m_sidePanel);
    m_routeEditor = new RouteEditorWidget(
        &m_steps, m_sidePanel, m_keyRing.secrets(), m_history.providerHealth());
    m_chatSettings->previewIn(m_routeEditor);
    auto *health =
        new ProviderHealthWidget(m_history.providerHealth(), &m_engine.cooldowns(), m_sidePanel);
    health->follow(&m_engine);
    m_rehearsal = new RehearsalDock(m_simulator.get(), &m_steps, m_sidePanel);
    m_inspectorAction = m_sidePanel->addPage(
        m_inspector, tr("Inspector"), tr("Error &inspector"), Qt::CTRL | Qt::Key_I);
    m_routeEditorAction = m_sidePanel->addPage(
        m_routeEditor, tr("Route"), tr("Route &editor"), Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    m_healthAction = m_sidePanel->addPage(
        health, tr("Health"), tr("Provider &health"), Qt::CTRL | Qt::SHIFT | Qt::Key_H);
    m_rehearsalAction = m_sidePanel->addPage(m_rehearsal, tr("Rehearsal"), tr("Re&hearsal"), {});
}

void MainWindow::createConnectionDialog()
{
    m_connectionDialog =
        new ConnectionDialog(&m_keyRing, m_engine.network(), m_connectionMode, this);
    m_connection = m_connectionDialog->panel();
    connect(m_connectionDialog, &ConnectionDialog::message, this, &MainWindow::showNotice);
    connect(m_banner, &SimulatorBanner::addKeyRequested, this, &MainWindow::showConnectionPanel);
    connect(m_connectCard, &ConnectCard::addKeyRequested, this, &MainWindow::showConnectionPanel);
    connect(m_connectCard, &ConnectCard::simulatorChosen, m_connectionMode,
        &ConnectionController::keepSimulated);
    connect(m_connection, &ConnectionPanel::keySaved, this, &MainWindow::updateStatus);
    connect(m_connectionMode, &ConnectionController::localServerAdded, this, &MainWindow::showStep);
    connect(m_connectionMode, &ConnectionController::modeChanged, this, &MainWindow::applyMode);
    connect(
        m_connectionMode, &ConnectionController::keyNeeded, this, &MainWindow::updateEmptyState);
    connect(m_settings.get(), &Settings::simulatedModeChanged, this, &MainWindow::updateEmptyState);
    const auto catalogChanged = [this](Catalog *catalog) {
        m_routeEditor->setCatalog(catalog);
        m_fixes->setCatalog(catalog);
        if (catalog)
            connect(catalog, &Catalog::keyChanged, this, &MainWindow::updateStatus);
    };
    connect(m_connectionMode, &ConnectionController::catalogChanged, this, catalogChanged);
    catalogChanged(m_connectionMode->catalog());
    connect(m_connectionMode, &ConnectionController::message, this, &MainWindow::showNotice);
    connect(&m_keyRing, &KeyRing::loaded, this, &MainWindow::updateStatus);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New chat"), QKeySequence::New, this, &MainWindow::newChat);
    file->addAction(tr("&Export conversation…"), Qt::CTRL | Qt::Key_E, this,
        [this] { m_transfers->exportConversation(m_conversation->conversationId()); });
    file->addActions(m_transfers->importActions()); // Detour's own JSON, other clients' history
    file->addSeparator();
    file->addAction(tr("&Find in conversations"), QKeySequence::Find, this, [this] {
        if (m_conversationList) {
            m_conversationList->show();
            m_conversationList->focusSearch();
        }
    });
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    chat->addAction(tr("Write a &message"), Qt::CTRL | Qt::Key_L, this,
        [this] { m_composer->editor()->setFocus(); });
    QuickSwitchActions::addTo(chat, m_routes, m_settings.get(), m_connectionMode, m_composer);
    m_compare = CompareActions::addTo(chat, this); // Stop (Esc) and Compare routes…
    chat->addAction(tr("&Regenerate"), Qt::CTRL | Qt::Key_R, &m_session, &ChatSession::regenerate);
    chat->addAction(m_chatSettings->action());
    QAction *enterSends = chat->addAction(tr("&Enter sends (Shift+Enter for a newline)"));
    enterSends->setCheckable(true);
    enterSends->setChecked(m_settings->sendWithEnter());
    connect(enterSends, &QAction::toggled, this, [this](bool on) {
        m_settings->setSendWithEnter(on);
        m_composer->setSendWithEnter(on);
    });

    QMenu *routes = menuBar()->addMenu(tr("&Route"));
    routes->addAction(m_routeEditorAction);
    routes->addAction(tr("&Save route as…"), m_transfers, &TransferActions::saveRouteAs);
    routes->addAction(tr("&Import route file…"), m_transfers, &TransferActions::importRoute);
    routes->addAction(
        tr("&Export route file…"), m_transfers, [this] { m_transfers->exportRoute(false); });
    routes->addAction(tr("Export as OpenRouter &request body…"), m_transfers,
        [this] { m_transfers->exportRoute(true); });
    routes->addSeparator();
    routes->addAction(tr("Re&hearse this route"), this, [this] {
        m_sidePanel->showPage(m_rehearsal);
        m_rehearsal->rehearse();
    });

    QMenu *connection = menuBar()->addMenu(tr("Co&nnection"));
    connection->addAction(tr("&Connection…"), this, &MainWindow::showConnectionPanel);
    m_simulatedAction = connection->addAction(tr("Use the &simulator"));
    m_simulatedAction->setObjectName(u"simulatedAction"_s);
    m_simulatedAction->setCheckable(true);
    m_simulatedAction->setChecked(isSimulated());
    connect(m_simulatedAction, &QAction::triggered, this, &MainWindow::setSimulated);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_layout->conversationsAction());
    view->addActions({ m_inspectorAction, m_routeEditorAction, m_healthAction, m_rehearsalAction });
    view->addAction(tr("Reset &layout"), m_layout, &WindowLayout::reset);
    view->addSeparator();
    view->addMenu(new ColorSchemeMenu(m_settings.get(), view));
    view->addMenu(new LanguageMenu(m_settings.get(), view));
}

void MainWindow::connectChat()
{
    connect(m_routes, &RouteChoices::activeRouteChanged, this, [this] {
        updateStatus();
        updateEmptyState();
    });
    connect(m_routes, &RouteChoices::saveFailed, this, [this](const QString &reason) {
        showMessage(tr("The route was not saved: %1").arg(reason), StatusLine::noticeMs);
    });
    m_composer->connectTo(&m_session);
    connect(
        &m_session, &ChatSession::attemptStarted, &m_attempts, &AttemptTableModel::attemptStarted);
    connect(&m_session, &ChatSession::attemptFinished, &m_attempts,
        &AttemptTableModel::attemptFinished);
    connect(&m_session, &ChatSession::messagesReset, this, &MainWindow::updateEmptyState);
    connect(&m_session, &ChatSession::messageAppended, this, &MainWindow::updateEmptyState);
    connect(
        &m_session, &ChatSession::turnFinished, this, [this](int turn, const TurnResult &result) {
            m_inspector->showTurn(turn);
            if (!m_traceFile.isEmpty())
                TraceJson::appendTurn(m_traceFile, result);
        });
    connect(m_chat, &ChatView::turnSelected, this, [this](int turn) {
        m_sidePanel->showPage(m_inspector);
        m_inspector->showTurn(turn);
    });
    connect(m_chat, &ChatView::editRequested, m_composer, &Composer::beginEdit);
    connect(m_chat, &ChatView::samplePromptChosen, m_composer, &Composer::setDraft);
    connect(m_chat, &ChatView::linkActivated, this, &MainWindow::openLink);

    m_inspector->useFixes(m_fixes);
    connect(&m_steps, &RouteStepsModel::planChanged, m_inspector, &InspectorWidget::refreshFixes);
    connect(m_fixes, &FixController::message, this, &MainWindow::showNotice);
    connect(m_fixes, &FixController::retryCountdown, m_status, &StatusLine::showCountdown);
    connect(m_fixes, &FixController::linkRequested, this, &MainWindow::openLink);
    connect(m_fixes, &FixController::stepRequested, this, &MainWindow::showStep);

    for (const auto shown : { &ConversationController::conversationCreated,
             &ConversationController::conversationOpened }) {
        connect(m_conversation, shown, m_routes, &RouteChoices::setConversation);
        if (m_conversationList)
            connect(m_conversation, shown, m_conversationList,
                &ConversationListWidget::selectConversation);
    }
    connect(
        m_conversation, &ConversationController::turnNotSaved, this, [this](const QString &reason) {
            showMessage(tr("This turn is not being saved: %1").arg(reason), StatusLine::warningMs);
        });
    if (m_conversationList) {
        connect(m_conversationList, &ConversationListWidget::conversationActivated, this,
            &MainWindow::openConversation);
        connect(m_conversationList, &ConversationListWidget::searchHitActivated, this,
            &MainWindow::openSearchHit);
        connect(m_conversationList, &ConversationListWidget::newChatRequested, this,
            &MainWindow::newChat);
    }
}

void MainWindow::openHistory(const QString &path)
{
    if (const Result<> opened = m_history.open(path); !opened) {
        // Chatting still works; nothing is kept, and the person is told so.
        showMessage(tr("History is off: %1").arg(opened.error()), 0);
        return;
    }
    if (const QString notice = m_history.notice(); !notice.isEmpty())
        QMessageBox::warning(this, tr("Conversation history"), notice);
    m_historyBanner = new HistoryWriteBanner(m_history.keeper(), this);
    m_history.serve(m_engine); // step history and cooldowns from the database
    if (const int recovered = m_history.recovered())
        showMessage(
            tr("%n reply(s) left unfinished by an earlier crash were kept and marked interrupted.",
                nullptr, recovered),
            StatusLine::warningMs);
}

void MainWindow::applyMode(bool simulated)
{
    setWindowTitle(simulated ? tr("Detour — Simulated") : tr("Detour"));
    m_simulatedAction->setChecked(simulated);
    updateStatus();
    updateEmptyState();
}

void MainWindow::showMessage(const QString &text, int ms)
{
    statusBar()->showMessage(text, ms);
}

void MainWindow::openConversation(qint64 conversationId)
{
    if (const Result<> opened = m_conversation->open(conversationId); !opened)
        showMessage(tr("The conversation could not be opened: %1").arg(opened.error()),
            StatusLine::warningMs);
}

void MainWindow::openSearchHit(qint64 conversationId, qint64 messageId, const QStringList &terms)
{
    openConversation(conversationId);
    if (conversationId == m_conversation->conversationId())
        m_chat->showMessage(m_conversation->reveal(messageId), terms);
}

void MainWindow::newChat()
{
    m_conversation->startNew();
    m_composer->editor()->setFocus();
}

void MainWindow::updateStatus()
{
    const Endpoint first = m_steps.plan().endpoints.value(0);
    const Catalog *catalog = m_connectionMode ? m_connectionMode->catalog() : nullptr;
    m_status->show(m_routes->routeAsSent(), isSimulated(),
        isSimulated() ? tr("No key needed") : m_keyRing.statusMessage(first.id),
        catalog ? catalog->keyInfo() : std::nullopt);
}

void MainWindow::updateEmptyState()
{
    m_chat->setEmptyStateText(WelcomeText::html(m_steps.plan(), isSimulated()));
    // The first start's offer: on the simulator, in an empty chat, until the person chose.
    m_connectCard->setVisible(isSimulated() && m_session.messages().isEmpty()
        && m_settings->simulatedMode() != Settings::SimulatedMode::On);
    m_banner->setVisible(isSimulated() && m_connectCard->isHidden());
}

void MainWindow::showStep(int step)
{
    m_sidePanel->showPage(m_routeEditor);
    m_routeEditor->selectStep(step);
}

void MainWindow::openLink(const QUrl &url)
{
    if (const QString refused = LinkOpener::open(this, url); !refused.isEmpty())
        showMessage(refused, StatusLine::messageMs);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_layout->save();
    QMainWindow::closeEvent(event);
}

} // namespace detour
