// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "HeaderText.h"
#include "protocol/ErrorBody.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/RawHttpResponse.h"

#include <QTest>
#include <QTimeZone>
#include <algorithm>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using testing::fixedNow;
using testing::headersFrom;
using Json = nlohmann::json;

namespace {

QStringList fixNames(const QList<Fix> &fixes)
{
    QStringList names;
    for (Fix fix : fixes)
        names.append(fixName(fix));
    return names;
}

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

const Json &expectations()
{
    static const Json expected = [] {
        auto parsed = Json::parse(fixtures::read(u"expected.json"_s).toStdString(), nullptr, false);
        return parsed.is_discarded() ? Json::object() : parsed;
    }();
    return expected;
}

// A fixture's kind: inferred from the body, unless expected.json notes that a
// plain OpenAI-compatible endpoint sent it.
EndpointKind kindFor(const QString &name, QByteArrayView body)
{
    const Json &entry = expectations().value(name.toStdString(), Json::object());
    const QString note = str(entry.value("note", Json()));
    if (note.contains("plain OpenAI-compatible endpoint"_L1))
        return EndpointKind::OpenAiCompatible;
    return ErrorClassifier::inferKind(body);
}

// The `error` object and `provider` of the mid-stream error chunk in the fixture.
std::pair<Json, QString> midStreamChunkError()
{
    const QByteArray stream = fixtures::read(u"stream-midstream-error.sse"_s);
    for (const QByteArray &line : stream.split('\n')) {
        if (!line.startsWith("data:"))
            continue;
        const Json chunk = Json::parse(line.sliced(5).trimmed().toStdString(), nullptr, false);
        if (chunk.is_object() && chunk.contains("error"))
            return { chunk["error"], str(chunk.value("provider", Json())) };
    }
    return {};
}

QByteArray garbage(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = 12345;
    for (char &byte : bytes) {
        state = state * 1664525u + 1013904223u;
        byte = char(state >> 24);
    }
    return bytes;
}

} // namespace

class TestErrorClassifier final : public QObject {
    Q_OBJECT

private slots:
    void expectationsCoverEveryFixture();
    void fixtures_data();
    void fixtures();
    void classify_data();
    void classify();
    void summaries_data();
    void summaries();
    void errorBodies_data();
    void errorBodies();
    void previousErrorsAndAvailability();
    void hugeBodies_data();
    void hugeBodies();
    void invalidUtf8_data();
    void invalidUtf8();
    void midStreamError_data();
    void midStreamError();
    void inferKind_data();
    void inferKind();
    void localFailures_data();
    void localFailures();
    void toJson();
};

void TestErrorClassifier::expectationsCoverEveryFixture()
{
    const QStringList names = fixtures::names(u"*.http"_s);
    QVERIFY(names.size() >= 12);
    QCOMPARE(qsizetype(expectations().size()), names.size());
    for (const QString &name : names)
        QVERIFY2(expectations().contains(name.toStdString()), qPrintable(name));
}

void TestErrorClassifier::fixtures_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : fixtures::names(u"*.http"_s))
        QTest::addRow("%s", qPrintable(name)) << name;
}

void TestErrorClassifier::fixtures()
{
    QFETCH(QString, name);
    const Json &expected = expectations().value(name.toStdString(), Json::object());
    QVERIFY(expected.contains("outcome"));

    const auto response = RawHttpResponse::parse(fixtures::read(name));
    QVERIFY2(response.hasValue(), qPrintable(response.error()));
    const EndpointKind kind = kindFor(name, response->body);
    const Diagnosis d = ErrorClassifier::classify(
        response->status, response->headers, response->body, kind, fixedNow());

    QCOMPARE(outcomeName(d.outcome), str(expected["outcome"]));
    QCOMPARE(partyName(d.party), str(expected["party"]));
    if (expected.contains("provider"))
        QCOMPARE(d.provider, str(expected["provider"])); // null -> empty
    if (expected.contains("retry_after_s")) {
        QVERIFY(d.retryAfterS.has_value());
        QCOMPARE(*d.retryAfterS, expected["retry_after_s"].get<double>());
    }
    const QStringList fixes = fixNames(d.fixes);
    for (const Json &fix : expected["fixes_include"])
        QVERIFY2(fixes.contains(str(fix)), qPrintable(fixes.join(u", "_s)));
    QCOMPARE(d.httpStatus, response->status);
    QVERIFY(!d.summary.isEmpty());
    QVERIFY(d.summary.endsWith(u'.'));

    // toJson says the same thing.
    const Json json = d.toJson();
    QCOMPARE(str(json["outcome"]), str(expected["outcome"]));
    QCOMPARE(str(json["party"]), str(expected["party"]));
    if (expected.contains("provider")) {
        QCOMPARE(json["provider"].is_null(), expected["provider"].is_null());
        QCOMPARE(str(json["provider"]), str(expected["provider"]));
    }
    if (expected.contains("retry_after_s"))
        QCOMPARE(json["retry_after_s"].get<double>(), expected["retry_after_s"].get<double>());
    QCOMPARE(json["http_status"].get<int>(), response->status);
}

void TestErrorClassifier::classify_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<EndpointKind>("kind");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("party");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<double>("retryAfter"); // < 0: unknown
    QTest::addColumn<QStringList>("fixesInclude");
    QTest::addColumn<QStringList>("fixesExclude");
    QTest::addColumn<QStringList>("summaryContains");

    const auto OR = EndpointKind::OpenRouter;
    const auto OAI = EndpointKind::OpenAiCompatible;

    QTest::addRow("200 with OpenRouter error body")
        << 200 << QByteArray()
        << QByteArray(R"({"error":{"code":429,"message":"Provider returned error","metadata":)"
                      R"({"provider_name":"Groq","raw":"moonshotai/kimi-k2:free is )"
                      R"(temporarily rate-limited upstream."}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << u"Groq"_s << -1.0
        << QStringList { u"byok"_s, u"paid_variant"_s, u"retry"_s } << QStringList()
        << QStringList { u"Groq"_s, u"moonshotai/kimi-k2:free"_s, u"HTTP 200"_s };
    QTest::addRow("200 with string code and context message")
        << 200 << QByteArray()
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 8192 )"
               R"(tokens.","type":"invalid_request_error","code":"context_length_exceeded"}})")
        << OAI << u"context_length"_s << u"you"_s << QString() << -1.0
        << QStringList { u"shorten_context"_s } << QStringList()
        << QStringList { u"8192"_s, u"HTTP 200"_s };
    QTest::addRow("200 with numeric-string code 402")
        << 200 << QByteArray()
        << QByteArray(R"({"error":{"code":"402","message":"Insufficient credits"}})") << OR
        << u"no_credits"_s << u"you"_s << QString() << -1.0 << QStringList { u"add_credits"_s }
        << QStringList() << QStringList { u"Insufficient credits"_s, u"HTTP 200"_s };
    QTest::addRow("200 with unknown error")
        << 200 << QByteArray() << QByteArray(R"({"error":{"message":"Something odd"}})") << OR
        << u"server_error"_s << u"openrouter"_s << QString() << -1.0 << QStringList { u"retry"_s }
        << QStringList() << QStringList { u"Something odd"_s, u"HTTP 200"_s };
    QTest::addRow("200 chat completion is served")
        << 200 << QByteArray()
        << QByteArray(R"({"id":"gen-1","choices":[{"message":{"content":"hi"}}]})") << OR
        << u"served"_s << QString() << QString() << -1.0 << QStringList() << QStringList()
        << QStringList { u"200"_s };
    QTest::addRow("200 HTML page is not served")
        << 200 << QByteArray() << QByteArray("<html><title>Captive portal</title></html>") << OR
        << u"server_error"_s << u"openrouter"_s << QString() << -1.0 << QStringList { u"retry"_s }
        << QStringList() << QStringList { u"Captive portal"_s };

    QTest::addRow("code as string 429, key limit")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"code":"429","message":"Rate limit exceeded: )"
                      R"(free-models-per-min."},"user_id":"user_x"})")
        << OR << u"rate_limited_key"_s << u"you"_s << QString() << -1.0
        << QStringList { u"wait"_s, u"paid_variant"_s } << QStringList { u"byok"_s }
        << QStringList { u"free-models-per-min"_s, u"not a provider"_s };
    QTest::addRow("200 with code as string 429")
        << 200 << QByteArray()
        << QByteArray(R"({"error":{"code":"429","message":"Rate limit exceeded"}})") << OR
        << u"rate_limited_key"_s << u"you"_s << QString() << -1.0 << QStringList { u"wait"_s }
        << QStringList() << QStringList { u"HTTP 200"_s };
    QTest::addRow("absent code, upstream")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"Provider returned error","metadata":)"
                      R"({"provider_name":"DeepInfra","raw":"Too many requests"}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << u"DeepInfra"_s << -1.0
        << QStringList { u"byok"_s, u"allow_fallbacks"_s, u"move_step_down"_s }
        << QStringList { u"paid_variant"_s, u"add_credits"_s } << QStringList { u"DeepInfra"_s };
    // metadata.provider_name alone is a sign of an upstream limit: no "Provider returned
    // error", no raw text, no limit_source.
    QTest::addRow("provider_name alone, upstream")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"code":429,"message":"Rate limit exceeded","metadata":)"
                      R"({"provider_name":"DeepInfra"}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << u"DeepInfra"_s << -1.0
        << QStringList { u"byok"_s } << QStringList { u"add_credits"_s }
        << QStringList { u"DeepInfra"_s };
    QTest::addRow("provider_name alone with Retry-After, upstream")
        << 429 << QByteArray("Retry-After: 12")
        << QByteArray(R"({"error":{"message":"Too many requests","metadata":)"
                      R"({"provider_name":"DeepInfra"}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << u"DeepInfra"_s << 12.0
        << QStringList { u"wait"_s, u"byok"_s } << QStringList { u"add_credits"_s }
        << QStringList { u"DeepInfra"_s, u"12 s"_s };
    QTest::addRow("absent code, auth")
        << 401 << QByteArray() << QByteArray(R"({"error":{"message":"Invalid API key"}})") << OR
        << u"auth"_s << u"you"_s << QString() << -1.0 << QStringList { u"check_key"_s }
        << QStringList() << QStringList { u"Invalid API key"_s };
    QTest::addRow("nested raw JSON object")
        << 429 << QByteArray("Retry-After: 3")
        << QByteArray(R"({"error":{"code":429,"message":"Provider returned error","metadata":)"
                      R"({"provider_name":"Together","raw":{"error":{"message":"Slow down",)"
                      R"("type":"rate_limit_error"}}}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << u"Together"_s << 3.0
        << QStringList { u"wait"_s, u"byok"_s } << QStringList { u"retry"_s }
        << QStringList { u"3 s"_s };
    QTest::addRow("limit_source upstream without provider")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"code":429,"message":"Rate limited","metadata":)"
                      R"({"limit_source":"upstream_provider_shared_pool"}}})")
        << OR << u"rate_limited_upstream"_s << u"provider"_s << QString() << -1.0
        << QStringList { u"byok"_s } << QStringList() << QStringList { u"upstream provider"_s };
    QTest::addRow("HTML 502 behind OpenRouter")
        << 502 << QByteArray("Content-Type: text/html")
        << QByteArray("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                      "<body><h1>Bad Gateway</h1></body></html>")
        << OR << u"server_error"_s << u"openrouter"_s << QString() << -1.0
        << QStringList { u"retry"_s, u"move_step_down"_s } << QStringList()
        << QStringList { u"502 Bad Gateway"_s, u"proxy"_s };
    QTest::addRow("HTML 502 from a plain endpoint")
        << 502 << QByteArray() << QByteArray("<html><body><h1>Bad &amp; Gateway</h1></body></html>")
        << OAI << u"server_error"_s << u"endpoint"_s << QString() << -1.0
        << QStringList { u"retry"_s } << QStringList() << QStringList { u"Bad & Gateway"_s };
    QTest::addRow("JSON 502 naming a provider")
        << 502 << QByteArray()
        << QByteArray(R"({"error":{"code":502,"message":"Provider returned error","metadata":)"
                      R"({"provider_name":"Fireworks","raw":"upstream connect error"}}})")
        << OR << u"server_error"_s << u"provider"_s << u"Fireworks"_s << -1.0
        << QStringList { u"retry"_s, u"allow_fallbacks"_s } << QStringList()
        << QStringList { u"Fireworks"_s, u"upstream connect error"_s };
    QTest::addRow("empty body 500")
        << 500 << QByteArray() << QByteArray() << OR << u"server_error"_s << u"openrouter"_s
        << QString() << -1.0 << QStringList { u"retry"_s } << QStringList()
        << QStringList { u"empty body"_s, u"500"_s };
    QTest::addRow("whitespace body 503 on endpoint")
        << 503 << QByteArray() << QByteArray(" \r\n ") << OAI << u"unavailable"_s << u"endpoint"_s
        << QString() << -1.0 << QStringList { u"retry"_s } << QStringList()
        << QStringList { u"empty body"_s };
    QTest::addRow("empty body 429 on OpenRouter")
        << 429 << QByteArray() << QByteArray() << OR << u"rate_limited_key"_s << u"you"_s
        << QString() << -1.0 << QStringList { u"wait"_s } << QStringList { u"add_credits"_s }
        << QStringList { u"empty body"_s };
    QTest::addRow("plain-text 500")
        << 500 << QByteArray("Content-Type: text/plain")
        << QByteArray("Internal Server Error\nTraceback (most recent call last):\n  ...") << OAI
        << u"server_error"_s << u"endpoint"_s << QString() << -1.0
        << QStringList { u"retry"_s, u"move_step_down"_s } << QStringList()
        << QStringList { u"\"Internal Server Error\""_s };
    QTest::addRow("moderation 403 with reasons only")
        << 403 << QByteArray()
        << QByteArray(R"({"error":{"code":403,"message":"Input flagged","metadata":)"
                      R"({"reasons":["self-harm","violence"],"provider_name":"Azure"}}})")
        << OR << u"moderation"_s << u"you"_s << u"Azure"_s << -1.0
        << QStringList { u"change_model"_s } << QStringList()
        << QStringList { u"self-harm, violence"_s, u"Azure"_s };
    QTest::addRow("other 403 is auth")
        << 403 << QByteArray()
        << QByteArray(R"({"error":{"code":403,"message":"Access to this model is not allowed"}})")
        << OR << u"auth"_s << u"you"_s << QString() << -1.0 << QStringList { u"check_key"_s }
        << QStringList() << QStringList { u"not allowed"_s };
    // The body's own words decide over the status code.
    QTest::addRow("403 key limit is a spending cap")
        << 403 << QByteArray()
        << QByteArray(R"({"error":{"code":403,"message":"Key limit exceeded: weekly limit"}})")
        << OR << u"no_credits"_s << u"you"_s << QString() << -1.0
        << QStringList { u"add_credits"_s } << QStringList() << QStringList { u"Key limit"_s };
    QTest::addRow("400 saying the context is too long")
        << 400 << QByteArray()
        << QByteArray(R"({"error":{"code":400,"message":"the request exceeds the available )"
                      R"(context size, try increasing it","type":"exceed_context_size_error"}})")
        << OAI << u"context_length"_s << u"you"_s << QString() << -1.0
        << QStringList { u"shorten_context"_s } << QStringList() << QStringList();
    QTest::addRow("500 saying the context is too long")
        << 500 << QByteArray()
        << QByteArray(R"({"error":{"message":"Requested input length 9000 exceeds maximum )"
                      R"(input length 8192"}})")
        << OAI << u"context_length"_s << u"you"_s << QString() << -1.0 << QStringList()
        << QStringList() << QStringList();
    QTest::addRow("vLLM's top-level error object")
        << 400 << QByteArray()
        << QByteArray(R"({"object":"error","message":"This model's maximum context length is )"
                      R"(4096 tokens.","type":"BadRequestError","code":400})")
        << OAI << u"context_length"_s << u"you"_s << QString() << -1.0 << QStringList()
        << QStringList() << QStringList { u"4096"_s };
    QTest::addRow("400 saying the key is wrong, percent-encoded")
        << 400 << QByteArray()
        << QByteArray(R"({"code":"Client specified an invalid argument","error":"Incorrect%20)"
                      R"(API%20key%20provided"})")
        << OAI << u"auth"_s << u"you"_s << QString() << -1.0 << QStringList { u"check_key"_s }
        << QStringList() << QStringList { u"Incorrect API key"_s };
    QTest::addRow("400 content filter")
        << 400 << QByteArray()
        << QByteArray(R"({"error":{"code":"content_filter","message":"The response was )"
                      R"(filtered due to the prompt triggering the content management policy."}})")
        << OAI << u"moderation"_s << u"you"_s << QString() << -1.0 << QStringList() << QStringList()
        << QStringList();
    QTest::addRow("400 naming an invalid model")
        << 400 << QByteArray()
        << QByteArray(R"({"error":{"code":400,"message":"foo/bar is not a valid model ID"}})") << OR
        << u"not_found"_s << u"you"_s << QString() << -1.0 << QStringList { u"change_model"_s }
        << QStringList() << QStringList();
    QTest::addRow("429 saying the budget is spent")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"Budget has been exceeded! Current cost: 5.1, )"
                      R"(Max budget: 5.0","type":"budget_exceeded","code":"429"}})")
        << OAI << u"no_credits"_s << u"you"_s << QString() << -1.0
        << QStringList { u"add_credits"_s } << QStringList() << QStringList();
    QTest::addRow("500 saying no model is loaded")
        << 500 << QByteArray() << QByteArray(R"({"error":"No models loaded. Please load a model"})")
        << OAI << u"unavailable"_s << u"endpoint"_s << QString() << -1.0 << QStringList()
        << QStringList() << QStringList();
    QTest::addRow("Cloudflare 524")
        << 524 << QByteArray() << QByteArray("error code: 524") << OAI << u"timeout"_s
        << u"endpoint"_s << QString() << -1.0 << QStringList() << QStringList() << QStringList();
    QTest::addRow("gateway relaying an upstream's 429, wait in words")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"litellm.RateLimitError: AzureException )"
                      R"(RateLimitError - Please retry after 20 seconds."}})")
        << OAI << u"rate_limited_upstream"_s << u"provider"_s << u"Azure"_s << 20.0
        << QStringList { u"wait"_s } << QStringList() << QStringList { u"Azure"_s };
    QTest::addRow("gateway envelope naming the provider")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"openai error: Provider returned error"},)"
                      R"("provider":"openai"})")
        << OAI << u"rate_limited_upstream"_s << u"provider"_s << u"openai"_s << -1.0
        << QStringList() << QStringList() << QStringList();
    QTest::addRow("a TPM limit with a wait stays a rate limit")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"Rate limit reached on tokens per minute: )"
                      R"(Limit 6000, Requested 7000. Please try again in 50.6s."}})")
        << OAI << u"rate_limited_key"_s << u"endpoint"_s << QString() << 50.6 << QStringList()
        << QStringList() << QStringList();
    QTest::addRow("a composite wait in words")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"Rate limit reached. Please try again in 1m30s."}})")
        << OAI << u"rate_limited_key"_s << u"endpoint"_s << QString() << 90.0 << QStringList()
        << QStringList() << QStringList();
    QTest::addRow("a stream's error event")
        << 200 << QByteArray()
        << QByteArray(": OPENROUTER PROCESSING\n\ndata: {\"provider\":\"AtlasCloud\",\"error\":"
                      "{\"code\":502,\"message\":\"Upstream error\"},\"choices\":[]}\n\n")
        << OR << u"server_error"_s << u"provider"_s << u"AtlasCloud"_s << -1.0 << QStringList()
        << QStringList() << QStringList();
    QTest::addRow("key 429 with X-RateLimit-Reset epoch ms")
        << 429 << QByteArray("X-RateLimit-Reset: 1790794800000") // fixedNow() + 1 h
        << QByteArray(R"({"error":{"code":429,"message":"Rate limit exceeded: limit_rpm/x"}})")
        << OR << u"rate_limited_key"_s << u"you"_s << QString() << 3600.0
        << QStringList { u"wait"_s } << QStringList { u"byok"_s }
        << QStringList { u"wait 60 min"_s };
    QTest::addRow("key 429 reset only in metadata.headers")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"code":429,"message":"Rate limit exceeded: )"
                      R"(free-models-per-day","metadata":{"headers":{"X-RateLimit-Reset":)"
                      R"("1790812800000"}}}})")
        << OR << u"rate_limited_key"_s << u"you"_s << QString() << 21600.0
        << QStringList { u"wait"_s, u"add_credits"_s } << QStringList()
        << QStringList { u"6 h"_s, u"daily"_s };
    QTest::addRow("context length, OpenAI-style body")
        << 400 << QByteArray()
        << QByteArray(R"({"error":{"message":"This model's maximum context length is 128000 )"
                      R"(tokens. However, your messages resulted in 130000 tokens.",)"
                      R"("type":"invalid_request_error","param":"messages",)"
                      R"("code":"context_length_exceeded"}})")
        << OAI << u"context_length"_s << u"you"_s << QString() << -1.0
        << QStringList { u"shorten_context"_s } << QStringList() << QStringList { u"128000"_s };
    QTest::addRow("context length, 422 local server")
        << 422 << QByteArray()
        << QByteArray(R"({"detail":"Prompt is too long for the context window"})") << OAI
        << u"context_length"_s << u"you"_s << QString() << -1.0
        << QStringList { u"shorten_context"_s } << QStringList() << QStringList();
    QTest::addRow("plain 400 is bad request")
        << 400 << QByteArray()
        << QByteArray(R"({"error":{"code":400,"message":"tools is not supported"}})") << OR
        << u"bad_request"_s << u"you"_s << QString() << -1.0 << QStringList { u"change_model"_s }
        << QStringList() << QStringList { u"tools is not supported"_s, u"HTTP 400"_s };
    QTest::addRow("FastAPI detail list 422")
        << 422 << QByteArray()
        << QByteArray(R"({"detail":[{"loc":["body","model"],"msg":"field required",)"
                      R"("type":"value_error.missing"}]})")
        << OAI << u"bad_request"_s << u"you"_s << QString() << -1.0 << QStringList()
        << QStringList() << QStringList { u"field required"_s };
    QTest::addRow("top-level message 400")
        << 400 << QByteArray() << QByteArray(R"({"message":"temperature out of range"})") << OAI
        << u"bad_request"_s << u"you"_s << QString() << -1.0 << QStringList() << QStringList()
        << QStringList { u"temperature out of range"_s };
    QTest::addRow("402 no credits")
        << 402 << QByteArray()
        << QByteArray(R"({"error":{"code":402,"message":"This request )"
                      R"(requires more credits, or fewer max_tokens."}})")
        << OR << u"no_credits"_s << u"you"_s << QString() << -1.0
        << QStringList { u"add_credits"_s, u"shorten_context"_s } << QStringList()
        << QStringList { u"max_tokens"_s };
    QTest::addRow("OpenAI insufficient_quota 429")
        << 429 << QByteArray()
        << QByteArray(R"({"error":{"message":"You exceeded your current quota, please check )"
                      R"(your plan and billing details.","type":"insufficient_quota",)"
                      R"("code":"insufficient_quota"}})")
        << OAI << u"no_credits"_s << u"you"_s << QString() << -1.0
        << QStringList { u"add_credits"_s } << QStringList { u"wait"_s }
        << QStringList { u"quota"_s };
    QTest::addRow("endpoint 429 without retry info")
        << 429 << QByteArray() << QByteArray(R"({"error":"too many requests"})") << OAI
        << u"rate_limited_key"_s << u"endpoint"_s << QString() << -1.0
        << QStringList { u"wait"_s, u"move_step_down"_s } << QStringList { u"byok"_s }
        << QStringList { u"retry shortly"_s };
    QTest::addRow("Ollama 404") << 404 << QByteArray()
                                << QByteArray(R"({"error":"model 'llama9' not found"})") << OAI
                                << u"not_found"_s << u"you"_s << QString() << -1.0
                                << QStringList { u"change_model"_s } << QStringList()
                                << QStringList { u"llama9"_s };
    QTest::addRow("408 timeout") << 408 << QByteArray()
                                 << QByteArray(R"({"error":{"code":408,"message":"Timed out"}})")
                                 << OR << u"timeout"_s << u"openrouter"_s << QString() << -1.0
                                 << QStringList { u"retry"_s } << QStringList()
                                 << QStringList { u"timed out"_s };
    QTest::addRow("504 HTML on endpoint")
        << 504 << QByteArray() << QByteArray("<html><title>504 Gateway Time-out</title></html>")
        << OAI << u"timeout"_s << u"endpoint"_s << QString() << -1.0 << QStringList { u"retry"_s }
        << QStringList() << QStringList { u"504"_s };
    QTest::addRow("503 HTML on OpenRouter")
        << 503 << QByteArray("Retry-After: 10")
        << QByteArray("<html><title>Service Unavailable</title></html>") << OR << u"unavailable"_s
        << u"openrouter"_s << QString() << 10.0 << QStringList { u"wait"_s } << QStringList()
        << QStringList { u"10 s"_s };
    QTest::addRow("503 retry only in availability")
        << 503 << QByteArray()
        << QByteArray(R"({"error":{"code":503,"message":"busy","availability":)"
                      R"({"code":"capacity_exhausted","retry_after":15,)"
                      R"("affected_providers":["Groq"]}}})")
        << OR << u"unavailable"_s << u"provider"_s << QString() << 15.0
        << QStringList { u"wait"_s, u"allow_fallbacks"_s } << QStringList()
        << QStringList { u"Groq"_s, u"15 s"_s };
    QTest::addRow("unknown 4xx") << 418 << QByteArray() << QByteArray("I'm a teapot") << OR
                                 << u"bad_request"_s << u"you"_s << QString() << -1.0
                                 << QStringList() << QStringList()
                                 << QStringList { u"418"_s, u"I'm a teapot"_s };
    QTest::addRow("unknown 5xx") << 507 << QByteArray()
                                 << QByteArray(R"({"error":{"message":"Insufficient storage"}})")
                                 << OAI << u"server_error"_s << u"endpoint"_s << QString() << -1.0
                                 << QStringList { u"retry"_s } << QStringList()
                                 << QStringList { u"507"_s, u"Insufficient storage"_s };
    QTest::addRow("redirect") << 301 << QByteArray("Location: https://example.invalid/v1")
                              << QByteArray() << OAI << u"bad_request"_s << u"you"_s << QString()
                              << -1.0 << QStringList() << QStringList()
                              << QStringList { u"redirect"_s, u"base URL"_s };
    QTest::addRow("truncated JSON 500")
        << 500 << QByteArray() << QByteArray(R"({"error":{"message":"boo)") << OR
        << u"server_error"_s << u"openrouter"_s << QString() << -1.0 << QStringList { u"retry"_s }
        << QStringList() << QStringList { u"boo"_s };
}

void TestErrorClassifier::classify()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(EndpointKind, kind);
    QFETCH(QString, outcome);
    QFETCH(QString, party);
    QFETCH(QString, provider);
    QFETCH(double, retryAfter);
    QFETCH(QStringList, fixesInclude);
    QFETCH(QStringList, fixesExclude);
    QFETCH(QStringList, summaryContains);

    const Diagnosis d =
        ErrorClassifier::classify(status, headersFrom(headers), body, kind, fixedNow());
    QCOMPARE(outcomeName(d.outcome), outcome);
    QCOMPARE(partyName(d.party), party);
    QCOMPARE(d.provider, provider);
    QCOMPARE(d.retryAfterS.has_value(), retryAfter >= 0);
    if (retryAfter >= 0)
        QCOMPARE(*d.retryAfterS, retryAfter);
    const QStringList fixes = fixNames(d.fixes);
    for (const QString &fix : fixesInclude)
        QVERIFY2(fixes.contains(fix), qPrintable(fix + u" not in "_s + fixes.join(u", "_s)));
    for (const QString &fix : fixesExclude)
        QVERIFY2(!fixes.contains(fix), qPrintable(fix + u" in "_s + fixes.join(u", "_s)));
    QVERIFY(!d.summary.isEmpty());
    for (const QString &part : summaryContains)
        QVERIFY2(d.summary.contains(part, Qt::CaseInsensitive),
            qPrintable(u"\""_s + part + u"\" not in: "_s + d.summary));
    QCOMPARE(d.httpStatus, status);
}

void TestErrorClassifier::summaries_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("excludes");

    QTest::addRow("upstream names provider and BYOK")
        << u"upstream-429-cerebras.http"_s
        << QStringList { u"Cerebras is rate-limiting OpenRouter's shared capacity"_s,
               u"qwen/qwen3-235b-a22b-thinking-2507"_s, u"not your key or credits"_s,
               u"adding credits will not help"_s, u"your own Cerebras key"_s, u"integrations"_s,
               u"BYOK"_s, u"your own rate limit at Cerebras"_s, u"fall back"_s, u"retry shortly"_s }
        << QStringList { u"paid variant"_s };
    QTest::addRow("upstream free model offers the paid variant")
        << u"upstream-429-chutes-free.http"_s
        << QStringList { u"Chutes"_s, u"deepseek/deepseek-chat-v3-0324:free"_s, u"paid variant"_s,
               u"your own Chutes key"_s, u"BYOK"_s, u"not your key"_s }
        << QStringList();
    QTest::addRow("upstream with retry-after says how long")
        << u"upstream-429-shared-pool-nested-raw.http"_s
        << QStringList { u"Together"_s, u"wait 12 s"_s, u"BYOK"_s, u"not your key"_s }
        << QStringList { u"retry shortly"_s };
    QTest::addRow("key limit is yours, not a provider's")
        << u"key-429-free-models-per-day.http"_s
        << QStringList { u"your account"_s, u"free-models-per-day"_s, u"add credits"_s, u"6 h"_s }
        << QStringList { u"BYOK"_s, u"shared capacity"_s };
    QTest::addRow("503 lists the providers tried")
        << u"unavailable-503-previous-errors.http"_s
        << QStringList { u"moonshotai/kimi-k2"_s, u"Cerebras (429 rate_limit_exceeded)"_s,
               u"Groq (429 rate_limit_exceeded)"_s, u"wait 30 s"_s }
        << QStringList();
    QTest::addRow("proxy page") << u"proxy-502-html.http"_s
                                << QStringList { u"OpenRouter or a proxy"_s,
                                       u"\"502 Bad Gateway\""_s, u"retry"_s }
                                << QStringList { u"<"_s };
    QTest::addRow("plain endpoint 429")
        << u"openai-compatible-429-retry-after.http"_s
        << QStringList { u"The endpoint"_s, u"wait 8 s"_s, u"llama-3.1-8b-instant"_s }
        << QStringList { u"OpenRouter"_s };
    QTest::addRow("moderation") << u"moderation-403.http"_s
                                << QStringList { u"OpenAI's moderation"_s, u"violence"_s,
                                       u"openai/gpt-4o"_s }
                                << QStringList();
    QTest::addRow("context length")
        << u"context-length-400.http"_s
        << QStringList { u"context window"_s, u"131072"_s, u"shorten"_s } << QStringList();
}

void TestErrorClassifier::summaries()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, excludes);

    const auto response = RawHttpResponse::parse(fixtures::read(fixture));
    QVERIFY(response.hasValue());
    const Diagnosis d = ErrorClassifier::classify(response->status, response->headers,
        response->body, kindFor(fixture, response->body), fixedNow());
    for (const QString &part : contains)
        QVERIFY2(
            d.summary.contains(part), qPrintable(u"\""_s + part + u"\" not in: "_s + d.summary));
    for (const QString &part : excludes)
        QVERIFY2(!d.summary.contains(part), qPrintable(u"\""_s + part + u"\" in: "_s + d.summary));
    // One sentence.
    QVERIFY(d.summary.endsWith(u'.'));
    QVERIFY(!d.summary.contains(u'\n'));
}

void TestErrorClassifier::errorBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorBody::Format>("format");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("providerName");
    QTest::addColumn<QString>("rawMessage");
    QTest::addColumn<QString>("htmlTitle");

    using F = ErrorBody::Format;
    QTest::addRow("OpenRouter numeric code")
        << QByteArray(R"({"error":{"code":401,"message":"No auth credentials found"}})") << F::Json
        << true << u"401"_s << u"No auth credentials found"_s << QString() << QString() << QString()
        << QString();
    QTest::addRow("OpenAI string code")
        << QByteArray(R"({"error":{"message":"m","type":"requests","code":"rate_limit_exceeded"}})")
        << F::Json << true << u"rate_limit_exceeded"_s << u"m"_s << u"requests"_s << QString()
        << QString() << QString();
    QTest::addRow("null code and provider")
        << QByteArray(R"({"error":{"message":"m","code":null,"metadata":{"provider_name":null}}})")
        << F::Json << true << QString() << u"m"_s << QString() << QString() << QString()
        << QString();
    QTest::addRow("raw as JSON string")
        << QByteArray(R"({"error":{"code":429,"message":"Provider returned error","metadata":)"
                      R"({"provider_name":"Together","raw":"{\"error\":{\"message\":)"
                      R"(\"Too many\",\"type\":\"rate_limit_error\"}}"}}})")
        << F::Json << true << u"429"_s << u"Provider returned error"_s << QString() << u"Together"_s
        << u"Too many"_s << QString();
    QTest::addRow("raw as inline JSON")
        << QByteArray(R"({"error":{"code":429,"message":"x","metadata":{"raw":{"detail":"d"}}}})")
        << F::Json << true << u"429"_s << u"x"_s << QString() << QString() << u"d"_s << QString();
    QTest::addRow("raw as plain text")
        << QByteArray(R"({"error":{"code":429,"message":"x","metadata":{"raw":"{not json"}}})")
        << F::Json << true << u"429"_s << u"x"_s << QString() << QString() << QString()
        << QString();
    QTest::addRow("Ollama string error")
        << QByteArray(R"({"error":"model not found"})") << F::Json << true << QString()
        << u"model not found"_s << QString() << QString() << QString() << QString();
    QTest::addRow("top-level message")
        << QByteArray(R"({"message":"bad","code":"E1"})") << F::Json << true << u"E1"_s << u"bad"_s
        << QString() << QString() << QString() << QString();
    QTest::addRow("FastAPI detail string")
        << QByteArray(R"({"detail":"Not authenticated"})") << F::Json << true << QString()
        << u"Not authenticated"_s << QString() << QString() << QString() << QString();
    QTest::addRow("array-wrapped error")
        << QByteArray(R"([{"error":{"code":429,"message":"Resource exhausted"}}])") << F::Json
        << true << u"429"_s << u"Resource exhausted"_s << QString() << QString() << QString()
        << QString();
    QTest::addRow("chat completion is not an error")
        << QByteArray(R"({"id":"x","object":"chat.completion","choices":[]})") << F::Json << false
        << QString() << QString() << QString() << QString() << QString() << QString();
    QTest::addRow("null error is not an error")
        << QByteArray(R"({"error":null,"id":"x"})") << F::Json << false << QString() << QString()
        << QString() << QString() << QString() << QString();
    QTest::addRow("message as object")
        << QByteArray(R"({"error":{"message":{"text":"nested"}}})") << F::Json << true << QString()
        << u"{\"text\":\"nested\"}"_s << QString() << QString() << QString() << QString();
    QTest::addRow("HTML title") << QByteArray(
        "<html>\r\n<head><title>\n 502  Bad Gateway\n</title></head></html>")
                                << F::Html << false << QString() << u"502 Bad Gateway"_s
                                << QString() << QString() << QString() << u"502 Bad Gateway"_s;
    QTest::addRow("HTML without title uses h1")
        << QByteArray("<!doctype html><body><h1 class=x>Oops <b>down</b></h1></body>") << F::Html
        << false << QString() << u"Oops down"_s << QString() << QString() << QString() << QString();
    QTest::addRow("plain text") << QByteArray("  upstream connect error\n") << F::PlainText << false
                                << QString() << u"upstream connect error"_s << QString()
                                << QString() << QString() << QString();
    QTest::addRow("XML-ish text is plain")
        << QByteArray("<error>nope</error>") << F::PlainText << false << QString()
        << u"<error>nope</error>"_s << QString() << QString() << QString() << QString();
    QTest::addRow("empty") << QByteArray() << F::Empty << false << QString() << QString()
                           << QString() << QString() << QString() << QString();
    QTest::addRow("whitespace") << QByteArray("\r\n \t") << F::Empty << false << QString()
                                << QString() << QString() << QString() << QString() << QString();
}

void TestErrorClassifier::errorBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(ErrorBody::Format, format);
    QFETCH(bool, isError);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, type);
    QFETCH(QString, providerName);
    QFETCH(QString, rawMessage);
    QFETCH(QString, htmlTitle);

    const ErrorBody b = ErrorBody::fromBody(body);
    QCOMPARE(b.format, format);
    QCOMPARE(b.isError, isError);
    QCOMPARE(b.code, code);
    QCOMPARE(b.message, message);
    QCOMPARE(b.type, type);
    QCOMPARE(b.providerName, providerName);
    QCOMPARE(b.rawMessage, rawMessage);
    QCOMPARE(b.htmlTitle, htmlTitle);
}

void TestErrorClassifier::previousErrorsAndAvailability()
{
    const auto response =
        RawHttpResponse::parse(fixtures::read(u"unavailable-503-previous-errors.http"_s));
    QVERIFY(response.hasValue());
    const ErrorBody b = ErrorBody::fromBody(response->body);
    QCOMPARE(b.errorType, u"provider_overloaded"_s);
    QCOMPARE(b.previousErrors.size(), 2);
    QCOMPARE(b.previousErrors[0].provider, u"Cerebras"_s);
    QCOMPARE(b.previousErrors[0].status, 429);
    QCOMPARE(b.previousErrors[0].code, u"rate_limit_exceeded"_s);
    QCOMPARE(b.previousErrors[0].sources, QList { ServerAttempt::Source::ErrorMetadata });
    QCOMPARE(b.previousErrors[1].provider, u"Groq"_s);
    QCOMPARE(b.availabilityCode, u"capacity_exhausted"_s);
    QCOMPARE(b.retryable, std::optional(true));
    QCOMPARE(b.retryAfterS.value_or(-1), 30.0);
    QCOMPARE(b.requestedModels, QStringList { u"moonshotai/kimi-k2"_s });
    QCOMPARE(b.affectedProviders, (QStringList { u"Cerebras"_s, u"Groq"_s }));

    const auto moderation = RawHttpResponse::parse(fixtures::read(u"moderation-403.http"_s));
    QVERIFY(moderation.hasValue());
    const ErrorBody m = ErrorBody::fromBody(moderation->body);
    QCOMPARE(m.moderationReasons, QStringList { u"violence"_s });
    QCOMPARE(m.flaggedInput, u"...how do I make a wea..."_s);
    QCOMPARE(m.modelSlug, u"openai/gpt-4o"_s);

    const auto pool =
        RawHttpResponse::parse(fixtures::read(u"upstream-429-shared-pool-nested-raw.http"_s));
    QVERIFY(pool.hasValue());
    const ErrorBody p = ErrorBody::fromBody(pool->body);
    QCOMPARE(p.limitSource, u"upstream_provider_shared_pool"_s);
    QVERIFY(p.remedyHint.startsWith(u"Retry shortly"_s));
    QCOMPARE(p.rawMessage, u"Too many requests, please slow down"_s);
    QVERIFY(p.raw.startsWith(u"{\"error\""_s));

    const auto key = RawHttpResponse::parse(fixtures::read(u"key-429-free-models-per-day.http"_s));
    QVERIFY(key.hasValue());
    const ErrorBody k = ErrorBody::fromBody(key->body);
    QCOMPARE(headerValue(k.headers, "x-ratelimit-reset").value_or("<absent>"),
        QByteArray("1790812800000"));
}

void TestErrorClassifier::hugeBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::addRow("10 MB garbage") << garbage(10 * 1024 * 1024) << 500;
    QTest::addRow("10 MB garbage in a 200") << garbage(10 * 1024 * 1024) << 200;
    QTest::addRow("10 MB of open brackets") << QByteArray(10 * 1024 * 1024, '[') << 502;
    QTest::addRow("deep but small nesting") << QByteArray(100'000, '{') << 500;
    QTest::addRow("5 MB JSON string")
        << QByteArray(R"({"error":{"message":")" + QByteArray(5 * 1024 * 1024, 'a') + R"("}})")
        << 500;
    QTest::addRow("10 MB plain text one line") << QByteArray(10 * 1024 * 1024, 'x') << 503;
}

void TestErrorClassifier::hugeBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const Diagnosis d =
        ErrorClassifier::classify(status, {}, body, ErrorClassifier::inferKind(body), fixedNow());
    QVERIFY(d.outcome == Outcome::ServerError || d.outcome == Outcome::Unavailable);
    QVERIFY(!d.summary.isEmpty());
    QVERIFY2(d.summary.size() < 1000, qPrintable(QString::number(d.summary.size())));
    QVERIFY(d.error.message.size() <= 4096);
    QVERIFY(!d.toJson().dump().empty());
}

void TestErrorClassifier::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("outcome");

    QTest::addRow("invalid UTF-8 in JSON")
        << QByteArray("{\"error\":{\"code\":400,\"message\":\"bad \xff\xfe bytes\"}}") << 400
        << u"bad_request"_s;
    QTest::addRow("invalid UTF-8 text")
        << QByteArray("Gateway \xc3\x28 error \xed\xa0\x80") << 502 << u"server_error"_s;
    QTest::addRow("truncated multibyte at end")
        << QByteArray("overloaded \xe2\x82") << 503 << u"unavailable"_s;
    QTest::addRow("NUL bytes") << QByteArray("a\0b\0c", 5) << 500 << u"server_error"_s;
}

void TestErrorClassifier::invalidUtf8()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, outcome);

    const Diagnosis d =
        ErrorClassifier::classify(status, {}, body, EndpointKind::OpenRouter, fixedNow());
    QCOMPARE(outcomeName(d.outcome), outcome);
    QVERIFY(!d.summary.isEmpty());
    // The JSON output is valid UTF-8 whatever the body held.
    const std::string dumped = d.toJson().dump();
    const Json reparsed = Json::parse(dumped, nullptr, false);
    QVERIFY(!reparsed.is_discarded());
    QCOMPARE(str(reparsed["summary"]), d.summary);
}

void TestErrorClassifier::midStreamError_data()
{
    QTest::addColumn<EndpointKind>("kind");
    QTest::addColumn<bool>("passProvider");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("party");
    QTest::addColumn<QString>("provider");

    QTest::addRow("OpenRouter, chunk provider")
        << EndpointKind::OpenRouter << true << u"rate_limited_upstream"_s << u"provider"_s
        << u"OpenAI"_s;
    QTest::addRow("OpenRouter, no provider")
        << EndpointKind::OpenRouter << false << u"rate_limited_upstream"_s << u"provider"_s
        << QString();
    QTest::addRow("plain endpoint") << EndpointKind::OpenAiCompatible << false
                                    << u"rate_limited_key"_s << u"endpoint"_s << QString();
}

void TestErrorClassifier::midStreamError()
{
    QFETCH(EndpointKind, kind);
    QFETCH(bool, passProvider);
    QFETCH(QString, outcome);
    QFETCH(QString, party);
    QFETCH(QString, provider);

    const auto [error, chunkProvider] = midStreamChunkError();
    QVERIFY(error.is_object());
    QCOMPARE(chunkProvider, u"OpenAI"_s);

    const Diagnosis d =
        ErrorClassifier::classifyStreamError(error, kind, passProvider ? chunkProvider : QString());
    QCOMPARE(outcomeName(d.outcome), outcome);
    QCOMPARE(partyName(d.party), party);
    QCOMPARE(d.provider, provider);
    QCOMPARE(d.httpStatus, 0);
    QCOMPARE(d.error.code, u"429"_s);
    QCOMPARE(d.error.errorType, u"rate_limit_exceeded"_s);
    QCOMPARE(d.error.providerCode, u"rate_limit_exceeded"_s);
    QVERIFY2(d.summary.contains(u"mid-stream"_s), qPrintable(d.summary));
    if (!provider.isEmpty())
        QVERIFY(d.summary.contains(provider));
    QVERIFY(d.toJson()["http_status"].is_null());

    // Other codes classify the same way as their HTTP statuses.
    const Diagnosis server = ErrorClassifier::classifyStreamError(
        Json { { "code", 502 }, { "message", "Upstream error" } }, EndpointKind::OpenRouter);
    QCOMPARE(server.outcome, Outcome::ServerError);
    QVERIFY(server.summary.contains(u"mid-stream"_s));
    const Diagnosis words = ErrorClassifier::classifyStreamError(
        Json { { "message", "context length exceeded" } }, EndpointKind::OpenRouter);
    QCOMPARE(words.outcome, Outcome::ContextLength);
    const Diagnosis nonsense =
        ErrorClassifier::classifyStreamError(Json::array({ 1, 2 }), EndpointKind::OpenRouter);
    QCOMPARE(nonsense.outcome, Outcome::ServerError);
    QVERIFY(!nonsense.summary.isEmpty());
}

void TestErrorClassifier::inferKind_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<EndpointKind>("kind");

    const auto OR = EndpointKind::OpenRouter;
    const auto OAI = EndpointKind::OpenAiCompatible;
    QTest::addRow("metadata") << QByteArray(R"({"error":{"message":"m","code":"x","type":"t",)"
                                            R"("metadata":{}}})")
                              << OR;
    QTest::addRow("user_id") << QByteArray(R"({"error":{"message":"m","type":"t","code":"c"},)"
                                           R"("user_id":"u"})")
                             << OR;
    QTest::addRow("numeric code") << QByteArray(R"({"error":{"message":"m","code":401}})") << OR;
    QTest::addRow("numeric code with type")
        << QByteArray(R"({"error":{"message":"m","code":400,"type":"invalid_request_error"}})")
        << OR;
    QTest::addRow("type with string code")
        << QByteArray(R"({"error":{"message":"m","type":"requests","code":"rate_limit_exceeded"}})")
        << OAI;
    QTest::addRow("type with null code")
        << QByteArray(R"({"error":{"message":"m","type":"invalid_request_error","code":null}})")
        << OAI;
    QTest::addRow("Ollama string error") << QByteArray(R"({"error":"boom"})") << OAI;
    QTest::addRow("FastAPI detail") << QByteArray(R"({"detail":"Not Found"})") << OAI;
    QTest::addRow("message only") << QByteArray(R"({"error":{"message":"m"}})") << OR;
    QTest::addRow("empty") << QByteArray() << OR;
    QTest::addRow("HTML") << QByteArray("<html><title>502</title></html>") << OR;
    QTest::addRow("garbage") << QByteArray("\xff\x00\x01", 3) << OR;
    QTest::addRow("JSON number") << QByteArray("42") << OR;
    for (const QString &name : fixtures::names(u"*.http"_s)) {
        const auto response = RawHttpResponse::parse(fixtures::read(name));
        if (!response)
            continue;
        QTest::addRow("fixture %s", qPrintable(name))
            << response->body << (name.startsWith("openai-compatible"_L1) ? OAI : OR);
    }
}

void TestErrorClassifier::inferKind()
{
    QFETCH(QByteArray, body);
    QFETCH(EndpointKind, kind);
    QCOMPARE(ErrorClassifier::inferKind(body), kind);
}

void TestErrorClassifier::localFailures_data()
{
    QTest::addColumn<Diagnosis>("diagnosis");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("party");
    QTest::addColumn<QStringList>("fixesInclude");
    QTest::addColumn<QString>("summaryContains");

    using Phase = ErrorClassifier::TimeoutPhase;
    QTest::addRow("first token") << ErrorClassifier::timeout(
        Phase::FirstToken, 60'000, EndpointKind::OpenRouter)
                                 << u"timeout"_s << u"openrouter"_s
                                 << QStringList { u"retry"_s, u"move_step_down"_s }
                                 << u"No first token from the server after 60 s"_s;
    QTest::addRow("idle on endpoint")
        << ErrorClassifier::timeout(Phase::Idle, 15'500, EndpointKind::OpenAiCompatible)
        << u"timeout"_s << u"endpoint"_s << QStringList { u"retry"_s } << u"15.5 s"_s;
    QTest::addRow("connect") << ErrorClassifier::timeout(
        Phase::Connect, 10'000, EndpointKind::OpenRouter)
                             << u"timeout"_s << u"network"_s << QStringList { u"retry"_s }
                             << u"Could not connect to OpenRouter within 10 s"_s;
    QTest::addRow("total") << ErrorClassifier::timeout(
        Phase::Total, 300'000, EndpointKind::OpenRouter)
                           << u"timeout"_s << u"openrouter"_s << QStringList { u"retry"_s }
                           << u"5 min"_s;
    QTest::addRow("network") << ErrorClassifier::network(
        u"Host not found"_s, EndpointKind::OpenAiCompatible)
                             << u"network"_s << u"network"_s << QStringList { u"retry"_s }
                             << u"Could not reach the endpoint (Host not found)"_s;
    QTest::addRow("network without detail")
        << ErrorClassifier::network(QString(), EndpointKind::OpenRouter) << u"network"_s
        << u"network"_s << QStringList { u"retry"_s } << u"Could not reach OpenRouter;"_s;
    QTest::addRow("untrusted certificate")
        << ErrorClassifier::insecureConnection(
               u"The certificate is self-signed, and untrusted"_s, true, EndpointKind::OpenRouter)
        << u"network"_s << u"network"_s << QStringList { u"move_step_down"_s }
        << u"The server's certificate is not trusted (The certificate is self-signed"_s;
    QTest::addRow("untrusted certificate says how to trust on purpose")
        << ErrorClassifier::insecureConnection(
               u"The issuer certificate of a locally looked up certificate could not be found"_s,
               true, EndpointKind::OpenAiCompatible)
        << u"network"_s << u"network"_s << QStringList { u"move_step_down"_s }
        << u"name its PEM file as \"ca_file\" of this endpoint"_s;
    QTest::addRow("authority file unusable")
        << ErrorClassifier::authorityFileUnusable(
               u"Cannot read the certificate authority file /etc/corp.pem: No such file"_s)
        << u"network"_s << u"you"_s << QStringList { u"move_step_down"_s }
        << u"Detour sent nothing: Cannot read the certificate authority file /etc/corp.pem"_s;
    QTest::addRow("offline") << ErrorClassifier::offline(EndpointKind::OpenRouter) << u"network"_s
                             << u"network"_s << QStringList { u"retry"_s }
                             << u"You are offline: this computer has no network connection"_s;
    QTest::addRow("proxy refused")
        << ErrorClassifier::proxyRefused(
               u"10.0.0.8:3128"_s, u"Connection refused"_s, false, EndpointKind::OpenRouter)
        << u"network"_s << u"network"_s << QStringList { u"retry"_s }
        << u"Detour could not get through the proxy 10.0.0.8:3128 (Connection refused)"_s;
    QTest::addRow("proxy wants credentials")
        << ErrorClassifier::proxyRefused(
               u"10.0.0.8:3128"_s, QString(), true, EndpointKind::OpenAiCompatible)
        << u"network"_s << u"network"_s << QStringList {}
        << u"through the proxy 10.0.0.8:3128: it asks for a user name and password (407)"_s;
    QTest::addRow("TLS not agreed") << ErrorClassifier::insecureConnection(
        u"SSL handshake failed: wrong version number"_s, false, EndpointKind::OpenAiCompatible)
                                    << u"network"_s << u"network"_s
                                    << QStringList { u"move_step_down"_s }
                                    << u"Could not set up a secure connection to the endpoint"_s;
    QTest::addRow("malformed on OpenRouter")
        << ErrorClassifier::malformed(u"stream ended without [DONE]"_s, EndpointKind::OpenRouter)
        << u"server_error"_s << u"openrouter"_s << QStringList { u"retry"_s }
        << u"stream ended without [DONE]"_s;
    QTest::addRow("malformed on endpoint")
        << ErrorClassifier::malformed(u"not a chunk"_s, EndpointKind::OpenAiCompatible)
        << u"server_error"_s << u"endpoint"_s << QStringList { u"move_step_down"_s }
        << u"The endpoint sent a reply"_s;
    QTest::addRow("cancelled") << ErrorClassifier::cancelled() << u"cancelled"_s << u"you"_s
                               << QStringList { u"retry"_s } << u"You stopped"_s;
}

void TestErrorClassifier::localFailures()
{
    QFETCH(Diagnosis, diagnosis);
    QFETCH(QString, outcome);
    QFETCH(QString, party);
    QFETCH(QStringList, fixesInclude);
    QFETCH(QString, summaryContains);

    QCOMPARE(outcomeName(diagnosis.outcome), outcome);
    QCOMPARE(partyName(diagnosis.party), party);
    const QStringList fixes = fixNames(diagnosis.fixes);
    for (const QString &fix : fixesInclude)
        QVERIFY2(fixes.contains(fix), qPrintable(fix));
    QVERIFY2(diagnosis.summary.contains(summaryContains), qPrintable(diagnosis.summary));
    QCOMPARE(diagnosis.httpStatus, 0);
    QVERIFY(!diagnosis.retryAfterS.has_value());
}

void TestErrorClassifier::toJson()
{
    const auto cerebras = RawHttpResponse::parse(fixtures::read(u"upstream-429-cerebras.http"_s));
    QVERIFY(cerebras.hasValue());
    const Json j = ErrorClassifier::classify(
        cerebras->status, cerebras->headers, cerebras->body, EndpointKind::OpenRouter, fixedNow())
                       .toJson();
    for (const char *key : { "outcome", "party", "provider", "retry_after_s", "summary", "fixes",
             "http_status", "error" }) {
        QVERIFY2(j.contains(key), key);
    }
    QCOMPARE(str(j["outcome"]), u"rate_limited_upstream"_s);
    QCOMPARE(str(j["party"]), u"provider"_s);
    QCOMPARE(str(j["provider"]), u"Cerebras"_s);
    QVERIFY(j["retry_after_s"].is_null());
    QCOMPARE(j["http_status"].get<int>(), 429);
    QVERIFY(j["fixes"].is_array());
    QVERIFY(std::find(j["fixes"].begin(), j["fixes"].end(), Json("byok")) != j["fixes"].end());
    const Json &error = j["error"];
    QCOMPARE(str(error["code"]), u"429"_s);
    QCOMPARE(str(error["message"]), u"Provider returned error"_s);
    QCOMPARE(str(error["provider_name"]), u"Cerebras"_s);
    QVERIFY(str(error["raw"]).startsWith(u"qwen/qwen3-235b"_s));
    QVERIFY(!error.contains("type")); // empty fields are left out
    QVERIFY(!error.contains("raw_message"));
    QVERIFY(!error.contains("availability"));

    const auto unavailable =
        RawHttpResponse::parse(fixtures::read(u"unavailable-503-previous-errors.http"_s));
    QVERIFY(unavailable.hasValue());
    const Json u = ErrorClassifier::classify(unavailable->status, unavailable->headers,
        unavailable->body, EndpointKind::OpenRouter, fixedNow())
                       .toJson();
    QVERIFY(u["provider"].is_null());
    QCOMPARE(u["retry_after_s"].get<double>(), 30.0);
    QCOMPARE(u["error"]["previous_errors"].size(), size_t(2));
    QCOMPARE(str(u["error"]["previous_errors"][1]["provider"]), u"Groq"_s);
    QCOMPARE(u["error"]["availability"]["retry_after"].get<double>(), 30.0);
    QCOMPARE(u["error"]["availability"]["retryable"].get<bool>(), true);
    QCOMPARE(str(u["error"]["error_type"]), u"provider_overloaded"_s);

    const Json t = ErrorClassifier::timeout(
        ErrorClassifier::TimeoutPhase::FirstToken, 60'000, EndpointKind::OpenRouter)
                       .toJson();
    QVERIFY(t["http_status"].is_null());
    QVERIFY(t["provider"].is_null());
    QVERIFY(t["retry_after_s"].is_null());
    QVERIFY(t["error"].is_object() && t["error"].empty());

    const Json served = Diagnosis {}.toJson();
    QCOMPARE(str(served["outcome"]), u"served"_s);
    QVERIFY(served["party"].is_null());
}

QTEST_GUILESS_MAIN(TestErrorClassifier)
#include "test_error_classifier.moc"
