// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownModel.h"

#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

CooldownModel::CooldownModel(CooldownTable *table, QObject *parent)
    : QAbstractTableModel(parent)
    , m_table(table)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &CooldownModel::tick);
    connect(m_table, &CooldownTable::changed, this, &CooldownModel::reload);
    reload();
}

int CooldownModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CooldownModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void CooldownModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    reload();
}

void CooldownModel::reload()
{
    const qsizetype before = m_entries.size();
    beginResetModel();
    m_entries = m_table->active(m_clock());
    endResetModel();
    if (m_entries.isEmpty())
        m_ticker.stop();
    else if (!m_ticker.isActive())
        m_ticker.start();
    if (before != m_entries.size())
        Q_EMIT countChanged(int(m_entries.size()));
}

void CooldownModel::tick()
{
    const QDateTime now = m_clock();
    const qsizetype before = m_entries.size();
    // Entries are soonest first, so the expired ones are at the top.
    while (!m_entries.isEmpty() && m_entries.first().until.isValid()
        && m_entries.first().until <= now) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(
            index(0, Remaining), index(int(m_entries.size()) - 1, Remaining), { Qt::DisplayRole });
    else
        m_ticker.stop();
    if (before != m_entries.size())
        Q_EMIT countChanged(int(m_entries.size()));
}

void CooldownModel::clearRow(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const CooldownTable::Entry entry = m_entries[row];
    m_table->clear(entry); // reloads through `changed`
}

void CooldownModel::clearAll()
{
    m_table->clear();
}

void CooldownModel::refresh()
{
    m_table->refresh(); // reloads through `changed` when something changed
}

QString CooldownModel::reasonText(Outcome reason)
{
    switch (reason) {
    case Outcome::RateLimitedUpstream:
        return tr("Rate-limited upstream (429)");
    case Outcome::RateLimitedKey:
        return tr("Your key's rate limit (429)");
    case Outcome::NoCredits:
        return tr("No credits (402)");
    case Outcome::Auth:
        return tr("Key refused (401)");
    default:
        return outcomeLabel(reason);
    }
}

QString CooldownModel::remainingText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

QVariant CooldownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Scope:
        return tr("Skipped");
    case Endpoint:
        return tr("Endpoint");
    case Model:
        return tr("Model");
    case Provider:
        return tr("Provider");
    case Reason:
        return tr("Reason");
    case Until:
        return tr("Until");
    case Remaining:
        return tr("Left");
    default:
        return {};
    }
}

QVariant CooldownModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CooldownTable::Entry &entry = m_entries[index.row()];
    if (role == Qt::ToolTipRole)
        return tr("Turns skip %1 after %2; the last step standing is tried anyway.")
            .arg(entry.description(m_clock()), entry.causeText());
    if (role == Qt::TextAlignmentRole && index.column() == Remaining)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Scope:
        return entry.scopeText();
    case Endpoint:
        return entry.endpointId;
    case Model:
        return entry.model.isEmpty() ? tr("(all it covers)") : entry.model;
    case Provider:
        return entry.provider.isEmpty() ? tr("(any)") : entry.provider;
    case Reason:
        return reasonText(entry.reason);
    case Until:
        if (!entry.until.isValid())
            return entry.scope == Cooldown::Scope::Key ? tr("the key changes") : tr("cleared");
        return QLocale().toString(entry.until.toLocalTime().time(), u"HH:mm:ss"_s);
    case Remaining:
        if (!entry.until.isValid())
            return QString();
        // Rounded up: "1 s" until the very end, never "0 s" for an active entry.
        return remainingText((m_clock().msecsTo(entry.until) + 999) / 1000);
    default:
        return {};
    }
}

} // namespace detour
