// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace detour {

class CooldownModel;
class CooldownTable;
class HealthChart;
class ProviderHealthModel;
class ProviderHealthQuery;
class RouteEngine;

// The "Provider health" dock's content: a window picker, the health drawn
// (HealthChart) and listed (a sortable table), or a sentence when there is
// nothing to show; below, the cooldowns in force with a live countdown and
// Clear per row / Clear all.
class ProviderHealthWidget final : public QWidget {
    Q_OBJECT

public:
    // `query` and `cooldowns` must outlive the widget.
    ProviderHealthWidget(
        const ProviderHealthQuery *query, CooldownTable *cooldowns, QWidget *parent = nullptr);

    ProviderHealthModel *healthModel() const { return m_health; }
    CooldownModel *cooldownModel() const { return m_cooldowns; }
    // Reads the history again now when visible, else the next time it is shown.
    void refresh();
    // Refreshes after every turn the engine runs (once it is recorded).
    void follow(RouteEngine *engine);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateHealthState();
    void updateCooldownState();
    void addClearButtons();

    ProviderHealthModel *m_health;
    CooldownModel *m_cooldowns;
    QComboBox *m_window;
    QCheckBox *m_perModel;
    QLabel *m_empty;
    HealthChart *m_chart;
    QTableView *m_table;
    QLabel *m_noCooldowns;
    QTableView *m_cooldownTable;
    QPushButton *m_clearAll;
    bool m_stale = true; // the rows need reading when next shown (never read at first)
};

} // namespace detour
