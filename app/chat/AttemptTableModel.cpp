// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttemptTableModel.h"

#include "protocol/NumberText.h"

#include <QLocale>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QString milliseconds(qint64 ms)
{
    return NumberText::milliseconds(ms);
}

} // namespace

AttemptTableModel::AttemptTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int AttemptTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttemptTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttemptTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Turn:
        return tr("Turn");
    case Step:
        return tr("Step");
    case Endpoint:
        return tr("Endpoint");
    case Model:
        return tr("Model (requested → served)");
    case Provider:
        return tr("Provider");
    case Status:
        return tr("HTTP");
    case OutcomeColumn:
        return tr("Outcome");
    case PartyColumn:
        return tr("Who must act");
    case RetryAfter:
        return tr("Retry after");
    case FirstByte:
        return tr("First byte");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

QVariant AttemptTableModel::display(const Row &row, int column) const
{
    const Entry &entry = m_entries[row.entry];
    const Attempt &attempt = entry.attempt;
    if (row.server >= 0) {
        const ServerAttempt &server = attempt.serverAttempts[row.server];
        switch (column) {
        case Step:
            return tr("↳ server-side");
        case Model:
            return server.model;
        case Provider:
            return server.provider;
        case Status:
            return server.status ? QVariant(server.status) : QVariant();
        case OutcomeColumn:
            return server.status == 200
                ? outcomeLabel(Outcome::Served)
                : tr("refused (%1)")
                      .arg(server.code.isEmpty() ? QString::number(server.status) : server.code);
        case PartyColumn:
            return tr("OpenRouter tried it");
        case Duration:
            return server.latencyMs ? milliseconds(*server.latencyMs) : QString();
        default:
            return {};
        }
    }
    const AttemptTimings &t = attempt.timings;
    switch (column) {
    case Time:
        return entry.attempt.startedAt.isValid()
            ? QLocale().toString(entry.attempt.startedAt.toLocalTime().time(), u"HH:mm:ss"_s)
            : QVariant();
    case Turn:
        if (const QString label = m_turnLabels.value(entry.turn); !label.isEmpty())
            return u"%1 · %2"_s.arg(entry.turn).arg(label);
        return entry.turn;
    case Step:
        return attempt.stepIndex + 1;
    case Endpoint:
        return attempt.endpointId;
    case Model:
        return attempt.servedModel.isEmpty() || attempt.servedModel == attempt.requestedModel
            ? attempt.requestedModel
            : attempt.requestedModel + u" → "_s + attempt.servedModel;
    case Provider:
        return attempt.provider;
    case Status:
        return attempt.httpStatus ? QVariant(attempt.httpStatus) : QVariant();
    case OutcomeColumn:
        if (entry.inFlight)
            return tr("in flight…");
        return attempt.interrupted ? tr("%1 (interrupted)").arg(outcomeLabel(attempt.outcome))
                                   : outcomeLabel(attempt.outcome);
    case PartyColumn:
        return partyLabel(attempt.party);
    case RetryAfter:
        if (attempt.outcome == Outcome::Skipped && attempt.coolingUntil.isValid())
            return tr("until %1")
                .arg(QLocale().toString(attempt.coolingUntil.toLocalTime().time(), u"HH:mm:ss"_s));
        return attempt.retryAfterS ? NumberText::trimmedSeconds(*attempt.retryAfterS) : QString();
    case FirstByte:
        return t.headersMs >= 0 && t.sentMs >= 0 ? milliseconds(t.headersMs - t.sentMs) : QString();
    case Duration:
        return t.finishedMs >= 0 && t.sentMs >= 0 ? milliseconds(t.finishedMs - t.sentMs)
                                                  : QString();
    default:
        return {};
    }
}

QVariant AttemptTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[index.row()];
    const Entry &entry = m_entries[row.entry];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return row.server < 0 ? entry.attempt.summary : QVariant();
    case OutcomeRole:
        if (row.server >= 0)
            return int(entry.attempt.serverAttempts[row.server].status == 200
                    ? Outcome::Served
                    : Outcome::ServerError);
        return entry.inFlight ? -1 : int(entry.attempt.outcome);
    case TurnRole:
        return entry.turn;
    case AttemptIndexRole:
        return entry.attempt.index;
    case ServerSideRole:
        return row.server >= 0;
    case SummaryRole:
        return entry.attempt.summary;
    default:
        return {};
    }
}

void AttemptTableModel::rebuildRows()
{
    m_rows.clear();
    for (int e = 0; e < m_entries.size(); ++e) {
        m_rows.append({ e, -1 });
        for (int s = 0; s < m_entries[e].attempt.serverAttempts.size(); ++s)
            m_rows.append({ e, s });
    }
}

void AttemptTableModel::attemptStarted(int turn, const Attempt &attempt)
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_entries.append({ turn, attempt.outcome != Outcome::Skipped, attempt });
    m_rows.append({ int(m_entries.size() - 1), -1 });
    endInsertRows();
}

void AttemptTableModel::attemptFinished(int turn, const Attempt &attempt)
{
    const int row = rowOf(turn, attempt.index);
    if (row < 0) {
        attemptStarted(turn, attempt);
        attemptFinished(turn, attempt);
        return;
    }
    Entry &entry = m_entries[m_rows[row].entry];
    const qsizetype oldServerRows = entry.attempt.serverAttempts.size();
    const qsizetype newServerRows = attempt.serverAttempts.size();
    entry.attempt = attempt;
    entry.inFlight = false;
    if (newServerRows != oldServerRows) {
        // Server-side rows sit right below their attempt; only their count changes.
        beginResetModel();
        rebuildRows();
        endResetModel();
        return;
    }
    Q_EMIT dataChanged(index(row, 0), index(row + int(newServerRows), ColumnCount - 1));
}

void AttemptTableModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_rows.clear();
    m_turnLabels.clear();
    endResetModel();
}

void AttemptTableModel::setTurnLabel(int turn, const QString &label)
{
    if (m_turnLabels.value(turn) == label)
        return;
    if (label.isEmpty())
        m_turnLabels.remove(turn);
    else
        m_turnLabels.insert(turn, label);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_entries[m_rows[row].entry].turn == turn)
            Q_EMIT dataChanged(index(row, Turn), index(row, Turn));
    }
}

void AttemptTableModel::setFinishedAttempts(const QList<std::pair<int, Attempt>> &attempts)
{
    beginResetModel();
    m_entries.clear();
    for (const auto &[turn, attempt] : attempts)
        m_entries.append({ turn, false, attempt });
    rebuildRows();
    endResetModel();
}

int AttemptTableModel::rowOf(int turn, int attemptIndex) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Entry &entry = m_entries[m_rows[row].entry];
        if (m_rows[row].server < 0 && entry.turn == turn && entry.attempt.index == attemptIndex)
            return row;
    }
    return -1;
}

const Attempt *AttemptTableModel::attemptAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_entries[m_rows[row].entry].attempt : nullptr;
}

bool AttemptTableModel::isInFlight(int row) const
{
    return row >= 0 && row < m_rows.size() && m_entries[m_rows[row].entry].inFlight;
}

const ServerAttempt *AttemptTableModel::serverAttemptAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows[row].server < 0)
        return nullptr;
    return &m_entries[m_rows[row].entry].attempt.serverAttempts[m_rows[row].server];
}

} // namespace detour
