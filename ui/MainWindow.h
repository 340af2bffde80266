// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ConnectionDialog.h"
#include "StatusLine.h"
#include "chat/AttemptTableModel.h"
#include "chat/ChatSession.h"
#include "chat/ConnectionController.h"
#include "chat/ConversationController.h"
#include "route/RouteEngine.h"
#include "route/RouteStepsModel.h"
#include "route/SystemReachability.h"
#include "settings/KeyRing.h"
#include "settings/KeychainSecretStore.h"
#include "store/ConversationHistory.h"

#include <QMainWindow>
#include <memory>

class QMenu;
class QSplitter;

namespace detour {

class Catalog;
class ChatView;
class CompareActions;
class Composer;
class ConnectCard;
class ConnectionDialog;
class ConnectionController;
class ConnectionPanel;
class ConversationController;
class ConversationListModel;
class ConversationListWidget;
class ConversationSettingsActions;
class FixController;
class HistoryWriteBanner;
class InspectorWidget;
class PaneFocus;
class RehearsalDock;
class RouteChoices;
class RouteEditorWidget;
class Settings;
class SidePanel;
class SimServer;
class SimulatorBanner;
class StatusLine;
class TransferActions;
class WindowLayout;

// The shell: the conversation list, the transcript with its composer, and the
// side panel (error inspector, route editor, provider health, rehearsal), with
// the menus. The work is done by the controllers in app/chat: conversations
// (ConversationController), routes (RouteChoices), simulator or live
// (ConnectionController) and fixes (FixController).
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    struct Options {
        bool simulated = true; // no key: the built-in simulated OpenRouter
        QString traceFile; // when set, each finished turn is appended as one JSON line (scripts,
                           // e2e tests)
        QString databasePath; // empty: Database::defaultPath()
        QString cacheDirectory; // the model catalog's cache; empty: the XDG cache folder
        QString settingsPath; // empty: Settings::defaultFilePath()
        SecretStore *secretStore = nullptr; // where keys are kept; null: the system keyring
        // At start on the simulator, look for a stored OpenRouter key: use it when there is one,
        // else offer to add one (a first start). Unless the person chose the simulator.
        bool lookForStoredKey = false;
        QUrl openRouterUrl = QUrl(QStringLiteral("https://openrouter.ai/api/v1"));
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatSession *session() { return &m_session; }
    RouteEngine *engine() { return &m_engine; }
    RouteChoices *routeChoices() const { return m_routes; }
    CompareActions *compareActions() const { return m_compare; }
    ChatView *chatView() const { return m_chat; }
    Composer *composer() const { return m_composer; }
    InspectorWidget *inspector() const { return m_inspector; }
    // Null when the route has no OpenRouter endpoint.
    Catalog *catalog() const { return m_connectionMode->catalog(); }
    ConversationListWidget *conversationList() const { return m_conversationList; }
    RouteEditorWidget *routeEditor() const { return m_routeEditor; }
    RouteStepsModel *routeSteps() { return &m_steps; }
    AttemptTableModel *attempts() { return &m_attempts; }
    SimServer *simulator() const { return m_simulator.get(); } // also in live mode: rehearsals
    SidePanel *sidePanel() const { return m_sidePanel; }
    bool isSimulated() const { return m_connectionMode->isSimulated(); }
    void setSimulated(bool simulated) { m_connectionMode->setSimulated(simulated); }
    ConnectionPanel *connectionPanel() const { return m_connection; }
    ConnectionController *connection() const { return m_connectionMode; }
    RehearsalDock *rehearsal() const { return m_rehearsal; }
    SimulatorBanner *simulatorBanner() const { return m_banner; }
    HistoryWriteBanner *historyWriteBanner() const { return m_historyBanner; }
    void showConnectionPanel() { m_connectionDialog->open(); }
    ConversationStore *store() const { return m_history.store(); }
    qint64 conversationId() const { return m_conversation->conversationId(); }
    void openConversation(qint64 conversationId);
    // Opens the conversation at stored message `messageId`, `terms` highlighted (a search result).
    void openSearchHit(qint64 conversationId, qint64 messageId, const QStringList &terms);
    WindowLayout *windowLayout() const { return m_layout; }
    ConversationSettingsActions *conversationSettings() const { return m_chatSettings; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void openHistory(const QString &path);
    QWidget *createTranscriptColumn();
    void createSidePanel();
    void createConnectionDialog();
    void createMenus();
    void connectChat();
    void applyMode(bool simulated);
    void showMessage(const QString &text, int ms);
    void showNotice(const QString &text) { showMessage(text, StatusLine::noticeMs); }
    void updateStatus();
    void updateEmptyState();
    void showStep(int step);
    void openLink(const QUrl &url);
    void newChat();

    // Declared first, destroyed last: turns still settling when the window goes
    // (their recorders flush on destruction) must find the store alive.
    ConversationHistory m_history;
    SystemReachability m_reachability; // before the engine: its turns ask it
    RouteEngine m_engine;
    KeychainSecretStore m_keychain;
    KeyRing m_keyRing { &m_keychain };
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SimServer> m_simulator;
    ChatSession m_session;
    AttemptTableModel m_attempts;
    RouteStepsModel m_steps;
    std::unique_ptr<ConversationListModel> m_conversations;
    QString m_traceFile;

    RouteChoices *m_routes = nullptr;
    ConversationController *m_conversation = nullptr;
    ConnectionController *m_connectionMode = nullptr;
    FixController *m_fixes = nullptr;
    ConversationSettingsActions *m_chatSettings = nullptr;
    CompareActions *m_compare = nullptr;

    QSplitter *m_splitter = nullptr;
    ConversationListWidget *m_conversationList = nullptr;
    ChatView *m_chat = nullptr;
    Composer *m_composer = nullptr;
    SimulatorBanner *m_banner = nullptr;
    HistoryWriteBanner *m_historyBanner = nullptr;
    ConnectCard *m_connectCard = nullptr;
    SidePanel *m_sidePanel = nullptr;
    InspectorWidget *m_inspector = nullptr;
    RouteEditorWidget *m_routeEditor = nullptr;
    RehearsalDock *m_rehearsal = nullptr;
    ConnectionPanel *m_connection = nullptr;
    ConnectionDialog *m_connectionDialog = nullptr;
    TransferActions *m_transfers = nullptr;
    QAction *m_simulatedAction = nullptr;
    QAction *m_inspectorAction = nullptr;
    QAction *m_routeEditorAction = nullptr;
    QAction *m_healthAction = nullptr;
    QAction *m_rehearsalAction = nullptr;
    StatusLine *m_status = nullptr;
    WindowLayout *m_layout = nullptr;
    PaneFocus *m_panes = nullptr;
};

} // namespace detour
