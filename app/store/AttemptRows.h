// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/Attempt.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>

namespace detour {

// The attempts of turns as rows of `attempts`, and OpenRouter's tries inside
// each as rows of `server_attempts`. One column table (AttemptRows.cpp) maps
// every field of an Attempt to its column and back, so insert and read cannot
// drift apart. Server attempts are kept one row per provider try: whatever a
// later source reports about a stored try completes that row.
//
// Runs inside the caller's transaction; emits nothing.
class AttemptRows final {
    Q_DECLARE_TR_FUNCTIONS(detour::AttemptRows)

public:
    explicit AttemptRows(const QSqlDatabase &db);

    // Inserts `attempt` (and its server attempts) as attempt `attempt.index` of `turnId`.
    Result<qint64> insert(qint64 turnId, const Attempt &attempt) const;
    // The row id of a turn's attempt.
    Result<qint64> rowId(qint64 turnId, int attemptIndex) const;
    // Merges `reported` into the server attempts stored for an attempt row
    // (mergeServerAttempts: one row per try).
    Result<> mergeServerAttempts(qint64 attemptRowId, const QList<ServerAttempt> &reported) const;
    // The attempts of every turn whose `turnColumn` (a column of `turns` named
    // by the store, never user input) is `key`: by turn id, each list by index.
    Result<QHash<qint64, QList<Attempt>>> read(const QString &turnColumn, qint64 key) const;

private:
    Result<QList<ServerAttempt>> serverAttempts(qint64 attemptRowId) const;
    Result<> writeServerAttempts(qint64 attemptRowId, const QList<ServerAttempt> &servers) const;

    QSqlDatabase m_db;
};

} // namespace detour
