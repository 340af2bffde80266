// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RehearsalResultsModel.h"

#include "protocol/NumberText.h"

#include <QHash>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QString who(const Attempt &attempt)
{
    return attempt.provider.isEmpty() ? attempt.endpointId : attempt.provider;
}

// The most frequent value, the earliest seen winning ties; empty for an empty list.
template<typename T> std::pair<T, int> mostCommon(const QList<T> &values)
{
    std::pair<T, int> best {};
    QHash<T, int> counts;
    for (const T &value : values) {
        const int count = ++counts[value];
        if (count > best.second)
            best = { value, count };
    }
    return best;
}

// "a 429 from Chutes", "a failure at openrouter (Timed out)"; empty for served and skipped
// attempts.
QString refusalPhrase(const Attempt &attempt)
{
    if (attempt.outcome == Outcome::Served || attempt.outcome == Outcome::Skipped)
        return {};
    return attempt.httpStatus > 0
        ? RehearsalResultsModel::tr("a %1 from %2").arg(attempt.httpStatus).arg(who(attempt))
        : RehearsalResultsModel::tr("a failure at %1 (%2)")
              .arg(who(attempt), outcomeLabel(attempt.outcome));
}

// The word a person reads in the results table; turnStatusName() stays the stored,
// untranslated name.
QString statusLabel(TurnResult::Status status)
{
    switch (status) {
    case TurnResult::Status::Served:
        return RehearsalResultsModel::tr("served");
    case TurnResult::Status::Interrupted:
        return RehearsalResultsModel::tr("interrupted");
    case TurnResult::Status::Failed:
        return RehearsalResultsModel::tr("failed");
    case TurnResult::Status::Cancelled:
        return RehearsalResultsModel::tr("cancelled");
    }
    return turnStatusName(status);
}

} // namespace

int RehearsalTurn::servedStep() const
{
    const Attempt *served = result.served();
    return served && result.status == TurnResult::Status::Served ? served->stepIndex : -1;
}

int RehearsalTurn::fallbacks() const
{
    return fallbackCount(result.attempts, result.servedAttempt);
}

qint64 RehearsalTurn::firstTokenMs() const
{
    for (const Attempt &attempt : result.attempts) {
        if (attempt.timings.firstTokenMs >= 0)
            return attempt.timings.firstTokenMs;
    }
    return -1;
}

qint64 RehearsalTurn::failoverMs() const
{
    const Attempt *served = result.served();
    if (!served || result.status != TurnResult::Status::Served)
        return -1;
    return std::max<qint64>(0, served->timings.sentMs);
}

QStringList RehearsalTurn::refusals() const
{
    QStringList list;
    for (const Attempt &attempt : result.attempts) {
        if (attempt.outcome == Outcome::Served) {
            for (const ServerAttempt &server : attempt.serverAttempts) {
                if (server.status != 200)
                    list << RehearsalResultsModel::tr("%1 %2 inside OpenRouter")
                                .arg(server.provider)
                                .arg(server.status);
            }
        } else if (attempt.outcome == Outcome::Skipped) {
            list << RehearsalResultsModel::tr("step %1 skipped").arg(attempt.stepIndex + 1);
        } else if (attempt.httpStatus > 0) {
            list << RehearsalResultsModel::tr("%1 from %2")
                        .arg(attempt.httpStatus)
                        .arg(who(attempt));
        } else {
            list << RehearsalResultsModel::tr("%1 at %2")
                        .arg(outcomeLabel(attempt.outcome), who(attempt));
        }
    }
    return list;
}

QString RehearsalTurn::firstRefusal() const
{
    for (const Attempt &attempt : result.attempts) {
        if (const QString phrase = refusalPhrase(attempt); !phrase.isEmpty())
            return phrase;
    }
    return {};
}

QString RehearsalTurn::lastRefusal() const
{
    for (auto it = result.attempts.crbegin(); it != result.attempts.crend(); ++it) {
        if (const QString phrase = refusalPhrase(*it); !phrase.isEmpty())
            return phrase;
    }
    return {};
}

int RehearsalResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_turns.size());
}

int RehearsalResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RehearsalResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RehearsalTurn &turn = m_turns[index.row()];
    const bool served = turn.result.status == TurnResult::Status::Served;
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn && !served)
        return turn.result.summary;
    if (role == Qt::ToolTipRole && index.column() == RefusedByColumn)
        return turn.refusals().join(u'\n');
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TurnColumn:
        return turn.number;
    case OutcomeColumn:
        return statusLabel(turn.result.status);
    case ServedByColumn: {
        const Attempt *attempt = turn.result.served();
        if (!served || !attempt)
            return QString();
        return tr("step %1 · %2 · %3")
            .arg(attempt->stepIndex + 1)
            .arg(attempt->provider.isEmpty() ? attempt->endpointId : attempt->provider,
                attempt->servedModel.isEmpty() ? attempt->requestedModel : attempt->servedModel);
    }
    case FallbacksColumn:
        return turn.fallbacks();
    case FailoverColumn:
        return turn.failoverMs() < 0 ? QString() : duration(turn.failoverMs());
    case FirstTokenColumn:
        return turn.firstTokenMs() < 0 ? QString() : duration(turn.firstTokenMs());
    case RefusedByColumn:
        return turn.refusals().join(u", "_s);
    default:
        return {};
    }
}

QVariant RehearsalResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TurnColumn:
        return tr("Turn");
    case OutcomeColumn:
        return tr("Outcome");
    case ServedByColumn:
        return tr("Served by");
    case FallbacksColumn:
        return tr("Fallbacks");
    case FailoverColumn:
        return tr("Failover");
    case FirstTokenColumn:
        return tr("First token");
    case RefusedByColumn:
        return tr("Refused by");
    default:
        return {};
    }
}

void RehearsalResultsModel::clear()
{
    beginResetModel();
    m_turns.clear();
    endResetModel();
    Q_EMIT summaryChanged(summary());
}

void RehearsalResultsModel::append(const RehearsalTurn &turn)
{
    beginInsertRows({}, rowCount(), rowCount());
    m_turns.append(turn);
    endInsertRows();
    Q_EMIT summaryChanged(summary());
}

int RehearsalResultsModel::servedCount() const
{
    return int(std::count_if(m_turns.cbegin(), m_turns.cend(),
        [](const RehearsalTurn &turn) { return turn.servedStep() >= 0; }));
}

qint64 RehearsalResultsModel::medianFailoverMs() const
{
    QList<qint64> values;
    for (const RehearsalTurn &turn : m_turns) {
        if (turn.failoverMs() >= 0)
            values.append(turn.failoverMs());
    }
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

QString RehearsalResultsModel::summary() const
{
    if (m_turns.isEmpty())
        return {};
    const int total = int(m_turns.size());
    QList<int> steps;
    QList<QString> refusals;
    QList<QString> failures;
    for (const RehearsalTurn &turn : m_turns) {
        if (turn.servedStep() >= 0) {
            steps << turn.servedStep();
            if (const QString refusal = turn.firstRefusal(); !refusal.isEmpty())
                refusals << refusal;
        } else {
            failures << turn.lastRefusal();
        }
    }
    if (steps.isEmpty())
        return tr("0/%1 served; most often the last refusal was %2")
            .arg(total)
            .arg(mostCommon(failures).first);
    const auto [step, count] = mostCommon(steps);
    QString text = tr("%1/%2 served by step %3").arg(count).arg(total).arg(step + 1);
    if (const QString refusal = mostCommon(refusals).first; !refusal.isEmpty())
        text += u' ' + tr("after %1").arg(refusal);
    if (steps.size() > count)
        text += tr(", %1 by other steps").arg(steps.size() - count);
    if (!failures.isEmpty())
        text += tr(", %1 not served").arg(failures.size());
    return text + tr("; median failover %1").arg(duration(medianFailoverMs()));
}

QString RehearsalResultsModel::duration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    return NumberText::seconds(double(ms) / 1000.0);
}

} // namespace detour
