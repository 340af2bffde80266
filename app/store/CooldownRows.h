// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/CooldownStore.h"

#include <QSqlDatabase>

namespace detour {

class Database;

// The cooldowns kept in the conversation database (table `cooldowns`, schema
// CooldownRows::schemaVersion), so that every Detour process on the file respects
// them: a restart, a second window, `detour --ask`. One row per rest (scope,
// endpoint and its URL, model, provider, key digest); `until_ms` NULL for a rest
// with no end. Each write is one statement, so two processes writing at once wait
// for each other in SQLite's busy handler and the longer rest wins. Rows that
// ended are deleted when the active ones are read. Never holds a key: only
// Cooldown::keyIdOf's digest.
class CooldownRows final : public CooldownStore {
public:
    // The schema step that adds the table (see Schema.cpp).
    static constexpr int schemaVersion = 9;

    explicit CooldownRows(Database &database);

    Result<QList<Cooldown>> active(const QDateTime &now) override;
    Result<> put(const Cooldown &cooldown) override;
    Result<> remove(const Cooldown &cooldown) override;
    Result<int> removeAll() override;

private:
    QSqlDatabase m_db;
};

} // namespace detour
