// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "protocol/JsonUtil.h"
#include "protocol/RequestBuilder.h"
#include "route/RouteFile.h"
#include "settings/Redactor.h"
#include "settings/RouteTransfer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

RoutePlan sampleRoute()
{
    const auto plan = RouteFile::read(fixtures::quoted(
        "{'name':'free first','endpoints':["
        "{'id':'openrouter','kind':'openrouter','base_url':'https://openrouter.ai/api/v1',"
        "'key_env':'OPENROUTER_API_KEY'},"
        "{'id':'groq','kind':'openai','base_url':'https://api.groq.com/openai/v1',"
        "'key_env':'GROQ_API_KEY'}],"
        "'steps':[{'endpoint':'openrouter','model':'moonshotai/kimi-k2:free',"
        "'models':['moonshotai/kimi-k2'],'provider':{'order':['Groq','Cerebras'],"
        "'allow_fallbacks':true,'sort':'throughput','ignore':['Chutes'],"
        "'max_price':{'prompt':1,'completion':3},'data_collection':'deny'}},"
        "{'endpoint':'groq','model':'moonshotai/kimi-k2-instruct'}],"
        "'policy':{'max_retries':3,'cooldown_ms':1000}}"));
    const QString &error = plan.error();
    if (!plan)
        qFatal("sample route: %s", qPrintable(error));
    return *plan;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestRouteTransfer final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void importErrorsAreClear_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");

        QTest::addRow("not JSON") << QByteArray("{'steps': [")
                                  << u"The route file is not valid JSON."_s;
        QTest::addRow("not an object")
            << fixtures::quoted("['a']") << u"The route file must be a JSON object."_s;
        QTest::addRow("steps is a number")
            << fixtures::quoted("{'steps': 3}") << u"steps must be a non-empty list."_s;
        QTest::addRow("model is a number") << fixtures::quoted("{'steps': [{'model': 5}]}")
                                           << u"steps[0].model must be a string."_s;
        QTest::addRow("enabled is a string")
            << fixtures::quoted("{'steps': [{'model': 'a', 'enabled': 'yes'}]}")
            << u"steps[0].enabled must be true or false."_s;
        QTest::addRow("models is a string")
            << fixtures::quoted("{'steps': [{'model': 'a', 'models': 'b'}]}")
            << u"steps[0].models must be a list of strings."_s;
        QTest::addRow("endpoints is an object")
            << fixtures::quoted("{'endpoints': {}, 'steps': [{'model': 'a'}]}")
            << u"endpoints must be a list."_s;
        QTest::addRow("unknown kind")
            << fixtures::quoted("{'endpoints': [{'id': 'x', 'kind': 'grpc', 'base_url': "
                                "'https://x.org'}], 'steps': [{'model': 'a'}]}")
            << u"endpoints[0].kind must be \"openrouter\" or \"openai\"."_s;
        QTest::addRow("max_retries is a string")
            << fixtures::quoted("{'steps': [{'model': 'a'}], 'policy': {'max_retries': '2'}}")
            << u"policy.max_retries must be a non-negative number."_s;
        QTest::addRow("undefined endpoint")
            << fixtures::quoted("{'steps': [{'endpoint': 'nope', 'model': 'a'}]}")
            << u"Step 1 uses endpoint \"nope\", which the route does not define."_s;
    }

    void importErrorsAreClear()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto imported = RouteTransfer::importJson(json);
        QVERIFY(!imported);
        QCOMPARE(imported.error(), error);

        // From a file, the sentence also names the file.
        const QString path = m_dir.filePath(u"broken.json"_s);
        writeFile(path, json);
        const auto fromFile = RouteTransfer::importFile(path);
        QVERIFY(!fromFile);
        QCOMPARE(fromFile.error(),
            u"The route in %1 cannot be imported: %2"_s.arg(QDir::toNativeSeparators(path), error));
    }

    void importFileProblems()
    {
        const QString missing = m_dir.filePath(u"missing.json"_s);
        const auto fromMissing = RouteTransfer::importFile(missing);
        QVERIFY(!fromMissing);
        QCOMPARE(fromMissing.error(),
            u"The route file %1 could not be opened."_s.arg(QDir::toNativeSeparators(missing)));

        const auto fromDirectory = RouteTransfer::importFile(m_dir.path()); // a directory
        QVERIFY(!fromDirectory);
        QVERIFY(fromDirectory.error().contains(u"could not be opened"_s));

        const QString huge = m_dir.filePath(u"huge.json"_s);
        writeFile(huge, QByteArray(RouteTransfer::maxFileSize + 1, ' '));
        const auto fromHuge = RouteTransfer::importFile(huge);
        QVERIFY(!fromHuge);
        QVERIFY(fromHuge.error().contains(u"larger than 1 MiB"_s));
    }

    void importNamesTheRouteAfterItsFile()
    {
        const QString path = m_dir.filePath(u"my fallback.route.json"_s);
        writeFile(path, fixtures::quoted("{'steps': [{'model': 'openai/gpt-4o'}]}"));
        const auto plan = RouteTransfer::importFile(path);
        QVERIFY2(plan, qPrintable(plan.error()));
        QCOMPARE(plan->name, u"my fallback.route"_s);
    }

    void exportRoundTrips()
    {
        const RoutePlan plan = sampleRoute();
        const auto again = RouteTransfer::importJson(RouteTransfer::routeFile(plan));
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(*again, plan);

        const QString path = m_dir.filePath(u"exported.json"_s);
        const Result<> exported = RouteTransfer::exportRouteFile(plan, path);
        QVERIFY2(exported, qPrintable(exported.error()));
        const auto fromFile = RouteTransfer::importFile(path);
        QVERIFY2(fromFile, qPrintable(fromFile.error()));
        QCOMPARE(*fromFile, plan);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), RouteFile::write(plan)); // exactly the route file format

        const Result<> unwritten =
            RouteTransfer::exportRouteFile(plan, m_dir.filePath(u"no/such/dir/x.json"_s));
        QVERIFY(!unwritten);
        QVERIFY(unwritten.error().startsWith(u"Detour could not write"_s));
    }

    void exportCarriesNoKey()
    {
        const QString key = u"route-transfer-known-key-99"_s;
        Redactor::remember(key);
        RoutePlan plan = sampleRoute();
        plan.endpoints[1].baseUrl =
            QUrl(u"https://me:"_s + key + u"@api.groq.com/openai/v1?api_key=x"_s);
        plan.endpoints[0].keyEnv = u"sk-or-v1-pasted-into-the-wrong-field"_s;
        plan.steps[1].target.model = key;

        const QByteArray file = RouteTransfer::routeFile(plan);
        QVERIFY(!file.contains(key.toUtf8()));
        QVERIFY(!file.contains("sk-or-v1"));
        QVERIFY(!file.contains("@api.groq.com"));
        QVERIFY(!file.contains("api_key"));
        QVERIFY(file.contains("GROQ_API_KEY"));
        const auto again = RouteTransfer::importJson(file);
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again->endpoints[1].baseUrl, QUrl(u"https://api.groq.com/openai/v1"_s));
        QVERIFY(again->endpoints[0].keyEnv.isEmpty());

        const auto body = RouteTransfer::requestBody(plan);
        QVERIFY(body);
        QVERIFY(!body->contains("sk-or-v1"));
    }

    void bareBodyIsRequestBuildersForFirstEnabledStep_data()
    {
        QTest::addColumn<int>("disabledSteps");
        QTest::addColumn<int>("expectedStep");
        QTest::addRow("first step (OpenRouter, routing fields)") << 0 << 0;
        QTest::addRow("first step disabled: second (OpenAI-compatible)") << 1 << 1;
    }

    void bareBodyIsRequestBuildersForFirstEnabledStep()
    {
        QFETCH(int, disabledSteps);
        QFETCH(int, expectedStep);
        RoutePlan plan = sampleRoute();
        for (int i = 0; i < disabledSteps; ++i)
            plan.steps[i].enabled = false;

        const Result<QByteArray> body = RouteTransfer::requestBody(plan);
        QVERIFY2(body, qPrintable(body.error()));
        const std::optional<Json> parsed = json::parse(*body);
        QVERIFY(parsed);

        const RouteStep &step = plan.steps[expectedStep];
        const Json expected = RequestBuilder::body(
            plan.endpoint(step.endpointId)->kind, step.target, RouteTransfer::placeholderRequest());
        QCOMPARE(QString::fromStdString(parsed->dump()), QString::fromStdString(expected.dump()));
        QCOMPARE(json::stringAt(*parsed, "model"), step.target.model);
        QCOMPARE(json::stringAt(parsed->at("messages").at(0), "content"), u"…"_s);
        QCOMPARE(json::stringAt(parsed->at("messages").at(0), "role"), u"user"_s);
        QCOMPARE(parsed->contains("provider"), expectedStep == 0);
        QCOMPARE(parsed->contains("models"), expectedStep == 0);

        const QString path = m_dir.filePath(u"body.json"_s);
        const Result<> exported = RouteTransfer::exportRequestBody(plan, path);
        QVERIFY2(exported, qPrintable(exported.error()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), *body);
    }

    // The route's defaults are in the exported body, as a conversation with none of its
    // own would send them; and they travel in the route file.
    void routeDefaultsAreInTheBodyAndTheFile()
    {
        RoutePlan plan = sampleRoute();
        plan.defaults.systemPrompt = u"Be brief."_s;
        plan.defaults.sampling.temperature = 0.3;
        plan.defaults.reasoning.effort = u"low"_s;
        const Result<QByteArray> body = RouteTransfer::requestBody(plan);
        QVERIFY2(body, qPrintable(body.error()));
        const std::optional<Json> parsed = json::parse(*body);
        QVERIFY(parsed);
        QCOMPARE(json::stringAt(parsed->at("messages").at(0), "role"), u"system"_s);
        QCOMPARE(json::stringAt(parsed->at("messages").at(0), "content"), u"Be brief."_s);
        QCOMPARE(parsed->at("temperature").get<double>(), 0.3);
        QCOMPARE(json::stringAt(parsed->at("reasoning"), "effort"), u"low"_s);
        const Result<RoutePlan> back = RouteTransfer::importJson(RouteTransfer::routeFile(plan));
        QVERIFY2(back, qPrintable(back.error()));
        QCOMPARE(back->defaults, plan.defaults);
    }

    void bareBodyNeedsAnEnabledStep()
    {
        RoutePlan plan = sampleRoute();
        for (RouteStep &step : plan.steps)
            step.enabled = false;
        const Result<QByteArray> body = RouteTransfer::requestBody(plan);
        QVERIFY(!body);
        QCOMPARE(
            body.error(), u"The route has no enabled step, so there is no request to export."_s);
        QVERIFY(!RouteTransfer::exportRequestBody(plan, m_dir.filePath(u"none.json"_s)));
        QVERIFY(!QFile::exists(m_dir.filePath(u"none.json"_s)));
    }
};

QTEST_GUILESS_MAIN(TestRouteTransfer)
#include "test_route_transfer.moc"
