// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/GenerationStats.h"

#include <QTest>

using namespace Qt::StringLiterals;
using detour::GenerationStats;
using detour::ServerAttempt;

namespace {

QString text(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : u"-"_s;
}

QString text(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 12) : u"-"_s;
}

QString text(const std::optional<bool> &value)
{
    return value ? (*value ? u"true"_s : u"false"_s) : u"-"_s;
}

// Every field as "name=value" ("-" when absent), so a mismatch names the field.
QStringList describe(const GenerationStats &stats)
{
    QStringList lines {
        u"id="_s + stats.id,
        u"model="_s + stats.model,
        u"provider="_s + stats.providerName,
        u"latency="_s + text(stats.latencyMs),
        u"generation_time="_s + text(stats.generationTimeMs),
        u"tokens="_s + text(stats.tokensPrompt) + u'/' + text(stats.tokensCompletion),
        u"native_tokens="_s + text(stats.nativeTokensPrompt) + u'/'
            + text(stats.nativeTokensCompletion),
        u"cost="_s + text(stats.totalCost),
        u"byok="_s + text(stats.isByok),
        u"finish="_s + stats.finishReason,
    };
    for (const ServerAttempt &attempt : stats.providerResponses) {
        lines.append(u"attempt="_s + attempt.provider + u'|' + attempt.model + u'|'
            + QString::number(attempt.status) + u'|' + text(attempt.latencyMs) + u'|'
            + text(attempt.isByok) + u'|' + detour::serverAttemptSourcesText(attempt.sources));
    }
    return lines;
}

const QStringList emptyStats {
    u"id="_s,
    u"model="_s,
    u"provider="_s,
    u"latency=-"_s,
    u"generation_time=-"_s,
    u"tokens=-/-"_s,
    u"native_tokens=-/-"_s,
    u"cost=-"_s,
    u"byok=-"_s,
    u"finish="_s,
};

} // namespace

class TestGenerationStats final : public QObject {
    Q_OBJECT

private slots:
    void fixture();
    void partial_data();
    void partial();
    void malformed_data();
    void malformed();
};

void TestGenerationStats::fixture()
{
    const auto stats =
        GenerationStats::fromJson(fixtures::read(u"generation-provider-responses.json"_s));
    QVERIFY2(stats, qPrintable(stats.error()));
    QVERIFY(stats.error().isEmpty());
    QCOMPARE(describe(*stats),
        QStringList({
            u"id=gen-1763900000-abc"_s,
            u"model=moonshotai/kimi-k2"_s,
            u"provider=Groq"_s,
            u"latency=412"_s,
            u"generation_time=980"_s,
            u"tokens=12/9"_s,
            u"native_tokens=12/9"_s,
            u"cost=3.15e-05"_s,
            u"byok=false"_s,
            u"finish=stop"_s,
            u"attempt=Cerebras||429|88|false|generation"_s,
            u"attempt=Chutes||502|140|false|generation"_s,
            u"attempt=Groq||200|412|false|generation"_s,
        }));
    QCOMPARE(stats->totalCost, std::optional<double>(3.15e-05));
    QCOMPARE(stats->providerResponses.size(), 3);
    for (const ServerAttempt &attempt : stats->providerResponses)
        QCOMPARE(attempt.sources, QList { ServerAttempt::Source::GenerationStats });
}

void TestGenerationStats::partial_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("empty data") << QByteArray(R"({"data":{}})") << emptyStats;
    QTest::addRow("all null") << QByteArray(
        R"({"data":{"id":null,"model":null,"provider_name":null,"latency":null,)"
        R"("generation_time":null,"tokens_prompt":null,"tokens_completion":null,)"
        R"("native_tokens_prompt":null,"native_tokens_completion":null,)"
        R"("total_cost":null,"is_byok":null,"finish_reason":null,)"
        R"("provider_responses":null}})")
                              << emptyStats;
    QTest::addRow("wrong types") << QByteArray(
        R"({"data":{"id":5,"model":["m"],"latency":true,"is_byok":"yes",)"
        R"("total_cost":{},"provider_responses":{"provider_name":"A"}}})")
                                 << emptyStats;

    QStringList numbers = emptyStats;
    numbers[3] = u"latency=413"_s;
    numbers[4] = u"generation_time=980"_s;
    numbers[5] = u"tokens=12/9"_s;
    numbers[7] = u"cost=0"_s;
    QTest::addRow("floats, numeric text and zero cost") << QByteArray(
        R"({"data":{"latency":412.6,"generation_time":"980","tokens_prompt":12.0,)"
        R"("tokens_completion":9,"total_cost":0}})") << numbers;

    QStringList attempts = emptyStats;
    attempts[0] = u"id=gen-9"_s;
    attempts[8] = u"byok=true"_s;
    attempts << u"attempt=A||429|-|-|generation"_s << u"attempt=||0|-|-|generation"_s
             << u"attempt=B|x/y|200|12|true|generation"_s;
    QTest::addRow("provider responses with gaps") << QByteArray(
        R"({"data":{"id":"gen-9","is_byok":true,"provider_responses":[null,3,"x",)"
        R"({"provider_name":"A","status":429,"latency":null},{},)"
        R"({"provider_name":"B","model":"x/y","status":200,"latency":12,)"
        R"("is_byok":true}]}})") << attempts;

    QStringList extra = emptyStats;
    extra[9] = u"finish=length"_s;
    QTest::addRow("unknown fields ignored")
        << QByteArray(R"({"data":{"finish_reason":"length","streamed":true,"origin":"x",)"
                      R"("moderation_latency":5},"meta":{"v":2}})")
        << extra;
}

void TestGenerationStats::partial()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);

    const auto stats = GenerationStats::fromJson(body);
    QVERIFY2(stats, qPrintable(stats.error()));
    QVERIFY(stats.error().isEmpty());
    QCOMPARE(describe(*stats), expected);
}

void TestGenerationStats::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::addRow("empty") << QByteArray()
                           << u"Generation stats body is empty; expected a JSON object"_s;
    QTest::addRow("plain text") << QByteArray("Not Found")
                                << u"Generation stats body is not valid JSON: "_s;
    QTest::addRow("HTML") << QByteArray("<!DOCTYPE html><html><body>Bad gateway</body></html>")
                          << u"Generation stats body is not valid JSON: "_s;
    QTest::addRow("truncated")
        << fixtures::read(u"generation-provider-responses.json"_s).left(100)
        << u"Generation stats body is not valid JSON: it ends early, after 100 bytes (truncated)"_s;
    QTest::addRow("array") << QByteArray(R"([{"data":{}}])")
                           << u"Generation stats body is a JSON array, not an object"_s;
    QTest::addRow("no data") << QByteArray(R"({"id":"gen-1"})")
                             << u"Generation stats body has no \"data\" object"_s;
    QTest::addRow("data null")
        << QByteArray(R"({"data":null})")
        << u"Generation stats body has a \"data\" field that is not an object"_s;
    QTest::addRow("data array")
        << QByteArray(R"({"data":[{"id":"gen-1"}]})")
        << u"Generation stats body has a \"data\" field that is not an object"_s;
    QTest::addRow("error body")
        << QByteArray(R"({"error":{"message":"Generation not found","code":404}})")
        << u"Generation stats body is an error instead of statistics: Generation not found"_s;
}

void TestGenerationStats::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    const auto stats = GenerationStats::fromJson(body);
    QVERIFY(!stats);
    const QString &actual = stats.error();
    QVERIFY2(actual.startsWith(error), qPrintable(actual));
}

QTEST_GUILESS_MAIN(TestGenerationStats)
#include "test_generation_stats.moc"
