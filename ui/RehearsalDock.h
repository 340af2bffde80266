// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace detour {

class RehearsalRunner;
class RouteStepsModel;
class SimFaultModel;
class SimServer;

// Rehearsal: a fault chooser per simulated provider (applied to the running
// simulator at once, so the chat feels it too) and "Rehearse this route",
// which runs N turns of the current route on the simulator and lists, per
// turn, who served it and what the failover cost.
class RehearsalDock final : public QWidget {
    Q_OBJECT

public:
    RehearsalDock(SimServer *simulator, RouteStepsModel *route, QWidget *parent = nullptr);
    ~RehearsalDock() override;

    SimFaultModel *faults() const { return m_faults; }
    RehearsalRunner *runner() const { return m_runner; }
    QTableView *faultTable() const { return m_faultTable; }
    QTableView *resultTable() const { return m_resultTable; }

    void rehearse();

private:
    void openFaultEditors();

    SimServer *m_simulator;
    RouteStepsModel *m_route;
    SimFaultModel *m_faults;
    RehearsalRunner *m_runner;
    QTableView *m_faultTable;
    QTableView *m_resultTable;
    QSpinBox *m_turns;
    QPushButton *m_rehearse;
    QPushButton *m_stop;
    QLabel *m_summary;
};

} // namespace detour
