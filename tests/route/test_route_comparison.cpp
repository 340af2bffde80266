// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// One question to several routes at once, against the simulated OpenRouter on
// 127.0.0.1: the columns run side by side (they overlap, and the whole takes about
// the slower one, not the sum), share the engine's cooldowns, and stop together.
#include "Fixtures.h"
#include "route/RouteComparison.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

namespace {

constexpr int comparisonTimeoutMs = 20'000;

RoutePlan planOn(const QUrl &base, const QString &name, const QStringList &models)
{
    RoutePlan plan;
    plan.name = name;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, base, QString() });
    for (const QString &model : models)
        plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
    return plan;
}

QList<ChatMessage> question()
{
    return { { u"user"_s, u"Hello"_s } };
}

int chatRequestsFor(const SimServer &sim, const QByteArray &model)
{
    int count = 0;
    for (const SimRequest &request : sim.requests())
        count += request.path().endsWith("/chat/completions")
            && request.body.contains(QByteArray("\"model\":\"" + model + '"'));
    return count;
}

// When a column's turn began and ended, by its trace: the first attempt's wall-clock
// start less the milliseconds into the turn it was sent at, and that plus the turn's duration.
struct Span {
    qint64 startMs = 0;
    qint64 endMs = 0;
};

Span spanOf(const TurnResult &result)
{
    const Attempt &first = result.attempts.constFirst();
    const qint64 start =
        first.startedAt.toMSecsSinceEpoch() - std::max<qint64>(0, first.timings.sentMs);
    return { start, start + result.durationMs };
}

} // namespace

class TestRouteComparison final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    void useScenario(const QByteArray &json)
    {
        const Result<> scenarioSet = m_sim.setScenario(json);
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        m_sim.clearRequests();
    }

    // Runs the comparison to its end.
    static void runToEnd(RouteComparison &comparison, const QList<RoutePlan> &plans)
    {
        QSignalSpy finished(&comparison, &RouteComparison::finished);
        const Result<> started = comparison.start(plans, question());
        QVERIFY2(started, qPrintable(started.error()));
        QVERIFY(finished.wait(comparisonTimeoutMs));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    // Two routes whose first tokens come late: both are under way before either is done,
    // and the comparison takes about the slower one, not the two one after the other.
    void columnsRunSideBySide()
    {
        useScenario(quoted("{'models':["
                           "{'id':'test/a','providers':['Slow'],'pricing':{'prompt':0.000001,"
                           "'completion':0.000002}},"
                           "{'id':'test/b','providers':['Slower'],'pricing':{'prompt':0.000003,"
                           "'completion':0.000004}}],"
                           "'providers':{'Slow':{'latency_ms':700,'tokens_per_second':400},"
                           "'Slower':{'latency_ms':900,'tokens_per_second':400}},"
                           "'reply':'one two three four five six'}"));
        RouteEngine engine;
        RouteComparison comparison(&engine);
        // Which columns had sent their request by the time the first one finished.
        QList<int> sent;
        QList<int> sentBeforeFirstFinished;
        connect(&comparison, &RouteComparison::attemptStarted, this,
            [&](int column) { sent << column; });
        connect(&comparison, &RouteComparison::columnFinished, this, [&] {
            if (sentBeforeFirstFinished.isEmpty())
                sentBeforeFirstFinished = sent;
        });
        runToEnd(comparison,
            { planOn(m_sim.baseUrl(), u"A"_s, { u"test/a"_s }),
                planOn(m_sim.baseUrl(), u"B"_s, { u"test/b"_s }) });

        QCOMPARE(comparison.columnCount(), 2);
        QCOMPARE(comparison.servedCount(), 2);
        std::sort(sentBeforeFirstFinished.begin(), sentBeforeFirstFinished.end());
        QCOMPARE(sentBeforeFirstFinished, QList<int>({ 0, 1 }));
        const TurnResult a = comparison.column(0).result;
        const TurnResult b = comparison.column(1).result;
        QCOMPARE(a.status, TurnResult::Status::Served);
        QCOMPARE(b.status, TurnResult::Status::Served);
        QCOMPARE(comparison.column(0).content, a.content);
        QVERIFY(!a.content.isEmpty());

        // By the traces' timestamps: each was sent before the other had finished...
        const Span spanA = spanOf(a);
        const Span spanB = spanOf(b);
        QVERIFY2(
            a.attempts.first().startedAt.toMSecsSinceEpoch() < spanB.endMs, "A sent after B ended");
        QVERIFY2(
            b.attempts.first().startedAt.toMSecsSinceEpoch() < spanA.endMs, "B sent after A ended");
        // ... and the whole took well under the two durations added up.
        const qint64 whole =
            std::max(spanA.endMs, spanB.endMs) - std::min(spanA.startMs, spanB.startMs);
        const qint64 sum = a.durationMs + b.durationMs;
        QVERIFY2(whole * 4 < sum * 3, qPrintable(u"whole %1 ms, sum %2 ms"_s.arg(whole).arg(sum)));
        // The comparison's own clock says the same.
        const qint64 lastEnd =
            std::max(comparison.column(0).finishedMs, comparison.column(1).finishedMs);
        QVERIFY(lastEnd * 4 < sum * 3);
        // Each column had its own request.
        QCOMPARE(chatRequestsFor(m_sim, "test/a"), 1);
        QCOMPARE(chatRequestsFor(m_sim, "test/b"), 1);
    }

    // Route A's 429 from provider X cools X down in the one engine: route B, reaching the
    // same step a moment later, skips it without sending a request.
    void cooldownLearnedByOneColumnIsSeenByTheOthers()
    {
        useScenario(quoted("{'models':["
                           "{'id':'test/x','providers':['X']},"
                           "{'id':'test/y','providers':['Y']},"
                           "{'id':'test/w','providers':['W']}],"
                           "'providers':{'X':{'script':[{'kind':'upstream_429',"
                           "'retry_after':60}]},"
                           "'Y':{'latency_ms':10},"
                           "'W':{'script':[{'kind':'server_error','latency_ms':1500}]}},"
                           "'reply':'fine'}"));
        RouteEngine engine;
        RouteComparison comparison(&engine);
        RoutePlan b = planOn(m_sim.baseUrl(), u"B"_s, { u"test/w"_s, u"test/x"_s, u"test/y"_s });
        b.policy.maxRetries = 0;
        runToEnd(comparison, { planOn(m_sim.baseUrl(), u"A"_s, { u"test/x"_s, u"test/y"_s }), b });

        const TurnResult &resultA = comparison.column(0).result;
        QCOMPARE(resultA.status, TurnResult::Status::Served);
        QCOMPARE(resultA.attempts.first().outcome, Outcome::RateLimitedUpstream);
        QCOMPARE(resultA.attempts.first().provider, u"X"_s);

        const TurnResult &resultB = comparison.column(1).result;
        QCOMPARE(resultB.status, TurnResult::Status::Served);
        QList<Outcome> outcomes;
        for (const Attempt &attempt : resultB.attempts)
            outcomes << attempt.outcome;
        QCOMPARE(
            outcomes, QList<Outcome>({ Outcome::ServerError, Outcome::Skipped, Outcome::Served }));
        QCOMPARE(resultB.attempts[1].requestedModel, u"test/x"_s);
        QVERIFY(resultB.attempts[1].coolingUntil > QDateTime::currentDateTimeUtc());
        QCOMPARE(chatRequestsFor(m_sim, "test/x"), 1); // A's only: B sent none
    }

    // Stop stops every column at once.
    void stopStopsAll()
    {
        useScenario(quoted("{'models':[{'id':'test/s','providers':['S']}],"
                           "'providers':{'S':{'script':[{'kind':'stall',"
                           "'phase':'before_first_token'}]}},'reply':'never'}"));
        RouteEngine engine;
        RouteComparison comparison(&engine);
        QSignalSpy finished(&comparison, &RouteComparison::finished);
        QSignalSpy attemptStarted(&comparison, &RouteComparison::attemptStarted);
        QVERIFY(comparison.start({ planOn(m_sim.baseUrl(), u"A"_s, { u"test/s"_s }),
                                     planOn(m_sim.baseUrl(), u"B"_s, { u"test/s"_s }),
                                     planOn(m_sim.baseUrl(), u"C"_s, { u"test/s"_s }) },
            question()));
        QVERIFY(comparison.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(attemptStarted.size(), 3, comparisonTimeoutMs);
        comparison.stop();
        QVERIFY(finished.size() == 1 || finished.wait(comparisonTimeoutMs));
        QVERIFY(!comparison.isRunning());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(comparison.column(i).result.status, TurnResult::Status::Cancelled);
        QCOMPARE(comparison.servedCount(), 0);
        QCOMPARE(comparison.summaryText(), u"No route served this question."_s);
    }

    void refusesTooFewOrTooManyRoutes_data()
    {
        QTest::addColumn<int>("routes");
        QTest::addRow("one") << 1;
        QTest::addRow("five") << 5;
    }

    void refusesTooFewOrTooManyRoutes()
    {
        QFETCH(int, routes);
        RouteEngine engine;
        RouteComparison comparison(&engine);
        QSignalSpy started(&comparison, &RouteComparison::started);
        const Result<> result = comparison.start(
            QList<RoutePlan>(routes, planOn(m_sim.baseUrl(), u"A"_s, { u"test/a"_s })), question());
        QVERIFY(!result);
        QVERIFY(result.error().contains(u"2 to 4"_s));
        QCOMPARE(started.size(), 0);
        QVERIFY(!comparison.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestRouteComparison)
#include "test_route_comparison.moc"
