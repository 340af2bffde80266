// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Rehearsal against the simulator: N turns of a route, each step redirected to
// the simulator, with no key and never a request beyond 127.0.0.1.
#include "rehearsal/RehearsalRunner.h"
#include "route/RouteFile.h"
#include "sim/SimServer.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QByteArray canaryKey = "sk-or-v1-REHEARSALCANARY-0123456789abcdef";

// A saved real route: OpenRouter over https with its key from the environment.
RoutePlan realRoute(const QStringList &models, const RoutePolicy &policy = {})
{
    RoutePlan plan;
    plan.name = u"real"_s;
    plan.endpoints.append({ u"openrouter"_s, EndpointKind::OpenRouter,
        QUrl(u"https://openrouter.ai/api/v1"_s), u"OPENROUTER_API_KEY"_s });
    for (const QString &model : models)
        plan.steps.append({ u"openrouter"_s, { model, {}, {} }, true });
    plan.policy = policy;
    return plan;
}

SimScenario::Entry entry(SimScenario::Kind kind)
{
    SimScenario::Entry result;
    result.kind = kind;
    return result;
}

} // namespace

class TestRehearsalRunner final : public QObject {
    Q_OBJECT

    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<RehearsalRunner> m_runner;
    QStringList m_hosts; // of every request the rehearsal's network sent

    void runToEnd(const RoutePlan &plan, int turns)
    {
        QSignalSpy finished(m_runner.get(), &RehearsalRunner::finished);
        const Result<> started = m_runner->start(plan, m_sim->baseUrl(), turns);
        QVERIFY2(started, qPrintable(started.error()));
        QVERIFY(m_runner->isRunning());
        QVERIFY(finished.wait(60'000));
        QVERIFY(!m_runner->isRunning());
        QCOMPARE(m_runner->results()->rowCount(), turns);
    }

private Q_SLOTS:
    void init()
    {
        qputenv("OPENROUTER_API_KEY", canaryKey);
        m_sim = std::make_unique<SimServer>();
        QVERIFY(m_sim->listen());
        m_runner = std::make_unique<RehearsalRunner>();
        new QAbstractItemModelTester(m_runner->results(),
            QAbstractItemModelTester::FailureReportingMode::QtTest, m_runner.get());
        m_hosts.clear();
        connect(m_runner->network(), &QNetworkAccessManager::finished, this,
            [this](QNetworkReply *reply) { m_hosts << reply->url().host(); });
    }

    void cleanup()
    {
        m_runner.reset();
        m_sim.reset();
        qunsetenv("OPENROUTER_API_KEY");
    }

    void demoRouteIsRehearsedOnTheSimulatorOnly()
    {
        runToEnd(realRoute({ u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s }), 10);
        const QList<RehearsalTurn> &turns = m_runner->results()->turns();
        // Turn 1: Chutes refuses step 1 with the upstream 429; step 2 serves (Cerebras refused
        // inside OpenRouter, Groq served).
        QCOMPARE(turns[0].servedStep(), 1);
        QCOMPARE(turns[0].result.served()->provider, u"Groq"_s);
        QCOMPARE(turns[0].firstRefusal(), u"a 429 from Chutes"_s);
        QVERIFY(turns[0].refusals().contains(u"429 from Chutes"_s));
        QVERIFY(turns[0].refusals().contains(u"Cerebras 429 inside OpenRouter"_s));
        QVERIFY(turns[0].fallbacks() >= 2);
        QVERIFY(turns[0].failoverMs() >= 0);
        QVERIFY(turns[0].firstTokenMs() > turns[0].failoverMs());
        // Later turns skip the cooling step without a request.
        for (int turn = 1; turn < 10; ++turn) {
            QCOMPARE(turns[turn].servedStep(), 1);
            QCOMPARE(turns[turn].result.attempts.constFirst().outcome, Outcome::Skipped);
            QCOMPARE(turns[turn].number, turn + 1);
        }
        QVERIFY2(m_runner->results()->summary().startsWith(
                     u"10/10 served by step 2 after a 429 from Chutes; median failover "_s),
            qPrintable(m_runner->results()->summary()));

        // Nothing went beyond the simulator, and no key went anywhere.
        QVERIFY(!m_hosts.isEmpty());
        for (const QString &host : std::as_const(m_hosts))
            QCOMPARE(host, u"127.0.0.1"_s);
        QCOMPARE(m_sim->requests().size(), m_hosts.size());
        for (const SimRequest &request : m_sim->requests())
            QVERIFY(request.header("Authorization").isEmpty());
    }

    // OpenRouter's routing surface as a rehearsal shows it: the simulator serves each step
    // from the provider its sort, variant, cut-offs, zdr or router picks, and the turn's row
    // says which (https://openrouter.ai/docs/guides/routing/provider-selection).
    void routingSurfaceShowsItsEffect_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QByteArray>("provider"); // the step's provider object, JSON
        QTest::addColumn<QString>("servedModel");
        QTest::addColumn<QString>("servedBy");
        QTest::addRow("as listed") << u"t/m"_s << QByteArray("{}") << u"t/m"_s << u"Slow"_s;
        QTest::addRow("sort by throughput")
            << u"t/m"_s << QByteArray(R"({"sort":{"by":"throughput"}})") << u"t/m"_s << u"Fast"_s;
        QTest::addRow(":nitro") << u"t/m:nitro"_s << QByteArray("{}") << u"t/m"_s << u"Fast"_s;
        QTest::addRow(":floor") << u"t/m:floor"_s << QByteArray("{}") << u"t/m"_s << u"Cheap"_s;
        QTest::addRow("preferred_max_latency")
            << u"t/m"_s << QByteArray(R"({"preferred_max_latency":0.025})") << u"t/m"_s
            << u"Fast"_s;
        QTest::addRow("zdr") << u"t/m"_s << QByteArray(R"({"zdr":true})") << u"t/m"_s
                             << u"Private"_s;
        QTest::addRow("auto router")
            << u"openrouter/auto"_s << QByteArray("{}") << u"t/m"_s << u"Slow"_s;
        QTest::addRow("free router")
            << u"openrouter/free"_s << QByteArray("{}") << u"t/f:free"_s << u"Cheap"_s;
    }

    void routingSurfaceShowsItsEffect()
    {
        QFETCH(QString, model);
        QFETCH(QByteArray, provider);
        QFETCH(QString, servedModel);
        QFETCH(QString, servedBy);
        const Result<> set = m_sim->setScenario(R"({
          "models": [
            {"id": "t/m", "providers": ["Slow", "Fast", "Cheap", "Private"],
             "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
            {"id": "t/f:free", "providers": ["Cheap"]}],
          "providers": {
            "Slow": {"latency_ms": 40, "tokens_per_second": 10, "price": 1},
            "Fast": {"latency_ms": 5, "tokens_per_second": 500, "price": 3},
            "Cheap": {"latency_ms": 20, "tokens_per_second": 50, "price": 0.1},
            "Private": {"latency_ms": 30, "tokens_per_second": 100, "price": 2, "zdr": true}}})");
        QVERIFY2(set, qPrintable(set.error()));
        const QByteArray file =
            "{\"steps\":[{\"model\":\"" + model.toUtf8() + "\",\"provider\":" + provider + "}]}";
        const auto plan = RouteFile::read(file);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error()));
        runToEnd(*plan, 1);
        const Attempt *served = m_runner->results()->turns().constFirst().result.served();
        QVERIFY(served);
        QCOMPARE(served->servedModel, servedModel);
        QCOMPARE(served->provider, servedBy);
    }

    void injectedFaultMovesTheTurnOn()
    {
        // Groq answers 429 with Retry-After: the paid step fails at both providers, and the
        // third step (served by Together after Groq refused inside OpenRouter) takes the turn.
        SimScenario::Entry limited = entry(SimScenario::Kind::Upstream429);
        limited.retryAfterS = 1;
        QVERIFY(m_sim->setProviderScript(u"Groq"_s, { limited }));
        RoutePolicy policy;
        policy.maxRetries = 0;
        runToEnd(realRoute({ u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s,
                               u"meta-llama/llama-3.3-70b-instruct"_s },
                     policy),
            3);
        for (const RehearsalTurn &turn : m_runner->results()->turns()) {
            QCOMPARE(turn.servedStep(), 2);
            QCOMPARE(turn.result.served()->provider, u"Together"_s);
            QVERIFY(turn.refusals().contains(u"Groq 429 inside OpenRouter"_s));
        }
        QVERIFY2(m_runner->results()->summary().startsWith(u"3/3 served by step 3 after "_s),
            qPrintable(m_runner->results()->summary()));
    }

    void timeoutCostsTheConnectTimeout()
    {
        QVERIFY(m_sim->setProviderScript(u"Chutes"_s, { [] {
            SimScenario::Entry stall = entry(SimScenario::Kind::Stall);
            stall.phase = SimScenario::StallPhase::BeforeHeaders;
            return stall;
        }() }));
        RoutePolicy policy;
        policy.connectTimeout = std::chrono::milliseconds(200);
        runToEnd(realRoute({ u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s }, policy), 2);
        const RehearsalTurn &first = m_runner->results()->turns().constFirst();
        QCOMPARE(first.servedStep(), 1);
        QCOMPARE(first.result.attempts.constFirst().outcome, Outcome::Timeout);
        // The timed-out attempt's whole time was spent before step 2 was sent.
        const qint64 timedOutAt = first.result.attempts.constFirst().timings.finishedMs;
        QVERIFY(timedOutAt > 0);
        QVERIFY(first.failoverMs() >= timedOutAt);
        QCOMPARE(first.firstRefusal(),
            u"a failure at openrouter (%1)"_s.arg(outcomeLabel(Outcome::Timeout)));
    }

    void everyStepFailingIsSummarised()
    {
        QVERIFY(m_sim->setProviderScript(u"Groq"_s, { entry(SimScenario::Kind::ServerError) }));
        RoutePolicy policy;
        policy.maxRetries = 0;
        runToEnd(realRoute({ u"moonshotai/kimi-k2:free"_s, u"moonshotai/kimi-k2"_s }, policy), 2);
        QCOMPARE(m_runner->results()->servedCount(), 0);
        QCOMPARE(m_runner->results()->medianFailoverMs(), -1);
        QVERIFY2(m_runner->results()->summary().startsWith(
                     u"0/2 served; most often the last refusal was a 500 from Groq"_s),
            qPrintable(m_runner->results()->summary()));
    }

    void refusesWhatWouldLeaveTheComputer_data()
    {
        QTest::addColumn<QUrl>("simulator");
        QTest::addColumn<int>("turns");
        QTest::addColumn<bool>("validPlan");
        QTest::addRow("real server") << QUrl(u"https://openrouter.ai/api/v1"_s) << 10 << true;
        QTest::addRow("LAN address") << QUrl(u"http://192.168.1.5:8080/api/v1"_s) << 10 << true;
        QTest::addRow("no URL") << QUrl() << 10 << true;
        QTest::addRow("no turns") << QUrl(u"http://127.0.0.1:9/api/v1"_s) << 0 << true;
        QTest::addRow("no steps") << QUrl(u"http://127.0.0.1:9/api/v1"_s) << 10 << false;
    }

    void refusesWhatWouldLeaveTheComputer()
    {
        QFETCH(QUrl, simulator);
        QFETCH(int, turns);
        QFETCH(bool, validPlan);
        QSignalSpy running(m_runner.get(), &RehearsalRunner::runningChanged);
        const RoutePlan plan = validPlan ? realRoute({ u"moonshotai/kimi-k2"_s }) : RoutePlan();
        const Result<> started = m_runner->start(plan, simulator, turns);
        QVERIFY(!started);
        QVERIFY(!started.error().isEmpty());
        QVERIFY(!m_runner->isRunning());
        QCOMPARE(running.count(), 0);
        QTest::qWait(50); // nothing was queued either
        QVERIFY(m_hosts.isEmpty());
    }

    void cancelStopsTheRun()
    {
        QVERIFY(m_sim->setProviderScript(u"Chutes"_s, { [] {
            SimScenario::Entry stall = entry(SimScenario::Kind::Stall);
            stall.phase = SimScenario::StallPhase::BeforeHeaders;
            return stall;
        }() }));
        QSignalSpy finished(m_runner.get(), &RehearsalRunner::finished);
        QVERIFY(m_runner->start(realRoute({ u"moonshotai/kimi-k2:free"_s }), m_sim->baseUrl(), 10));
        QTRY_COMPARE(m_sim->requests().size(), 1);
        QVERIFY(!m_runner->start(realRoute({ u"moonshotai/kimi-k2"_s }), m_sim->baseUrl()));
        m_runner->cancel();
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        QVERIFY(!m_runner->isRunning());
        QCOMPARE(m_runner->results()->rowCount(), 1);
        QCOMPARE(
            m_runner->results()->turns().constFirst().result.status, TurnResult::Status::Cancelled);
        QTest::qWait(100);
        QCOMPARE(m_sim->requests().size(), 1); // no further turn
    }
};

QTEST_GUILESS_MAIN(TestRehearsalRunner)
#include "test_rehearsal_runner.moc"
