// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StoreJson.h"

#include "protocol/JsonUtil.h"
#include "route/TraceJson.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour::storejson {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

Json optionalJson(const std::optional<qint64> &value)
{
    return value ? Json(*value) : Json(nullptr);
}
Json optionalJson(const std::optional<double> &value)
{
    return value ? Json(*value) : Json(nullptr);
}
Json optionalJson(const std::optional<bool> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

QString where(const char *key)
{
    return QString::fromLatin1(key);
}

} // namespace

// --- Reader -----------------------------------------------------------------

const Json &Reader::member(const Json &object, const char *key)
{
    static const Json null;
    if (!object.is_object())
        return null;
    const auto found = object.find(key);
    return found == object.end() ? null : *found;
}

void Reader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QString Reader::str(const Json &object, const char *key)
{
    const Json &value = member(object, key);
    if (value.is_null())
        return {};
    if (!value.is_string()) {
        fail(u"\"%1\" is not a string"_s.arg(where(key)));
        return {};
    }
    return json::toQt(value.get<std::string>());
}

qint64 Reader::integer(const Json &object, const char *key, qint64 fallback)
{
    return optionalInteger(object, key).value_or(fallback);
}

std::optional<qint64> Reader::optionalInteger(const Json &object, const char *key)
{
    const Json &value = member(object, key);
    if (value.is_null())
        return std::nullopt;
    if (!value.is_number_integer()) {
        fail(u"\"%1\" is not an integer"_s.arg(where(key)));
        return std::nullopt;
    }
    return value.get<qint64>();
}

std::optional<double> Reader::optionalNumber(const Json &object, const char *key)
{
    const Json &value = member(object, key);
    if (value.is_null())
        return std::nullopt;
    if (!value.is_number()) {
        fail(u"\"%1\" is not a number"_s.arg(where(key)));
        return std::nullopt;
    }
    return value.get<double>();
}

bool Reader::boolean(const Json &object, const char *key, bool fallback)
{
    return optionalBoolean(object, key).value_or(fallback);
}

std::optional<bool> Reader::optionalBoolean(const Json &object, const char *key)
{
    const Json &value = member(object, key);
    if (value.is_null())
        return std::nullopt;
    if (!value.is_boolean()) {
        fail(u"\"%1\" is not true or false"_s.arg(where(key)));
        return std::nullopt;
    }
    return value.get<bool>();
}

// --- values -----------------------------------------------------------------

Json bytes(const QByteArray &data)
{
    const QString text = QString::fromUtf8(data);
    if (text.toUtf8() == data)
        return json::toStd(text);
    return { { "base64", data.toBase64().toStdString() } };
}

std::optional<QByteArray> bytesFrom(const Json &value)
{
    if (value.is_null())
        return QByteArray();
    if (value.is_string())
        return QByteArray::fromStdString(value.get<std::string>());
    if (value.is_object() && value.size() == 1 && value.contains("base64")
        && value["base64"].is_string()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            QByteArray::fromStdString(value["base64"].get<std::string>()),
            QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            return *decoded;
    }
    return std::nullopt;
}

Json headers(const HttpHeaders &headers)
{
    Json list = Json::array();
    for (const auto &[name, value] : headers)
        list.push_back(Json::array({ bytes(name), bytes(value) }));
    return list;
}

std::optional<HttpHeaders> headersFrom(const Json &value)
{
    if (value.is_null())
        return HttpHeaders();
    if (!value.is_array())
        return std::nullopt;
    HttpHeaders result;
    for (const Json &pair : value) {
        if (!pair.is_array() || pair.size() != 2)
            return std::nullopt;
        const auto name = bytesFrom(pair[0]);
        const auto data = bytesFrom(pair[1]);
        if (!name || !data)
            return std::nullopt;
        result.append({ *name, *data });
    }
    return result;
}

Json fixes(const QList<Fix> &fixes)
{
    Json list = Json::array();
    for (Fix fix : fixes)
        list.push_back(json::toStd(fixName(fix)));
    return list;
}

std::optional<QList<Fix>> fixesFrom(const Json &value)
{
    if (value.is_null())
        return QList<Fix>();
    if (!value.is_array())
        return std::nullopt;
    QList<Fix> result;
    for (const Json &name : value) {
        if (!name.is_string())
            return std::nullopt;
        const auto fix = fixFromName(json::toQt(name.get<std::string>()));
        if (!fix)
            return std::nullopt;
        result.append(*fix);
    }
    return result;
}

Json time(const QDateTime &moment)
{
    if (!moment.isValid())
        return nullptr;
    return json::toStd(moment.toUTC().toString(Qt::ISODateWithMs));
}

std::optional<QDateTime> timeFrom(const Json &value)
{
    if (value.is_null())
        return QDateTime();
    if (!value.is_string())
        return std::nullopt;
    const QDateTime moment =
        QDateTime::fromString(json::toQt(value.get<std::string>()), Qt::ISODateWithMs);
    if (!moment.isValid())
        return std::nullopt;
    return moment.toUTC();
}

Json serverAttempt(const ServerAttempt &attempt)
{
    return { { "provider", json::toStd(attempt.provider) }, { "model", json::toStd(attempt.model) },
        { "status", attempt.status }, { "code", json::toStd(attempt.code) },
        { "latency_ms", optionalJson(attempt.latencyMs) },
        { "is_byok", optionalJson(attempt.isByok) },
        { "sources", TraceJson::sourceNames(attempt.sources) } };
}

Result<ServerAttempt> serverAttemptFrom(const Json &value)
{
    Reader read;
    if (!value.is_object())
        return Error(u"a server attempt is not an object"_s);
    ServerAttempt attempt;
    attempt.provider = read.str(value, "provider");
    attempt.model = read.str(value, "model");
    attempt.status = int(read.integer(value, "status"));
    attempt.code = read.str(value, "code");
    attempt.latencyMs = read.optionalInteger(value, "latency_ms");
    attempt.isByok = read.optionalBoolean(value, "is_byok");
    // "sources": a list since one try is kept once; files before that have one "source".
    const Json &sources = read.member(value, "sources");
    QStringList names;
    if (sources.is_array()) {
        for (const Json &name : sources)
            names << (name.is_string() ? json::toQt(name.get<std::string>()) : QString());
    } else if (sources.is_null()) {
        names << read.str(value, "source");
    } else {
        read.fail(u"\"sources\" is not a list"_s);
    }
    for (const QString &name : std::as_const(names)) {
        if (const auto known = serverAttemptSourceFromName(name))
            attempt.sources.append(*known);
        else
            read.fail(u"unknown server attempt source \"%1\""_s.arg(name));
    }
    if (!read.ok())
        return Error(read.error());
    return attempt;
}

Json attempt(const Attempt &attempt)
{
    Json serverAttempts = Json::array();
    for (const ServerAttempt &server : attempt.serverAttempts)
        serverAttempts.push_back(serverAttempt(server));
    Json usage = nullptr;
    if (attempt.usage) {
        usage = { { "prompt_tokens", attempt.usage->promptTokens },
            { "completion_tokens", attempt.usage->completionTokens },
            { "total_tokens", attempt.usage->totalTokens },
            { "reasoning_tokens", attempt.usage->reasoningTokens },
            { "cost", optionalJson(attempt.usage->cost) },
            { "is_byok", optionalJson(attempt.usage->isByok) } };
    }
    const AttemptTimings &t = attempt.timings;
    return {
        { "index", attempt.index },
        { "started_at", time(attempt.startedAt) },
        { "step", attempt.stepIndex },
        { "endpoint_id", json::toStd(attempt.endpointId) },
        { "endpoint_kind", json::toStd(endpointKindName(attempt.endpointKind)) },
        { "requested_model", json::toStd(attempt.requestedModel) },
        { "served_model", json::toStd(attempt.servedModel) },
        { "provider", json::toStd(attempt.provider) },
        { "generation_id", json::toStd(attempt.generationId) },
        { "http_status", attempt.httpStatus },
        { "outcome", json::toStd(outcomeName(attempt.outcome)) },
        { "party", json::toStd(partyName(attempt.party)) },
        { "summary", json::toStd(attempt.summary) },
        { "fixes", fixes(attempt.fixes) },
        { "retry_after_s", optionalJson(attempt.retryAfterS) },
        { "error_code", json::toStd(attempt.errorCode) },
        { "message", json::toStd(attempt.message) },
        { "raw", json::toStd(attempt.raw) },
        { "body", attempt.body.isEmpty() ? Json(nullptr) : bytes(attempt.body) },
        { "response_headers", headers(attempt.headers) },
        { "wait_before_ms", attempt.waitBeforeMs },
        { "cooling_until", time(attempt.coolingUntil) },
        { "skip_reason", json::toStd(attempt.skipReason) },
        { "interrupted", attempt.interrupted },
        { "finish_reason", json::toStd(attempt.finishReason) },
        { "timings_ms",
            { { "sent", t.sentMs }, { "headers", t.headersMs }, { "first_token", t.firstTokenMs },
                { "last_token", t.lastTokenMs }, { "finished", t.finishedMs } } },
        { "usage", usage },
        { "server_attempts", serverAttempts },
    };
}

Result<Attempt> attemptFrom(const Json &value)
{
    if (!value.is_object())
        return Error(u"an attempt is not an object"_s);
    Reader read;
    Attempt attempt;
    attempt.index = int(read.integer(value, "index"));
    if (const auto parsed = timeFrom(read.member(value, "started_at")))
        attempt.startedAt = *parsed;
    else
        read.fail(u"\"started_at\" is not a time"_s);
    attempt.stepIndex = int(read.integer(value, "step"));
    attempt.endpointId = read.str(value, "endpoint_id");
    const QString kind = read.str(value, "endpoint_kind");
    if (const auto parsed = endpointKindFromName(kind))
        attempt.endpointKind = *parsed;
    else
        read.fail(u"unknown endpoint kind \"%1\""_s.arg(kind));
    attempt.requestedModel = read.str(value, "requested_model");
    attempt.servedModel = read.str(value, "served_model");
    attempt.provider = read.str(value, "provider");
    attempt.generationId = read.str(value, "generation_id");
    attempt.httpStatus = int(read.integer(value, "http_status"));
    const QString outcome = read.str(value, "outcome");
    if (const auto parsed = outcomeFromName(outcome))
        attempt.outcome = *parsed;
    else
        read.fail(u"unknown outcome \"%1\""_s.arg(outcome));
    const QString party = read.str(value, "party");
    if (const auto parsed = partyFromName(party))
        attempt.party = *parsed;
    else
        read.fail(u"unknown party \"%1\""_s.arg(party));
    attempt.summary = read.str(value, "summary");
    if (const auto parsed = fixesFrom(read.member(value, "fixes")))
        attempt.fixes = *parsed;
    else
        read.fail(u"\"fixes\" is not a list of fixes"_s);
    attempt.retryAfterS = read.optionalNumber(value, "retry_after_s");
    attempt.errorCode = read.str(value, "error_code");
    attempt.message = read.str(value, "message");
    attempt.raw = read.str(value, "raw");
    if (const auto parsed = bytesFrom(read.member(value, "body")))
        attempt.body = parsed->left(Attempt::maxStoredBody);
    else
        read.fail(u"\"body\" is not text or base64"_s);
    if (const auto parsed = headersFrom(read.member(value, "response_headers")))
        attempt.headers = redactedHeaders(*parsed);
    else
        read.fail(u"\"response_headers\" is not a list of [name, value] pairs"_s);
    attempt.waitBeforeMs = read.integer(value, "wait_before_ms");
    attempt.skipReason = read.str(value, "skip_reason");
    if (const auto parsed = timeFrom(read.member(value, "cooling_until")))
        attempt.coolingUntil = *parsed;
    else
        read.fail(u"\"cooling_until\" is not a time"_s);
    attempt.interrupted = read.boolean(value, "interrupted");
    attempt.finishReason = read.str(value, "finish_reason");
    const Json &timings = read.member(value, "timings_ms");
    attempt.timings.sentMs = read.integer(timings, "sent", -1);
    attempt.timings.headersMs = read.integer(timings, "headers", -1);
    attempt.timings.firstTokenMs = read.integer(timings, "first_token", -1);
    attempt.timings.lastTokenMs = read.integer(timings, "last_token", -1);
    attempt.timings.finishedMs = read.integer(timings, "finished", -1);
    const Json &usage = read.member(value, "usage");
    if (usage.is_object()) {
        Usage parsed;
        parsed.promptTokens = read.integer(usage, "prompt_tokens");
        parsed.completionTokens = read.integer(usage, "completion_tokens");
        parsed.totalTokens = read.integer(usage, "total_tokens");
        parsed.reasoningTokens = read.integer(usage, "reasoning_tokens");
        parsed.cost = read.optionalNumber(usage, "cost");
        parsed.isByok = read.optionalBoolean(usage, "is_byok");
        attempt.usage = parsed;
    } else if (!usage.is_null()) {
        read.fail(u"\"usage\" is not an object"_s);
    }
    const Json &servers = read.member(value, "server_attempts");
    if (servers.is_array()) {
        // Files written before tries were merged list one row per source: merge them
        // source by source, so that two tries reported by one source stay two.
        QList<QList<ServerAttempt>> bySource;
        for (const Json &server : servers) {
            const Result<ServerAttempt> parsed = serverAttemptFrom(server);
            if (!parsed) {
                read.fail(parsed.error());
                continue;
            }
            auto group = std::find_if(bySource.begin(), bySource.end(),
                [&](const auto &list) { return list.constFirst().sources == parsed->sources; });
            if (group == bySource.end())
                bySource.append({ *parsed });
            else
                group->append(*parsed);
        }
        for (const QList<ServerAttempt> &group : std::as_const(bySource))
            mergeServerAttempts(attempt.serverAttempts, group);
    } else if (!servers.is_null()) {
        read.fail(u"\"server_attempts\" is not a list"_s);
    }
    if (!read.ok())
        return Error(read.error());
    return attempt;
}

QByteArray dump(const Json &value, int indent)
{
    return QByteArray::fromStdString(
        value.dump(indent, ' ', false, Json::error_handler_t::replace));
}

} // namespace detour::storejson
