// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimFault.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace detour {

class SimServer;

// The simulator's providers, one row each, with the fault injected into each:
// choosing a fault (FaultColumn, Qt::EditRole = int(SimFault::Kind)) replaces
// that provider's script in the running simulator at once; "As scripted"
// gives it back the scenario's own. Follows the server's scenario.
class SimFaultModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ProviderColumn, ModelsColumn, FaultColumn, RetryAfterColumn, ColumnCount };

    explicit SimFaultModel(SimServer *server, QObject *parent = nullptr);
    ~SimFaultModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int row(const QString &provider) const; // -1 when unknown
    SimFault::Kind fault(int row) const;
    int retryAfterS(int row) const;
    bool setFault(int row, SimFault::Kind kind);
    bool setRetryAfterS(int row, int seconds);
    // Every provider back to its scenario script.
    void restoreAll();

private:
    struct Row {
        QString provider;
        QStringList models; // the scenario models it serves
        QList<SimScenario::Entry> scenarioScript;
        SimFault::Kind fault = SimFault::Kind::AsScripted;
        int retryAfterS = SimFault::defaultRetryAfterS;
    };

    void reload();
    bool apply(int row);

    QPointer<SimServer> m_server;
    QList<Row> m_rows;
};

} // namespace detour
