// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Gateways end to end over loopback, against the simulator: a gateway that insists
// on its headers (Portkey's 400 in its own words) until the endpoint sends them,
// with a secret from the environment; relayed errors served from real bodies say
// who relayed what; and chat, catalog and generation-stats requests all carry
// Detour's one User-Agent.
#include "Fixtures.h"
#include "endpoints/Catalog.h"
#include "protocol/RawHttpResponse.h"
#include "protocol/RequestBuilder.h"
#include "route/RouteEngine.h"
#include "route/TraceJson.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int settleBoundMs = 30'000; // liveness only

QByteArray scenario(const nlohmann::json &extra = nlohmann::json::object(),
    const nlohmann::json &script = nlohmann::json::array({ { { "kind", "serve" } } }))
{
    nlohmann::json document = {
        { "models", { { { "id", "m" }, { "providers", { "P" } } } } },
        { "providers", { { "P", { { "script", script } } } } },
        { "reply", "Through the gateway." },
    };
    document.update(extra);
    return QByteArray::fromStdString(document.dump());
}

RoutePlan planOn(const Endpoint &endpoint)
{
    RoutePlan plan;
    plan.endpoints.append(endpoint);
    plan.steps.append({ endpoint.id, { u"m"_s, {}, {} }, true });
    plan.policy.maxRetries = 0;
    return plan;
}

TurnResult runTurn(RouteEngine &engine, const RoutePlan &plan)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Hello through the gateway"_s });
    TurnRunner *runner = engine.startTurn(plan, request);
    QSignalSpy settled(runner, &TurnRunner::settled);
    if (!settled.wait(settleBoundMs))
        qFatal("the turn did not settle");
    return runner->result();
}

const SimRequest *lastChat(const SimServer &sim)
{
    const SimRequest *found = nullptr;
    for (const SimRequest &request : sim.requests()) {
        if (request.path().endsWith("/chat/completions"))
            found = &request;
    }
    return found;
}

} // namespace

class TestGatewayTurns final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gatewayRefusesUntilItsHeadersCome()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        const nlohmann::json require = { { "require",
            { { "headers",
                  { { "x-portkey-provider", nullptr },
                      { "x-portkey-api-key", "pk-live-7c1f2a9e" } } },
                { "query", { { "api-version", "2024-10-21" } } },
                { "body",
                    "{\"status\":\"failure\",\"message\":\"Either x-portkey-config or "
                    "x-portkey-provider header is required\"}" } } } };
        QVERIFY(sim.setScenario(scenario(require)));
        RouteEngine engine;

        // Without its headers, Portkey's own refusal, diagnosed as a bad request.
        Endpoint bare { u"portkey"_s, EndpointKind::OpenAiCompatible, sim.baseUrl(), QString() };
        const TurnResult refused = runTurn(engine, planOn(bare));
        QCOMPARE(refused.status, TurnResult::Status::Failed);
        QCOMPARE(refused.attempts.constLast().httpStatus, 400);
        QVERIFY2(refused.attempts.constLast().message.contains(
                     u"x-portkey-provider header is required"_s),
            qPrintable(refused.attempts.constLast().message));

        // With them (the key from the environment, by the engine's default resolver): served.
        qputenv("TEST_GATEWAY_PORTKEY_KEY", "pk-live-7c1f2a9e");
        Endpoint portkey = bare;
        portkey.headers = {
            { u"x-portkey-provider"_s, EndpointParam::Source::Value, u"openrouter"_s },
            { u"x-portkey-api-key"_s, EndpointParam::Source::Environment,
                u"TEST_GATEWAY_PORTKEY_KEY"_s },
        };
        portkey.query = { { u"api-version"_s, EndpointParam::Source::Value, u"2024-10-21"_s } };
        const TurnResult served = runTurn(engine, planOn(portkey));
        qunsetenv("TEST_GATEWAY_PORTKEY_KEY");
        QCOMPARE(served.status, TurnResult::Status::Served);
        QCOMPARE(served.content, u"Through the gateway."_s);
        const SimRequest *request = lastChat(sim);
        QVERIFY(request);
        QCOMPARE(request->header("x-portkey-provider"), QByteArrayLiteral("openrouter"));
        QCOMPARE(request->header("x-portkey-api-key"), QByteArrayLiteral("pk-live-7c1f2a9e"));
        QVERIFY(request->target.endsWith("/chat/completions?api-version=2024-10-21"));
        QVERIFY(request->header("Authorization").isEmpty()); // the endpoint has no key

        // The variable unset: nothing is sent at all, and the sentence names it.
        const qsizetype before = sim.requests().size();
        const TurnResult unset = runTurn(engine, planOn(portkey));
        QCOMPARE(unset.status, TurnResult::Status::Failed);
        QCOMPARE(sim.requests().size(), before);
        QVERIFY2(unset.summary.contains(u"TEST_GATEWAY_PORTKEY_KEY"_s)
                || unset.attempts.constLast().summary.contains(u"TEST_GATEWAY_PORTKEY_KEY"_s),
            qPrintable(unset.attempts.constLast().summary));
    }

    void redirectCarriesNoSecretElsewhere()
    {
        // The gateway answers with a redirect to another server (another origin: the
        // second simulator's port). Detour does not follow it, so the secret header and
        // the secret query parameter reach only the endpoint they belong to.
        SimServer elsewhere;
        QVERIFY(elsewhere.listen());
        QVERIFY(elsewhere.setScenario(scenario()));
        SimServer sim;
        QVERIFY(sim.listen());
        const QUrl target = elsewhere.baseUrl().resolved(QUrl(u"chat/completions"_s));
        QVERIFY(sim.setScenario(scenario(nlohmann::json::object(),
            nlohmann::json::array({ { { "kind", "error" }, { "status", 307 }, { "body", "" },
                { "content_type", "text/plain" },
                { "headers", { { "Location", target.toString().toStdString() } } } } }))));
        qputenv("TEST_GATEWAY_REDIRECT_SECRET", "gw-secret-31f0c2d4");
        Endpoint endpoint { u"gw"_s, EndpointKind::OpenAiCompatible, sim.baseUrl(), QString() };
        endpoint.headers = { { u"x-gateway-key"_s, EndpointParam::Source::Environment,
            u"TEST_GATEWAY_REDIRECT_SECRET"_s } };
        endpoint.query = { { u"sig"_s, EndpointParam::Source::Environment,
            u"TEST_GATEWAY_REDIRECT_SECRET"_s } };
        RouteEngine engine;
        const TurnResult result = runTurn(engine, planOn(endpoint));
        qunsetenv("TEST_GATEWAY_REDIRECT_SECRET");
        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.constLast().httpStatus, 307);
        const SimRequest *sent = lastChat(sim);
        QVERIFY(sent);
        QCOMPARE(sent->header("x-gateway-key"), QByteArrayLiteral("gw-secret-31f0c2d4"));
        QVERIFY(elsewhere.requests().isEmpty());
    }

    void relayedErrorSaysWhoRelayedWhat_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<bool>("portkeyHeaders");
        QTest::addColumn<QString>("relay");
        QTest::addColumn<QString>("provider");
        QTest::addRow("Portkey, OpenRouter, Chutes")
            << u"gateway/portkey-429-relayed-openrouter-chutes.http"_s << true
            << u"Portkey relayed openrouter's error (provider Chutes)"_s << u"Chutes"_s;
        QTest::addRow("LiteLLM, Azure")
            << u"corpus/litellm-429-relayed-azure-token-rate-limit.http"_s << false
            << u"LiteLLM relayed Azure's error"_s << u"Azure"_s;
    }

    void relayedErrorSaysWhoRelayedWhat()
    {
        QFETCH(QString, fixture);
        QFETCH(bool, portkeyHeaders);
        QFETCH(QString, relay);
        QFETCH(QString, provider);
        const Result<RawHttpResponse> response = RawHttpResponse::parse(fixtures::read(fixture));
        QVERIFY(response);
        SimServer sim;
        QVERIFY(sim.listen());
        // The simulator serves the real body with its status, as the gateway sent it.
        QVERIFY(sim.setScenario(scenario(nlohmann::json::object(),
            nlohmann::json::array({ { { "kind", "error" }, { "status", response->status },
                { "body", response->body.toStdString() } } }))));
        Endpoint endpoint { u"gateway"_s, EndpointKind::OpenAiCompatible, sim.baseUrl(),
            QString() };
        if (portkeyHeaders)
            endpoint.headers = { { u"x-portkey-provider"_s, EndpointParam::Source::Value,
                u"openrouter"_s } };
        RouteEngine engine;
        const TurnResult result = runTurn(engine, planOn(endpoint));
        QCOMPARE(result.status, TurnResult::Status::Failed);
        const Attempt &attempt = result.attempts.constLast();
        QCOMPARE(attempt.httpStatus, response->status);
        QCOMPARE(attempt.outcome, Outcome::RateLimitedUpstream);
        QCOMPARE(attempt.provider, provider);
        QVERIFY2(attempt.summary.startsWith(relay), qPrintable(attempt.summary));
        const nlohmann::json trace = TraceJson::attempt(attempt);
        QCOMPARE(QString::fromStdString(trace["relay"].get<std::string>()), relay);
    }

    void everyRequestCarriesOneUserAgent()
    {
        SimServer sim;
        QVERIFY(sim.listen());
        QVERIFY(sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
        RouteEngine engine;

        // Chat, then OpenRouter's generation stats for the served turn.
        RoutePlan plan = planOn({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
        plan.steps.first().target.model = u"moonshotai/kimi-k2"_s;
        ChatRequest request;
        request.messages.append({ u"user"_s, u"Hello"_s });
        TurnRunner *runner = engine.startTurn(plan, request);
        QSignalSpy stats(runner, &TurnRunner::generationStatsReceived);
        QSignalSpy settled(runner, &TurnRunner::settled);
        QVERIFY(settled.wait(settleBoundMs));
        QCOMPARE(stats.size(), 1);

        // The catalog and the key check.
        QTemporaryDir cache;
        Catalog catalog(engine.network(), sim.baseUrl(), u"sk-or-v1-test"_s, cache.path());
        QSignalSpy models(&catalog, &Catalog::modelsChanged);
        QSignalSpy key(&catalog, &Catalog::keyChanged);
        catalog.refreshModels();
        catalog.refreshKey();
        QVERIFY(models.wait(settleBoundMs));
        QTRY_COMPARE_WITH_TIMEOUT(key.size(), 1, settleBoundMs);

        QSet<QByteArray> paths;
        for (const SimRequest &each : sim.requests()) {
            paths.insert(each.path());
            QCOMPARE(each.header("User-Agent"), RequestBuilder::userAgent());
        }
        for (const QByteArray path :
            { "/api/v1/chat/completions", "/api/v1/generation", "/api/v1/models", "/api/v1/key" })
            QVERIFY2(paths.contains(path), path.constData());
        QVERIFY(RequestBuilder::userAgent().startsWith("Detour/" DETOUR_VERSION));
        // The simulator keeps count by User-Agent: one, for every request.
        QCOMPARE(sim.stats().userAgents.keys(),
            QList<QString> { QString::fromLatin1(RequestBuilder::userAgent()) });
    }
};

QTEST_GUILESS_MAIN(TestGatewayTurns)
#include "test_gateway_turns.moc"
