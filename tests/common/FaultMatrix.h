// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// The fault matrix shared by the engine suites (test_fault_matrix, test_soak):
// the ways a server can misbehave, each as one simulator script entry, with
// what the engine must conclude for a streamed and for a whole (non-streamed)
// request. One route step, no retries, short timeouts: every cell is one attempt.
#include "route/RouteEngine.h"

#include <QTcpServer>
#include <QUrl>
#include <nlohmann/json.hpp>

namespace faults {

using namespace Qt::StringLiterals;
using detour::Outcome;
using detour::Party;
using Status = detour::TurnResult::Status;
using Json = nlohmann::json;

inline const QString reply = u"one two three four five"_s;

// The model (and its only provider) that plays fault number `index` of a scenario.
inline QString model(qsizetype index)
{
    return u"test/fault-%1"_s.arg(index);
}

struct Expectation {
    Status status = Status::Served;
    Outcome outcome = Outcome::Served;
    Party party = Party::None;
    bool partial = false; // text arrived before the failure: kept, marked interrupted
};

struct Fault {
    QString name;
    Json entry; // the provider's script entry (unused when `refused`)
    Expectation stream;
    Expectation whole;
    bool refused = false; // nothing listens: the endpoint is a closed port
    bool waitsForTimeout = false; // ends only through one of the policy's timeouts
    bool bulky = false; // megabytes on the wire
    std::optional<double> retryAfterS; // the server's wait, as the attempt must report it
};

// Short, so that a stalled cell ends in about a second; the turn's liveness
// bound in the tests is far above these.
inline detour::RoutePolicy policy()
{
    detour::RoutePolicy policy;
    policy.maxRetries = 0;
    policy.connectTimeout = std::chrono::milliseconds(1000);
    policy.firstTokenTimeout = std::chrono::milliseconds(1500);
    policy.idleTimeout = std::chrono::milliseconds(1500);
    policy.totalTimeout = std::chrono::milliseconds(5000);
    return policy;
}

inline detour::RoutePlan plan(const QUrl &baseUrl, qsizetype index = 0)
{
    detour::RoutePlan plan;
    plan.endpoints.append({ u"sim"_s, detour::EndpointKind::OpenRouter, baseUrl, QString() });
    plan.steps.append({ u"sim"_s, { model(index), {}, {} }, true });
    plan.policy = policy();
    return plan;
}

inline detour::ChatRequest ask(const QString &text, bool stream)
{
    detour::ChatRequest request;
    request.messages.append({ u"user"_s, text });
    request.stream = stream;
    return request;
}

// Model i (see model()) is served by a provider of its own that answers every
// request with entries[i].
inline QByteArray scenario(const QList<Json> &entries)
{
    Json models = Json::array();
    Json providers = Json::object();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const std::string name = model(i).toStdString();
        models.push_back({ { "id", name }, { "providers", Json::array({ name }) } });
        providers[name] = { { "script", Json::array({ entries[i] }) } };
    }
    const Json root { { "models", models }, { "providers", providers },
        { "reply", reply.toStdString() }, { "keepalive_ms", -1 } };
    return QByteArray::fromStdString(root.dump());
}

// A loopback URL on which nothing listens (a port that was just free).
inline QUrl refusingBaseUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        qFatal("cannot bind a loopback port");
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(u"http://127.0.0.1:%1/api/v1"_s.arg(port));
}

inline std::string sseChunk(const Json &delta, const Json &finishReason)
{
    const Json chunk { { "object", "chat.completion.chunk" }, { "provider", "Faulty" },
        { "choices",
            Json::array(
                { { { "index", 0 }, { "delta", delta }, { "finish_reason", finishReason } } }) } };
    return "data: " + chunk.dump() + "\n\n";
}

// `error` entries answer the same whether the request asked for a stream or not.
inline Json answer(int status, const std::string &contentType, const std::string &body,
    const Json &headers = Json::object())
{
    return { { "kind", "error" }, { "status", status }, { "content_type", contentType },
        { "body", body }, { "headers", headers } };
}

inline QList<Fault> matrix(const QUrl &completionsUrl)
{
    constexpr qsizetype tenMiB = 10 * 1024 * 1024;
    const auto kind = [](const char *name) { return Json { { "kind", name } }; };
    const auto same = [](Expectation both) { return std::pair { both, both }; };
    const Expectation served { Status::Served, Outcome::Served, Party::None };
    const auto failed = [](Outcome outcome, Party party) {
        return Expectation { Status::Failed, outcome, party };
    };
    const auto cutOff = [](Outcome outcome, Party party) {
        return Expectation { Status::Interrupted, outcome, party, true };
    };
    const Expectation timedOut = failed(Outcome::Timeout, Party::OpenRouter);
    const Expectation unreadable = failed(Outcome::ServerError, Party::OpenRouter);

    const std::string someChunks =
        sseChunk({ { "role", "assistant" }, { "content", "one " } }, nullptr)
        + sseChunk({ { "content", "two" } }, nullptr);
    const std::string finished = sseChunk({ { "content", "" } }, "stop");

    QList<Fault> rows;
    const auto add = [&rows](Fault fault) { rows.append(std::move(fault)); };
    const auto row = [](QString name, Json entry, std::pair<Expectation, Expectation> expected) {
        Fault fault;
        fault.name = std::move(name);
        fault.entry = std::move(entry);
        std::tie(fault.stream, fault.whole) = expected;
        return fault;
    };

    add(row(u"served (control)"_s, kind("serve"), same(served)));

    const Expectation upstream429 = failed(Outcome::RateLimitedUpstream, Party::Provider);
    add(row(u"429 without a wait"_s, kind("upstream_429"), same(upstream429)));
    Fault retryAfter = row(u"429 Retry-After"_s,
        { { "kind", "upstream_429" }, { "retry_after", 7 } }, same(upstream429));
    retryAfter.retryAfterS = 7;
    add(retryAfter);
    Fault retryAfterMs = row(u"429 retry-after-ms"_s,
        { { "kind", "upstream_429" }, { "retry_after_ms", 1500 } }, same(upstream429));
    retryAfterMs.retryAfterS = 1.5;
    add(retryAfterMs);
    add(row(u"429 X-RateLimit-Reset"_s, kind("key_429"),
        same(failed(Outcome::RateLimitedKey, Party::You))));

    add(row(u"500"_s, kind("server_error"), same(failed(Outcome::ServerError, Party::Provider))));
    add(row(u"503 no provider available"_s, kind("unavailable"),
        same(failed(Outcome::Unavailable, Party::Provider))));
    add(row(u"HTML 502 page"_s, kind("html_502"), same(unreadable)));
    add(row(u"200 carrying an error"_s, kind("error_in_200"),
        same(failed(Outcome::ServerError, Party::Provider))));

    Fault refused =
        row(u"connection refused"_s, Json(), same(failed(Outcome::Network, Party::Network)));
    refused.refused = true;
    add(refused);

    add(row(u"reset before the first token"_s, kind("reset_before_first_token"),
        same(failed(Outcome::Network, Party::Network))));
    add(row(u"reset after tokens"_s, { { "kind", "reset_after_tokens" }, { "tokens", 2 } },
        { cutOff(Outcome::Network, Party::Network), failed(Outcome::Network, Party::Network) }));
    add(row(u"truncated chunk"_s, kind("truncated_chunk"),
        { cutOff(Outcome::ServerError, Party::OpenRouter), unreadable }));
    add(row(u"[DONE] missing after finish_reason"_s,
        answer(200, "text/event-stream", someChunks + finished), same(served)));
    add(row(u"[DONE] and finish_reason missing"_s, answer(200, "text/event-stream", someChunks),
        same(cutOff(Outcome::Network, Party::Network))));
    add(row(u"mid-stream error chunk"_s, kind("midstream_error"),
        { cutOff(Outcome::RateLimitedUpstream, Party::Provider),
            failed(Outcome::RateLimitedUpstream, Party::Provider) }));
    add(row(u"invalid UTF-8"_s, kind("invalid_utf8"), same(served)));

    Fault hugeError = row(u"10 MB error body"_s,
        answer(500, "text/plain", std::string(size_t(tenMiB), 'x')), same(unreadable));
    hugeError.bulky = true;
    add(hugeError);
    Fault hugeLine = row(u"10 MB single SSE line"_s,
        answer(200, "text/event-stream", "data: " + std::string(size_t(tenMiB), 'x') + "\n\n"),
        same(unreadable));
    hugeLine.bulky = true;
    add(hugeLine);

    const auto stall = [](const char *phase) {
        return Json { { "kind", "stall" }, { "phase", phase } };
    };
    Fault beforeHeaders = row(u"stall before headers"_s, stall("before_headers"),
        same(failed(Outcome::Timeout, Party::Network)));
    Fault beforeToken =
        row(u"stall before the first token"_s, stall("before_first_token"), same(timedOut));
    Fault midStream = row(u"stall mid-stream"_s, stall("mid_stream"),
        { cutOff(Outcome::Timeout, Party::OpenRouter), timedOut });
    Fault drip = row(u"slow drip, 1 byte/s"_s, { { "kind", "drip" }, { "bytes_per_second", 1 } },
        same(timedOut));
    for (Fault *slow : { &beforeHeaders, &beforeToken, &midStream, &drip }) {
        slow->waitsForTimeout = true;
        add(*slow);
    }

    add(row(u"wrong content type"_s, answer(200, "text/html", "<html><body>Hello</body></html>"),
        same(unreadable)));
    add(row(u"redirect loop"_s,
        answer(307, "text/html", "", { { "Location", completionsUrl.toString().toStdString() } }),
        same(failed(Outcome::BadRequest, Party::You))));
    return rows;
}

} // namespace faults
