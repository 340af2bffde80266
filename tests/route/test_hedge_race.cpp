// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Hedged requests (policy hedge_after_ms, HedgeRace) against the simulated
// OpenRouter over loopback: a step that holds its first token is raced by the
// next one; the first content token wins and the other request's connection is
// closed; a failing hedge leaves the original going; when both fail the turn goes
// on down the route; never more than one extra request in flight.
#include "route/HedgeRace.h"
#include "route/RouteEngine.h"
#include "route/StepHistory.h"
#include "route/TraceJson.h"
#include "route/TurnBadge.h"
#include "sim/SimServer.h"

#include <QHash>
#include <QSignalSpy>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using namespace std::chrono_literals;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only

// Each model has one provider that behaves one way; a test picks its steps by model.
// "holds" sits on the request for 20 s before its first token (far beyond every test).
const char scenarioJson[] = R"({
  "models": [
    {"id": "holds/model", "providers": ["Slowpoke"]},
    {"id": "holds-too/model", "providers": ["Sleepy"]},
    {"id": "quick/model", "providers": ["Groq"]},
    {"id": "refuses/model", "providers": ["Busy"]},
    {"id": "late/model", "providers": ["Late"]},
    {"id": "streams/model", "providers": ["Streamer"]},
    {"id": "fails-late/model", "providers": ["Broken"]},
    {"id": "fails-soon/model", "providers": ["Brittle"]}
  ],
  "providers": {
    "Slowpoke": {"script": [{"kind": "stall", "phase": "before_first_token", "ms": 20000}]},
    "Sleepy": {"script": [{"kind": "stall", "phase": "before_first_token", "ms": 20000}]},
    "Groq": {"script": [{"kind": "serve"}]},
    "Busy": {"script": [{"kind": "upstream_429"}]},
    "Late": {"script": [{"kind": "stall", "phase": "before_first_token", "ms": 1500}]},
    "Streamer": {"script": [{"kind": "stall", "phase": "mid_stream", "tokens": 2, "ms": 2500}]},
    "Broken": {"script": [{"kind": "server_error", "latency_ms": 1500}]},
    "Brittle": {"script": [{"kind": "server_error", "latency_ms": 300}]}
  },
  "reply": "The quick reply.",
  "keepalive_ms": -1
})";

ChatRequest hello()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Who answers first?"_s });
    return request;
}

RoutePlan planOf(const QUrl &baseUrl, const QStringList &models, milliseconds hedgeAfter)
{
    RoutePlan plan;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, baseUrl, QString() });
    for (const QString &model : models)
        plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
    plan.policy.maxRetries = 0;
    plan.policy.hedgeAfter = hedgeAfter;
    plan.policy.connectTimeout = 10min;
    plan.policy.firstTokenTimeout = 10min;
    plan.policy.idleTimeout = 10min;
    plan.policy.totalTimeout = 30min;
    return plan;
}

// The turn, and the most requests of it that were ever in flight at once.
struct Run {
    TurnResult result;
    int mostInFlight = 0;
    QList<Attempt> finishedLive; // as attemptFinished reported them
};

Run run(const RoutePlan &plan)
{
    RouteEngine engine;
    TurnRunner *runner = engine.startTurn(plan, hello());
    Run outcome;
    int inFlight = 0;
    QObject::connect(runner, &TurnRunner::attemptStarted, runner, [&](const Attempt &attempt) {
        if (attempt.outcome != Outcome::Skipped)
            outcome.mostInFlight = std::max(outcome.mostInFlight, ++inFlight);
    });
    QObject::connect(runner, &TurnRunner::attemptFinished, runner, [&](const Attempt &attempt) {
        if (attempt.outcome != Outcome::Skipped)
            --inFlight;
        outcome.finishedLive.append(attempt);
    });
    QSignalSpy finished(runner, &TurnRunner::finished);
    if (!finished.wait(settleBoundMs))
        qFatal("the turn did not finish");
    outcome.result = finished.first().first().value<TurnResult>();
    return outcome;
}

// A step history from a table, by model (the store's ProviderHealthQuery in the app).
class TableHistory final : public StepHistory {
public:
    QHash<QString, StepRecord> records;

    std::optional<StepRecord> record(const QString &, const QString &model) const override
    {
        const auto it = records.constFind(model);
        return it == records.constEnd() ? std::nullopt : std::optional(*it);
    }
};

QStringList outcomesOf(const TurnResult &result)
{
    QStringList names;
    for (const Attempt &attempt : result.attempts)
        names << u"%1:%2"_s.arg(attempt.requestedModel, outcomeName(attempt.outcome));
    return names;
}

} // namespace

class TestHedgeRace final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    qint64 chatRequestsFor(const QString &model) const { return m_sim.stats().models.value(model); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        const Result<> set = m_sim.setScenario(scenarioJson);
        QVERIFY2(set, qPrintable(set.error()));
    }

    void init()
    {
        const Result<> set = m_sim.setScenario(scenarioJson); // every script from its start
        QVERIFY2(set, qPrintable(set.error()));
    }

    // The first step holds its first token; the hedge on the second serves first, and
    // the first request is cancelled, recorded as having lost, its connection closed.
    void hedgeWinsAndTheLoserIsClosed()
    {
        const qint64 goneBefore = m_sim.stats().clientGone.value(u"holds/model"_s);
        const Run run =
            ::run(planOf(m_sim.baseUrl(), { u"holds/model"_s, u"quick/model"_s }, 300ms));
        const TurnResult &result = run.result;

        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.content, u"The quick reply."_s);
        QCOMPARE(outcomesOf(result),
            QStringList({ u"holds/model:cancelled"_s, u"quick/model:served"_s }));
        QCOMPARE(result.servedAttempt, 1);
        const Attempt &loser = result.attempts[0];
        const Attempt &winner = result.attempts[1];
        QCOMPARE(loser.index, 0);
        QCOMPARE(winner.index, 1);
        QCOMPARE(winner.stepIndex, 1);
        QVERIFY(loser.lostRace());
        QCOMPARE(loser.errorCode, u"lost_race"_s);
        QVERIFY2(loser.lostRaceByMs() >= 300, qPrintable(QString::number(loser.lostRaceByMs())));
        QVERIFY2(
            loser.summary.startsWith(u"Lost the race to Groq by "_s), qPrintable(loser.summary));
        // The hedge went out only after the delay, counted on the turn's clock.
        QVERIFY(winner.timings.sentMs >= loser.timings.sentMs + 300);
        QVERIFY(winner.timings.firstTokenMs >= winner.timings.sentMs);
        QCOMPARE(run.mostInFlight, 2);

        // Told as such: the badge, the trace; a lost race is no fallback.
        QCOMPARE(fallbackCount(result.attempts, result.servedAttempt), 0);
        const QString badge = TurnBadge::text(result);
        QVERIFY2(badge.contains(u"hedged: Groq was first by "_s), qPrintable(badge));
        const auto trace = TraceJson::attempt(loser);
        QCOMPARE(trace.at("outcome").get<std::string>(), "cancelled");
        QCOMPARE(trace.at("error_code").get<std::string>(), "lost_race");
        QCOMPARE(trace.at("lost_race_by_ms").get<qint64>(), loser.lostRaceByMs());
        QVERIFY(TraceJson::attempt(winner).at("lost_race_by_ms").is_null());

        // The simulator saw the held request's client go away.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_sim.stats().clientGone.value(u"holds/model"_s), goneBefore + 1, settleBoundMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.openConnections(), 0, settleBoundMs);
    }

    // hedge_after_ms "auto" through the engine's step history: a heavy tail (90th
    // percentile far beyond three medians) hedges after three medians, kept at the
    // floor; a light one after its 90th percentile.
    void autoFromHistory_data()
    {
        QTest::addColumn<double>("medianMs");
        QTest::addColumn<double>("p90Ms");
        QTest::addColumn<qint64>("expectedMs");
        QTest::addRow("heavy tail: three medians, at the floor") << 150.0 << 9000.0 << qint64(1000);
        QTest::addRow("heavy tail: three medians") << 500.0 << 9000.0 << qint64(1500);
        QTest::addRow("light tail: the 90th percentile") << 800.0 << 1200.0 << qint64(1200);
    }

    void autoFromHistory()
    {
        QFETCH(double, medianMs);
        QFETCH(double, p90Ms);
        QFETCH(qint64, expectedMs);
        TableHistory history;
        StepRecord record;
        record.tries = record.served = record.firstTokens = 50;
        record.medianTimeToFirstTokenMs = medianMs;
        record.p90TimeToFirstTokenMs = p90Ms;
        history.records.insert(u"holds/model"_s, record);
        RoutePlan plan = planOf(m_sim.baseUrl(), { u"holds/model"_s, u"quick/model"_s }, 0ms);
        plan.policy.hedgeAuto = true;

        RouteEngine engine;
        engine.setStepHistory(&history);
        TurnRunner *runner = engine.startTurn(plan, hello());
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(finished.wait(settleBoundMs));
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(outcomesOf(result),
            QStringList({ u"holds/model:cancelled"_s, u"quick/model:served"_s }));
        const qint64 hedgedAfter =
            result.attempts[1].timings.sentMs - result.attempts[0].timings.sentMs;
        QVERIFY2(hedgedAfter >= expectedMs, qPrintable(QString::number(hedgedAfter)));
        // A heavy tail's hedge does not wait for the 90th percentile, 7.5 s or more later.
        if (expectedMs < p90Ms)
            QVERIFY2(hedgedAfter < p90Ms, qPrintable(QString::number(hedgedAfter)));
    }

    // A first step already streaming when the delay passes is never hedged.
    void noHedgeOnceStreaming()
    {
        const qint64 quickBefore = chatRequestsFor(u"quick/model"_s);
        const Run run =
            ::run(planOf(m_sim.baseUrl(), { u"streams/model"_s, u"quick/model"_s }, 1000ms));
        QCOMPARE(run.result.status, TurnResult::Status::Served);
        QCOMPARE(outcomesOf(run.result), QStringList({ u"streams/model:served"_s }));
        QCOMPARE(chatRequestsFor(u"quick/model"_s), quickBefore);
        QCOMPARE(run.mostInFlight, 1);
        QVERIFY(TurnBadge::hedged(run.result).isEmpty());
    }

    // Off (0): no hedge, however long the first token takes.
    void offMeansOff()
    {
        const qint64 quickBefore = chatRequestsFor(u"quick/model"_s);
        const Run run = ::run(planOf(m_sim.baseUrl(), { u"late/model"_s, u"quick/model"_s }, 0ms));
        QCOMPARE(outcomesOf(run.result), QStringList({ u"late/model:served"_s }));
        QCOMPARE(chatRequestsFor(u"quick/model"_s), quickBefore);
    }

    // The hedge is refused (429): the original keeps going and serves the turn.
    void refusedHedgeLeavesTheOriginal()
    {
        const Run run =
            ::run(planOf(m_sim.baseUrl(), { u"late/model"_s, u"refuses/model"_s }, 200ms));
        const TurnResult &result = run.result;
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(outcomesOf(result),
            QStringList({ u"late/model:served"_s, u"refuses/model:rate_limited_upstream"_s }));
        QCOMPARE(result.servedAttempt, 0);
        QCOMPARE(result.attempts[1].index, 1);
        QCOMPARE(result.attempts[1].stepIndex, 1);
        QVERIFY(!result.attempts[0].lostRace());
        QVERIFY(TurnBadge::hedged(result).isEmpty());
        // Reported as it happened: the hedge's refusal before the original's end.
        QCOMPARE(run.finishedLive.size(), 2);
        QCOMPARE(run.finishedLive[0].requestedModel, u"refuses/model"_s);
    }

    // Both fail, in either order: the turn goes on down the route to the third step,
    // and the failed hedge's step is not tried again.
    void bothFailTheTurnGoesOn_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addRow("the hedge fails first") << u"fails-late/model"_s << u"refuses/model"_s;
        QTest::addRow("the original fails first") << u"fails-soon/model"_s << u"holds/model"_s;
    }

    void bothFailTheTurnGoesOn()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        RoutePlan plan = planOf(m_sim.baseUrl(), { first, second, u"quick/model"_s }, 100ms);
        plan.policy.firstTokenTimeout = 2s; // ends the held hedge of the second row
        const qint64 secondBefore = chatRequestsFor(second);
        const Run run = ::run(plan);
        const TurnResult &result = run.result;
        QCOMPARE(result.status, TurnResult::Status::Served);
        QCOMPARE(result.attempts.size(), 3);
        QCOMPARE(result.attempts[0].requestedModel, first);
        QCOMPARE(result.attempts[1].requestedModel, second);
        QCOMPARE(result.attempts[2].requestedModel, u"quick/model"_s);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(result.attempts[i].index, i);
        QVERIFY(result.attempts[0].outcome != Outcome::Served);
        QVERIFY(result.attempts[1].outcome != Outcome::Served);
        QVERIFY(!result.attempts[0].lostRace() && !result.attempts[1].lostRace());
        QCOMPARE(result.servedAttempt, 2);
        QCOMPARE(chatRequestsFor(second), secondBefore + 1);
        QCOMPARE(run.mostInFlight, 2);
    }

    // Steps 1 and 2 both hold: the hedge on step 2 is the one extra request; step 3
    // goes out only once both have given up (first-token timeout).
    void atMostOneExtraInFlight()
    {
        RoutePlan plan = planOf(
            m_sim.baseUrl(), { u"holds/model"_s, u"holds-too/model"_s, u"quick/model"_s }, 200ms);
        plan.policy.firstTokenTimeout = 1500ms;
        const Run run = ::run(plan);
        const TurnResult &result = run.result;
        QCOMPARE(run.mostInFlight, 2);
        QCOMPARE(outcomesOf(result),
            QStringList({ u"holds/model:timeout"_s, u"holds-too/model:timeout"_s,
                u"quick/model:served"_s }));
        QVERIFY(result.attempts[2].timings.sentMs >= result.attempts[0].timings.finishedMs);
        QVERIFY(result.attempts[2].timings.sentMs >= result.attempts[1].timings.finishedMs);
        QCOMPARE(result.servedAttempt, 2);
    }

    // Stop during a race cancels both requests.
    void stopCancelsBoth()
    {
        RouteEngine engine;
        TurnRunner *runner = engine.startTurn(
            planOf(m_sim.baseUrl(), { u"holds/model"_s, u"holds-too/model"_s }, 100ms), hello());
        QSignalSpy started(runner, &TurnRunner::attemptStarted);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, settleBoundMs);
        runner->cancel();
        QCOMPARE(finished.size(), 1);
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Cancelled);
        QCOMPARE(outcomesOf(result),
            QStringList({ u"holds/model:cancelled"_s, u"holds-too/model:cancelled"_s }));
        QVERIFY(!result.attempts[0].lostRace() && !result.attempts[1].lostRace());
        QTRY_COMPARE_WITH_TIMEOUT(m_sim.openConnections(), 0, settleBoundMs);
    }
};

QTEST_GUILESS_MAIN(TestHedgeRace)
#include "test_hedge_race.moc"
