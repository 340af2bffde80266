// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimFaultModel.h"

#include "SimServer.h"

namespace detour {

using namespace Qt::StringLiterals;

SimFaultModel::SimFaultModel(SimServer *server, QObject *parent)
    : QAbstractTableModel(parent)
    , m_server(server)
{
    if (m_server)
        connect(m_server, &SimServer::scenarioChanged, this, &SimFaultModel::reload);
    reload();
}

SimFaultModel::~SimFaultModel() = default;

void SimFaultModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_server) {
        const SimScenario &scenario = m_server->scenario();
        for (const QString &name : scenario.providerNames()) {
            Row row;
            row.provider = name;
            row.scenarioScript = scenario.provider(name)->script;
            for (const SimScenario::Model &model : scenario.models()) {
                if (model.providers.contains(name))
                    row.models.append(model.id);
            }
            m_rows.append(row);
        }
    }
    endResetModel();
}

int SimFaultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SimFaultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SimFaultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (index.column()) {
    case ProviderColumn:
        return role == Qt::DisplayRole ? QVariant(row.provider) : QVariant();
    case ModelsColumn:
        return role == Qt::DisplayRole || role == Qt::ToolTipRole
            ? QVariant(row.models.join(u", "_s))
            : QVariant();
    case FaultColumn:
        if (role == Qt::DisplayRole)
            return SimFault::label(row.fault);
        if (role == Qt::EditRole)
            return int(row.fault);
        return {};
    case RetryAfterColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return row.retryAfterS;
        if (role == Qt::ToolTipRole)
            return tr("Seconds the 429 with Retry-After asks clients to wait.");
        return {};
    default:
        return {};
    }
}

bool SimFaultModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok)
        return false;
    if (index.column() == FaultColumn) {
        if (!SimFault::kinds().contains(SimFault::Kind(number)))
            return false;
        return setFault(index.row(), SimFault::Kind(number));
    }
    if (index.column() == RetryAfterColumn)
        return setRetryAfterS(index.row(), number);
    return false;
}

Qt::ItemFlags SimFaultModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == FaultColumn || index.column() == RetryAfterColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant SimFaultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case ModelsColumn:
        return tr("Serves");
    case FaultColumn:
        return tr("Behaviour");
    case RetryAfterColumn:
        return tr("Retry-After (s)");
    default:
        return {};
    }
}

int SimFaultModel::row(const QString &provider) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].provider == provider)
            return int(i);
    }
    return -1;
}

SimFault::Kind SimFaultModel::fault(int row) const
{
    return m_rows.value(row).fault;
}

int SimFaultModel::retryAfterS(int row) const
{
    return m_rows.value(row).retryAfterS;
}

bool SimFaultModel::setFault(int row, SimFault::Kind kind)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    m_rows[row].fault = kind;
    if (!apply(row))
        return false;
    Q_EMIT dataChanged(index(row, FaultColumn), index(row, FaultColumn));
    return true;
}

bool SimFaultModel::setRetryAfterS(int row, int seconds)
{
    if (row < 0 || row >= m_rows.size() || seconds < 0)
        return false;
    m_rows[row].retryAfterS = seconds;
    if (SimFault::usesRetryAfter(m_rows[row].fault) && !apply(row))
        return false;
    Q_EMIT dataChanged(index(row, RetryAfterColumn), index(row, RetryAfterColumn));
    return true;
}

void SimFaultModel::restoreAll()
{
    for (int row = 0; row < rowCount(); ++row)
        setFault(row, SimFault::Kind::AsScripted);
}

bool SimFaultModel::apply(int row)
{
    const Row &entry = m_rows[row];
    if (!m_server)
        return false;
    const QList<SimScenario::Entry> script = entry.fault == SimFault::Kind::AsScripted
        ? entry.scenarioScript
        : SimFault::script(entry.fault, entry.retryAfterS);
    return m_server->setProviderScript(entry.provider, script);
}

} // namespace detour
