// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MainWindow.h"

#include "Appearance.h"
#include "ChatView.h"
#include "Composer.h"
#include "ConnectionPanel.h"
#include "ConversationListWidget.h"
#include "HistoryWriteBanner.h"
#include "InspectorWidget.h"
#include "LanguageMenu.h"
#include "ProviderHealthWidget.h"
#include "RehearsalDock.h"
#include "RouteEditorWidget.h"
#include "SimulatorBanner.h"
#include "chat/ConversationListModel.h"
#include "chat/LinkPolicy.h"
#include "endpoints/Catalog.h"
#include "endpoints/ProviderEligibility.h"
#include "route/RouteFile.h"
#include "route/TraceJson.h"
#include "settings/LocalServerProbe.h"
#include "settings/RouteLibrary.h"
#include "settings/RouteTransfer.h"
#include "sim/SimServer.h"
#include "store/ConversationExporter.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/HistoryKeeper.h"
#include "store/ProviderHealthQuery.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

RoutePlan openRouterDefaultRoute(const Endpoint &openRouter)
{
    RoutePlan plan;
    plan.name = u"free first"_s;
    plan.endpoints.append(openRouter);
    plan.steps.append({ u"openrouter"_s, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
    plan.steps.append({ u"openrouter"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
    return plan;
}

// The dock that holds a widget, however deep (the route editor sits in a scroll area).
QWidget *dockOf(QWidget *widget)
{
    QWidget *dock = widget;
    while (dock && !qobject_cast<QDockWidget *>(dock))
        dock = dock->parentWidget();
    return dock ? dock : widget;
}

} // namespace

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_keyRing(options.secretStore ? options.secretStore : &m_keychain)
    , m_session(&m_engine)
    , m_chat(new ChatView(&m_session, this))
    , m_composer(new Composer(this))
    , m_inspector(new InspectorWidget(&m_attempts, this))
    , m_routeEditor(new RouteEditorWidget(&m_steps, this))
    , m_banner(new SimulatorBanner(this))
    , m_endpointStatus(new QLabel(this))
    , m_modeStatus(new QLabel(this))
    , m_keyStatus(new QLabel(this))
    , m_traceFile(options.traceFile)
{
    setObjectName(u"mainWindow"_s);

    m_settings = std::make_unique<Settings>(
        options.settingsPath.isEmpty() ? Settings::defaultFilePath() : options.settingsPath);
    m_openRouterUrl = options.openRouterUrl;
    m_cacheDirectory = options.cacheDirectory;
    m_simulated = options.simulated
        || (options.lookForStoredKey && m_settings->simulatedMode() == Settings::SimulatedMode::On);
    // Always there: the simulated mode talks to it, and rehearsals do in either mode.
    m_simulator = std::make_unique<SimServer>();
    m_simulator->setScenario(SimServer::builtinScenario(u"demo"_s));
    if (!m_simulator->listen())
        QMessageBox::critical(
            this, tr("Detour"), tr("The built-in simulator could not listen on 127.0.0.1."));
    // A key never travels over plain http:// to another machine unless the person agrees.
    connect(&m_keyRing, &KeyRing::keyWithheld, this, [this](const QString &endpointId) {
        const auto answer = QMessageBox::question(this, tr("Send the key unencrypted?"),
            tr("Endpoint \"%1\" uses plain http:// to another machine, so its key was not "
               "sent. "
               "Send it unencrypted from now on? Anyone on the network path could read it.")
                .arg(endpointId));
        if (answer == QMessageBox::Yes && m_keyRing.confirmInsecure(endpointId))
            statusBar()->showMessage(
                tr("The key for %1 will be sent; retry the message.").arg(endpointId), 8000);
    });
    connect(&m_keyRing, &KeyRing::loaded, this, [this] {
        updateStatus();
        if (m_catalog && !m_simulated)
            m_catalog->setKey(m_keyRing.keyFor(m_steps.plan().endpoints.value(0)));
    });
    m_composer->setSendWithEnter(m_settings->sendWithEnter());
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_chat, 1);
    layout->addWidget(m_composer);
    setCentralWidget(central);

    m_retryCountdown.setInterval(1000);
    connect(&m_retryCountdown, &QTimer::timeout, this, [this] {
        if (m_session.isBusy()) { // the person sent something meanwhile
            m_retryCountdown.stop();
            return;
        }
        if (m_retrySecondsLeft <= 0) {
            m_retryCountdown.stop();
            statusBar()->clearMessage();
            m_session.regenerate();
            return;
        }
        statusBar()->showMessage(tr("Retrying in %1 s…").arg(m_retrySecondsLeft--));
        m_retryCountdown.setInterval(1000);
    });
    openHistory(options.databasePath);
    createConversationList();
    createDocks();
    createConnectionUi();
    createActions();

    statusBar()->addWidget(m_modeStatus);
    statusBar()->addWidget(m_endpointStatus, 1);
    statusBar()->addPermanentWidget(m_keyStatus);
    m_modeStatus->setObjectName(u"modeStatus"_s);
    m_keyStatus->setObjectName(u"keyStatus"_s);

    connect(&m_steps, &RouteStepsModel::planChanged, this, &MainWindow::routeChanged);
    fillRoutePicker();
    const QString defaultRoute = m_settings->routeLibrary().defaultRouteName();
    selectRoute(
        m_settings->routeLibrary().route(defaultRoute) ? defaultRoute : builtInRoute().name);
    connect(m_composer->routePicker(), &QComboBox::activated, this, [this] {
        const QString name = m_composer->routePicker()->currentData().toString();
        selectRoute(name);
        m_settings->routeLibrary().setDefaultRouteName(name);
        if (m_conversationId)
            m_settings->routeLibrary().setConversationRoute(
                QString::number(m_conversationId), name);
    });

    connect(m_composer, &Composer::sendRequested, &m_session, &ChatSession::send);
    connect(m_composer, &Composer::editSubmitted, &m_session, &ChatSession::editAndResend);
    connect(m_composer, &Composer::stopRequested, &m_session, &ChatSession::stop);
    connect(&m_session, &ChatSession::busyChanged, m_composer, &Composer::setBusy);
    connect(
        &m_session, &ChatSession::attemptStarted, &m_attempts, &AttemptTableModel::attemptStarted);
    connect(&m_session, &ChatSession::attemptFinished, &m_attempts,
        &AttemptTableModel::attemptFinished);
    connect(
        &m_session, &ChatSession::turnFinished, this, [this](int turn, const TurnResult &result) {
            m_inspector->showTurn(turn);
            appendTrace(result);
        });
    connect(m_chat, &ChatView::turnSelected, this, [this](int turn) {
        dockOf(m_inspector)->show();
        m_inspector->showTurn(turn);
    });
    connect(m_chat, &ChatView::editRequested, m_composer, &Composer::beginEdit);
    connect(m_chat, &ChatView::samplePromptChosen, this, [this](const QString &text) {
        m_composer->editor()->setPlainText(text);
        m_composer->editor()->setFocus();
    });
    connect(m_chat, &ChatView::linkActivated, this, &MainWindow::openLink);
    connect(m_inspector, &InspectorWidget::fixRequested, this, &MainWindow::applyFix);
    m_inspector->setRouteChangeCheck([this](RouteFixer::Change change, const Attempt &attempt) {
        const QString model = m_steps.plan().steps.value(attempt.stepIndex).target.model;
        return RouteFixer::apply(m_steps.plan(), change, attempt,
            m_catalog ? m_catalog->endpoints(model) : QList<ProviderEndpointInfo>());
    });
    connect(
        m_inspector, &InspectorWidget::routeChangeRequested, this, &MainWindow::applyRouteChange);
    connect(&m_steps, &RouteStepsModel::planChanged, m_inspector, &InspectorWidget::refreshFixes);

    applyMode();
    startCatalog(options.cacheDirectory);
    connect(&m_session, &ChatSession::turnStarted, this,
        [this](int, TurnRunner *runner) { recordTurn(runner); });
    // Edit-and-resend drops the messages after the edited one; their stored ids go with them.
    connect(&m_session, &ChatSession::messagesReset, this, [this] {
        m_storedUserMessages.removeIf(
            [this](const auto &entry) { return entry.key() >= m_session.messages().size(); });
    });

    updateStatus();
    updateEmptyState();
    if (m_settings->file().status() != SettingsFile::Status::Ok)
        statusBar()->showMessage(m_settings->file().statusMessage(), 15000);
    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
    m_composer->editor()->setFocus();
    if (options.lookForStoredKey && m_simulated
        && m_settings->simulatedMode() != Settings::SimulatedMode::On) {
        // A first start, or one without a key: a stored key is used, else the panel says how.
        m_keyRing.setEndpoints({ openRouterEndpoint() });
        connect(
            &m_keyRing, &KeyRing::loaded, this,
            [this] {
                if (!m_simulated)
                    return;
                if (!m_keyRing.keyFor(openRouterEndpoint()).isEmpty())
                    setSimulated(false);
                else if (auto *dock = qobject_cast<QDockWidget *>(dockOf(m_connection))) {
                    dock->show();
                    dock->raise();
                }
            },
            Qt::SingleShotConnection);
    }
}

void MainWindow::routeChanged(const RoutePlan &changed)
{
    // On the simulator every endpoint is redirected there, so a saved route can be tried safely.
    m_session.setPlan(m_simulated ? changed.redirectedTo(m_simulator->baseUrl()) : changed);
    if (!m_simulated)
        m_keyRing.setEndpoints(changed.endpoints);
    if (!changed.name.isEmpty() && changed.validate().isEmpty()) {
        if (const Result<> saved = m_settings->routeLibrary().setRoute(changed); !saved)
            statusBar()->showMessage(tr("The route was not saved: %1").arg(saved.error()), 8000);
    }
    updateStatus();
    updateEmptyState();
}

Endpoint MainWindow::openRouterEndpoint() const
{
    return { ConnectionPanel::endpointId(), EndpointKind::OpenRouter, m_openRouterUrl,
        u"OPENROUTER_API_KEY"_s };
}

void MainWindow::createConnectionUi()
{
    m_connection = new ConnectionPanel(&m_keyRing, m_engine.network(), this);
    m_connection->setOpenRouterUrl(m_openRouterUrl);
    m_connection->setCacheDirectory(m_cacheDirectory);
    auto *connectionDock = new QDockWidget(tr("Connection"), this);
    connectionDock->setObjectName(u"connectionDock"_s);
    connectionDock->setWidget(m_connection);
    addDockWidget(Qt::RightDockWidgetArea, connectionDock);
    if (auto *routeDock = findChild<QDockWidget *>(u"routeDock"_s))
        tabifyDockWidget(routeDock, connectionDock);
    connectionDock->hide();
    connect(m_banner, &SimulatorBanner::addKeyRequested, this, &MainWindow::showConnectionPanel);
    connect(m_connection, &ConnectionPanel::simulatorChosen, this, [this, connectionDock] {
        setSimulated(true);
        m_settings->setSimulatedMode(Settings::SimulatedMode::On); // no more first-run panel
        connectionDock->hide();
    });
    connect(
        m_connection, &ConnectionPanel::openRouterChosen, this, [this] { setSimulated(false); });
    connect(m_connection, &ConnectionPanel::keySaved, this, [this] {
        if (!m_simulated)
            updateStatus();
        statusBar()->showMessage(
            tr("The key is saved. Use OpenRouter (Connection menu) to chat with real models."),
            8000);
    });
    connect(
        m_connection, &ConnectionPanel::localServerRequested, this, &MainWindow::addLocalServer);

    m_rehearsal = new RehearsalDock(m_simulator.get(), &m_steps, this);
    auto *rehearsalDock = new QDockWidget(tr("Rehearsal"), this);
    rehearsalDock->setObjectName(u"rehearsalDock"_s);
    rehearsalDock->setWidget(m_rehearsal);
    addDockWidget(Qt::BottomDockWidgetArea, rehearsalDock);
    if (auto *inspectorDock = findChild<QDockWidget *>(u"inspectorDock"_s))
        tabifyDockWidget(inspectorDock, rehearsalDock);
    rehearsalDock->hide();
}

void MainWindow::showConnectionPanel()
{
    QWidget *dock = dockOf(m_connection);
    dock->show();
    dock->raise();
    m_connection->focusKey();
}

void MainWindow::setSimulated(bool simulated)
{
    if (simulated == m_simulated)
        return;
    m_simulated = simulated;
    if (!simulated)
        m_settings->setSimulatedMode(Settings::SimulatedMode::Off);
    // The demo route only exists on the simulator; any other route goes along.
    if (!simulated && m_steps.plan().name == RouteFile::demo({}).name) {
        const QString fallback = m_settings->routeLibrary().defaultRouteName();
        selectRoute(m_settings->routeLibrary().route(fallback) && fallback != m_steps.plan().name
                ? fallback
                : builtInRoute().name);
    }
    applyMode();
    fillRoutePicker();
    routeChanged(m_steps.plan()); // the same route now goes elsewhere
    startCatalog(m_cacheDirectory);
    statusBar()->showMessage(simulated ? tr("Now on the simulated OpenRouter.")
                                       : tr("Now on the real OpenRouter and your servers."),
        5000);
    if (!simulated)
        openPanelUnlessKeyed();
}

void MainWindow::applyMode()
{
    // On the simulator no key is ever looked up; live, keys come from the environment or the
    // keychain, each only for its own endpoint.
    m_engine.setKeyResolver(m_simulated ? KeyResolver([](const Endpoint &) { return QString(); })
                                        : m_keyRing.resolver());
    setWindowTitle(m_simulated ? tr("Detour — Simulated") : tr("Detour"));
    m_banner->setVisible(m_simulated);
    m_connection->setSimulated(m_simulated);
    if (m_simulatedAction)
        m_simulatedAction->setChecked(m_simulated);
}

void MainWindow::openPanelUnlessKeyed()
{
    const auto check = [this] {
        const Endpoint first = m_steps.plan().endpoints.value(0);
        if (!m_simulated && first.kind == EndpointKind::OpenRouter
            && m_keyRing.keyFor(first).isEmpty())
            showConnectionPanel();
    };
    if (m_keyRing.isLoaded())
        check();
    else
        connect(&m_keyRing, &KeyRing::loaded, this, check, Qt::SingleShotConnection);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    auto *routeDock = new QDockWidget(tr("Route editor"), this);
    routeDock->setObjectName(u"routeDock"_s);
    // The editor is taller than most screens; it scrolls rather than pushing the window off-screen.
    auto *scroll = new QScrollArea(routeDock);
    scroll->setWidget(m_routeEditor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    routeDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, routeDock);
    auto *inspectorDock = new QDockWidget(tr("Error inspector"), this);
    inspectorDock->setObjectName(u"inspectorDock"_s);
    inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::BottomDockWidgetArea, inspectorDock);
    createHealthDock();
}

void MainWindow::createHealthDock()
{
    auto *health = new ProviderHealthWidget(m_health.get(), &m_engine.cooldowns(), this);
    health->follow(&m_engine);
    auto *dock = new QDockWidget(tr("Provider health"), this);
    dock->setObjectName(u"healthDock"_s);
    dock->setWidget(health);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(findChild<QDockWidget *>(u"inspectorDock"_s), dock);
    dock->hide();
    QAction *toggle = dock->toggleViewAction();
    toggle->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_H);
    connect(toggle, &QAction::triggered, dock, [dock](bool shown) {
        if (shown)
            dock->raise();
    });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newChat = file->addAction(tr("&New chat"), this, &MainWindow::newChat);
    newChat->setShortcut(QKeySequence::New);
    file->addAction(tr("&Export conversation…"), this, &MainWindow::exportConversation)
        ->setShortcut(Qt::CTRL | Qt::Key_E);
    file->addAction(tr("&Import conversation…"), this, &MainWindow::importConversation);
    file->addSeparator();
    QAction *search = file->addAction(tr("&Find in conversations"), this, [this] {
        if (m_conversationList) {
            m_conversationList->parentWidget()->show();
            m_conversationList->focusSearch();
        }
    });
    search->setShortcut(QKeySequence::Find);
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *focusComposer =
        chat->addAction(tr("Write a &message"), this, [this] { m_composer->editor()->setFocus(); });
    focusComposer->setShortcut(Qt::CTRL | Qt::Key_L);
    QAction *focusRoute = chat->addAction(
        tr("Choose the &route"), this, [this] { m_composer->routePicker()->setFocus(); });
    focusRoute->setShortcut(Qt::CTRL | Qt::Key_K);
    QAction *stop = chat->addAction(tr("&Stop"), &m_session, &ChatSession::stop);
    stop->setShortcut(Qt::Key_Escape);
    stop->setShortcutContext(Qt::WindowShortcut);
    QAction *regenerate = chat->addAction(tr("&Regenerate"), &m_session, &ChatSession::regenerate);
    regenerate->setShortcut(Qt::CTRL | Qt::Key_R);

    QAction *enterSends = chat->addAction(tr("&Enter sends (Shift+Enter for a newline)"));
    enterSends->setCheckable(true);
    enterSends->setChecked(m_settings->sendWithEnter());
    connect(enterSends, &QAction::toggled, this, [this](bool on) {
        m_settings->setSendWithEnter(on);
        m_composer->setSendWithEnter(on);
    });

    QMenu *routes = menuBar()->addMenu(tr("&Route"));
    routes->addAction(tr("&Save route as…"), this, &MainWindow::saveRouteAs);
    routes->addAction(tr("&Import route file…"), this, &MainWindow::importRoute);
    routes->addAction(tr("&Export route file…"), this, [this] { exportRoute(false); });
    routes->addAction(
        tr("Export as OpenRouter &request body…"), this, [this] { exportRoute(true); });

    routes->addSeparator();
    routes->addAction(tr("Re&hearse this route"), this, [this] {
        dockOf(m_rehearsal)->show();
        dockOf(m_rehearsal)->raise();
        m_rehearsal->rehearse();
    });

    QMenu *connection = menuBar()->addMenu(tr("Co&nnection"));
    connection->addAction(tr("&Connection…"), this, &MainWindow::showConnectionPanel);
    m_simulatedAction = connection->addAction(tr("Use the &simulator"));
    m_simulatedAction->setObjectName(u"simulatedAction"_s);
    m_simulatedAction->setCheckable(true);
    m_simulatedAction->setChecked(m_simulated);
    connect(m_simulatedAction, &QAction::triggered, this, &MainWindow::setSimulated);
    connection->addAction(tr("&Rehearsal…"), this, [this] {
        dockOf(m_rehearsal)->show();
        dockOf(m_rehearsal)->raise();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    addColorSchemeMenu(view);
    view->addMenu(new LanguageMenu(m_settings.get(), view));
}

void MainWindow::addColorSchemeMenu(QMenu *view)
{
    QMenu *menu = view->addMenu(tr("&Colour scheme"));
    auto *group = new QActionGroup(menu);
    const std::pair<Settings::ColorScheme, QString> choices[] = {
        { Settings::ColorScheme::System, tr("Follow the &system") },
        { Settings::ColorScheme::Light, tr("&Light") },
        { Settings::ColorScheme::Dark, tr("&Dark") },
    };
    for (const auto &[scheme, label] : choices) {
        QAction *action = group->addAction(label);
        action->setCheckable(true);
        action->setChecked(scheme == m_settings->colorScheme());
        connect(action, &QAction::triggered, this,
            [this, scheme = scheme] { m_settings->setColorScheme(scheme); });
        menu->addAction(action);
    }
    connect(m_settings.get(), &Settings::colorSchemeChanged, this, &Appearance::apply);
    Appearance::apply(m_settings->colorScheme());
}

void MainWindow::openHistory(const QString &path)
{
    m_database = std::make_unique<Database>();
    if (const Result<> opened = m_database->open(path.isEmpty() ? Database::defaultPath() : path);
        !opened) {
        // Chatting still works; nothing is kept, and the person is told so.
        statusBar()->showMessage(tr("History is off: %1").arg(opened.error()));
        m_database.reset();
        return;
    }
    if (const QString notice = m_database->notice(); !notice.isEmpty())
        QMessageBox::warning(this, tr("Conversation history"), notice);
    m_store = std::make_unique<ConversationStore>(*m_database);
    m_history = std::make_unique<HistoryKeeper>(m_store.get());
    m_historyBanner = new HistoryWriteBanner(m_history.get(), this);
    if (auto *central = qobject_cast<QVBoxLayout *>(centralWidget()->layout()))
        central->insertWidget(0, m_historyBanner);
    m_health = std::make_unique<ProviderHealthQuery>(*m_database);
    m_engine.setStepHistory(m_health.get());
    if (const int recovered = m_store->recoverInterrupted().valueOr(0))
        statusBar()->showMessage(
            tr("%n reply(s) left unfinished by an earlier crash were kept and marked interrupted.",
                nullptr, recovered),
            10000);
}

void MainWindow::startCatalog(const QString &cacheDirectory)
{
    // The session's plan: on the simulator it is redirected there, and the catalog follows.
    const Endpoint endpoint = m_session.plan().endpoints.value(0);
    if (endpoint.kind != EndpointKind::OpenRouter) {
        m_routeEditor->setCatalog(nullptr);
        m_steps.setProviderCheck({});
        m_catalog.reset();
        return;
    }
    m_catalog = std::make_unique<Catalog>(m_engine.network(), endpoint.baseUrl,
        m_simulated ? QString() : m_keyRing.keyFor(endpoint), cacheDirectory);
    connect(m_catalog.get(), &Catalog::modelsChanged, this, [this] {
        QStringList ids;
        for (const ModelInfo &model : m_catalog->models())
            ids << model.id;
        m_steps.setKnownModels(ids);
    });
    m_steps.setProviderCheck(
        [catalog = m_catalog.get()](const QString &model, const ProviderPreferences &preferences) {
            return ProviderEligibility::problem(model, preferences, catalog->endpoints(model));
        });
    connect(
        m_catalog.get(), &Catalog::endpointsChanged, &m_steps, &RouteStepsModel::providersChanged);
    connect(m_catalog.get(), &Catalog::keyChanged, this, &MainWindow::updateStatus);
    // Endpoint errors are shown in the route editor's provider panel, where they belong.
    connect(m_catalog.get(), &Catalog::errorOccurred, this,
        [this](Catalog::Resource resource, const QString &sentence) {
            if (resource != Catalog::Resource::Endpoints)
                statusBar()->showMessage(sentence, 8000);
        });
    m_routeEditor->setCatalog(m_catalog.get());
    m_catalog->load(); // offline: whatever the cache holds
    m_catalog->ensureFresh();
    if (m_simulated)
        m_catalog->refreshKey();
}

void MainWindow::createConversationList()
{
    if (!m_store)
        return;
    m_conversations = std::make_unique<ConversationListModel>(m_store.get());
    m_conversationList = new ConversationListWidget(m_conversations.get(), this);
    auto *dock = new QDockWidget(tr("Conversations"), this);
    dock->setObjectName(u"conversationsDock"_s);
    dock->setWidget(m_conversationList);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(m_conversationList, &ConversationListWidget::conversationActivated, this,
        &MainWindow::openConversation);
    connect(m_conversationList, &ConversationListWidget::searchHitActivated, this,
        &MainWindow::openSearchHit);
    connect(
        m_conversationList, &ConversationListWidget::newChatRequested, this, &MainWindow::newChat);
}

void MainWindow::recordTurn(TurnRunner *runner)
{
    if (!m_store)
        return;
    // The runner sends from the event loop; everything here is committed before that.
    const QList<ChatSession::Message> &messages = m_session.messages();
    qsizetype user = messages.size() - 1;
    while (user >= 0 && messages[user].message.role != "user"_L1)
        --user;
    if (user < 0)
        return;
    if (m_conversationId == 0) {
        m_conversationId =
            m_store
                ->createConversation(ConversationStore::titleFor(messages[user].message.content),
                    m_steps.plan().name)
                .valueOr(0);
        m_storedUserMessages.clear();
        if (m_conversationList)
            m_conversationList->selectConversation(m_conversationId);
    }
    QString notSaved;
    if (!m_storedUserMessages.contains(int(user)) && m_conversationId != 0) {
        const Result<qint64> id =
            m_store->addUserMessage(m_conversationId, messages[user].message.content);
        if (id)
            m_storedUserMessages.insert(int(user), *id);
        else
            notSaved = id.error();
    }
    const qint64 userMessageId = m_storedUserMessages.value(int(user));
    if (m_conversationId == 0 || userMessageId == 0) {
        statusBar()->showMessage(tr("This turn is not being saved: %1").arg(notSaved), 10000);
        return;
    }
    m_history->record(m_conversationId, userMessageId, runner);
}

void MainWindow::openConversation(qint64 conversationId)
{
    if (!m_store || conversationId == m_conversationId)
        return;
    const Result<ConversationRecord> record = m_store->load(conversationId);
    if (!record)
        return;
    m_storedUserMessages.clear();
    m_openedMessages.clear();
    QList<ChatSession::Message> messages;
    QList<std::pair<int, Attempt>> attempts;
    int turnKey = 0;
    const QHash<qint64, const StoredTurn *> turnsById = record->turnsById();
    for (const StoredMessage &stored : record->messages) {
        m_openedMessages.insert(stored.id, int(messages.size()));
        ChatSession::Message message;
        message.message = { stored.role, stored.content };
        if (stored.role == "user"_L1) {
            m_storedUserMessages.insert(int(messages.size()), stored.id);
            message.turn = turnKey + 1;
        } else if (const StoredTurn *turn = turnsById.value(stored.turnId)) {
            message.turn = ++turnKey;
            TurnResult result;
            result.status = turn->status;
            result.summary = turn->summary;
            result.attempts = turn->attempts;
            result.servedAttempt = turn->servedAttempt;
            result.durationMs = turn->durationMs;
            result.content = stored.content;
            message.status = turn->status;
            message.summary = turn->summary;
            message.result = result;
            for (const Attempt &attempt : turn->attempts)
                attempts.append({ message.turn, attempt });
        } else {
            message.turn = ++turnKey;
            message.status = stored.state == MessageState::Complete
                ? TurnResult::Status::Served
                : TurnResult::Status::Interrupted;
        }
        messages.append(message);
    }
    m_conversationId = conversationId;
    m_attempts.setFinishedAttempts(attempts);
    m_session.setMessages(messages);
    selectRoute(m_settings->routeLibrary().effectiveRouteName(QString::number(conversationId)));
}

void MainWindow::openSearchHit(qint64 conversationId, qint64 messageId, const QStringList &terms)
{
    openConversation(conversationId);
    if (conversationId != m_conversationId)
        return;
    int index = m_openedMessages.value(messageId, -1);
    if (index < 0) { // stored since it was opened (or started here): messages are in order
        const Result<ConversationRecord> record = m_store->load(conversationId);
        for (qsizetype i = 0; record && i < record->messages.size() && index < 0; ++i)
            index = record->messages[i].id == messageId ? int(i) : -1;
    }
    m_chat->showMessage(index, terms);
}

RoutePlan MainWindow::builtInRoute() const
{
    return m_simulated ? RouteFile::demo(m_simulator->baseUrl())
                       : openRouterDefaultRoute(openRouterEndpoint());
}

void MainWindow::fillRoutePicker()
{
    QComboBox *picker = m_composer->routePicker();
    QStringList names = m_settings->routeLibrary().routeNames();
    const QString builtIn = builtInRoute().name;
    if (!names.contains(builtIn))
        names.prepend(builtIn);
    const QString current = picker->currentData().toString();
    picker->clear();
    for (const QString &name : std::as_const(names))
        picker->addItem(
            name == "demo"_L1 && m_simulated ? tr("Demo route (simulated)") : name, name);
    picker->setCurrentIndex(std::max(0, picker->findData(current)));
}

void MainWindow::selectRoute(const QString &name)
{
    const RoutePlan plan = m_settings->routeLibrary().route(name).value_or(builtInRoute());
    m_steps.setPlan(plan);
    m_composer->routePicker()->setCurrentIndex(
        std::max(0, m_composer->routePicker()->findData(plan.name)));
}

void MainWindow::saveRouteAs()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save route as"), tr("Name:"), QLineEdit::Normal, m_steps.plan().name, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    RoutePlan plan = m_steps.plan();
    plan.name = name;
    if (const Result<> saved = m_settings->routeLibrary().setRoute(plan); !saved) {
        QMessageBox::warning(this, tr("Save route as"), saved.error());
        return;
    }
    fillRoutePicker();
    selectRoute(name);
    m_settings->routeLibrary().setDefaultRouteName(name);
}

void MainWindow::importRoute()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import route"), QString(), tr("Route file (*.json)"));
    if (path.isEmpty())
        return;
    Result<RoutePlan> plan = RouteTransfer::importFile(path);
    QString error = plan.error();
    if (plan && plan->name.isEmpty())
        plan->name = QFileInfo(path).completeBaseName();
    if (plan) {
        if (const Result<> saved = m_settings->routeLibrary().setRoute(*plan); !saved)
            error = saved.error();
    }
    if (!plan || !error.isEmpty()) {
        QMessageBox::warning(
            this, tr("Import route"), tr("%1 was not imported: %2").arg(path, error));
        return;
    }
    fillRoutePicker();
    selectRoute(plan->name);
}

void MainWindow::exportRoute(bool asRequestBody)
{
    const QString title =
        asRequestBody ? tr("Export as OpenRouter request body") : tr("Export route file");
    const QString path = QFileDialog::getSaveFileName(
        this, title, m_steps.plan().name + u".json"_s, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    const Result<> written = asRequestBody ? RouteTransfer::exportRequestBody(m_steps.plan(), path)
                                           : RouteTransfer::exportRouteFile(m_steps.plan(), path);
    if (!written)
        QMessageBox::warning(this, title, written.error());
    else
        statusBar()->showMessage(tr("Exported to %1.").arg(path), 5000);
}

void MainWindow::addLocalServer(const LocalServerPreset &preset)
{
    // Ask the server first: a step nobody answers would only add a failing attempt to every turn.
    auto *probe = new LocalServerProbe(this);
    statusBar()->showMessage(
        tr("Looking for %1 at %2…").arg(preset.name, preset.endpoint.baseUrl.toString()));
    connect(probe, &LocalServerProbe::finished, this,
        [this, probe, preset](const QList<LocalServerProbe::Result> &results) {
            probe->deleteLater();
            const LocalServerProbe::Result result = results.value(0);
            if (!result.answering) {
                statusBar()->clearMessage();
                QMessageBox::information(this, tr("Add a local server step"), result.message);
                return;
            }
            RoutePlan plan = m_steps.plan();
            if (!plan.endpoint(preset.endpoint.id))
                plan.endpoints.append(preset.endpoint);
            plan.steps.append({ preset.endpoint.id, { result.models.value(0), {}, {} }, true });
            m_steps.setPlan(plan);
            m_routeEditor->selectStep(int(plan.steps.size()) - 1);
            statusBar()->showMessage(tr("%1 answers; added as the last step with model \"%2\".")
                                         .arg(preset.name, result.models.value(0)),
                8000);
        });
    probe->start({ preset.endpoint });
}

void MainWindow::exportConversation()
{
    const std::optional<ConversationRecord> record =
        m_store && m_conversationId ? m_store->load(m_conversationId).toOptional() : std::nullopt;
    if (!record) {
        statusBar()->showMessage(tr("Nothing to export yet: send a message first."), 5000);
        return;
    }
    const QString markdown = tr("Markdown (*.md)");
    const QString json = tr("Detour conversation, with every attempt (*.json)");
    const QString csv = tr("Attempt log (*.csv)");
    QString filter = markdown;
    QString path = QFileDialog::getSaveFileName(this, tr("Export conversation"),
        record->conversation.title + u".md"_s, QStringList { markdown, json, csv }.join(u";;"_s),
        &filter);
    if (path.isEmpty())
        return;
    const QByteArray bytes = filter == json ? ConversationExporter::toJson(*record)
        : filter == csv                     ? ConversationExporter::attemptsCsv(*record)
                                            : ConversationExporter::toMarkdown(*record).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Export conversation"),
            tr("Could not write %1: %2").arg(path, file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Exported to %1.").arg(path), 5000);
}

void MainWindow::importConversation()
{
    if (!m_store)
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import conversation"), QString(), tr("Detour conversation (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    const Result<ConversationRecord> record = file.open(QIODevice::ReadOnly)
        ? ConversationExporter::fromJson(file.readAll())
        : Result<ConversationRecord>(Error(file.errorString()));
    const Result<qint64> id =
        record ? m_store->importRecord(*record) : Result<qint64>(Error(record.error()));
    if (!id) {
        QMessageBox::warning(
            this, tr("Import conversation"), tr("%1 was not imported: %2").arg(path, id.error()));
        return;
    }
    openConversation(*id);
}

void MainWindow::newChat()
{
    if (m_conversationList)
        m_conversationList->selectConversation(0);
    m_conversationId = 0;
    m_storedUserMessages.clear();
    m_session.setMessages({});
    m_attempts.clear();
    m_composer->editor()->setFocus();
}

void MainWindow::updateStatus()
{
    const RoutePlan &plan = m_steps.plan();
    QStringList endpoints;
    for (const Endpoint &endpoint : plan.endpoints)
        endpoints << u"%1 (%2)"_s.arg(endpoint.id,
            endpoint.baseUrl.host()
                + (endpoint.baseUrl.port() > 0 ? u":%1"_s.arg(endpoint.baseUrl.port())
                                               : QString()));
    m_endpointStatus->setText(tr("Route \"%1\": %2").arg(plan.name, endpoints.join(u", "_s)));
    m_modeStatus->setText(m_simulated ? tr("Simulated") : tr("Live"));
    m_modeStatus->setToolTip(m_simulated ? tr("Requests go to the built-in simulated OpenRouter on "
                                              "127.0.0.1; nothing leaves this machine.")
                                         : QString());
    const Endpoint first = plan.endpoints.value(0);
    QString key = m_simulated ? tr("No key needed") : m_keyRing.statusMessage(first.id);
    // keyInfo() returns a copy: keep it, rather than a reference into a temporary.
    if (const std::optional<KeyInfo> keyInfo = m_catalog ? m_catalog->keyInfo() : std::nullopt) {
        const KeyInfo &info = *keyInfo;
        key += u" · "_s + (info.isFreeTier ? tr("free tier") : tr("paid"));
        key += u" · "_s
            + (info.limit
                    ? tr("$%1 of $%2 used").arg(info.usage, 0, 'f', 2).arg(*info.limit, 0, 'f', 2)
                    : tr("$%1 used, no limit").arg(info.usage, 0, 'f', 2));
    }
    m_keyStatus->setText(key);
}

void MainWindow::updateEmptyState()
{
    QStringList steps;
    for (const RouteStep &step : m_steps.plan().steps) {
        if (step.enabled)
            steps << step.target.model.toHtmlEscaped();
    }
    const QString sample = tr("Explain in three sentences why free models hit rate limits.");
    m_chat->setEmptyStateText(
        tr("<h2>Detour</h2>"
           "<p>Chat with models through OpenRouter and around its rate limits: each turn falls "
           "through "
           "your route until a step serves it, and the error inspector shows who refused and "
           "why.</p>"
           "<p><b>Active route:</b> %1</p>"
           "<p>%2</p>"
           "<p>Try: <a href=\"prompt:%3\">%4</a></p>")
            .arg(steps.join(u" → "_s),
                m_simulated ? tr("You are on the <b>simulated</b> OpenRouter: its first step "
                                 "answers with a real-shaped upstream 429, the next one serves.")
                            : QString(),
                QString::fromUtf8(QUrl::toPercentEncoding(sample)), sample.toHtmlEscaped()));
}

void MainWindow::applyRouteChange(RouteFixer::Change change, const Attempt &attempt)
{
    const QString model = m_steps.plan().steps.value(attempt.stepIndex).target.model;
    const Result<RoutePlan> changed = RouteFixer::apply(m_steps.plan(), change, attempt,
        m_catalog ? m_catalog->endpoints(model) : QList<ProviderEndpointInfo>());
    if (!changed) {
        statusBar()->showMessage(changed.error(), statusMessageMs);
        return;
    }
    m_steps.setPlan(*changed);
    const int step = attempt.stepIndex;
    QString done;
    switch (change) {
    case RouteFixer::Change::MoveStepDown:
        done = tr("Step %1 moved down.").arg(step + 1);
        break;
    case RouteFixer::Change::AllowFallbacks:
        done = tr("Step %1 now lets OpenRouter fall back to other providers.").arg(step + 1);
        break;
    case RouteFixer::Change::PaidVariant:
        done = tr("Step %1 now asks for %2.").arg(step + 1).arg(changed->steps[step].target.model);
        break;
    case RouteFixer::Change::IgnoreProvider:
        done = tr("Step %1 now ignores %2.").arg(step + 1).arg(attempt.provider);
        break;
    }
    m_routeEditor->selectStep(change == RouteFixer::Change::MoveStepDown ? step + 1 : step);
    statusBar()->showMessage(done, statusMessageMs);
}

void MainWindow::applyFix(Fix fix, const Attempt &attempt)
{
    const int step = attempt.stepIndex;
    switch (fix) {
    case Fix::MoveStepDown:
    case Fix::AllowFallbacks:
    case Fix::PaidVariant:
        return; // route changes: applyRouteChange
    case Fix::Wait:
    case Fix::Retry:
        m_retrySecondsLeft =
            fix == Fix::Wait && attempt.retryAfterS ? int(std::ceil(*attempt.retryAfterS)) : 0;
        m_retryCountdown.start(0);
        return;
    case Fix::Byok:
        openLink(QUrl(u"https://openrouter.ai/settings/integrations"_s));
        return;
    case Fix::AddCredits:
        openLink(QUrl(u"https://openrouter.ai/settings/credits"_s));
        return;
    case Fix::CheckKey:
        openLink(QUrl(u"https://openrouter.ai/settings/keys"_s));
        return;
    case Fix::ChangeModel:
        dockOf(m_routeEditor)->show();
        m_routeEditor->selectStep(step);
        return;
    case Fix::ShortenContext:
        statusBar()->showMessage(
            tr("Start a new chat (Ctrl+N) or edit an earlier message to send less."), 8000);
        return;
    }
}

void MainWindow::appendTrace(const TurnResult &result)
{
    if (m_traceFile.isEmpty())
        return;
    QFile file(m_traceFile);
    if (!file.open(QIODevice::Append | QIODevice::Text))
        return;
    file.write(TraceJson::turnLine(result) + '\n');
}

void MainWindow::openLink(const QUrl &url)
{
    if (!LinkPolicy::mayOpen(url)) {
        statusBar()->showMessage(LinkPolicy::refusal(url), 5000);
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Open link"), LinkPolicy::confirmation(url));
    if (answer == QMessageBox::Yes)
        QDesktopServices::openUrl(url);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    QMainWindow::closeEvent(event);
}

} // namespace detour
