// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderHealthModel.h"

#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

ProviderHealthModel::ProviderHealthModel(
    const ProviderHealthQuery *query, QObject *parent, Load load)
    : QAbstractTableModel(parent)
    , m_query(query)
{
    if (load == Load::Now)
        refresh();
}

int ProviderHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ProviderHealthModel::setWindow(HealthWindow window)
{
    if (window == m_window)
        return;
    m_window = window;
    if (m_loaded)
        refresh();
}

void ProviderHealthModel::setGrouping(HealthGrouping grouping)
{
    if (grouping == m_grouping || grouping == HealthGrouping::Step)
        return;
    m_grouping = grouping;
    if (m_loaded)
        refresh();
}

Result<> ProviderHealthModel::refresh()
{
    m_loaded = true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Result<QList<ProviderHealth>> rows = QList<ProviderHealth>();
    if (m_query)
        rows = m_query->run(m_window, m_grouping, now);
    beginResetModel();
    m_rows = rows.valueOr(QList<ProviderHealth>());
    m_emptyText.clear();
    if (m_rows.isEmpty()) {
        if (!m_query)
            m_emptyText = tr("History is off, so there are no attempts to show.");
        else if (!rows)
            m_emptyText = tr("The history could not be read: %1").arg(rows.error());
        else if (m_window != HealthWindow::All
            && !m_query->run(HealthWindow::All, m_grouping, now)
                    .valueOr(QList<ProviderHealth>())
                    .isEmpty())
            m_emptyText = tr("No attempts in the %1 — choose a longer window.")
                              .arg(windowName(m_window).toLower());
        else
            m_emptyText = tr("No attempts recorded yet — send a message, or rehearse a route.");
    }
    endResetModel();
    if (!rows)
        return Error(rows.error());
    return {};
}

QString ProviderHealthModel::windowName(HealthWindow window)
{
    switch (window) {
    case HealthWindow::LastHour:
        return tr("Last hour");
    case HealthWindow::LastDay:
        return tr("Last 24 hours");
    case HealthWindow::LastWeek:
        return tr("Last 7 days");
    case HealthWindow::All:
        return tr("All time");
    }
    return {};
}

QString ProviderHealthModel::rowLabel(const ProviderHealth &row)
{
    return row.model.isEmpty() ? row.provider : row.provider + u" · "_s + row.model;
}

QVariant ProviderHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Tries:
            return tr("Requests that reached a server, OpenRouter's own tries at other providers "
                      "included; skipped and cancelled ones are not counted.");
        case SuccessRate:
            return tr("Share of tries that served a complete reply.");
        case RateLimited:
            return tr("Tries answered with HTTP 429.");
        case LostRaces:
            return tr("Hedged requests cancelled because another request of the same turn "
                      "delivered its first token sooner; not failures, and not counted as tries.");
        case FirstTokenP50:
        case FirstTokenP90:
            return tr("Time from sending the request to the first token of the reply (median "
                      "and 90th percentile).");
        case TokensPerSecond:
            return tr("Completion tokens per second, from the first token to the last.");
        case CostPer1k:
            return tr("Credits (USD) per 1000 tokens, prompt and completion together, as "
                      "OpenRouter reported them.");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Provider:
        return tr("Provider");
    case Model:
        return tr("Model");
    case Tries:
        return tr("Tries");
    case SuccessRate:
        return tr("Success");
    case RateLimited:
        return tr("429s");
    case LostRaces:
        return tr("Lost races");
    case FirstTokenP50:
        return tr("First token p50");
    case FirstTokenP90:
        return tr("First token p90");
    case TokensPerSecond:
        return tr("Tokens/s");
    case CostPer1k:
        return tr("$ / 1k tokens");
    default:
        return {};
    }
}

QVariant ProviderHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProviderHealth &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= Tries ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == SuccessRate || index.column() == RateLimited)
            return tr("%1 of %n tries served; %2 answered 429.", nullptr, row.tries)
                .arg(row.served)
                .arg(row.rateLimited);
        return {};
    default:
        return {};
    }
}

QVariant ProviderHealthModel::display(const ProviderHealth &row, int column) const
{
    const QLocale locale;
    const auto orDash = [](const std::optional<double> &value, auto format) -> QString {
        return value ? format(*value) : tr("—");
    };
    const auto seconds = [&](double ms) -> QString {
        return ms < 1000 ? tr("%1 ms").arg(qRound64(ms))
                         : tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
    };
    switch (column) {
    case Provider:
        return row.provider;
    case Model:
        return row.model;
    case Tries:
        return locale.toString(row.tries);
    case SuccessRate:
        return tr("%1 %").arg(qRound(row.successRate() * 100));
    case RateLimited:
        return locale.toString(row.rateLimited);
    case LostRaces:
        return locale.toString(row.lostRaces);
    case FirstTokenP50:
        return orDash(row.timeToFirstTokenP50Ms, seconds);
    case FirstTokenP90:
        return orDash(row.timeToFirstTokenP90Ms, seconds);
    case TokensPerSecond:
        return orDash(row.tokensPerSecond,
            [&](double value) -> QString { return locale.toString(value, 'f', 0); });
    case CostPer1k:
        return orDash(row.costPer1kTokens,
            [&](double value) -> QString { return u"$"_s + locale.toString(value, 'f', 4); });
    default:
        return {};
    }
}

QVariant ProviderHealthModel::sortValue(const ProviderHealth &row, int column) const
{
    // Rows without a figure sort below every row with one.
    const auto number = [](const std::optional<double> &value) { return value.value_or(-1.0); };
    switch (column) {
    case Provider:
        return row.provider;
    case Model:
        return row.model;
    case Tries:
        return row.tries;
    case SuccessRate:
        return row.successRate();
    case RateLimited:
        return row.rateLimited;
    case LostRaces:
        return row.lostRaces;
    case FirstTokenP50:
        return number(row.timeToFirstTokenP50Ms);
    case FirstTokenP90:
        return number(row.timeToFirstTokenP90Ms);
    case TokensPerSecond:
        return number(row.tokensPerSecond);
    case CostPer1k:
        return number(row.costPer1kTokens);
    default:
        return {};
    }
}

} // namespace detour
