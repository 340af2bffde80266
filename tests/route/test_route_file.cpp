// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "route/RouteFile.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

// JSON written with single quotes, so it reads well inside C++ strings.
static QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

class TestRouteFile final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsFullFile()
    {
        const QByteArray file(
            "{ "
            "\"name\": \"free first\", "
            "\"endpoints\": [ "
            "{\"id\": \"openrouter\", \"kind\": \"openrouter\", \"base_url\": "
            "\"https://openrouter.ai/api/v1\", \"key_env\": \"OPENROUTER_API_KEY\"}, "
            "{\"id\": \"groq\", \"kind\": \"openai\", \"base_url\": "
            "\"https://api.groq.com/openai/v1\", \"key_env\": \"GROQ_API_KEY\"} "
            "], "
            "\"steps\": [ "
            "{\"endpoint\": \"openrouter\", \"model\": \"moonshotai/kimi-k2:free\", \"models\": "
            "[\"moonshotai/kimi-k2\"], "
            "\"provider\": {\"order\": [\"Groq\", \"Cerebras\"], \"allow_fallbacks\": false, "
            "\"sort\": \"latency\", "
            "\"max_price\": {\"prompt\": 1, \"completion\": 3}, \"data_collection\": \"deny\", "
            "\"require_parameters\": true, \"quantizations\": [\"fp8\", \"bf16\"], \"ignore\": "
            "[\"Chutes\"]}}, "
            "{\"endpoint\": \"groq\", \"model\": \"moonshotai/kimi-k2-instruct\", \"enabled\": "
            "false} "
            "], "
            "\"policy\": {\"max_retries\": 4, \"retry_every_step\": true, \"backoff_base_ms\": "
            "100, \"backoff_cap_ms\": 2000, "
            "\"fall_through\": [\"rate_limited_upstream\", \"timeout\"], "
            "\"key_failures_fall_through\": false, "
            "\"timeouts_ms\": {\"connect\": 1000, \"first_token\": 2000, \"idle\": 3000, "
            "\"total\": 4000}, "
            "\"cooldown_ms\": 5000, \"cooldown_cap_ms\": 6000, \"sort\": \"success_rate\"} "
            "}");
        const Result<RoutePlan> plan = RouteFile::read(file);
        const QString &error = plan.error();
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->name, u"free first"_s);
        QCOMPARE(plan->endpoints.size(), 2);
        QCOMPARE(plan->endpoints[1].kind, EndpointKind::OpenAiCompatible);
        QCOMPARE(plan->endpoints[1].keyEnv, u"GROQ_API_KEY"_s);
        QCOMPARE(plan->steps.size(), 2);
        const RouteStep &first = plan->steps[0];
        QCOMPARE(first.target.fallbackModels, QStringList { u"moonshotai/kimi-k2"_s });
        QCOMPARE(first.target.provider.order, (QStringList { u"Groq"_s, u"Cerebras"_s }));
        QCOMPARE(first.target.provider.allowFallbacks, std::optional(false));
        QCOMPARE(first.target.provider.sort, u"latency"_s);
        QCOMPARE(first.target.provider.maxPriceCompletion, std::optional(3.0));
        QCOMPARE(first.target.provider.quantizations.size(), 2);
        QVERIFY(!plan->steps[1].enabled);
        const RoutePolicy &policy = plan->policy;
        QCOMPARE(policy.maxRetries, 4);
        QVERIFY(policy.retryEveryStep);
        QCOMPARE(policy.backoffCap.count(), 2000);
        QCOMPARE(policy.fallThrough,
            (QList<Outcome> { Outcome::RateLimitedUpstream, Outcome::Timeout }));
        QVERIFY(!policy.keyFailuresFallThroughToOtherEndpoints);
        QCOMPARE(policy.idleTimeout.count(), 3000);
        QCOMPARE(policy.cooldownCap.count(), 6000);
        QCOMPARE(policy.sort, RouteSort::SuccessRate);

        // What is written reads back as the same plan.
        const Result<RoutePlan> again = RouteFile::read(RouteFile::write(*plan));
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(*again, *plan);
    }

    void pdfEngineIsReadAndWritten_data()
    {
        QTest::addColumn<QString>("engine");
        for (const QString &engine : RouteFile::pdfEngines())
            QTest::addRow("%s", qPrintable(engine)) << engine;
        QTest::addRow("not set") << QString();
    }

    void pdfEngineIsReadAndWritten()
    {
        QFETCH(QString, engine);
        const QByteArray field =
            engine.isEmpty() ? QByteArray() : ",'pdf_engine':'" + engine.toUtf8() + "'";
        const auto plan = RouteFile::read(
            QByteArray(quoted("{'steps':[{'model':'m'") + quoted(field.constData()) + "}]}"));
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->steps[0].target.pdfEngine, engine);
        const QByteArray written = RouteFile::write(*plan);
        QCOMPARE(written.contains("pdf_engine"), !engine.isEmpty());
        QCOMPARE(RouteFile::read(written)->steps[0].target.pdfEngine, engine);
    }

    void minimalFileUsesOpenRouter()
    {
        const auto plan = RouteFile::read(quoted("{'steps':[{'model':'openai/gpt-4o'}]}"));
        const QString &error = plan.error();
        QVERIFY2(plan, qPrintable(error));
        QCOMPARE(plan->endpoints.size(), 1);
        QCOMPARE(plan->endpoints[0].baseUrl.toString(), u"https://openrouter.ai/api/v1"_s);
        QCOMPARE(plan->endpoints[0].keyEnv, u"OPENROUTER_API_KEY"_s);
        QCOMPARE(plan->steps[0].endpointId, u"openrouter"_s);
        QCOMPARE(plan->policy, RoutePolicy {});
    }

    // A route's defaults: a conversation's settings in their own JSON, with the prompt.
    void defaults()
    {
        const auto plan = RouteFile::read(quoted(
            "{'steps':[{'model':'m'}],'defaults':{'system_prompt':'Be brief.',"
            "'temperature':0.3,'max_tokens':500,'reasoning':{'effort':'low','exclude':true}}}"));
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->defaults.systemPrompt, u"Be brief."_s);
        QCOMPARE(plan->defaults.sampling.temperature, std::optional(0.3));
        QCOMPARE(plan->defaults.sampling.maxTokens, std::optional(500));
        QCOMPARE(plan->defaults.reasoning.effort, u"low"_s);
        QCOMPARE(plan->defaults.reasoning.exclude, std::optional(true));
        const QByteArray written = RouteFile::write(*plan);
        QVERIFY(written.contains("\"defaults\""));
        QVERIFY(written.contains("\"system_prompt\": \"Be brief.\""));
        QCOMPARE(*RouteFile::read(written), *plan);

        // None: nothing written, and an absent field reads as none.
        RoutePlan plain = *plan;
        plain.defaults = {};
        QVERIFY(!RouteFile::write(plain).contains("defaults"));
        QVERIFY(RouteFile::read(RouteFile::write(plain))->defaults.isEmpty());

        // Out-of-shape parameters are skipped as a conversation's are; the prompt must be text.
        const auto odd = RouteFile::read(
            quoted("{'steps':[{'model':'m'}],'defaults':{'temperature':'warm','seed':7}}"));
        QVERIFY(odd);
        QCOMPARE(odd->defaults.sampling.temperature, std::nullopt);
        QCOMPARE(odd->defaults.sampling.seed, std::optional(7));
        const auto badPrompt =
            RouteFile::read(quoted("{'steps':[{'model':'m'}],'defaults':{'system_prompt':3}}"));
        QVERIFY(!badPrompt);
        QVERIFY(badPrompt.error().contains(u"defaults.system_prompt"_s));
        const auto notObject = RouteFile::read(quoted("{'steps':[{'model':'m'}],'defaults':[]}"));
        QVERIFY(!notObject);
        QVERIFY(notObject.error().contains(u"defaults"_s));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("errorPart");

        QTest::addRow("not json") << QByteArray("{steps:") << u"not valid JSON"_s;
        QTest::addRow("not an object") << QByteArray("[1]") << u"JSON object"_s;
        QTest::addRow("no steps") << quoted("{'steps':[]}") << u"steps"_s;
        QTest::addRow("unknown endpoint")
            << quoted("{'steps':[{'endpoint':'groq','model':'m'}]}") << u"\"groq\""_s;
        QTest::addRow("bad kind") << quoted("{'endpoints':[{'id':'x','kind':'anthropic','base_url':"
                                            "'https://x'}],'steps':[{'model':'m'}]}")
                                  << u"kind"_s;
        QTest::addRow("bad url") << quoted("{'endpoints':[{'id':'x','kind':'openai','base_url':'"
                                           "ftp://x'}],'steps':[{'model':'m'}]}")
                                 << u"base URL"_s;
        QTest::addRow("url with fragment") << quoted(
            "{'endpoints':[{'id':'x','kind':'openai','base_url':'https://x/v1#a#b'}],"
            "'steps':[{'model':'m'}]}") << u"#fragment"_s;
        QTest::addRow("model not a string")
            << quoted("{'steps':[{'model':42}]}") << u"steps[0].model"_s;
        QTest::addRow("no model") << quoted("{'steps':[{}]}") << u"no model"_s;
        QTest::addRow("bad sort") << quoted(
            "{'steps':[{'model':'m','provider':{'sort':'fastest'}}]}")
                                  << u"sort"_s;
        QTest::addRow("order not list")
            << quoted("{'steps':[{'model':'m','provider':{'order':'Groq'}}]}") << u"order"_s;
        QTest::addRow("only all ignored")
            << quoted("{'steps':[{'model':'m','provider':{'only':['A'],'ignore':['A']}}]}")
            << u"ignores every provider"_s;
        QTest::addRow("negative timeout")
            << quoted("{'steps':[{'model':'m'}],'policy':{'timeouts_ms':{'idle':-1}}}")
            << u"idle"_s;
        QTest::addRow("unknown outcome")
            << quoted("{'steps':[{'model':'m'}],'policy':{'fall_through':['sad']}}")
            << u"\"sad\""_s;
        QTest::addRow("unknown policy sort")
            << quoted("{'steps':[{'model':'m'}],'policy':{'sort':'price'}}")
            << u"policy.sort: \"price\""_s;
        QTest::addRow("policy sort not a string")
            << quoted("{'steps':[{'model':'m'}],'policy':{'sort':1}}")
            << u"policy.sort must be a string"_s;
        QTest::addRow("all disabled")
            << quoted("{'steps':[{'model':'m','enabled':false}]}") << u"no enabled step"_s;
        QTest::addRow("retries beyond int")
            << quoted("{'steps':[{'model':'m'}],'policy':{'max_retries':4294967296}}")
            << u"policy.max_retries must be at most 1000"_s;
        QTest::addRow("duration beyond int64")
            << quoted("{'steps':[{'model':'m'}],'policy':{'backoff_base_ms':18446744073709551615}}")
            << u"policy.backoff_base_ms must be at most"_s;
        QTest::addRow("duration beyond a week")
            << quoted("{'steps':[{'model':'m'}],'policy':{'timeouts_ms':{'total':604800001}}}")
            << u"policy.timeouts_ms.total must be at most 604800000"_s;
        QTest::addRow("unknown pdf engine")
            << quoted("{'steps':[{'model':'m','pdf_engine':'tesseract'}]}")
            << u"steps[0].pdf_engine must be \"pdf-text\", \"mistral-ocr\" or \"native\""_s;
        QTest::addRow("nested too deep") << QByteArray("{\"steps\":[{\"model\":\"m\",\"provider\":"
            + QByteArray(600, '[') + QByteArray(600, ']') + "}]}")
                                         << u"deeper than 512"_s;
        QTest::addRow("sort object with an unknown field")
            << quoted("{'steps':[{'model':'m','provider':{'sort':{'by':'price','order':1}}}]}")
            << u"steps[0].provider.sort: \"order\" is not a field of sort"_s;
        QTest::addRow("sort object with an unknown sort")
            << quoted("{'steps':[{'model':'m','provider':{'sort':{'by':'speed'}}}]}")
            << u"steps[0].provider.sort: \"speed\" is not one of price, throughput, latency"_s;
        QTest::addRow("unknown partition")
            << quoted(
                   "{'steps':[{'model':'m','provider':{'sort':{'by':'price','partition':'all'}}}]}")
            << u"steps[0].provider.sort.partition must be \"model\" or \"none\""_s;
        QTest::addRow("sort a number") << quoted("{'steps':[{'model':'m','provider':{'sort':3}}]}")
                                       << u"steps[0].provider.sort must be a string or an object"_s;
        QTest::addRow("throughput a string")
            << quoted("{'steps':[{'model':'m','provider':{'preferred_min_throughput':'fast'}}]}")
            << u"steps[0].provider.preferred_min_throughput must be a number or an object"_s;
        QTest::addRow("unknown percentile")
            << quoted("{'steps':[{'model':'m','provider':{'preferred_max_latency':{'p95':2}}}]}")
            << u"preferred_max_latency: \"p95\" is not a percentile"_s;
        QTest::addRow("negative latency")
            << quoted("{'steps':[{'model':'m','provider':{'preferred_max_latency':{'p90':-1}}}]}")
            << u"p90 must be a non-negative number"_s;
        QTest::addRow("zdr not a boolean")
            << quoted("{'steps':[{'model':'m','provider':{'zdr':'yes'}}]}")
            << u"steps[0].provider.zdr must be true or false"_s;
        QTest::addRow("distillable not a boolean")
            << quoted("{'steps':[{'model':'m','provider':{'enforce_distillable_text':1}}]}")
            << u"enforce_distillable_text must be true or false"_s;
        QTest::addRow("allowed models on another model")
            << quoted("{'steps':[{'model':'a/b','allowed_models':['x/*']}]}")
            << u"steps[0].allowed_models applies only to the model openrouter/auto"_s;
    }

    // OpenRouter's newer routing fields (provider-selection, auto-router) are read and
    // written back exactly as they were given.
    void routingFieldsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("step");
        QTest::addRow("sort as object")
            << quoted("{'endpoint':'openrouter','model':'a/b','models':['c/d'],"
                      "'provider':{'sort':{'by':'throughput','partition':'none'}}}");
        QTest::addRow("sort object without partition")
            << quoted("{'endpoint':'openrouter','model':'a/b','provider':{'sort':{'by':'price'}}}");
        QTest::addRow("cut-offs as numbers")
            << quoted("{'endpoint':'openrouter','model':'a/b','provider':"
                      "{'preferred_max_latency':1.5,'preferred_min_throughput':50.0}}");
        QTest::addRow("cut-offs as percentiles")
            << quoted("{'endpoint':'openrouter','model':'a/b','provider':"
                      "{'preferred_max_latency':{'p50':1.0,'p99':4.0},"
                      "'preferred_min_throughput':{'p90':20.0}}}");
        QTest::addRow("zdr and distillable")
            << quoted("{'endpoint':'openrouter','model':'a/b','provider':"
                      "{'enforce_distillable_text':true,'zdr':true}}");
        QTest::addRow("zdr false")
            << quoted("{'endpoint':'openrouter','model':'a/b','provider':{'zdr':false}}");
        QTest::addRow("variant") << quoted("{'endpoint':'openrouter','model':'a/b:nitro'}");
        QTest::addRow("auto router with allowed models")
            << quoted("{'allowed_models':['anthropic/*','openai/gpt-4o'],'endpoint':'openrouter',"
                      "'model':'openrouter/auto'}");
        QTest::addRow("free router")
            << quoted("{'endpoint':'openrouter','model':'openrouter/free'}");
        QTest::addRow("preset") << quoted("{'endpoint':'openrouter','model':'@preset/fast'}");
    }

    void routingFieldsRoundTrip()
    {
        QFETCH(QByteArray, step);
        const QByteArray file = "{\"steps\":[" + step + "]}";
        const auto plan = RouteFile::read(file);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error()));
        const auto written = nlohmann::json::parse(RouteFile::write(*plan).toStdString());
        QCOMPARE(QByteArray::fromStdString(written.at("steps").at(0).dump()),
            QByteArray::fromStdString(nlohmann::json::parse(step.toStdString()).dump()));
        const auto again = RouteFile::read(RouteFile::write(*plan));
        QVERIFY(again);
        QVERIFY(again->steps == plan->steps);
    }

    void rejects()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, errorPart);
        const auto result = RouteFile::read(file);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }

    // "ca_file": read, checked on reading (a path that is no PEM certificate file
    // is an error naming it) and written back.
    void caFile_data()
    {
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QString>("errorPart"); // empty: the file is accepted
        QTest::addRow("PEM certificate") << fixtures::path(u"tls/loopback.crt"_s) << QString();
        QTest::addRow("missing") << fixtures::path(u"tls/missing.crt"_s)
                                 << u"endpoints[0].ca_file: Cannot read the certificate "
                                    "authority file "_s
                + fixtures::path(u"tls/missing.crt"_s);
        QTest::addRow("not PEM") << fixtures::path(u"no-credits-402.http"_s)
                                 << fixtures::path(u"no-credits-402.http"_s)
                + u" holds no PEM certificate"_s;
        QTest::addRow("a folder") << fixtures::path(u"tls"_s) << fixtures::path(u"tls"_s);
    }

    void caFile()
    {
        QFETCH(QString, caFile);
        QFETCH(QString, errorPart);
        const QByteArray file = quoted("{'endpoints':[{'id':'office','kind':'openai','base_url':"
                                       "'https://llm.example.com/v1','ca_file':")
            + QByteArray::fromStdString(nlohmann::json(caFile.toStdString()).dump())
            + quoted("}],'steps':[{'model':'m'}]}");
        const auto plan = RouteFile::read(file);
        if (!errorPart.isEmpty()) {
            QVERIFY(!plan);
            QVERIFY2(plan.error().contains(errorPart), qPrintable(plan.error()));
            return;
        }
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->endpoints.first().caFile, caFile);
        const auto again = RouteFile::read(RouteFile::write(*plan));
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->endpoints, plan->endpoints);
    }

    void caFileMustBeAString()
    {
        const auto plan = RouteFile::read(quoted(
            "{'endpoints':[{'id':'o','kind':'openai','base_url':'https://h/v1','ca_file':1}],"
            "'steps':[{'model':'m'}]}"));
        QVERIFY(!plan);
        QVERIFY2(plan.error().contains(u"endpoints[0].ca_file must be a string"_s),
            qPrintable(plan.error()));
    }

    // "proxy": "direct" on an endpoint: read, written back, absent when not direct;
    // any other value is an error naming the field.
    // "hedge_after_ms": off (0, or absent), a delay, or "auto"; read, checked, written back.
    void hedgeAfter_data()
    {
        QTest::addColumn<QByteArray>("value"); // the JSON value; empty: no field
        QTest::addColumn<qint64>("afterMs");
        QTest::addColumn<bool>("automatic");
        QTest::addColumn<QString>("errorPart"); // empty: accepted
        QTest::addRow("absent") << QByteArray() << qint64(0) << false << QString();
        QTest::addRow("off") << QByteArray("0") << qint64(0) << false << QString();
        QTest::addRow("a delay") << QByteArray("1500") << qint64(1500) << false << QString();
        QTest::addRow("auto") << QByteArray("'auto'") << qint64(0) << true << QString();
        QTest::addRow("negative") << QByteArray("-1") << qint64(0) << false
                                  << u"policy.hedge_after_ms must be a non-negative number"_s;
        QTest::addRow("fraction") << QByteArray("1.5") << qint64(0) << false
                                  << u"policy.hedge_after_ms must be a non-negative number"_s;
        QTest::addRow("beyond a week") << QByteArray("604800001") << qint64(0) << false
                                       << u"policy.hedge_after_ms must be at most 604800000"_s;
        QTest::addRow("another word")
            << QByteArray("'soon'") << qint64(0) << false
            << u"policy.hedge_after_ms must be 0 (off), a number of milliseconds or \"auto\", "
               "not \"soon\""_s;
        QTest::addRow("true") << QByteArray("true") << qint64(0) << false
                              << u"policy.hedge_after_ms must be 0 (off)"_s;
    }

    void hedgeAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, afterMs);
        QFETCH(bool, automatic);
        QFETCH(QString, errorPart);
        const QByteArray policy = value.isEmpty()
            ? QByteArray("{}")
            : QByteArray("{'hedge_after_ms':" + value + "}").replace('\'', '"');
        const auto plan = RouteFile::read(
            QByteArray(quoted("{'steps':[{'model':'m'}],'policy':") + policy + "}"));
        if (!errorPart.isEmpty()) {
            QVERIFY(!plan);
            QVERIFY2(plan.error().contains(errorPart), qPrintable(plan.error()));
            return;
        }
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->policy.hedgeAfter.count(), afterMs);
        QCOMPARE(plan->policy.hedgeAuto, automatic);
        const QByteArray written = RouteFile::write(*plan);
        QCOMPARE(written.contains("hedge_after_ms"), automatic || afterMs > 0);
        const auto again = RouteFile::read(written);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->policy, plan->policy);
    }

    void proxyDirect_data()
    {
        QTest::addColumn<QByteArray>("proxy"); // the JSON value; empty: no "proxy" field
        QTest::addColumn<bool>("direct");
        QTest::addColumn<QString>("errorPart"); // empty: accepted
        QTest::addRow("direct") << QByteArray("'direct'") << true << QString();
        QTest::addRow("absent") << QByteArray() << false << QString();
        QTest::addRow("unknown word")
            << QByteArray("'socks5'") << false << u"endpoints[0].proxy must be \"direct\""_s;
        QTest::addRow("not a string")
            << QByteArray("true") << false << u"endpoints[0].proxy must be a string"_s;
    }

    void proxyDirect()
    {
        QFETCH(QByteArray, proxy);
        QFETCH(bool, direct);
        QFETCH(QString, errorPart);
        const QByteArray file = quoted("{'endpoints':[{'id':'gpu','kind':'openai','base_url':"
                                       "'http://gpu-box.lan:11434/v1'")
            + (proxy.isEmpty() ? QByteArray() : QByteArray(",'proxy':" + proxy).replace('\'', '"'))
            + quoted("}],'steps':[{'model':'m'}]}");
        const auto plan = RouteFile::read(file);
        if (!errorPart.isEmpty()) {
            QVERIFY(!plan);
            QVERIFY2(plan.error().contains(errorPart), qPrintable(plan.error()));
            return;
        }
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->endpoints.first().direct, direct);
        const QByteArray written = RouteFile::write(*plan);
        QCOMPARE(written.contains("\"proxy\""), direct);
        const auto again = RouteFile::read(written);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->endpoints, plan->endpoints);
    }

    void demoRoute()
    {
        const RoutePlan demo = RouteFile::demo(QUrl(u"http://127.0.0.1:4000/api/v1"_s));
        QVERIFY(demo.validate().isEmpty());
        QCOMPARE(demo.steps.size(), 2);
        QVERIFY(demo.steps[0].target.model.endsWith(u":free"_s));
        QVERIFY(demo.endpoints[0].keyEnv.isEmpty());
    }

    void simulationNeverCarriesRealKeys()
    {
        const auto plan = RouteFile::read(quoted("{'steps':[{'model':'m'}]}"));
        QVERIFY(plan);
        const RoutePlan simulated = plan->redirectedTo(QUrl(u"http://127.0.0.1:9/api/v1"_s));
        QCOMPARE(simulated.endpoints[0].baseUrl.host(), u"127.0.0.1"_s);
        QVERIFY(simulated.endpoints[0].keyEnv.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRouteFile)
#include "test_route_file.moc"
