// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// With no network, a turn says "You are offline" at once instead of waiting
// for its timeouts and blaming the endpoint; it charges no cooldown, does not
// retry, and still tries a server on this computer. With waiting allowed (the
// window), it waits for the network instead and goes out when it returns, or ends
// cancelled on Stop. The system's reachability signal is played by a stand-in.
#include "StandInReachability.h"
#include "route/Reachability.h"
#include "route/RouteEngine.h"
#include "route/SystemReachability.h"
#include "sim/SimServer.h"

#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using testing::StandInReachability;
using namespace std::chrono_literals;

namespace {

constexpr int settleBoundMs = 60'000; // liveness only: far below every timeout set below

// Timeouts far beyond the test's patience: a turn that waited for one would
// fail the test instead of passing slowly.
RoutePolicy patientPolicy()
{
    RoutePolicy policy;
    policy.maxRetries = 3;
    policy.connectTimeout = 10min;
    policy.firstTokenTimeout = 10min;
    policy.idleTimeout = 10min;
    policy.totalTimeout = 30min;
    return policy;
}

ChatRequest hello()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Anyone there?"_s });
    return request;
}

TurnResult runTurn(RouteEngine &engine, const RoutePlan &plan,
    const std::function<void(TurnRunner *)> &whileRunning = {})
{
    TurnRunner *runner = engine.startTurn(plan, hello());
    QSignalSpy finished(runner, &TurnRunner::finished);
    if (whileRunning)
        whileRunning(runner);
    if (!finished.wait(settleBoundMs))
        qFatal("the turn did not finish");
    return finished.first().first().value<TurnResult>();
}

// This machine's host name when it resolves to 127.0.0.1 (Debian maps it there), else
// empty: a server reached by it does not count as "this computer", yet answers.
QString loopbackHostName()
{
    const QString host = QHostInfo::localHostName();
    const auto addresses = QHostInfo::fromName(host).addresses();
    return addresses.contains(QHostAddress(QHostAddress::LocalHost)) ? host : QString();
}

} // namespace

class TestOffline final : public QObject {
    Q_OBJECT

    SimServer m_sim;
    StandInReachability m_reachability;

private Q_SLOTS:
    void systemJudgement_data()
    {
        using R = QNetworkInformation::Reachability;
        QTest::addColumn<R>("reachability");
        QTest::addColumn<bool>("routableInterface");
        QTest::addColumn<bool>("offline");
        QTest::newRow("disconnected, nothing up") << R::Disconnected << false << true;
        QTest::newRow("disconnected, yet an interface is up") << R::Disconnected << true << false;
        QTest::newRow("local network only") << R::Local << false << false;
        QTest::newRow("unknown") << R::Unknown << false << false;
        QTest::newRow("online") << R::Online << true << false;
    }

    void systemJudgement()
    {
        QFETCH(QNetworkInformation::Reachability, reachability);
        QFETCH(bool, routableInterface);
        QFETCH(bool, offline);
        QCOMPARE(SystemReachability::judgesOffline(reachability, routableInterface), offline);
    }

    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QVERIFY(m_sim.setScenario(SimServer::builtinScenario(u"demo"_s)));
    }

    void init()
    {
        m_reachability.setOffline(false);
        m_sim.clearRequests();
    }

    void offlineFailsAtOnceAndChargesNoOne()
    {
        m_reachability.setOffline(true);
        RoutePlan plan;
        plan.endpoints.append({ u"openrouter"_s, EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.invalid/api/v1"_s), QString() });
        plan.steps.append({ u"openrouter"_s, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability);

        const TurnResult result = runTurn(engine, plan);
        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 1); // no retries: they would fail the same way
        const Attempt &attempt = result.attempts.first();
        QCOMPARE(attempt.outcome, Outcome::Network);
        QCOMPARE(attempt.party, Party::Network);
        QCOMPARE(attempt.httpStatus, 0);
        QVERIFY2(result.summary.startsWith(u"You are offline"_s), qPrintable(result.summary));
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
    }

    // Offline, a server on this computer still answers: the remote step fails at
    // once and the local one serves the turn.
    void serverOnThisComputerStillServes()
    {
        m_reachability.setOffline(true);
        RoutePlan plan;
        plan.endpoints.append({ u"remote"_s, EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.invalid/api/v1"_s), QString() });
        plan.endpoints.append(
            { u"local"_s, EndpointKind::OpenAiCompatible, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"remote"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.steps.append({ u"local"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability);

        const TurnResult result = runTurn(engine, plan);
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(result.attempts.size(), 2);
        QVERIFY(result.attempts[0].summary.startsWith(u"You are offline"_s));
        QCOMPARE(result.attempts[1].outcome, Outcome::Served);
        QCOMPARE(m_sim.requests().size(), 1);
    }

    // Online again, the same route is sent as usual.
    void onlineAgainSendsAsUsual()
    {
        RoutePlan plan;
        plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"sim"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability);
        const TurnResult result = runTurn(engine, plan);
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
    }

    // The network goes away while a request waits for its reply: the turn says
    // so at once rather than when the connect timer (10 min here) runs out.
    // The server must not count as "this computer", so it is reached through the
    // machine's own host name, which Debian maps to a loopback address.
    void goingOfflineMidRequestEndsItAtOnce()
    {
        const QString host = QHostInfo::localHostName();
        const QHostInfo resolved = QHostInfo::fromName(host);
        const auto addresses = resolved.addresses();
        if (addresses.isEmpty() || !addresses.first().isLoopback())
            QSKIP("this machine's host name does not resolve to a loopback address");
        QTcpServer silent; // accepts and never answers
        QVERIFY(silent.listen(addresses.first()));
        RoutePlan plan;
        plan.endpoints.append({ u"remote"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://%1:%2/v1"_s.arg(host).arg(silent.serverPort())), QString() });
        plan.steps.append({ u"remote"_s, { u"test/model"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability);

        const TurnResult result = runTurn(engine, plan, [&](TurnRunner *runner) {
            QSignalSpy started(runner, &TurnRunner::attemptStarted);
            QVERIFY(started.wait(settleBoundMs));
            QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), settleBoundMs);
            m_reachability.setOffline(true);
        });
        QCOMPARE(result.status, TurnResult::Status::Failed);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().party, Party::Network);
        QVERIFY2(result.summary.startsWith(u"You are offline"_s), qPrintable(result.summary));
    }

    // The window's way: offline, the turn waits (visibly: waitingForNetwork), sends
    // nothing, and goes out when the network returns; nothing failed, nothing charged.
    void waitsForTheNetworkThenSends()
    {
        const QString host = loopbackHostName();
        if (host.isEmpty())
            QSKIP("this machine's host name does not resolve to 127.0.0.1");
        m_reachability.setOffline(true);
        QUrl url = m_sim.baseUrl();
        url.setHost(host);
        RoutePlan plan;
        plan.endpoints.append({ u"remote"_s, EndpointKind::OpenAiCompatible, url, QString() });
        plan.steps.append({ u"remote"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability, RouteEngine::Offline::Wait);

        TurnRunner *runner = engine.startTurn(plan, hello());
        QSignalSpy waiting(runner, &TurnRunner::waitingForNetwork);
        QSignalSpy started(runner, &TurnRunner::attemptStarted);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QVERIFY(waiting.wait(settleBoundMs));
        QCOMPARE(waiting.first().first().toBool(), true);
        QVERIFY(started.isEmpty()); // nothing went out
        QVERIFY(finished.isEmpty());
        QVERIFY(m_sim.requests().isEmpty());

        m_reachability.setOffline(false);
        QVERIFY(finished.wait(settleBoundMs));
        const TurnResult result = finished.first().first().value<TurnResult>();
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().outcome, Outcome::Served);
        QCOMPARE(waiting.size(), 2);
        QCOMPARE(waiting.last().first().toBool(), false);
        QCOMPARE(m_sim.requests().size(), 1);
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
    }

    // Stop while waiting: the turn ends cancelled, with the waiting attempt recorded as
    // cancelled; the network coming back afterwards sends nothing.
    void stopWhileWaitingCancels()
    {
        m_reachability.setOffline(true);
        RoutePlan plan;
        plan.endpoints.append({ u"openrouter"_s, EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.invalid/api/v1"_s), QString() });
        plan.steps.append({ u"openrouter"_s, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability, RouteEngine::Offline::Wait);

        TurnRunner *runner = engine.startTurn(plan, hello());
        QSignalSpy waiting(runner, &TurnRunner::waitingForNetwork);
        QSignalSpy finished(runner, &TurnRunner::finished);
        QSignalSpy attempts(runner, &TurnRunner::attemptFinished);
        QVERIFY(waiting.wait(settleBoundMs));
        runner->cancel();
        QCOMPARE(finished.size(), 1);
        const TurnResult result = finished.first().first().value<TurnResult>();
        QCOMPARE(result.status, TurnResult::Status::Cancelled);
        QCOMPARE(result.attempts.size(), 1);
        QCOMPARE(result.attempts.first().outcome, Outcome::Cancelled);
        QCOMPARE(attempts.size(), 1);
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
        m_reachability.setOffline(false);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(attempts.size(), 1);
    }

    // Waiting allowed, but a step on this computer can serve: it does, as before.
    void waitingGivesWayToAServerOnThisComputer()
    {
        m_reachability.setOffline(true);
        RoutePlan plan;
        plan.endpoints.append({ u"remote"_s, EndpointKind::OpenRouter,
            QUrl(u"https://openrouter.invalid/api/v1"_s), QString() });
        plan.endpoints.append(
            { u"local"_s, EndpointKind::OpenAiCompatible, m_sim.baseUrl(), QString() });
        plan.steps.append({ u"remote"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.steps.append({ u"local"_s, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
        plan.policy = patientPolicy();
        RouteEngine engine;
        engine.setReachability(&m_reachability, RouteEngine::Offline::Wait);

        const TurnResult result = runTurn(engine, plan);
        QVERIFY2(result.status == TurnResult::Status::Served, qPrintable(result.summary));
        QCOMPARE(result.attempts.size(), 2);
        QVERIFY(result.attempts[0].summary.startsWith(u"You are offline"_s));
    }
};

QTEST_GUILESS_MAIN(TestOffline)
#include "test_offline.moc"
