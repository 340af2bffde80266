// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimStream.h"

#include "protocol/JsonUtil.h"

#include <QRegularExpression>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using ojson = nlohmann::ordered_json;

namespace detour {

namespace {

using Action = SimPlan::Action;
using Kind = SimScenario::Kind;
using StallPhase = SimScenario::StallPhase;

constexpr qint64 resetDelayMs = 30; // lets the client take in what came before a reset

// Stands in for invalid UTF-8 while the JSON is built (nlohmann refuses to
// write invalid UTF-8); replaced by the raw bytes afterwards.
constexpr const char *invalidPlaceholder = "@@DETOUR_INVALID_UTF8@@";
const QByteArray invalidBytes = QByteArrayLiteral("bad bytes \xC3\x28 and \xFF here ");

QByteArray dataLine(const ojson &value)
{
    return "data: "_ba + QByteArray::fromStdString(value.dump()) + "\n\n"_ba;
}

QByteArray withInvalidBytes(QByteArray bytes)
{
    return bytes.replace(invalidPlaceholder, invalidBytes);
}

// Builds the pieces of one served generation.
class Builder final {
public:
    Builder(const SimRoute &route, const SimStream::Request &request)
        : m_route(route)
        , m_request(request)
        , m_tokens(SimStream::tokenize(route.reply))
    {
    }

    const QStringList &tokens() const { return m_tokens; }

    ojson chunk(ojson delta, const char *finishReason) const
    {
        ojson choice { { "index", 0 }, { "delta", std::move(delta) } };
        choice["finish_reason"] = finishReason ? ojson(finishReason) : ojson(nullptr);
        choice["native_finish_reason"] = finishReason ? ojson(finishReason) : ojson(nullptr);
        ojson value = head(m_request.stream ? "chat.completion.chunk" : "chat.completion");
        value["choices"] = ojson::array({ std::move(choice) });
        return value;
    }

    QByteArray contentChunk(const QString &text, bool first) const
    {
        ojson delta = ojson::object();
        if (first)
            delta["role"] = "assistant";
        delta["content"] = json::toStd(text);
        return dataLine(chunk(std::move(delta), nullptr));
    }

    QByteArray reasoningChunk(const QString &text, bool first) const
    {
        ojson delta = ojson::object();
        if (first)
            delta["role"] = "assistant";
        delta["content"] = "";
        delta["reasoning"] = json::toStd(text);
        return dataLine(chunk(std::move(delta), nullptr));
    }

    QByteArray invalidChunk() const
    {
        return withInvalidBytes(
            dataLine(chunk(ojson { { "content", invalidPlaceholder } }, nullptr)));
    }

    QByteArray finishChunk() const { return dataLine(chunk(ojson { { "content", "" } }, "stop")); }

    QByteArray usageChunk(qint64 completionTokens) const
    {
        ojson value = head("chat.completion.chunk");
        value["choices"] = ojson::array();
        value["usage"] = usage(completionTokens);
        if (m_request.metadata)
            value["openrouter_metadata"] = metadata();
        return dataLine(value);
    }

    QByteArray errorChunk() const
    {
        ojson value = head("chat.completion.chunk");
        value["error"] = streamError();
        value["choices"] = ojson::array({ ojson {
            { "index", 0 }, { "delta", { { "content", "" } } }, { "finish_reason", "error" } } });
        return dataLine(value);
    }

    // The non-streamed body; `content` may carry the invalid UTF-8 placeholder.
    QByteArray completion(const QString &content, qint64 completionTokens, const char *finishReason,
        bool withError) const
    {
        ojson value = head("chat.completion");
        value["choices"] = ojson::array({ ojson { { "index", 0 },
            { "message", { { "role", "assistant" }, { "content", json::toStd(content) } } },
            { "finish_reason", finishReason }, { "native_finish_reason", finishReason } } });
        value["usage"] = usage(completionTokens);
        if (withError)
            value["error"] = streamError();
        if (m_request.metadata)
            value["openrouter_metadata"] = metadata();
        return withInvalidBytes(QByteArray::fromStdString(value.dump()));
    }

private:
    ojson head(const char *object) const
    {
        return ojson { { "id", json::toStd(m_request.generationId) }, { "object", object },
            { "created", m_request.created }, { "model", json::toStd(m_route.model) },
            { "provider", json::toStd(m_route.provider) } };
    }

    ojson usage(qint64 completionTokens) const
    {
        const double cost = m_request.promptTokens * m_request.promptPrice
            + completionTokens * m_request.completionPrice;
        return ojson { { "prompt_tokens", m_request.promptTokens },
            { "completion_tokens", completionTokens },
            { "total_tokens", m_request.promptTokens + completionTokens }, { "cost", cost },
            { "is_byok", false } };
    }

    static ojson streamError()
    {
        return ojson { { "code", 429 }, { "message", "Rate limit exceeded" },
            { "metadata",
                { { "error_type", "rate_limit_exceeded" },
                    { "provider_code", "rate_limit_exceeded" } } } };
    }

    ojson metadata() const
    {
        ojson available = ojson::array();
        for (const QString &name : m_route.endpoints) {
            available.push_back(
                { { "provider", json::toStd(name) }, { "model", json::toStd(m_route.model) },
                    { "selected", name == m_route.provider } });
        }
        ojson attempts = ojson::array();
        for (const SimAttempt &attempt : m_route.attempts) {
            attempts.push_back({ { "provider", json::toStd(attempt.provider) },
                { "model", json::toStd(attempt.model) }, { "status", attempt.status } });
        }
        const QString summary =
            u"available=%1, selected=%2"_s.arg(m_route.endpoints.size()).arg(m_route.provider);
        return ojson { { "requested", json::toStd(m_request.requestedModel) },
            { "strategy", m_request.modelsFallback ? "fallback" : "direct" },
            { "summary", json::toStd(summary) }, { "attempt", m_route.attempts.size() },
            { "is_byok", false },
            { "endpoints", { { "total", m_route.endpoints.size() }, { "available", available } } },
            { "attempts", attempts } };
    }

    const SimRoute &m_route;
    const SimStream::Request &m_request;
    QStringList m_tokens;
};

// Slices `bytes` into Body steps delivering about `bytesPerSecond`.
qint64 addDrip(SimPlan &plan, qint64 at, const QByteArray &bytes, int bytesPerSecond)
{
    const qint64 interval = qMax<qint64>(100, 1000 / qMax(1, bytesPerSecond));
    const qsizetype slice = qMax<qsizetype>(1, qsizetype(bytesPerSecond * interval / 1000));
    for (qsizetype offset = 0; offset < bytes.size(); offset += slice) {
        plan.add(at, Action::Body, bytes.mid(offset, slice));
        if (offset + slice < bytes.size())
            at += interval;
    }
    return at;
}

SimPlan streamPlan(const SimRoute &route, const SimStream::Request &request)
{
    const Builder builder(route, request);
    const SimScenario::Entry &entry = route.entry;

    SimPlan plan;
    plan.status = 200;
    plan.chunked = true;
    plan.generationId = request.generationId;
    plan.finishReason = u"stop"_s;
    plan.headers = { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream") },
        { QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache") },
        { QByteArrayLiteral("X-Generation-Id"), request.generationId.toUtf8() } };

    // Content chunks, one token each (plus the invalid one when scripted).
    // Reasoning first, as OpenRouter streams it: deltas with empty content.
    QList<QByteArray> chunks;
    const QStringList thoughts = SimStream::tokenize(request.reasoning);
    for (qsizetype i = 0; i < thoughts.size(); ++i)
        chunks.append(builder.reasoningChunk(thoughts.at(i), i == 0));
    for (qsizetype i = 0; i < builder.tokens().size(); ++i)
        chunks.append(builder.contentChunk(builder.tokens().at(i), i == 0 && thoughts.isEmpty()));
    if (entry.kind == Kind::InvalidUtf8)
        chunks.insert(qMin<qsizetype>(1, chunks.size()), builder.invalidChunk());
    const qsizetype count = chunks.size();
    const auto offset = [&route](qsizetype index) -> qint64 {
        if (route.tokensPerSecond <= 0 || index <= 0)
            return 0;
        return qint64(std::llround(double(index) * 1000.0 / route.tokensPerSecond));
    };

    qint64 head = route.delayMs;
    if (entry.kind == Kind::Stall && entry.phase == StallPhase::BeforeHeaders) {
        if (entry.stallMs < 0)
            return plan; // nothing, until the client gives up
        head += entry.stallMs;
    }
    plan.add(head, Action::Head);

    const auto addComments = [&plan](qint64 from, qint64 until, int every) {
        if (every < 0)
            return;
        plan.steps.append({ from, Action::Body, QByteArrayLiteral(": OPENROUTER PROCESSING\n\n"), 0,
            every, until });
    };
    // Tokens [from, to) with token `from` at `at`; returns the time of the last one.
    const auto addTokens = [&](qsizetype from, qsizetype to, qint64 at) {
        qint64 last = at;
        for (qsizetype i = from; i < qMin(to, count); ++i) {
            last = at + offset(i) - offset(from);
            plan.add(last, Action::Body, chunks.at(i), 1);
        }
        return last;
    };
    const auto addTail = [&](qint64 at) {
        plan.add(at, Action::Body,
            builder.finishChunk() + builder.usageChunk(count) + "data: [DONE]\n\n"_ba);
        plan.add(at, Action::End);
    };

    const qint64 firstToken = head + route.latencyMs;
    const qsizetype some = qMin<qsizetype>(entry.tokens, count);
    switch (entry.kind) {
    case Kind::ResetBeforeFirstToken:
        plan.add(head + resetDelayMs, Action::Abort);
        plan.finishReason.clear();
        break;
    case Kind::ResetAfterTokens:
        addComments(head, firstToken, route.keepaliveMs);
        plan.add(addTokens(0, some, firstToken) + resetDelayMs, Action::Abort);
        plan.finishReason.clear();
        break;
    case Kind::Stall:
        if (entry.phase == StallPhase::BeforeFirstToken) {
            // Silence, except comments when the entry asks for them.
            if (entry.keepaliveMs.value_or(0) > 0)
                addComments(
                    head, entry.stallMs < 0 ? -1 : head + entry.stallMs, *entry.keepaliveMs);
            if (entry.stallMs < 0)
                break;
            addTail(addTokens(0, count, head + entry.stallMs));
        } else if (entry.phase == StallPhase::MidStream) {
            addComments(head, firstToken, route.keepaliveMs);
            const qint64 last = addTokens(0, some, firstToken);
            if (entry.stallMs < 0)
                break;
            addTail(addTokens(some, count, last + entry.stallMs));
        } else {
            addComments(head, firstToken, route.keepaliveMs);
            addTail(addTokens(0, count, firstToken));
        }
        break;
    case Kind::TruncatedChunk: {
        addComments(head, firstToken, route.keepaliveMs);
        const qint64 last = addTokens(0, some, firstToken);
        const QByteArray next = some < count ? chunks.at(some) : builder.finishChunk();
        plan.add(last, Action::Body, next.left(qMax<qsizetype>(8, next.size() / 2)));
        plan.add(last, Action::End);
        plan.finishReason.clear();
        break;
    }
    case Kind::MidstreamError: {
        addComments(head, firstToken, route.keepaliveMs);
        const qint64 last = addTokens(0, some, firstToken);
        plan.add(last, Action::Body, builder.errorChunk());
        plan.add(last, Action::End);
        plan.finishReason = u"error"_s;
        break;
    }
    case Kind::Drip: {
        QByteArray bytes;
        if (route.keepaliveMs >= 0)
            bytes += ": OPENROUTER PROCESSING\n\n"_ba;
        for (const QByteArray &chunk : std::as_const(chunks))
            bytes += chunk;
        bytes += builder.finishChunk() + builder.usageChunk(count) + "data: [DONE]\n\n"_ba;
        plan.add(addDrip(plan, head, bytes, entry.bytesPerSecond), Action::End);
        break;
    }
    default: // serve, invalid_utf8
        addComments(head, firstToken, route.keepaliveMs);
        addTail(addTokens(0, count, firstToken));
        break;
    }
    std::stable_sort(plan.steps.begin(), plan.steps.end(),
        [](const SimPlan::Step &a, const SimPlan::Step &b) { return a.atMs < b.atMs; });
    return plan;
}

SimPlan jsonPlan(const SimRoute &route, const SimStream::Request &request)
{
    const Builder builder(route, request);
    const SimScenario::Entry &entry = route.entry;
    const QStringList &tokens = builder.tokens();
    const qsizetype some = qMin<qsizetype>(entry.tokens, tokens.size());

    QString content = tokens.join(QString());
    qint64 completionTokens = tokens.size();
    const char *finishReason = "stop";
    bool withError = false;
    if (entry.kind == Kind::InvalidUtf8) {
        content = tokens.mid(0, 1).join(QString()) % QLatin1StringView(invalidPlaceholder)
            % tokens.mid(1).join(QString());
        ++completionTokens;
    } else if (entry.kind == Kind::MidstreamError) {
        content = tokens.mid(0, some).join(QString());
        completionTokens = some;
        finishReason = "error";
        withError = true;
    }
    const QByteArray body = builder.completion(content, completionTokens, finishReason, withError);
    const qint64 generationTime = route.tokensPerSecond > 0 && tokens.size() > 1
        ? qint64(std::llround(double(tokens.size() - 1) * 1000.0 / route.tokensPerSecond))
        : 0;

    SimPlan plan;
    plan.status = 200;
    plan.generationId = request.generationId;
    plan.finishReason = QString::fromLatin1(finishReason);
    plan.headers = { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
        { QByteArrayLiteral("X-Generation-Id"), request.generationId.toUtf8() } };
    const auto setLength = [&plan](qsizetype length) {
        plan.headers.append({ QByteArrayLiteral("Content-Length"), QByteArray::number(length) });
    };

    qint64 head = route.delayMs;
    const qint64 ready = head + route.latencyMs + generationTime;
    const QByteArray half = body.left(body.size() / 2);
    switch (entry.kind) {
    case Kind::ResetBeforeFirstToken:
        setLength(body.size());
        plan.add(head, Action::Head);
        plan.add(head + resetDelayMs, Action::Abort);
        plan.finishReason.clear();
        break;
    case Kind::ResetAfterTokens:
        setLength(body.size());
        plan.add(head, Action::Head);
        plan.add(ready, Action::Body, half);
        plan.add(ready + resetDelayMs, Action::Abort);
        plan.finishReason.clear();
        break;
    case Kind::Stall:
        setLength(body.size());
        if (entry.phase == StallPhase::BeforeHeaders) {
            if (entry.stallMs < 0)
                break;
            plan.add(ready + entry.stallMs, Action::Head);
            plan.add(ready + entry.stallMs, Action::Body, body);
            plan.add(ready + entry.stallMs, Action::End);
            break;
        }
        plan.add(head, Action::Head);
        if (entry.phase == StallPhase::MidStream)
            plan.add(head, Action::Body, half);
        if (entry.stallMs < 0)
            break;
        plan.add(ready + entry.stallMs, Action::Body,
            entry.phase == StallPhase::MidStream ? body.mid(half.size()) : body);
        plan.add(ready + entry.stallMs, Action::End);
        break;
    case Kind::TruncatedChunk:
        setLength(half.size());
        plan.add(ready, Action::Head);
        plan.add(ready, Action::Body, half);
        plan.add(ready, Action::End);
        plan.finishReason.clear();
        break;
    case Kind::Drip:
        setLength(body.size());
        plan.add(head, Action::Head);
        plan.add(addDrip(plan, ready, body, entry.bytesPerSecond), Action::End);
        break;
    default: // serve, invalid_utf8, midstream_error
        setLength(body.size());
        plan.add(ready, Action::Head);
        plan.add(ready, Action::Body, body);
        plan.add(ready, Action::End);
        break;
    }
    // Body steps carry the completion's tokens as a whole.
    for (SimPlan::Step &step : plan.steps) {
        if (step.action == Action::End)
            step.tokens = int(completionTokens);
    }
    return plan;
}

} // namespace

SimPlan SimStream::plan(const SimRoute &route, const Request &request)
{
    return request.stream ? streamPlan(route, request) : jsonPlan(route, request);
}

QStringList SimStream::tokenize(const QString &reply)
{
    static const QRegularExpression word(u"\\s*\\S+\\s*"_s);
    QStringList tokens;
    qsizetype position = 0;
    // The first token keeps any leading whitespace; every token its trailing whitespace.
    for (auto it = word.globalMatch(reply); it.hasNext();) {
        const auto match = it.next();
        tokens.append(reply.mid(position, match.capturedEnd() - position));
        position = match.capturedEnd();
    }
    if (position < reply.size() && !tokens.isEmpty())
        tokens.last().append(reply.mid(position));
    else if (position < reply.size())
        tokens.append(reply.mid(position));
    return tokens;
}

qint64 SimStream::estimatePromptTokens(const nlohmann::json &request)
{
    qint64 characters = 0;
    if (const auto messages = request.find("messages");
        messages != request.end() && messages->is_array()) {
        for (const auto &message : *messages) {
            if (!message.is_object())
                continue;
            const auto content = message.find("content");
            if (content == message.end())
                continue;
            if (content->is_string()) {
                characters += json::toQt(content->get<std::string>()).size();
            } else if (content->is_array()) {
                for (const auto &part : *content)
                    characters += json::stringAt(part, "text").size();
            }
        }
    }
    characters += json::stringAt(request, "prompt").size();
    return qMax<qint64>(1, (characters + 3) / 4);
}

QString SimStream::reasoningFor(const nlohmann::json &request)
{
    const auto reasoning = request.find("reasoning");
    if (reasoning == request.end() || !reasoning->is_object()
        || json::boolAt(*reasoning, "exclude").value_or(false))
        return {};
    const QString effort = json::stringAt(*reasoning, "effort");
    return u"The person asks something; I weigh it (effort: %1) before answering. "_s.arg(
        effort.isEmpty() ? u"default"_s : effort);
}

} // namespace detour
