// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;

namespace detour {

class Composer;
class ConnectionController;
class QuickSwitchModel;
class QuickSwitcher;
class RouteChoices;
class Settings;

// The Chat menu's "Switch route or model…" (Ctrl+K), which opens the quick switcher over
// the routes and the active catalog's models, and "Choose the route" (the composer's
// picker, also Alt+R). Follows the connection's catalog as it changes.
class QuickSwitchActions final : public QObject {
    Q_OBJECT

public:
    QuickSwitchActions(RouteChoices *routes, Settings *settings, ConnectionController *connection,
        Composer *composer, QMainWindow *window);

    // Made for the window `composer` is in, its actions added to `menu`.
    static QuickSwitchActions *addTo(QMenu *menu, RouteChoices *routes, Settings *settings,
        ConnectionController *connection, Composer *composer);

    QList<QAction *> actions() const;
    QAction *switchAction() const { return m_switch; }
    QuickSwitchModel *model() const { return m_model; }
    QuickSwitcher *switcher() const; // null until first opened
    void open();

private:
    RouteChoices *m_routes;
    QMainWindow *m_window;
    QuickSwitchModel *m_model;
    QAction *m_switch;
    QAction *m_picker;
    QPointer<QuickSwitcher> m_switcher;
};

} // namespace detour
