// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "chat/RouteFixer.h"
#include "route/Attempt.h"

#include <QWidget>
#include <functional>

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;
class QToolBar;

namespace detour {

class AttemptTableModel;
class FixController;

// The error inspector: the live attempt table (all turns, or the selected one)
// and, for the selected attempt, the plain explanation, one-click fixes, the
// raw body, redacted headers and timings.
class InspectorWidget final : public QWidget {
    Q_OBJECT

public:
    InspectorWidget(AttemptTableModel *model, QWidget *parent = nullptr);

    void showTurn(int turn); // selects the turn's last attempt and filters to it
    QTableView *table() const { return m_table; }
    QTextBrowser *details() const { return m_details; }
    QList<QAction *> fixActions() const; // the one-click fixes for the selected attempt

    // What a route change would make of the current route (RouteFixer::apply
    // with the catalog's providers): a fix is enabled only when this succeeds,
    // and its tooltip says why not otherwise.
    using RouteChangeCheck = std::function<Result<RoutePlan>(RouteFixer::Change, const Attempt &)>;
    void setRouteChangeCheck(RouteChangeCheck check);
    // Checks route changes with `fixes` and hands it every fix the person picks.
    void useFixes(FixController *fixes);
    // Checks the fixes of the selected attempt again (the route changed).
    void refreshFixes();

Q_SIGNALS:
    // A fix that leaves the route alone (wait, retry, add a key, ...).
    void fixRequested(detour::Fix fix, const detour::Attempt &attempt);
    // A fix that changes the route; the check has passed.
    void routeChangeRequested(detour::RouteFixer::Change change, const detour::Attempt &attempt);

private:
    void showDetails();
    void setTurnFilter(int turn);

    AttemptTableModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QCheckBox *m_onlySelectedTurn;
    QLabel *m_summary;
    QToolBar *m_fixes; // overflows into a menu when the pane is narrow
    QTextBrowser *m_details;
    RouteChangeCheck m_routeChangeCheck;
    int m_turn = -1;
};

} // namespace detour
