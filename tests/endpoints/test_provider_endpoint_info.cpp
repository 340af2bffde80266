// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ProviderEndpointInfo: reading the provider endpoints of a model, with the
// statistics given as plain numbers (the simulator) or as percentiles
// (OpenRouter), tolerant of missing and null fields.
#include "Fixtures.h"
#include "endpoints/ProviderEndpointInfo.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using Json = nlohmann::json;

class TestProviderEndpointInfo final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAnEndpoint_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addRow("numbers") << quoted(
            "{'name':'Groq | moonshotai/kimi-k2','model_name':'MoonshotAI: Kimi K2',"
            "'context_length':131072,'pricing':{'prompt':'0.000001','completion':'0.000003'},"
            "'provider_name':'Groq','tag':'groq','quantization':'fp8','max_completion_tokens':"
            "16384,"
            "'max_prompt_tokens':131072,'supported_parameters':['tools'],'status':0,"
            "'uptime_last_30m':99.5,'latency_last_30m':250,'throughput_last_30m':120}");
        QTest::addRow("percentiles") << quoted(
            "{'name':'Groq | moonshotai/kimi-k2','context_length':131072,'pricing':{'prompt':"
            "'0.000001','completion':'0.000003'},'provider_name':'Groq','tag':'groq',"
            "'quantization':'fp8','max_completion_tokens':16384,'max_prompt_tokens':131072,"
            "'supported_parameters':['tools'],'status':'0','uptime_last_30m':99.5,"
            "'uptime_last_1d':99.8,'latency_last_30m':{'p50':250,'p75':400,'p90':800,'p99':2000},"
            "'throughput_last_30m':{'p50':120,'p75':100,'p90':80,'p99':20}}");
    }

    void readsAnEndpoint()
    {
        QFETCH(QByteArray, entry);
        const auto endpoint = ProviderEndpointInfo::fromJson(Json::parse(entry.toStdString()));
        const QString &error = endpoint.error();
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->providerName, u"Groq"_s);
        QCOMPARE(endpoint->name, u"Groq | moonshotai/kimi-k2"_s);
        QCOMPARE(endpoint->tag, u"groq"_s);
        QCOMPARE(endpoint->contextLength, qint64(131072));
        QCOMPARE(endpoint->maxCompletionTokens, qint64(16384));
        QCOMPARE(endpoint->maxPromptTokens, qint64(131072));
        QVERIFY(qFuzzyCompare(*endpoint->promptPricePerMillion(), 1.0));
        QVERIFY(qFuzzyCompare(*endpoint->completionPricePerMillion(), 3.0));
        QCOMPARE(endpoint->quantization, u"fp8"_s);
        QCOMPARE(endpoint->status, u"0"_s);
        QCOMPARE(*endpoint->uptimeLast30m, 99.5);
        QCOMPARE(*endpoint->latencyLast30m, 250.0);
        QCOMPARE(*endpoint->throughputLast30m, 120.0);
        QCOMPARE(endpoint->supportedParameters, QStringList { u"tools"_s });
    }

    void toleratesMissingAndNullFields_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addRow("provider only") << quoted("{'provider_name':'Bare'}");
        QTest::addRow("nulls") << quoted(
            "{'provider_name':'Bare','pricing':null,'quantization':null,'status':null,"
            "'uptime_last_30m':null,'latency_last_30m':null,'throughput_last_30m':null,"
            "'context_length':null,'supported_parameters':null}");
        QTest::addRow("empty percentiles") << quoted(
            "{'provider_name':'Bare','latency_last_30m':{},'throughput_last_30m':{'p50':null},"
            "'uptime_last_30m':'high'}");
        QTest::addRow("negative statistics")
            << quoted("{'provider_name':'Bare','latency_last_30m':-1,'throughput_last_30m':-5,"
                      "'uptime_last_30m':-0.5}");
    }

    void toleratesMissingAndNullFields()
    {
        QFETCH(QByteArray, entry);
        const auto endpoint = ProviderEndpointInfo::fromJson(Json::parse(entry.toStdString()));
        const QString &error = endpoint.error();
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->providerName, u"Bare"_s);
        QCOMPARE(endpoint->contextLength, qint64(0));
        QVERIFY(!endpoint->promptPrice);
        QVERIFY(!endpoint->uptimeLast30m);
        QVERIFY(!endpoint->latencyLast30m);
        QVERIFY(!endpoint->throughputLast30m);
        QVERIFY(endpoint->quantization.isEmpty());
        QVERIFY(endpoint->status.isEmpty());
    }

    void providerFromTheEndpointName()
    {
        const auto endpoint = ProviderEndpointInfo::fromJson(
            Json::parse(quoted("{'name':'Cerebras | a/b'}").toStdString()));
        QVERIFY(endpoint);
        QCOMPARE(endpoint->providerName, u"Cerebras"_s);
    }

    void refusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("expected");
        QTest::addRow("array") << QByteArrayLiteral("[]") << u"array"_s;
        QTest::addRow("number") << QByteArrayLiteral("3") << u"number"_s;
        QTest::addRow("no provider") << quoted("{'tag':'x'}") << u"provider"_s;
    }

    void refusesWrongShapes()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, expected);
        const auto result = ProviderEndpointInfo::fromJson(Json::parse(entry.toStdString()));
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void readsAList()
    {
        int skipped = -1;
        const auto list = ProviderEndpointInfo::listFromBody(
            quoted("{'data':{'id':'a/b','name':'A: B','endpoints':[{'provider_name':'One'},"
                   "'junk',{'provider_name':'Two'}]}}"),
            &skipped);
        const QString &error = list.error();
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->modelId, u"a/b"_s);
        QCOMPARE(list->endpoints.size(), 2);
        QCOMPARE(list->endpoints.at(0).providerName, u"One"_s);
        QCOMPARE(list->endpoints.at(1).providerName, u"Two"_s);
        QCOMPARE(skipped, 1);
    }

    void listRefusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not json") << QByteArrayLiteral("{") << u"not valid JSON"_s;
        QTest::addRow("data array") << quoted("{'data':[]}") << u"not an object"_s;
        QTest::addRow("no endpoints") << quoted("{'data':{'id':'a/b'}}") << u"\"endpoints\""_s;
        QTest::addRow("endpoints object")
            << quoted("{'data':{'id':'a/b','endpoints':{}}}") << u"\"endpoints\""_s;
        QTest::addRow("error envelope")
            << quoted("{'error':{'message':'No endpoints found for a/b.','code':404}}")
            << u"No endpoints found"_s;
    }

    void listRefusesWrongShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto result = ProviderEndpointInfo::listFromBody(body);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestProviderEndpointInfo)
#include "test_provider_endpoint_info.moc"
