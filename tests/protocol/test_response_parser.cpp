// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/JsonUtil.h"
#include "protocol/ResponseParser.h"
#include "protocol/SseParser.h"

#include <QByteArrayList>
#include <QTest>
#include <nlohmann/json.hpp>
#include <optional>

using namespace Qt::StringLiterals;
using detour::CompletionChunk;
using detour::ResponseParser;
using detour::Result;
using detour::ServerAttempt;
using detour::Usage;

using OptionalUsage = std::optional<Usage>;
Q_DECLARE_METATYPE(OptionalUsage)
Q_DECLARE_METATYPE(ServerAttempt::Source)

namespace {

// The `data:` payloads of a fixture stream, without the final [DONE].
QByteArrayList dataEvents(const QString &fixture)
{
    QByteArrayList payloads;
    detour::SseParser parser;
    parser.feed(fixtures::read(fixture), [&](const detour::SseEvent &event) {
        if (event.kind == detour::SseEvent::Kind::Data && event.data != "[DONE]")
            payloads.append(event.data.toByteArray());
    });
    return payloads;
}

CompletionChunk chunkOf(const QByteArray &payload)
{
    const Result<CompletionChunk> result = ResponseParser::parseChunk(payload);
    if (!result)
        qWarning("unexpected parse failure: %s", qPrintable(result.error()));
    return result.valueOr(CompletionChunk {});
}

QString describe(const ServerAttempt &attempt)
{
    return attempt.provider + u'|' + attempt.model + u'|' + QString::number(attempt.status) + u'|'
        + attempt.code + u'|' + (attempt.latencyMs ? QString::number(*attempt.latencyMs) : u"-"_s)
        + u'|' + (attempt.isByok ? (*attempt.isByok ? u"byok"_s : u"shared"_s) : u"-"_s) + u'|'
        + detour::serverAttemptSourcesText(attempt.sources);
}

QStringList describe(const QList<ServerAttempt> &attempts)
{
    QStringList lines;
    for (const ServerAttempt &attempt : attempts)
        lines.append(describe(attempt));
    return lines;
}

Usage usage(qint64 prompt, qint64 completion, qint64 total, qint64 reasoning,
    std::optional<double> cost, std::optional<bool> isByok)
{
    return Usage { prompt, completion, total, reasoning, cost, isByok };
}

} // namespace

class TestResponseParser final : public QObject {
    Q_OBJECT

private slots:
    void everyFixtureChunk_data();
    void everyFixtureChunk();
    void streamOkChunks_data();
    void streamOkChunks();
    void streamOkText();
    void midstreamError_data();
    void midstreamError();
    void routerMetadataChunk();
    void deltaFields_data();
    void deltaFields();
    void usageFields_data();
    void usageFields();
    void routerAttempts_data();
    void routerAttempts();
    void malformed_data();
    void malformed();
    void invalidUtf8_data();
    void invalidUtf8();
    void completion_data();
    void completion();
    void sourceNames_data();
    void sourceNames();
};

void TestResponseParser::everyFixtureChunk_data()
{
    QTest::addColumn<QByteArray>("payload");
    int rows = 0;
    for (const QString &name : fixtures::names(u"*.sse"_s)) {
        const QByteArrayList payloads = dataEvents(name);
        for (qsizetype i = 0; i < payloads.size(); ++i, ++rows)
            QTest::addRow("%s#%d", qPrintable(name), int(i)) << payloads.at(i);
    }
    QVERIFY(rows >= 17);
}

void TestResponseParser::everyFixtureChunk()
{
    QFETCH(QByteArray, payload);
    const Result<CompletionChunk> result = ResponseParser::parseChunk(payload);
    QVERIFY2(result, qPrintable(result.error()));
    QVERIFY(result.error().isEmpty());
    QCOMPARE(result->id, u"gen-1763900000-abc"_s);
    QVERIFY(!result->model.isEmpty());
    QVERIFY(!result->provider.isEmpty());
}

void TestResponseParser::streamOkChunks_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<OptionalUsage>("usage");

    for (const QString &fixture : { u"stream-ok.sse"_s, u"stream-ok-crlf.sse"_s }) {
        const QByteArray name = fixture.toUtf8();
        QTest::addRow("%s#0", name.constData())
            << fixture << 0 << u"Hello"_s << QString() << OptionalUsage();
        QTest::addRow("%s#1", name.constData())
            << fixture << 1 << u", wörld — "_s << QString() << OptionalUsage();
        QTest::addRow("%s#2", name.constData())
            << fixture << 2 << u"数学 🚀 "_s << QString() << OptionalUsage();
        QTest::addRow("%s#3", name.constData())
            << fixture << 3 << u"`code`\n\n- item"_s << QString() << OptionalUsage();
        QTest::addRow("%s#4", name.constData())
            << fixture << 4 << QString() << u"stop"_s << OptionalUsage();
        QTest::addRow("%s#5 usage", name.constData())
            << fixture << 5 << QString() << QString()
            << OptionalUsage(usage(12, 9, 21, 0, 3.15e-05, false));
    }
}

void TestResponseParser::streamOkChunks()
{
    QFETCH(QString, fixture);
    QFETCH(int, index);
    QFETCH(QString, content);
    QFETCH(QString, finishReason);
    QFETCH(OptionalUsage, usage);

    const QByteArrayList payloads = dataEvents(fixture);
    QCOMPARE(payloads.size(), 6);
    const CompletionChunk chunk = chunkOf(payloads.at(index));
    QCOMPARE(chunk.model, u"moonshotai/kimi-k2"_s);
    QCOMPARE(chunk.provider, u"Groq"_s);
    QCOMPARE(chunk.content, content);
    QCOMPARE(chunk.finishReason, finishReason);
    QVERIFY(chunk.reasoning.isEmpty());
    QVERIFY(!chunk.hasError());
    QVERIFY(chunk.routerMetadata.is_null());
    QVERIFY(chunk.routerAttempts.isEmpty());
    QCOMPARE(chunk.usage.has_value(), usage.has_value());
    if (usage) {
        QCOMPARE(chunk.usage->promptTokens, usage->promptTokens);
        QCOMPARE(chunk.usage->completionTokens, usage->completionTokens);
        QCOMPARE(chunk.usage->totalTokens, usage->totalTokens);
        QCOMPARE(chunk.usage->reasoningTokens, usage->reasoningTokens);
        QCOMPARE(chunk.usage->cost, usage->cost);
        QCOMPARE(chunk.usage->isByok, usage->isByok);
        QCOMPARE(*chunk.usage, *usage);
    }
}

void TestResponseParser::streamOkText()
{
    QString text;
    for (const QByteArray &payload : dataEvents(u"stream-ok.sse"_s))
        text += chunkOf(payload).content;
    QCOMPARE(text, u"Hello, wörld — 数学 🚀 `code`\n\n- item"_s);
}

void TestResponseParser::midstreamError_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("hasError");

    QTest::addRow("first") << 0 << u"The answer is"_s << QString() << false;
    QTest::addRow("second") << 1 << u" forty"_s << QString() << false;
    QTest::addRow("error") << 2 << QString() << u"error"_s << true;
}

void TestResponseParser::midstreamError()
{
    QFETCH(int, index);
    QFETCH(QString, content);
    QFETCH(QString, finishReason);
    QFETCH(bool, hasError);

    const QByteArrayList payloads = dataEvents(u"stream-midstream-error.sse"_s);
    QCOMPARE(payloads.size(), 3);
    const CompletionChunk chunk = chunkOf(payloads.at(index));
    QCOMPARE(chunk.provider, u"OpenAI"_s);
    QCOMPARE(chunk.content, content);
    QCOMPARE(chunk.finishReason, finishReason);
    QCOMPARE(chunk.hasError(), hasError);
    QCOMPARE(!chunk.error.is_null(), hasError);
    if (hasError) {
        QVERIFY(chunk.error.is_object());
        QCOMPARE(chunk.error.value("code", 0), 429);
        QCOMPARE(detour::json::stringAt(chunk.error, "message"), u"Rate limit exceeded"_s);
        QCOMPARE(detour::json::stringAt(chunk.error["metadata"], "error_type"),
            u"rate_limit_exceeded"_s);
    }
}

void TestResponseParser::routerMetadataChunk()
{
    const QByteArrayList payloads = dataEvents(u"stream-router-metadata.sse"_s);
    QCOMPARE(payloads.size(), 3);

    for (int i = 0; i < 2; ++i) {
        const CompletionChunk chunk = chunkOf(payloads.at(i));
        QVERIFY(chunk.routerMetadata.is_null());
        QVERIFY(chunk.routerAttempts.isEmpty());
        QVERIFY(!chunk.usage);
    }

    const CompletionChunk last = chunkOf(payloads.at(2));
    QVERIFY(last.usage);
    QCOMPARE(*last.usage, usage(5, 1, 6, 0, 1e-05, std::nullopt));
    QCOMPARE(last.usage->cost, std::optional<double>(1e-05));
    QVERIFY(last.routerMetadata.is_object());
    QCOMPARE(detour::json::stringAt(last.routerMetadata, "strategy"), u"direct"_s);
    QCOMPARE(describe(last.routerAttempts),
        QStringList({ u"Cerebras|moonshotai/kimi-k2|429||-|-|router_metadata"_s,
            u"Chutes|moonshotai/kimi-k2|502||-|-|router_metadata"_s,
            u"Groq|moonshotai/kimi-k2|200||-|-|router_metadata"_s }));
    QCOMPARE(last.routerAttempts, ResponseParser::routerAttempts(last.routerMetadata));
    QVERIFY(!last.hasError());
}

void TestResponseParser::deltaFields_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("hasError");

    QTest::addRow("reasoning") << QByteArray(
        R"({"choices":[{"delta":{"reasoning":"Let me think"},"finish_reason":null}]})")
                               << QString() << u"Let me think"_s << QString() << false;
    QTest::addRow("reasoning_content")
        << QByteArray(R"({"choices":[{"delta":{"content":"x","reasoning_content":"hmm"}}]})")
        << u"x"_s << u"hmm"_s << QString() << false;
    QTest::addRow("reasoning preferred over reasoning_content")
        << QByteArray(R"({"choices":[{"delta":{"reasoning":"a","reasoning_content":"b"}}]})")
        << QString() << u"a"_s << QString() << false;
    QTest::addRow("finish_reason length")
        << QByteArray(R"({"choices":[{"delta":{},"finish_reason":"length"}]})") << QString()
        << QString() << u"length"_s << false;
    QTest::addRow("finish_reason error")
        << QByteArray(R"({"choices":[{"delta":{"content":""},"finish_reason":"error"}]})")
        << QString() << QString() << u"error"_s << true;
    QTest::addRow("content null") << QByteArray(
        R"({"choices":[{"delta":{"content":null,"tool_calls":[]}}]})")
                                  << QString() << QString() << QString() << false;
    QTest::addRow("delta missing") << QByteArray(R"({"choices":[{"index":0}]})") << QString()
                                   << QString() << QString() << false;
    QTest::addRow("empty choices")
        << QByteArray(R"({"choices":[]})") << QString() << QString() << QString() << false;
    QTest::addRow("choices not an array") << QByteArray(R"({"choices":{"delta":{"content":"x"}}})")
                                          << QString() << QString() << QString() << false;
    QTest::addRow("choice not an object")
        << QByteArray(R"({"choices":["x"]})") << QString() << QString() << QString() << false;
    QTest::addRow("only the first choice")
        << QByteArray(R"({"choices":[{"delta":{"content":"one"}},{"delta":{"content":"two"}}]})")
        << u"one"_s << QString() << QString() << false;
    QTest::addRow("message is not read from a chunk")
        << QByteArray(R"({"choices":[{"message":{"content":"whole"}}]})") << QString() << QString()
        << QString() << false;
    QTest::addRow("error as a string") << QByteArray(R"({"error":"upstream closed"})") << QString()
                                       << QString() << QString() << true;
    QTest::addRow("error null") << QByteArray(R"({"error":null,"choices":[]})") << QString()
                                << QString() << QString() << false;
    QTest::addRow("unknown fields ignored")
        << QByteArray(R"({"x":[1,{"y":null}],"choices":[{"delta":{"content":"ok","z":1}}]})")
        << u"ok"_s << QString() << QString() << false;
    QTest::addRow("escapes decoded")
        << QByteArray(R"({"choices":[{"delta":{"content":"a\"b\\c\u00e9\ud83d\ude80"}}]})")
        << u"a\"b\\cé🚀"_s << QString() << QString() << false;
}

void TestResponseParser::deltaFields()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QString, finishReason);
    QFETCH(bool, hasError);

    const Result<CompletionChunk> result = ResponseParser::parseChunk(json);
    QVERIFY2(result, qPrintable(result.error()));
    QCOMPARE(result->content, content);
    QCOMPARE(result->reasoning, reasoning);
    QCOMPARE(result->finishReason, finishReason);
    QCOMPARE(result->hasError(), hasError);
}

void TestResponseParser::usageFields_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<OptionalUsage>("expected");

    QTest::addRow("no usage") << QByteArray(R"({"choices":[]})") << OptionalUsage();
    QTest::addRow("usage null") << QByteArray(R"({"usage":null})") << OptionalUsage();
    QTest::addRow("usage not an object") << QByteArray(R"({"usage":7})") << OptionalUsage();
    QTest::addRow("empty usage") << QByteArray(R"({"usage":{}})")
                                 << OptionalUsage(usage(0, 0, 0, 0, std::nullopt, std::nullopt));
    QTest::addRow("full usage") << QByteArray(
        R"({"usage":{"prompt_tokens":100,"completion_tokens":40,"total_tokens":140,)"
        R"("completion_tokens_details":{"reasoning_tokens":25},"cost":0.0021,)"
        R"("is_byok":true}})") << OptionalUsage(usage(100, 40, 140, 25, 0.0021, true));
    QTest::addRow("cost zero") << QByteArray(R"({"usage":{"total_tokens":3,"cost":0}})")
                               << OptionalUsage(usage(0, 0, 3, 0, 0.0, std::nullopt));
    QTest::addRow("nulls inside usage")
        << QByteArray(R"({"usage":{"prompt_tokens":null,"completion_tokens_details":null,)"
                      R"("cost":null,"is_byok":null}})")
        << OptionalUsage(usage(0, 0, 0, 0, std::nullopt, std::nullopt));
    QTest::addRow("large counts") << QByteArray(
        R"({"usage":{"prompt_tokens":5000000000,"total_tokens":5000000001}})")
                                  << OptionalUsage(usage(5000000000LL, 0, 5000000001LL, 0,
                                         std::nullopt, std::nullopt));
}

void TestResponseParser::usageFields()
{
    QFETCH(QByteArray, json);
    QFETCH(OptionalUsage, expected);

    const Result<CompletionChunk> result = ResponseParser::parseChunk(json);
    QVERIFY2(result, qPrintable(result.error()));
    const OptionalUsage &actual = result->usage;
    QCOMPARE(actual.has_value(), expected.has_value());
    if (!expected)
        return;
    QCOMPARE(actual->promptTokens, expected->promptTokens);
    QCOMPARE(actual->completionTokens, expected->completionTokens);
    QCOMPARE(actual->totalTokens, expected->totalTokens);
    QCOMPARE(actual->reasoningTokens, expected->reasoningTokens);
    QCOMPARE(actual->cost, expected->cost);
    QCOMPARE(actual->isByok, expected->isByok);
}

void TestResponseParser::routerAttempts_data()
{
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("null") << QByteArray("null") << QStringList();
    QTest::addRow("array") << QByteArray(R"([{"provider":"A"}])") << QStringList();
    QTest::addRow("no attempts") << QByteArray(R"({"strategy":"direct"})") << QStringList();
    QTest::addRow("attempts not an array")
        << QByteArray(R"({"attempts":{"provider":"A"}})") << QStringList();
    QTest::addRow("non-object items skipped")
        << QByteArray(R"({"attempts":[1,"x",null,{"provider":"A","status":200}]})")
        << QStringList { u"A||200||-|-|router_metadata"_s };
    QTest::addRow("missing fields")
        << QByteArray(R"({"attempts":[{}]})") << QStringList { u"||0||-|-|router_metadata"_s };
    QTest::addRow("status as text")
        << QByteArray(R"({"attempts":[{"provider":"B","status":"429"}]})")
        << QStringList { u"B||429||-|-|router_metadata"_s };
    QTest::addRow("optional fields")
        << QByteArray(R"({"attempts":[{"provider":"C","model":"m","status":429,)"
                      R"("code":"rate_limit_exceeded","latency_ms":88,"is_byok":true},)"
                      R"({"provider":"D","status":502,"code":502,"latency":140.4}]})")
        << QStringList { u"C|m|429|rate_limit_exceeded|88|byok|router_metadata"_s,
               u"D||502|502|140|-|router_metadata"_s };
}

void TestResponseParser::routerAttempts()
{
    QFETCH(QByteArray, metadata);
    QFETCH(QStringList, expected);
    const nlohmann::json json = nlohmann::json::parse(metadata.begin(), metadata.end());
    QCOMPARE(describe(ResponseParser::routerAttempts(json)), expected);
}

void TestResponseParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("reason");

    QByteArray html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>";
    html += QByteArray(600, 'x') + "TAIL-MARKER</body></html>";

    QTest::addRow("truncated JSON")
        << fixtures::read(u"stream-truncated.sse"_s).split('\n').last().mid(6)
        << u"is not valid JSON: it ends early, after 65 bytes (truncated)"_s;
    QTest::addRow("cut after a key") << QByteArray(
        R"({"id":)") << u"is not valid JSON: it ends early, after 6 bytes (truncated)"_s;
    QTest::addRow("array") << QByteArray(R"([{"id":"gen-1"}])")
                           << u"is a JSON array, not an object"_s;
    QTest::addRow("number") << QByteArray("42") << u"is a JSON number, not an object"_s;
    QTest::addRow("string") << QByteArray(R"("hello")") << u"is a JSON string, not an object"_s;
    QTest::addRow("null") << QByteArray("null") << u"is a JSON null, not an object"_s;
    QTest::addRow("empty") << QByteArray() << u"is empty; expected a JSON object"_s;
    QTest::addRow("whitespace") << QByteArray(" \r\n\t") << u"is empty; expected a JSON object"_s;
    QTest::addRow("HTML") << html << u"is not valid JSON: "_s;
    QTest::addRow("DONE") << QByteArray("[DONE]") << u"is not valid JSON: "_s;
    QTest::addRow("trailing garbage")
        << QByteArray(R"({"a":1} {"b":2})") << u"is not valid JSON: "_s;
    QTest::addRow("single quotes") << QByteArray("{'a':1}") << u"is not valid JSON: "_s;
    QTest::addRow("truncated with invalid UTF-8")
        << QByteArray("{\"content\":\"caf\xc3")
        << u"is not valid JSON: it ends early, after 16 bytes (truncated)"_s;
    QTest::addRow("NUL byte") << QByteArray("{\"a\":\"\0\"}", 9) << u"is not valid JSON: "_s;
}

void TestResponseParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, reason);

    const struct {
        Result<CompletionChunk> result;
        QString subject;
    } runs[] = { { ResponseParser::parseChunk(input), u"Stream chunk "_s },
        { ResponseParser::parseCompletion(input), u"Completion body "_s } };
    for (const auto &run : runs) {
        QVERIFY(!run.result);
        const QString &error = run.result.error();
        QVERIFY2(error.startsWith(run.subject + reason), qPrintable(error));
        if (!input.trimmed().isEmpty()) {
            // The input is quoted, but only its beginning.
            const QString start = QString::fromUtf8(input.left(6)).simplified();
            QVERIFY2(error.contains(u'"' + start), qPrintable(error));
            QVERIFY2(!error.contains(u"TAIL-MARKER"_s), qPrintable(error));
            QVERIFY2(error.size() < 400, qPrintable(error));
        }
    }
}

void TestResponseParser::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("content");

    const QString r(QChar::ReplacementCharacter);
    QTest::addRow("0xFF") << QByteArray("{\"id\":\"g\",\"choices\":[{\"delta\":{\"content\":\"a\xff"
                                        "b\"}}]}")
                          << u"g"_s << u"a"_s + r + u"b"_s;
    QTest::addRow("lone continuation byte")
        << QByteArray("{\"choices\":[{\"delta\":{\"content\":\"w\xc3\xb6\x80rld\"}}]}") << QString()
        << u"wö"_s + r + u"rld"_s;
    QTest::addRow("truncated sequence before quote")
        << QByteArray("{\"choices\":[{\"delta\":{\"content\":\"rocket \xf0\x9f\x9a\"}}]}")
        << QString() << u"rocket "_s + r + r + r; // Qt replaces each byte of a cut sequence
    QTest::addRow("invalid in id and content")
        << QByteArray("{\"id\":\"gen-\xfe\",\"choices\":[{\"delta\":{\"content\":\"\xc0\"}}]}")
        << u"gen-"_s + r << r;
    QTest::addRow("invalid in a key")
        << QByteArray("{\"x\xff\":1,\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}") << QString()
        << u"ok"_s;
    QTest::addRow("lone high surrogate escape")
        << QByteArray(R"({"choices":[{"delta":{"content":"cut \ud83d"}}]})") << QString()
        << u"cut "_s + r;
    QTest::addRow("lone low surrogate escape")
        << QByteArray(R"({"choices":[{"delta":{"content":"\ude80x"}}]})") << QString()
        << r + u"x"_s;
    QTest::addRow("high surrogate before another escape")
        << QByteArray(R"({"choices":[{"delta":{"content":"\ud83d\n\\ud83d"}}]})") << QString()
        << r + u"\n\\ud83d"_s;
}

void TestResponseParser::invalidUtf8()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, id);
    QFETCH(QString, content);

    const Result<CompletionChunk> result = ResponseParser::parseChunk(input);
    QVERIFY2(result, qPrintable(result.error()));
    QCOMPARE(result->id, id);
    QCOMPARE(result->content, content);
}

void TestResponseParser::completion_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("finishReason");
    QTest::addColumn<bool>("hasUsage");
    QTest::addColumn<bool>("hasError");

    QTest::addRow("served") << QByteArray(
        R"({"id":"gen-2","object":"chat.completion","model":"openai/gpt-4o",)"
        R"("provider":"OpenAI","choices":[{"index":0,"message":{"role":"assistant",)"
        R"("content":"Hi there","reasoning":"short"},"finish_reason":"stop"}],)"
        R"("usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})")
                            << u"openai/gpt-4o"_s << u"Hi there"_s << u"short"_s << u"stop"_s
                            << true << false;
    QTest::addRow("reasoning_content")
        << QByteArray(R"({"choices":[{"message":{"content":"4","reasoning_content":"2+2"}}]})")
        << QString() << u"4"_s << u"2+2"_s << QString() << false << false;
    QTest::addRow("tool call, content null")
        << QByteArray(R"({"model":"m","choices":[{"message":{"content":null,"tool_calls":[{}]},)"
                      R"("finish_reason":"tool_calls"}]})")
        << u"m"_s << QString() << QString() << u"tool_calls"_s << false << false;
    QTest::addRow("200 with an error object")
        << QByteArray(R"({"error":{"code":502,"message":"Provider returned error",)"
                      R"("metadata":{"provider_name":"Chutes","raw":"upstream timeout"}},)"
                      R"("user_id":"user_x"})")
        << QString() << QString() << QString() << QString() << false << true;
    QTest::addRow("delta is not read from a completion")
        << QByteArray(R"({"choices":[{"delta":{"content":"x"}}]})") << QString() << QString()
        << QString() << QString() << false << false;
}

void TestResponseParser::completion()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QString, finishReason);
    QFETCH(bool, hasUsage);
    QFETCH(bool, hasError);

    const Result<CompletionChunk> result = ResponseParser::parseCompletion(body);
    QVERIFY2(result, qPrintable(result.error()));
    QVERIFY(result.error().isEmpty());
    QCOMPARE(result->model, model);
    QCOMPARE(result->content, content);
    QCOMPARE(result->reasoning, reasoning);
    QCOMPARE(result->finishReason, finishReason);
    QCOMPARE(result->usage.has_value(), hasUsage);
    QCOMPARE(result->hasError(), hasError);
    if (hasError) {
        QCOMPARE(result->error.value("code", 0), 502);
        QCOMPARE(detour::json::stringAt(result->error["metadata"], "provider_name"), u"Chutes"_s);
    }
}

void TestResponseParser::sourceNames_data()
{
    QTest::addColumn<ServerAttempt::Source>("source");
    QTest::addColumn<QString>("name");
    QTest::addRow("router metadata")
        << ServerAttempt::Source::RouterMetadata << u"router_metadata"_s;
    QTest::addRow("generation stats") << ServerAttempt::Source::GenerationStats << u"generation"_s;
    QTest::addRow("error metadata") << ServerAttempt::Source::ErrorMetadata << u"error_metadata"_s;
}

void TestResponseParser::sourceNames()
{
    QFETCH(ServerAttempt::Source, source);
    QFETCH(QString, name);
    QCOMPARE(detour::serverAttemptSourceName(source), name);
}

QTEST_GUILESS_MAIN(TestResponseParser)
#include "test_response_parser.moc"
