// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Attempt.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>

namespace detour {

// The error inspector's table: every attempt of every turn, live, with
// OpenRouter's own server-side attempts as extra rows right below the attempt
// they happened in. Colour is never the only cue: the outcome column has text.
class AttemptTableModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Time,
        Turn,
        Step,
        Endpoint,
        Model,
        Provider,
        Status,
        OutcomeColumn,
        PartyColumn,
        RetryAfter,
        FirstByte,
        Duration,
        ColumnCount
    };
    enum Role {
        OutcomeRole = Qt::UserRole + 1, // int(Outcome); -1 while in flight
        TurnRole, // the turn's key
        AttemptIndexRole, // index within the turn
        ServerSideRole, // bool: a row OpenRouter reported, not a request of ours
        SummaryRole,
    };

    explicit AttemptTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Live updates from a TurnRunner.
    void attemptStarted(int turn, const Attempt &attempt);
    void attemptFinished(int turn, const Attempt &attempt);
    void clear();
    // The Turn column says "3 · LABEL" for the turn's rows: a comparison's columns are
    // told apart by their route's name. An empty label removes it.
    void setTurnLabel(int turn, const QString &label);
    // A reopened conversation: every finished attempt of its stored turns, as (turn, attempt),
    // in one reset. Row by row, each insertion would make the view measure every row again.
    void setFinishedAttempts(const QList<std::pair<int, Attempt>> &attempts);

    // The attempt behind a row (for server-side rows, the attempt they belong to).
    const Attempt *attemptAt(int row) const;
    const ServerAttempt *serverAttemptAt(int row) const;
    // True while the request behind `row` has not finished.
    bool isInFlight(int row) const;
    int rowOf(int turn, int attemptIndex) const;

private:
    struct Entry {
        int turn = 0;
        bool inFlight = true;
        Attempt attempt;
    };
    struct Row {
        int entry = 0;
        int server = -1; // index into attempt.serverAttempts, or -1 for our own request
    };

    void rebuildRows();
    QVariant display(const Row &row, int column) const;

    QList<Entry> m_entries;
    QList<Row> m_rows;
    QHash<int, QString> m_turnLabels;
};

} // namespace detour
