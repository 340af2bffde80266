// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "chat/AttemptTableModel.h"
#include "chat/ChatSession.h"
#include "chat/RouteFixer.h"
#include "route/RouteEngine.h"
#include "route/RouteStepsModel.h"
#include "settings/KeyRing.h"
#include "settings/KeychainSecretStore.h"
#include "settings/LocalServerPresets.h"
#include "settings/Settings.h"

#include <QHash>
#include <QMainWindow>
#include <QTimer>
#include <memory>

class QLabel;
class QMenu;

namespace detour {

class ChatView;
class Composer;
class InspectorWidget;
class RouteEditorWidget;
class Catalog;
class ConnectionPanel;
class RehearsalDock;
class SimulatorBanner;
class HistoryKeeper;
class HistoryWriteBanner;
class ConversationListModel;
class ConversationListWidget;
class ConversationStore;
class Database;
class ProviderHealthQuery;
class SimServer;

// Chat pane in the centre, composer below it, route editor and error
// inspector as docks. With no key it runs on the built-in simulator.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    // How long a passing message stays in the status bar.
    static constexpr int statusMessageMs = 5000;
    struct Options {
        bool simulated = true; // no key: the built-in simulated OpenRouter
        QString traceFile; // when set, each finished turn is appended as one JSON line (scripts,
                           // e2e tests)
        QString databasePath; // empty: Database::defaultPath()
        QString cacheDirectory; // the model catalog's cache; empty: the XDG cache folder
        QString settingsPath; // empty: Settings::defaultFilePath()
        SecretStore *secretStore = nullptr; // where keys are kept; null: the system keyring
        // At start on the simulator, look for a stored OpenRouter key: use it when there is one,
        // else open the connection panel (a first start). Unless the person chose the simulator.
        bool lookForStoredKey = false;
        QUrl openRouterUrl = QUrl(QStringLiteral("https://openrouter.ai/api/v1"));
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatSession *session() { return &m_session; }
    ChatView *chatView() const { return m_chat; }
    Composer *composer() const { return m_composer; }
    InspectorWidget *inspector() const { return m_inspector; }
    Catalog *catalog() const { return m_catalog.get(); } // null until the catalog starts
    ConversationListWidget *conversationList() const { return m_conversationList; }
    RouteEditorWidget *routeEditor() const { return m_routeEditor; }
    RouteStepsModel *routeSteps() { return &m_steps; }
    AttemptTableModel *attempts() { return &m_attempts; }
    SimServer *simulator() const { return m_simulator.get(); } // also in live mode: rehearsals
    bool isSimulated() const { return m_simulated; }
    // Switches between the simulator and the real servers; the conversation stays. Going live
    // without an OpenRouter key opens the connection panel.
    void setSimulated(bool simulated);
    ConnectionPanel *connectionPanel() const { return m_connection; }
    RehearsalDock *rehearsal() const { return m_rehearsal; }
    SimulatorBanner *simulatorBanner() const { return m_banner; }
    HistoryWriteBanner *historyWriteBanner() const { return m_historyBanner; }
    void showConnectionPanel();
    ConversationStore *store() const { return m_store.get(); }
    qint64 conversationId() const { return m_conversationId; }
    void openConversation(qint64 conversationId);
    // Opens the conversation at stored message `messageId`, `terms` highlighted (a search result).
    void openSearchHit(qint64 conversationId, qint64 messageId, const QStringList &terms);
    // Probes the server and, when it answers, adds it as the route's last step.
    void addLocalServer(const LocalServerPreset &preset);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void addColorSchemeMenu(QMenu *view);
    void createDocks();
    void createHealthDock();
    void createConnectionUi();
    void applyMode();
    void routeChanged(const RoutePlan &changed);
    void openPanelUnlessKeyed();
    Endpoint openRouterEndpoint() const;
    void updateStatus();
    void updateEmptyState();
    void applyFix(Fix fix, const Attempt &attempt);
    void applyRouteChange(RouteFixer::Change change, const Attempt &attempt);
    void openLink(const QUrl &url);
    void newChat();
    void appendTrace(const TurnResult &result);
    void openHistory(const QString &path);
    void createConversationList();
    void recordTurn(TurnRunner *runner);
    void startCatalog(const QString &cacheDirectory);
    void exportConversation();
    void selectRoute(const QString &name);
    void fillRoutePicker();
    void saveRouteAs();
    void importRoute();
    void exportRoute(bool asRequestBody);
    RoutePlan builtInRoute() const;
    void importConversation();

    // Declared first, destroyed last: turns still settling when the window goes
    // (their recorders flush on destruction) must find the store alive.
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ConversationStore> m_store;
    // The turns' recorders; a failing one outlives its turn to keep retrying.
    std::unique_ptr<HistoryKeeper> m_history;
    std::unique_ptr<ProviderHealthQuery> m_health; // the history client-side sorting reads
    RouteEngine m_engine;
    KeychainSecretStore m_keychain;
    KeyRing m_keyRing { &m_keychain };
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ConversationListModel> m_conversations;
    ConversationListWidget *m_conversationList = nullptr;
    std::unique_ptr<SimServer> m_simulator;
    bool m_simulated = true;
    QUrl m_openRouterUrl;
    QString m_cacheDirectory;
    ChatSession m_session;
    AttemptTableModel m_attempts;
    RouteStepsModel m_steps;
    ChatView *m_chat;
    Composer *m_composer;
    InspectorWidget *m_inspector;
    RouteEditorWidget *m_routeEditor;
    SimulatorBanner *m_banner;
    HistoryWriteBanner *m_historyBanner = nullptr;
    ConnectionPanel *m_connection = nullptr;
    RehearsalDock *m_rehearsal = nullptr;
    QAction *m_simulatedAction = nullptr;
    QLabel *m_endpointStatus;
    QLabel *m_modeStatus;
    QLabel *m_keyStatus;
    QString m_traceFile;
    QTimer m_retryCountdown; // "Retry in N s": ticks once a second, then regenerates
    int m_retrySecondsLeft = 0;
    qint64 m_conversationId = 0; // 0: the next message starts a conversation
    QHash<int, qint64> m_storedUserMessages; // session message index -> stored id
    QHash<qint64, int> m_openedMessages; // stored id -> session index, as opened
};

} // namespace detour
