// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownRows.h"

#include "Database.h"
#include "SqlUtil.h"

#include <QSqlQuery>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// The columns that say which rest a row is, in this order.
constexpr auto identityColumns = "scope, endpoint_id, endpoint_url, model, provider, key_id";

void bindIdentity(QSqlQuery &query, const Cooldown &cooldown)
{
    query.addBindValue(Cooldown::scopeName(cooldown.scope));
    query.addBindValue(sql::text(cooldown.endpointId));
    query.addBindValue(sql::text(cooldown.endpointUrl));
    query.addBindValue(sql::text(cooldown.model));
    query.addBindValue(sql::text(cooldown.provider));
    query.addBindValue(sql::text(cooldown.keyId));
}

} // namespace

CooldownRows::CooldownRows(Database &database)
    : m_db(database.connection())
{
}

Result<QList<Cooldown>> CooldownRows::active(const QDateTime &now)
{
    QSqlQuery prune(m_db);
    prune.prepare(u"DELETE FROM cooldowns WHERE until_ms IS NOT NULL AND until_ms <= ?"_s);
    prune.addBindValue(now.toMSecsSinceEpoch());
    if (Result<> ran = sql::run(prune); !ran)
        return Error(ran.error());

    QSqlQuery query(m_db);
    query.prepare(u"SELECT %1, until_ms, reason FROM cooldowns "
                  "ORDER BY until_ms IS NULL, until_ms, endpoint_id, model, provider"_s.arg(
                      QLatin1StringView(identityColumns)));
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    QList<Cooldown> list;
    while (query.next()) {
        const auto scope = Cooldown::scopeFromName(query.value(0).toString());
        const auto reason = outcomeFromName(query.value(7).toString());
        if (!scope || !reason)
            continue; // written by a newer Detour: not understood here, left alone
        Cooldown cooldown;
        cooldown.scope = *scope;
        cooldown.endpointId = query.value(1).toString();
        cooldown.endpointUrl = query.value(2).toString();
        cooldown.model = query.value(3).toString();
        cooldown.provider = query.value(4).toString();
        cooldown.keyId = query.value(5).toString();
        cooldown.until = sql::timeFrom(query.value(6));
        cooldown.reason = *reason;
        list.append(cooldown);
    }
    return list;
}

Result<> CooldownRows::put(const Cooldown &cooldown)
{
    // One statement: of two processes cooling the same thing, the longer rest stays
    // (NULL, no end, is the longest).
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO cooldowns (%1, until_ms, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (%1) DO UPDATE SET "
                  "reason = CASE WHEN cooldowns.until_ms IS NULL OR (excluded.until_ms IS NOT NULL "
                  "AND cooldowns.until_ms >= excluded.until_ms) THEN cooldowns.reason "
                  "ELSE excluded.reason END, "
                  "until_ms = CASE WHEN cooldowns.until_ms IS NULL OR excluded.until_ms IS NULL "
                  "THEN NULL ELSE max(cooldowns.until_ms, excluded.until_ms) END"_s.arg(
                      QLatin1StringView(identityColumns)));
    bindIdentity(query, cooldown);
    query.addBindValue(sql::time(cooldown.until));
    query.addBindValue(outcomeName(cooldown.reason));
    return sql::run(query);
}

Result<> CooldownRows::remove(const Cooldown &cooldown)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM cooldowns WHERE scope = ? AND endpoint_id = ? AND endpoint_url = ? "
                  "AND model = ? AND provider = ? AND key_id = ?"_s);
    bindIdentity(query, cooldown);
    return sql::run(query);
}

Result<int> CooldownRows::removeAll()
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM cooldowns"_s);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    return query.numRowsAffected();
}

} // namespace detour
