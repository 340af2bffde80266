// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AttemptRows.h"

#include "SqlUtil.h"
#include "StoreJson.h"
#include "protocol/JsonUtil.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <array>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QList<Fix> fixesFromColumn(const QVariant &value)
{
    const std::optional<nlohmann::json> list = json::parse(value.toString().toUtf8());
    return list ? storejson::fixesFrom(*list).value_or(QList<Fix>()) : QList<Fix>();
}

HttpHeaders headersFromColumn(const QVariant &value)
{
    const std::optional<nlohmann::json> list = json::parse(value.toString().toUtf8());
    return list ? storejson::headersFrom(*list).value_or(HttpHeaders()) : HttpHeaders();
}

// The usage columns are all NULL when the server reported no usage.
Usage &usageOf(Attempt &attempt)
{
    if (!attempt.usage)
        attempt.usage = Usage();
    return *attempt.usage;
}

template<typename T> QVariant usageField(const Attempt &attempt, T Usage::*field)
{
    return attempt.usage ? QVariant::fromValue(attempt.usage.value().*field) : QVariant();
}

// One column of `attempts`: its name, and how a field of Attempt goes in and comes out.
struct Column {
    const char *name;
    QVariant (*write)(const Attempt &);
    void (*read)(Attempt &, const QVariant &);
};

// Every column but `id` and `turn_id`, in the schema's terms (Schema.cpp).
const std::array<Column, 35> columns { {
    { "idx", [](const Attempt &a) { return QVariant(a.index); },
        [](Attempt &a, const QVariant &v) { a.index = v.toInt(); } },
    { "started_at", [](const Attempt &a) { return sql::time(a.startedAt); },
        [](Attempt &a, const QVariant &v) { a.startedAt = sql::timeFrom(v); } },
    { "step_index", [](const Attempt &a) { return QVariant(a.stepIndex); },
        [](Attempt &a, const QVariant &v) { a.stepIndex = v.toInt(); } },
    { "endpoint_id", [](const Attempt &a) { return sql::text(a.endpointId); },
        [](Attempt &a, const QVariant &v) { a.endpointId = v.toString(); } },
    { "endpoint_kind", [](const Attempt &a) { return QVariant(endpointKindName(a.endpointKind)); },
        [](Attempt &a, const QVariant &v) {
            a.endpointKind = endpointKindFromName(v.toString()).value_or(EndpointKind::OpenRouter);
        } },
    { "requested_model", [](const Attempt &a) { return sql::text(a.requestedModel); },
        [](Attempt &a, const QVariant &v) { a.requestedModel = v.toString(); } },
    { "served_model", [](const Attempt &a) { return sql::text(a.servedModel); },
        [](Attempt &a, const QVariant &v) { a.servedModel = v.toString(); } },
    { "provider", [](const Attempt &a) { return sql::text(a.provider); },
        [](Attempt &a, const QVariant &v) { a.provider = v.toString(); } },
    { "generation_id", [](const Attempt &a) { return sql::text(a.generationId); },
        [](Attempt &a, const QVariant &v) { a.generationId = v.toString(); } },
    { "http_status", [](const Attempt &a) { return QVariant(a.httpStatus); },
        [](Attempt &a, const QVariant &v) { a.httpStatus = v.toInt(); } },
    { "outcome", [](const Attempt &a) { return QVariant(outcomeName(a.outcome)); },
        [](Attempt &a, const QVariant &v) {
            a.outcome = outcomeFromName(v.toString()).value_or(Outcome::ServerError);
        } },
    { "party", [](const Attempt &a) { return sql::text(partyName(a.party)); },
        [](Attempt &a, const QVariant &v) {
            a.party = partyFromName(v.toString()).value_or(Party::None);
        } },
    { "summary", [](const Attempt &a) { return sql::text(a.summary); },
        [](Attempt &a, const QVariant &v) { a.summary = v.toString(); } },
    { "fixes",
        [](const Attempt &a) {
            return QVariant(QString::fromUtf8(storejson::dump(storejson::fixes(a.fixes))));
        },
        [](Attempt &a, const QVariant &v) { a.fixes = fixesFromColumn(v); } },
    { "retry_after_s", [](const Attempt &a) { return sql::optional(a.retryAfterS); },
        [](Attempt &a, const QVariant &v) { a.retryAfterS = sql::realFrom(v); } },
    { "error_code", [](const Attempt &a) { return sql::text(a.errorCode); },
        [](Attempt &a, const QVariant &v) { a.errorCode = v.toString(); } },
    { "message", [](const Attempt &a) { return sql::text(a.message); },
        [](Attempt &a, const QVariant &v) { a.message = v.toString(); } },
    { "raw", [](const Attempt &a) { return sql::text(a.raw); },
        [](Attempt &a, const QVariant &v) { a.raw = v.toString(); } },
    { "body",
        [](const Attempt &a) {
            return a.body.isEmpty() ? QVariant() : QVariant(a.body.left(Attempt::maxStoredBody));
        },
        [](Attempt &a, const QVariant &v) { a.body = v.toByteArray(); } },
    // Redacted again here: whatever a caller passes, no credential reaches the disk.
    { "response_headers",
        [](const Attempt &a) {
            return QVariant(
                QString::fromUtf8(storejson::dump(storejson::headers(redactedHeaders(a.headers)))));
        },
        [](Attempt &a, const QVariant &v) { a.headers = headersFromColumn(v); } },
    { "wait_before_ms", [](const Attempt &a) { return QVariant(a.waitBeforeMs); },
        [](Attempt &a, const QVariant &v) { a.waitBeforeMs = v.toLongLong(); } },
    { "cooling_until", [](const Attempt &a) { return sql::time(a.coolingUntil); },
        [](Attempt &a, const QVariant &v) { a.coolingUntil = sql::timeFrom(v); } },
    { "interrupted", [](const Attempt &a) { return QVariant(int(a.interrupted)); },
        [](Attempt &a, const QVariant &v) { a.interrupted = v.toLongLong() != 0; } },
    { "finish_reason", [](const Attempt &a) { return sql::text(a.finishReason); },
        [](Attempt &a, const QVariant &v) { a.finishReason = v.toString(); } },
    { "sent_ms", [](const Attempt &a) { return QVariant(a.timings.sentMs); },
        [](Attempt &a, const QVariant &v) { a.timings.sentMs = v.toLongLong(); } },
    { "headers_ms", [](const Attempt &a) { return QVariant(a.timings.headersMs); },
        [](Attempt &a, const QVariant &v) { a.timings.headersMs = v.toLongLong(); } },
    { "first_token_ms", [](const Attempt &a) { return QVariant(a.timings.firstTokenMs); },
        [](Attempt &a, const QVariant &v) { a.timings.firstTokenMs = v.toLongLong(); } },
    { "last_token_ms", [](const Attempt &a) { return QVariant(a.timings.lastTokenMs); },
        [](Attempt &a, const QVariant &v) { a.timings.lastTokenMs = v.toLongLong(); } },
    { "finished_ms", [](const Attempt &a) { return QVariant(a.timings.finishedMs); },
        [](Attempt &a, const QVariant &v) { a.timings.finishedMs = v.toLongLong(); } },
    { "prompt_tokens", [](const Attempt &a) { return usageField(a, &Usage::promptTokens); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).promptTokens = v.toLongLong();
        } },
    { "completion_tokens", [](const Attempt &a) { return usageField(a, &Usage::completionTokens); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).completionTokens = v.toLongLong();
        } },
    { "total_tokens", [](const Attempt &a) { return usageField(a, &Usage::totalTokens); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).totalTokens = v.toLongLong();
        } },
    { "reasoning_tokens", [](const Attempt &a) { return usageField(a, &Usage::reasoningTokens); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).reasoningTokens = v.toLongLong();
        } },
    { "cost", [](const Attempt &a) { return a.usage ? sql::optional(a.usage->cost) : QVariant(); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).cost = v.toDouble();
        } },
    { "is_byok",
        [](const Attempt &a) { return a.usage ? sql::optional(a.usage->isByok) : QVariant(); },
        [](Attempt &a, const QVariant &v) {
            if (!v.isNull())
                usageOf(a).isByok = v.toLongLong() != 0;
        } },
} };

QString insertStatement()
{
    QStringList names { u"turn_id"_s };
    for (const Column &column : columns)
        names << QLatin1StringView(column.name);
    return u"INSERT INTO attempts (%1) VALUES (?%2)"_s.arg(
        names.join(u", "_s), u", ?"_s.repeated(columns.size()));
}

// `sources` holds every source that reported a try: "router_metadata,generation"
// (serverAttemptSourcesText with ',').
constexpr QChar sourcesSeparator = u',';

QList<ServerAttempt::Source> sourcesFromColumn(const QString &column)
{
    QList<ServerAttempt::Source> sources;
    for (const QString &name : column.split(sourcesSeparator, Qt::SkipEmptyParts)) {
        if (const auto source = serverAttemptSourceFromName(name))
            sources.append(*source);
    }
    return sources;
}

ServerAttempt serverAttemptFrom(const QSqlQuery &query, int first)
{
    ServerAttempt server;
    server.provider = query.value(first).toString();
    server.model = query.value(first + 1).toString();
    server.status = query.value(first + 2).toInt();
    server.code = query.value(first + 3).toString();
    server.latencyMs = sql::integerFrom(query.value(first + 4));
    server.isByok = sql::boolFrom(query.value(first + 5));
    server.sources = sourcesFromColumn(query.value(first + 6).toString());
    return server;
}

constexpr auto serverColumns = "provider, model, status, code, latency_ms, is_byok, sources";

} // namespace

AttemptRows::AttemptRows(const QSqlDatabase &db)
    : m_db(db)
{
}

Result<qint64> AttemptRows::insert(qint64 turnId, const Attempt &attempt) const
{
    static const QString statement = insertStatement();
    QSqlQuery query(m_db);
    query.prepare(statement);
    query.addBindValue(turnId);
    for (const Column &column : columns)
        query.addBindValue(column.write(attempt));
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    const qint64 rowId = query.lastInsertId().toLongLong();
    if (Result<> written = writeServerAttempts(rowId, attempt.serverAttempts); !written)
        return Error(written.error());
    return rowId;
}

Result<qint64> AttemptRows::rowId(qint64 turnId, int attemptIndex) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id FROM attempts WHERE turn_id = ? AND idx = ?"_s);
    query.addBindValue(turnId);
    query.addBindValue(attemptIndex);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    if (!query.next())
        return Error(tr("Turn %1 has no attempt %2.").arg(turnId).arg(attemptIndex));
    return query.value(0).toLongLong();
}

Result<QList<ServerAttempt>> AttemptRows::serverAttempts(qint64 attemptRowId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM server_attempts WHERE attempt_id = ? ORDER BY position"_s.arg(
        QLatin1StringView(serverColumns)));
    query.addBindValue(attemptRowId);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    QList<ServerAttempt> servers;
    while (query.next())
        servers.append(serverAttemptFrom(query, 0));
    return servers;
}

Result<> AttemptRows::mergeServerAttempts(
    qint64 attemptRowId, const QList<ServerAttempt> &reported) const
{
    Result<QList<ServerAttempt>> stored = serverAttempts(attemptRowId);
    if (!stored)
        return Error(stored.error());
    detour::mergeServerAttempts(*stored, reported);
    QSqlQuery clear(m_db);
    clear.prepare(u"DELETE FROM server_attempts WHERE attempt_id = ?"_s);
    clear.addBindValue(attemptRowId);
    if (Result<> ran = sql::run(clear); !ran)
        return ran;
    return writeServerAttempts(attemptRowId, *stored);
}

Result<> AttemptRows::writeServerAttempts(
    qint64 attemptRowId, const QList<ServerAttempt> &servers) const
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO server_attempts (attempt_id, position, %1) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s.arg(QLatin1StringView(serverColumns)));
    int position = 0;
    for (const ServerAttempt &server : servers) {
        query.addBindValue(attemptRowId);
        query.addBindValue(position++);
        query.addBindValue(sql::text(server.provider));
        query.addBindValue(sql::text(server.model));
        query.addBindValue(server.status);
        query.addBindValue(sql::text(server.code));
        query.addBindValue(sql::optional(server.latencyMs));
        query.addBindValue(sql::optional(server.isByok));
        query.addBindValue(serverAttemptSourcesText(server.sources, sourcesSeparator));
        if (Result<> ran = sql::run(query); !ran)
            return ran;
    }
    return {};
}

Result<QHash<qint64, QList<Attempt>>> AttemptRows::read(const QString &turnColumn, qint64 key) const
{
    // Two queries whatever the number of turns (opening a long conversation used to
    // run two per turn): the attempts of every matching turn, then their server attempts.
    QHash<qint64, QList<Attempt>> result;
    QHash<qint64, std::pair<qint64, qsizetype>> rows; // attempt row id -> turn id, position
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT a.* FROM attempts a JOIN turns t ON t.id = a.turn_id "
                  "WHERE t.%1 = ? ORDER BY a.turn_id, a.idx"_s.arg(turnColumn));
    query.addBindValue(key);
    if (Result<> ran = sql::run(query); !ran)
        return Error(ran.error());
    // Columns by name, looked up once rather than per row and column.
    const QSqlRecord record = query.record();
    std::array<int, columns.size()> positions {};
    for (std::size_t i = 0; i < columns.size(); ++i)
        positions[i] = record.indexOf(QLatin1StringView(columns[i].name));
    const int rowIdAt = record.indexOf(u"id"_s);
    const int turnAt = record.indexOf(u"turn_id"_s);
    while (query.next()) {
        Attempt attempt;
        for (std::size_t i = 0; i < columns.size(); ++i)
            columns[i].read(attempt, query.value(positions[i]));
        const qint64 turnId = query.value(turnAt).toLongLong();
        QList<Attempt> &ofTurn = result[turnId];
        rows.insert(query.value(rowIdAt).toLongLong(), { turnId, ofTurn.size() });
        ofTurn.append(attempt);
    }
    if (result.isEmpty())
        return result;

    QSqlQuery servers(m_db);
    servers.setForwardOnly(true);
    servers.prepare(
        u"SELECT s.attempt_id, s.%1 FROM server_attempts s "
        "JOIN attempts a ON a.id = s.attempt_id JOIN turns t ON t.id = a.turn_id "
        "WHERE t.%2 = ? ORDER BY s.attempt_id, s.position"_s.arg(
            QString::fromLatin1(serverColumns).replace(u", "_s, u", s."_s), turnColumn));
    servers.addBindValue(key);
    if (Result<> ran = sql::run(servers); !ran)
        return Error(ran.error());
    while (servers.next()) {
        const auto at = rows.constFind(servers.value(0).toLongLong());
        if (at != rows.cend())
            result[at->first][at->second].serverAttempts.append(serverAttemptFrom(servers, 1));
    }
    return result;
}

} // namespace detour
