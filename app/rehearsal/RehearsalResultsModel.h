// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Attempt.h"

#include <QAbstractTableModel>
#include <QList>

namespace detour {

// One rehearsed turn, reduced to what a person compares across turns.
struct RehearsalTurn {
    int number = 0; // 1-based
    TurnResult result;

    int servedStep() const; // 0-based step index; -1 when not served
    int fallbacks() const; // fallbackCount(): as the badge, the inspector and exports state them
    // Turn-relative: when the first token arrived (-1: never).
    qint64 firstTokenMs() const;
    // The time spent before the serving request went out: failed attempts and
    // waits (-1 when not served).
    qint64 failoverMs() const;
    // Who refused, in order: "429 from Chutes", "Cerebras 429 inside OpenRouter", ...
    QStringList refusals() const;
    // The first and the last refusal as a phrase ("a 429 from Chutes"); empty when none.
    QString firstRefusal() const;
    QString lastRefusal() const;
};

// Rehearsal results, one row per turn, and the one-sentence summary
// ("9/10 served by step 2 after a 429 from Chutes; median failover 4 ms").
class RehearsalResultsModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TurnColumn,
        OutcomeColumn,
        ServedByColumn,
        FallbacksColumn,
        FailoverColumn,
        FirstTokenColumn,
        RefusedByColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void append(const RehearsalTurn &turn);
    const QList<RehearsalTurn> &turns() const { return m_turns; }
    int servedCount() const;
    // Median over the served turns; -1 when none was served.
    qint64 medianFailoverMs() const;
    QString summary() const;

    static QString duration(qint64 ms); // "4 ms", "1.2 s"

Q_SIGNALS:
    void summaryChanged(const QString &summary);

private:
    QList<RehearsalTurn> m_turns;
};

} // namespace detour
