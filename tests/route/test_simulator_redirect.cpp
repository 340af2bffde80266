// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Simulated mode's one rule: servers on this computer keep their address, the rest go to
// the simulator, without their key.
#include "route/SimulatorRedirect.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {
const QUrl simulator(u"http://127.0.0.1:4321/api/v1"_s);
} // namespace

class TestSimulatorRedirect final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The person's own servers: OpenAI-compatible endpoints, wherever they are.
    void destination_data()
    {
        QTest::addColumn<QUrl>("baseUrl");
        QTest::addColumn<bool>("loopback");
        QTest::addColumn<QString>("hostText");
        QTest::addRow("OpenRouter")
            << QUrl(u"https://openrouter.ai/api/v1"_s) << false << u"openrouter.ai"_s;
        QTest::addRow("remote https")
            << QUrl(u"https://api.groq.com/openai/v1"_s) << false << u"api.groq.com"_s;
        QTest::addRow("remote http with port")
            << QUrl(u"http://192.168.1.20:8080/v1"_s) << false << u"192.168.1.20:8080"_s;
        QTest::addRow("127.0.0.1")
            << QUrl(u"http://127.0.0.1:8080/v1"_s) << true << u"127.0.0.1:8080"_s;
        QTest::addRow("127.0.0.0/8")
            << QUrl(u"http://127.1.2.3:8000/v1"_s) << true << u"127.1.2.3:8000"_s;
        QTest::addRow("localhost")
            << QUrl(u"http://localhost:11434/v1"_s) << true << u"localhost:11434"_s;
        QTest::addRow("LOCALHOST.")
            << QUrl(u"http://LOCALHOST.:11434/v1"_s) << true << u"localhost.:11434"_s;
        QTest::addRow("::1") << QUrl(u"http://[::1]:1234/v1"_s) << true << u"[::1]:1234"_s;
        QTest::addRow("not quite localhost")
            << QUrl(u"https://localhost.example.com/v1"_s) << false << u"localhost.example.com"_s;
    }

    void destination()
    {
        QFETCH(QUrl, baseUrl);
        QFETCH(bool, loopback);
        QFETCH(QString, hostText);
        const Endpoint endpoint { u"e"_s, EndpointKind::OpenAiCompatible, baseUrl, u"SOME_KEY"_s };
        QCOMPARE(isLoopbackUrl(baseUrl), loopback);
        QCOMPARE(SimulatorRedirect::hostText(baseUrl), hostText);

        const SimulatorRedirect simulated(simulator);
        QVERIFY(simulated.isActive());
        QCOMPARE(simulated.redirects(endpoint), !loopback);
        const Endpoint there = simulated.destination(endpoint);
        QCOMPARE(there.id, endpoint.id);
        QCOMPARE(there.kind, endpoint.kind);
        QCOMPARE(there.baseUrl, loopback ? baseUrl : simulator);
        // A real key never goes to the simulator; the person's own server keeps its own.
        QCOMPARE(there.keyEnv, loopback ? u"SOME_KEY"_s : QString());

        const SimulatorRedirect live;
        QVERIFY(!live.isActive());
        QVERIFY(!live.redirects(endpoint));
        QCOMPARE(live.destination(endpoint), endpoint);
    }

    // The simulator is the simulated OpenRouter: every OpenRouter endpoint goes there, one on
    // loopback too (a simulator already, such as the demo route saved on an earlier run,
    // whose port is gone).
    void openRouterEndpointsAlwaysGoToTheSimulator_data()
    {
        QTest::addColumn<QUrl>("baseUrl");
        QTest::addRow("openrouter.ai") << QUrl(u"https://openrouter.ai/api/v1"_s);
        QTest::addRow("an earlier simulator") << QUrl(u"http://127.0.0.1:40123/api/v1"_s);
        QTest::addRow("localhost") << QUrl(u"http://localhost:8080/api/v1"_s);
    }

    void openRouterEndpointsAlwaysGoToTheSimulator()
    {
        QFETCH(QUrl, baseUrl);
        const Endpoint endpoint { u"or"_s, EndpointKind::OpenRouter, baseUrl,
            u"OPENROUTER_API_KEY"_s };
        const SimulatorRedirect simulated(simulator);
        QVERIFY(simulated.redirects(endpoint));
        QCOMPARE(simulated.destination(endpoint).baseUrl, simulator);
        QVERIFY(simulated.destination(endpoint).keyEnv.isEmpty());
        QCOMPARE(SimulatorRedirect().destination(endpoint), endpoint);
    }

    void appliedToAPlan()
    {
        RoutePlan plan;
        plan.name = u"mixed"_s;
        plan.endpoints = {
            { u"or"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
                u"OPENROUTER_API_KEY"_s },
            { u"ollama"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://localhost:11434/v1"_s),
                QString() },
        };
        plan.steps = { { u"or"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true },
            { u"ollama"_s, { u"llama3.2"_s, {}, {} }, true } };
        const RoutePlan simulated = SimulatorRedirect(simulator).applied(plan);
        QCOMPARE(simulated.steps, plan.steps);
        QCOMPARE(simulated.endpoints[0].baseUrl, simulator);
        QVERIFY(simulated.endpoints[0].keyEnv.isEmpty());
        QCOMPARE(simulated.endpoints[1], plan.endpoints[1]);
        QCOMPARE(SimulatorRedirect().applied(plan), plan);

        // Rehearsals send everything to the simulator, the person's own servers too.
        const RoutePlan rehearsed = plan.redirectedTo(simulator);
        for (const Endpoint &endpoint : rehearsed.endpoints)
            QCOMPARE(endpoint.baseUrl, simulator);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorRedirect)
#include "test_simulator_redirect.moc"
