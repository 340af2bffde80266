#pragma once

#include "route/Attempt.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;
class QToolBar;

namespace detour {

class AttemptTableModel;

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

Q_SIGNALS:
    void fixRequested(detour::Fix fix, const detour::Attempt &attempt);
    void ignoreProviderRequested(const detour::Attempt &attempt);

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
    int m_turn = -1;
};

} // namespace detour
