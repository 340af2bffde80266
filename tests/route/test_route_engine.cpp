// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The route engine against the simulated OpenRouter on 127.0.0.1: every
// behaviour DESIGN.md calls "must be right", over real HTTP.
#include "Fixtures.h"
#include "HealthHistory.h"
#include "route/RouteEngine.h"
#include "route/RouteFile.h"
#include "settings/KeyRing.h"
#include "settings/MemorySecretStore.h"
#include "sim/SimServer.h"
#include "store/Database.h"
#include "store/ProviderHealthQuery.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

Q_DECLARE_METATYPE(detour::RouteSort)

namespace {

constexpr int turnTimeoutMs = 20'000;

struct TurnRecord {
    TurnResult result;
    QStringList deltas;
    QList<Attempt> started;
    QList<GenerationStats> generations;
};

RoutePlan planOn(const QUrl &base, const QStringList &models, const RoutePolicy &policy = {})
{
    RoutePlan plan;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, base, QString() });
    for (const QString &model : models)
        plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
    plan.policy = policy;
    return plan;
}

ChatRequest ask(const QString &text = u"Hello"_s, bool stream = true)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, text });
    request.stream = stream;
    return request;
}

// Runs one turn to the end (generation stats included) and records what it emitted.
TurnRecord run(RouteEngine &engine, const RoutePlan &plan, const ChatRequest &request = ask(),
    const std::function<void(TurnRunner *)> &whileRunning = {})
{
    TurnRecord record;
    TurnRunner *runner = engine.startTurn(plan, request);
    QObject::connect(runner, &TurnRunner::contentDelta, runner,
        [&](const QString &text) { record.deltas << text; });
    QObject::connect(runner, &TurnRunner::attemptStarted, runner,
        [&](const Attempt &a) { record.started << a; });
    QObject::connect(runner, &TurnRunner::generationStatsReceived, runner,
        [&](int, const GenerationStats &stats) { record.generations << stats; });
    QSignalSpy settled(runner, &TurnRunner::settled);
    if (whileRunning)
        whileRunning(runner);
    if (!settled.wait(turnTimeoutMs))
        qFatal("turn did not settle");
    record.result = runner->result();
    return record;
}

int chatRequestsFor(const SimServer &sim, const QByteArray &model)
{
    int count = 0;
    for (const SimRequest &request : sim.requests())
        count += request.path().endsWith("/chat/completions")
            && request.body.contains(QByteArray("\"model\":\"" + model + '"'));
    return count;
}

} // namespace

class TestRouteEngine final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    void useScenario(const QByteArray &json)
    {
        const Result<> scenarioSet = m_sim.setScenario(json);
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));
        m_sim.clearRequests();
    }

    // One model per provider; each provider runs the given script.
    static QByteArray scenario(
        const QList<QPair<QString, QByteArray>> &providers, const QByteArray &extra = {})
    {
        QByteArray models;
        QByteArray scripts;
        for (const auto &[name, script] : providers) {
            models += (models.isEmpty() ? "" : ",") + quoted("{'id':'test/") + name.toUtf8()
                + quoted("','providers':['") + name.toUtf8() + quoted("']}");
            scripts += (scripts.isEmpty() ? "" : ",") + quoted("'") + name.toUtf8()
                + quoted("':{'script':") + script + '}';
        }
        return "{\"models\":[" + models + "],\"providers\":{" + scripts
            + "},\"reply\":\"one two three four five\"" + extra + '}';
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void upstream429OnFirstStepServedBySecond()
    {
        useScenario(SimServer::builtinScenario(u"demo"_s));
        RouteEngine engine;
        const TurnRecord turn = run(engine, RouteFile::demo(m_sim.baseUrl()));

        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 2);
        const Attempt &refused = turn.result.attempts[0];
        QCOMPARE(refused.stepIndex, 0);
        QCOMPARE(refused.httpStatus, 429);
        QCOMPARE(refused.outcome, Outcome::RateLimitedUpstream);
        QCOMPARE(refused.party, Party::Provider);
        QCOMPARE(refused.provider, u"Chutes"_s);
        QVERIFY(refused.raw.contains(u"rate-limited upstream"_s));
        QVERIFY(refused.fixes.contains(Fix::Byok));
        QVERIFY(refused.summary.contains(u"Chutes"_s));
        QVERIFY(refused.timings.headersMs >= refused.timings.sentMs);

        const Attempt &served = turn.result.attempts[1];
        QCOMPARE(served.stepIndex, 1);
        QCOMPARE(served.outcome, Outcome::Served);
        QCOMPARE(served.provider, u"Groq"_s);
        QCOMPARE(served.servedModel, u"moonshotai/kimi-k2"_s);
        QVERIFY(served.timings.firstTokenMs >= served.timings.headersMs);
        QVERIFY(served.timings.lastTokenMs >= served.timings.firstTokenMs);
        QVERIFY(served.usage && served.usage->completionTokens > 0);
        QCOMPARE(turn.result.servedAttempt, 1);
        QCOMPARE(turn.result.content, turn.deltas.join(QString()));
        QVERIFY(!turn.result.content.isEmpty());

        // OpenRouter's own attempts inside the served request: Cerebras refused, Groq served.
        QList<ServerAttempt> fromRouter;
        for (const ServerAttempt &server : served.serverAttempts) {
            if (server.reportedBy(ServerAttempt::Source::RouterMetadata))
                fromRouter << server;
        }
        QCOMPARE(fromRouter.size(), 2);
        QCOMPARE(fromRouter[0].provider, u"Cerebras"_s);
        QCOMPARE(fromRouter[0].status, 429);
        QCOMPARE(fromRouter[1].provider, u"Groq"_s);
        QCOMPARE(fromRouter[1].status, 200);

        // ... and the same story from GET /generation.
        QCOMPARE(turn.generations.size(), 1);
        QCOMPARE(turn.generations[0].providerName, u"Groq"_s);
        QCOMPARE(turn.generations[0].providerResponses.size(), 2);
        QCOMPARE(turn.generations[0].providerResponses[0].provider, u"Cerebras"_s);
    }

    void serverSideModelsFallbackIsReported()
    {
        useScenario(SimServer::builtinScenario(u"demo"_s));
        RoutePlan plan = planOn(m_sim.baseUrl(), { u"moonshotai/kimi-k2:free"_s });
        plan.steps[0].target.fallbackModels = { u"moonshotai/kimi-k2"_s };
        RouteEngine engine;
        const TurnRecord turn = run(engine, plan);
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 1);
        QCOMPARE(turn.result.attempts[0].requestedModel, u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(turn.result.attempts[0].servedModel, u"moonshotai/kimi-k2"_s);
        QVERIFY(m_sim.requests().first().body.contains("\"models\":[\"moonshotai/kimi-k2\"]"));
    }

    void retryAfterHonouredOnEveryRetry_data()
    {
        QTest::addColumn<QByteArray>("refusal");
        QTest::addColumn<qint64>("minimumWaitMs");
        QTest::addRow("retry-after-ms")
            << quoted("{'kind':'upstream_429','retry_after_ms':300}") << qint64(300);
        QTest::addRow("Retry-After seconds")
            << quoted("{'kind':'upstream_429','retry_after':1}") << qint64(1000);
    }

    void retryAfterHonouredOnEveryRetry()
    {
        QFETCH(QByteArray, refusal);
        QFETCH(qint64, minimumWaitMs);
        useScenario(scenario(
            { { u"Solo"_s, '[' + refusal + ',' + refusal + quoted(",{'kind':'serve'}]") } }));
        RoutePolicy policy;
        policy.backoffBase = std::chrono::milliseconds(1); // the server's wait must dominate
        policy.maxRetries = 2;
        RouteEngine engine;
        const TurnRecord turn = run(engine, planOn(m_sim.baseUrl(), { u"test/Solo"_s }, policy));

        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 3);
        QCOMPARE(turn.result.attempts[0].waitBeforeMs, 0);
        for (int retry : { 1, 2 }) {
            const Attempt &attempt = turn.result.attempts[retry];
            QVERIFY2(attempt.waitBeforeMs >= minimumWaitMs,
                qPrintable(QString::number(attempt.waitBeforeMs)));
            const qint64 gap =
                m_sim.requests()[retry].receivedAtMs - m_sim.requests()[retry - 1].receivedAtMs;
            QVERIFY2(gap >= minimumWaitMs - 5, qPrintable(QString::number(gap)));
        }
    }

    void lastStepGivesUpAfterRetries()
    {
        useScenario(
            scenario({ { u"Solo"_s, quoted("[{'kind':'upstream_429','retry_after_ms':50}]") } }));
        RoutePolicy policy;
        policy.backoffBase = std::chrono::milliseconds(1);
        policy.maxRetries = 2;
        RouteEngine engine;
        const TurnRecord turn = run(engine, planOn(m_sim.baseUrl(), { u"test/Solo"_s }, policy));
        QCOMPARE(turn.result.status, TurnResult::Status::Failed);
        QCOMPARE(turn.result.attempts.size(), 3);
        QVERIFY(turn.result.summary.contains(u"Solo"_s));
    }

    void cooldownSkipsTheStepNextTurn()
    {
        useScenario(SimServer::builtinScenario(u"demo"_s));
        RouteEngine engine;
        const RoutePlan plan = RouteFile::demo(m_sim.baseUrl());
        QCOMPARE(run(engine, plan).result.status, TurnResult::Status::Served);
        QCOMPARE(chatRequestsFor(m_sim, "moonshotai/kimi-k2:free"), 1);

        const TurnRecord second = run(engine, plan);
        QCOMPARE(second.result.status, TurnResult::Status::Served);
        const Attempt &skipped = second.result.attempts[0];
        QCOMPARE(skipped.outcome, Outcome::Skipped);
        QVERIFY(skipped.coolingUntil > QDateTime::currentDateTimeUtc());
        QVERIFY(skipped.summary.contains(u"cooling down"_s));
        QCOMPARE(chatRequestsFor(m_sim, "moonshotai/kimi-k2:free"), 1); // no wasted request
        QCOMPARE(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).first().provider,
            u"Chutes"_s);
    }

    // How long a rate-limited step rests: what the server asked (Retry-After in
    // seconds, or retry-after-ms), else the policy's default; never beyond the cap.
    void cooldownLastsWhatTheServerAsked_data()
    {
        QTest::addColumn<QByteArray>("refusal");
        QTest::addColumn<qint64>("defaultMs");
        QTest::addColumn<qint64>("capMs");
        QTest::addColumn<qint64>("expectedMs");

        const qint64 defaultMs = RoutePolicy {}.cooldownDefault.count();
        const qint64 capMs = RoutePolicy {}.cooldownCap.count();
        QTest::addRow("Retry-After: 90") << quoted("{'kind':'upstream_429','retry_after':90}")
                                         << defaultMs << capMs << qint64(90'000);
        QTest::addRow("retry-after-ms: 45000")
            << quoted("{'kind':'upstream_429','retry_after_ms':45000}") << defaultMs << capMs
            << qint64(45'000);
        QTest::addRow("retry-after-ms: 90500")
            << quoted("{'kind':'upstream_429','retry_after_ms':90500}") << defaultMs << capMs
            << qint64(90'500);
        QTest::addRow("no Retry-After: the policy default")
            << quoted("{'kind':'upstream_429'}") << defaultMs << capMs << defaultMs;
        QTest::addRow("no Retry-After: another policy default")
            << quoted("{'kind':'upstream_429'}") << qint64(7'000) << capMs << qint64(7'000);
        QTest::addRow("Retry-After beyond the cap")
            << quoted("{'kind':'upstream_429','retry_after':86400}") << defaultMs << capMs << capMs;
        QTest::addRow("Retry-After: 90 under a 60 s cap")
            << quoted("{'kind':'upstream_429','retry_after':90}") << defaultMs << qint64(60'000)
            << qint64(60'000);
        QTest::addRow("retry-after-ms beyond a 60 s cap")
            << quoted("{'kind':'upstream_429','retry_after_ms':120000}") << defaultMs
            << qint64(60'000) << qint64(60'000);
    }

    void cooldownLastsWhatTheServerAsked()
    {
        QFETCH(QByteArray, refusal);
        QFETCH(qint64, defaultMs);
        QFETCH(qint64, capMs);
        QFETCH(qint64, expectedMs);
        useScenario(scenario(
            { { u"Solo"_s, '[' + refusal + ']' }, { u"Next"_s, quoted("[{'kind':'serve'}]") } }));
        RoutePolicy policy;
        policy.maxRetries = 0; // the refusal falls through at once, whatever it asks
        policy.cooldownDefault = std::chrono::milliseconds(defaultMs);
        policy.cooldownCap = std::chrono::milliseconds(capMs);
        RouteEngine engine;

        // The rest starts when the refusal arrives, between these two instants.
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Solo"_s, u"test/Next"_s }, policy));
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts[0].outcome, Outcome::RateLimitedUpstream);

        const QList<CooldownTable::Entry> cooling = engine.cooldowns().active(after);
        QCOMPARE(cooling.size(), 1);
        QCOMPARE(cooling[0].endpointId, u"sim"_s);
        QCOMPARE(cooling[0].model, u"test/Solo"_s);
        QCOMPARE(cooling[0].provider, u"Solo"_s);
        QCOMPARE(cooling[0].reason, Outcome::RateLimitedUpstream);
        const QDateTime until = cooling[0].until;
        QVERIFY2(until >= before.addMSecs(expectedMs) && until <= after.addMSecs(expectedMs),
            qPrintable(u"cooled for %1 ms after the turn started, expected %2 ms"_s
                           .arg(before.msecsTo(until))
                           .arg(expectedMs)));
        QCOMPARE(engine.cooldowns().coolingUntil(u"sim"_s, u"test/Solo"_s, after), until);
    }

    void coolingLastStepIsStillTried()
    {
        useScenario(
            scenario({ { u"Solo"_s, quoted("[{'kind':'upstream_429'},{'kind':'serve'}]") } }));
        RoutePolicy policy;
        policy.maxRetries = 0;
        RouteEngine engine;
        const RoutePlan plan = planOn(m_sim.baseUrl(), { u"test/Solo"_s }, policy);
        QCOMPARE(run(engine, plan).result.status, TurnResult::Status::Failed);
        QCOMPARE(run(engine, plan).result.status, TurnResult::Status::Served);
    }

    void failureAfterContentKeepsPartialText_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<int>("outcome");
        QTest::addRow("mid-stream error chunk")
            << quoted("[{'kind':'midstream_error','tokens':2}]") << int(Outcome::RateLimitedKey);
        QTest::addRow("connection reset")
            << quoted("[{'kind':'reset_after_tokens','tokens':2}]") << int(Outcome::Network);
        QTest::addRow("truncated stream")
            << quoted("[{'kind':'truncated_chunk'}]") << int(Outcome::ServerError);
    }

    void failureAfterContentKeepsPartialText()
    {
        QFETCH(QByteArray, script);
        QFETCH(int, outcome);
        useScenario(
            scenario({ { u"Flaky"_s, script }, { u"Backup"_s, quoted("[{'kind':'serve'}]") } }));
        RouteEngine engine;
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Flaky"_s, u"test/Backup"_s }));
        QCOMPARE(turn.result.status, TurnResult::Status::Interrupted);
        QCOMPARE(turn.result.attempts.size(), 1); // no fallback once text has reached the person
        QVERIFY(!turn.result.content.isEmpty());
        QCOMPARE(turn.result.content, turn.deltas.join(QString()));
        const Attempt &attempt = turn.result.attempts[0];
        QVERIFY(attempt.interrupted);
        if (outcome == int(Outcome::RateLimitedKey))
            QVERIFY(isRateLimit(attempt.outcome));
        else
            QCOMPARE(int(attempt.outcome), outcome);
        QVERIFY(!turn.result.summary.isEmpty());
        QCOMPARE(chatRequestsFor(m_sim, "test/Backup"), 0);
    }

    void cancelStopsAtOnce()
    {
        useScenario(
            scenario({ { u"Slow"_s, quoted("[{'kind':'stall','phase':'before_first_token'}]") } }));
        RouteEngine engine;
        QElapsedTimer clock;
        const TurnRecord turn = run(
            engine, planOn(m_sim.baseUrl(), { u"test/Slow"_s }), ask(), [&](TurnRunner *runner) {
                connect(runner, &TurnRunner::attemptStarted, runner, [runner, &clock] {
                    clock.start();
                    QTimer::singleShot(200, runner, &TurnRunner::cancel);
                });
            });
        QCOMPARE(turn.result.status, TurnResult::Status::Cancelled);
        QCOMPARE(turn.result.attempts.size(), 1);
        QCOMPARE(turn.result.attempts[0].outcome, Outcome::Cancelled);
        QTRY_COMPARE(m_sim.openConnections(), 0);
    }

    void idleTimeout_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<bool>("served");
        QTest::addColumn<bool>("interrupted");
        // Idle limit 400 ms; the first-token limit is far away.
        QTest::addRow("silence before first token")
            << quoted("[{'kind':'stall','phase':'before_first_token','keepalive_ms':0,'ms':1500}]")
            << false << false;
        QTest::addRow("comment keep-alives are activity") << quoted(
            "[{'kind':'stall','phase':'before_first_token','keepalive_ms':100,'ms':1500}]")
                                                          << true << false;
        QTest::addRow("silence mid-stream")
            << quoted("[{'kind':'stall','phase':'mid_stream','ms':1500}]") << false << true;
    }

    void idleTimeout()
    {
        QFETCH(QByteArray, script);
        QFETCH(bool, served);
        QFETCH(bool, interrupted);
        useScenario(scenario({ { u"Quiet"_s, script } }, quoted(",'keepalive_ms':-1")));
        RoutePolicy policy;
        policy.idleTimeout = std::chrono::milliseconds(400);
        policy.maxRetries = 0;
        RouteEngine engine;
        const TurnRecord turn = run(engine, planOn(m_sim.baseUrl(), { u"test/Quiet"_s }, policy));
        if (served) {
            QCOMPARE(turn.result.status, TurnResult::Status::Served);
            return;
        }
        QCOMPARE(turn.result.status,
            interrupted ? TurnResult::Status::Interrupted : TurnResult::Status::Failed);
        QCOMPARE(turn.result.attempts.constLast().outcome, Outcome::Timeout);
        QCOMPARE(turn.result.attempts.constLast().interrupted, interrupted);
    }

    void keyOnlyGoesToItsOwnEndpoint()
    {
        useScenario(scenario({ { u"Refuses"_s, quoted("[{'kind':'server_error'}]") } }));
        SimServer other;
        QVERIFY(other.listen());
        const Result<> scenarioSet =
            other.setScenario(scenario({ { u"Serves"_s, quoted("[{'kind':'serve'}]") } }));
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));

        RoutePlan plan;
        plan.endpoints = { { u"first"_s, EndpointKind::OpenRouter, m_sim.baseUrl(),
                               u"FIRST_KEY"_s },
            { u"second"_s, EndpointKind::OpenAiCompatible, other.baseUrl(), u"SECOND_KEY"_s } };
        plan.steps = { { u"first"_s, { u"test/Refuses"_s, {}, {} }, true },
            { u"second"_s, { u"test/Serves"_s, {}, {} }, true } };
        RouteEngine engine;
        engine.setKeyResolver([](const Endpoint &endpoint) {
            return endpoint.keyEnv == "FIRST_KEY"_L1 ? u"sk-or-first-secret"_s
                                                     : u"gsk-second-secret"_s;
        });
        QCOMPARE(run(engine, plan).result.status, TurnResult::Status::Served);

        for (const SimRequest &request : m_sim.requests())
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer sk-or-first-secret"));
        QVERIFY(!other.requests().isEmpty());
        for (const SimRequest &request : other.requests()) {
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer gsk-second-secret"));
            for (const auto &[name, value] : request.headers)
                QVERIFY(!value.contains("first-secret"));
            QVERIFY(!request.body.contains("first-secret"));
            // A plain OpenAI-compatible endpoint gets no OpenRouter-only fields or headers.
            QVERIFY(request.header("X-OpenRouter-Metadata").isEmpty());
        }
    }

    // The same rule from the other side: keys come from the key ring (as in the
    // app), two servers on two ports each record what reached them, over turns in
    // both step orders, with retries, and with a keyless endpoint on the second
    // server: a key is bound to its endpoint, not to a host or to the turn.
    void eachServerReceivesOnlyItsOwnKey_data()
    {
        QTest::addColumn<QByteArray>("firstScript");
        QTest::addColumn<QByteArray>("secondScript");
        QTest::addColumn<int>("retries");

        QTest::addRow("both serve")
            << quoted("[{'kind':'serve'}]") << quoted("[{'kind':'serve'}]") << 0;
        QTest::addRow("first refuses with 429, retried")
            << quoted("[{'kind':'upstream_429','retry_after_ms':1}]")
            << quoted("[{'kind':'serve'}]") << 1;
        QTest::addRow("second fails with 500, retried")
            << quoted("[{'kind':'serve'}]") << quoted("[{'kind':'server_error'}]") << 1;
        QTest::addRow("both refuse")
            << quoted("[{'kind':'unauthorized'}]") << quoted("[{'kind':'server_error'}]") << 0;
    }

    void eachServerReceivesOnlyItsOwnKey()
    {
        QFETCH(QByteArray, firstScript);
        QFETCH(QByteArray, secondScript);
        QFETCH(int, retries);
        const QString firstKey = u"sk-or-v1-first-endpoint-only-7c1d"_s;
        const QString secondKey = u"gsk_second-endpoint-only-93ab"_s;

        SimServer first;
        SimServer second;
        QVERIFY(first.listen());
        QVERIFY(second.listen());
        QVERIFY(first.baseUrl().port() != second.baseUrl().port());
        QVERIFY(first.setScenario(scenario({ { u"A"_s, firstScript } })));
        QVERIFY(second.setScenario(scenario(
            { { u"B"_s, secondScript }, { u"C"_s, quoted("[{'kind':'server_error'}]") } })));

        RoutePlan plan;
        plan.endpoints = {
            { u"first"_s, EndpointKind::OpenRouter, first.baseUrl(), QString() },
            { u"second"_s, EndpointKind::OpenAiCompatible, second.baseUrl(), QString() },
            // The same server as "second", but another endpoint with no key of its own.
            { u"keyless"_s, EndpointKind::OpenAiCompatible, second.baseUrl(), QString() },
        };
        plan.steps = { { u"first"_s, { u"test/A"_s, {}, {} }, true },
            { u"second"_s, { u"test/B"_s, {}, {} }, true },
            { u"keyless"_s, { u"test/C"_s, {}, {} }, true } };
        plan.policy.maxRetries = retries;
        plan.policy.backoffBase = std::chrono::milliseconds(1);
        plan.policy.cooldownDefault = std::chrono::milliseconds(0); // every turn tries every step

        MemorySecretStore keychain;
        keychain.write(u"first"_s, firstKey);
        keychain.write(u"second"_s, secondKey);
        KeyRing ring(&keychain);
        QSignalSpy loaded(&ring, &KeyRing::loaded);
        ring.setEndpoints(plan.endpoints);
        QVERIFY(loaded.wait());
        RouteEngine engine;
        engine.setKeyResolver(ring.resolver());

        // One turn in each order of the steps.
        run(engine, plan);
        std::reverse(plan.steps.begin(), plan.steps.end());
        run(engine, plan);

        const auto chatRequests = [](const SimServer &server) {
            QList<SimRequest> chats;
            for (const SimRequest &request : server.requests()) {
                if (request.path().endsWith("/chat/completions"))
                    chats << request;
            }
            return chats;
        };
        const QList<SimRequest> atFirst = chatRequests(first);
        const QList<SimRequest> atSecond = chatRequests(second);
        QVERIFY(!atFirst.isEmpty());
        QVERIFY(!atSecond.isEmpty());
        for (const SimRequest &request : atFirst) {
            QCOMPARE(request.header("Authorization"), "Bearer " + firstKey.toUtf8());
            for (const auto &[name, value] : request.headers)
                QVERIFY2(!value.contains(secondKey.toUtf8()), name.constData());
            QVERIFY(!request.body.contains(secondKey.toUtf8()));
        }
        int keyless = 0;
        for (const SimRequest &request : atSecond) {
            // "second"'s key, or nothing at all from the keyless endpoint (model test/C).
            if (request.body.contains("\"model\":\"test/C\"")) {
                ++keyless;
                QCOMPARE(request.header("Authorization"), QByteArray());
            } else {
                QCOMPARE(request.header("Authorization"), "Bearer " + secondKey.toUtf8());
            }
            for (const auto &[name, value] : request.headers)
                QVERIFY2(!value.contains(firstKey.toUtf8()), name.constData());
            QVERIFY(!request.body.contains(firstKey.toUtf8()));
        }
        // Both endpoints on the second server were asked (the keyless one refuses every time).
        QVERIFY(keyless >= 1);
        QVERIFY(keyless < atSecond.size());
    }

    void keyFailureFallsThroughOnlyToOtherEndpoints()
    {
        useScenario(scenario({ { u"A"_s, quoted("[{'kind':'unauthorized'}]") },
            { u"B"_s, quoted("[{'kind':'serve'}]") } }));
        SimServer other;
        QVERIFY(other.listen());
        QVERIFY(other.setScenario(scenario({ { u"C"_s, quoted("[{'kind':'serve'}]") } })));
        RoutePlan plan = planOn(m_sim.baseUrl(), { u"test/A"_s, u"test/B"_s });
        plan.endpoints.append(
            { u"other"_s, EndpointKind::OpenAiCompatible, other.baseUrl(), QString() });
        plan.steps.append({ u"other"_s, { u"test/C"_s, {}, {} }, true });
        RouteEngine engine;
        const TurnRecord turn = run(engine, plan);
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 3);
        QCOMPARE(turn.result.attempts[0].outcome, Outcome::Auth);
        QCOMPARE(
            turn.result.attempts[1].outcome, Outcome::Skipped); // same endpoint, same refused key
        QCOMPARE(turn.result.attempts[2].endpointId, u"other"_s);
        QCOMPARE(chatRequestsFor(m_sim, "test/B"), 0);
    }

    void requestProblemsDoNotFallThrough()
    {
        useScenario(scenario({ { u"Strict"_s, quoted("[{'kind':'moderation'}]") },
            { u"Other"_s, quoted("[{'kind':'serve'}]") } }));
        RouteEngine engine;
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Strict"_s, u"test/Other"_s }));
        QCOMPARE(turn.result.status, TurnResult::Status::Failed);
        QCOMPARE(turn.result.attempts.size(), 1);
        QCOMPARE(turn.result.attempts[0].outcome, Outcome::Moderation);
        QCOMPARE(chatRequestsFor(m_sim, "test/Other"), 0);
    }

    void malformedRepliesAreDiagnosed_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<int>("outcome");
        QTest::addRow("HTML 502 page")
            << quoted("[{'kind':'html_502'}]") << int(Outcome::ServerError);
        QTest::addRow("200 carrying an error")
            << quoted("[{'kind':'error_in_200'}]") << int(Outcome::ServerError);
        QTest::addRow("plain-text 500")
            << quoted("[{'kind':'error','status':500,'body':'oops','content_type':'text/plain'}]")
            << int(Outcome::ServerError);
        QTest::addRow("reset before first token")
            << quoted("[{'kind':'reset_before_first_token'}]") << int(Outcome::Network);
        QTest::addRow("stream of garbage")
            << quoted("[{'kind':'error','status':200,'body':'data: "
                      "{nope\\n\\n','content_type':'text/event-stream'}]")
            << int(Outcome::ServerError);
    }

    void malformedRepliesAreDiagnosed()
    {
        QFETCH(QByteArray, script);
        QFETCH(int, outcome);
        useScenario(
            scenario({ { u"Broken"_s, script }, { u"Backup"_s, quoted("[{'kind':'serve'}]") } }));
        RouteEngine engine;
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Broken"_s, u"test/Backup"_s }));
        QCOMPARE(turn.result.attempts.size(), 2);
        QCOMPARE(int(turn.result.attempts[0].outcome), outcome);
        QVERIFY(!turn.result.attempts[0].summary.isEmpty());
        QCOMPARE(turn.result.status, TurnResult::Status::Served); // fell through before any content
        QCOMPARE(turn.result.attempts[1].provider, u"Backup"_s);
    }

    void invalidUtf8IsReplacedNotFatal()
    {
        useScenario(scenario({ { u"Mangled"_s, quoted("[{'kind':'invalid_utf8'}]") } }));
        RouteEngine engine;
        const TurnRecord turn = run(engine, planOn(m_sim.baseUrl(), { u"test/Mangled"_s }));
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QVERIFY(turn.result.content.contains(QChar::ReplacementCharacter));
    }

    void nonStreamingTurn()
    {
        useScenario(SimServer::builtinScenario(u"demo"_s));
        RouteEngine engine;
        const TurnRecord turn = run(engine, RouteFile::demo(m_sim.baseUrl()), ask(u"Hi"_s, false));
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 2);
        QVERIFY(!turn.result.content.isEmpty());
        QCOMPARE(turn.deltas.size(), 1);
    }

    // A reply that arrives all at once (a fast local server, or one that piled up while
    // the window was busy) is parsed a slice per turn of the event loop, so the window
    // can paint and take input in between: no turn parses much more than 16 KiB.
    void aBurstIsParsedASliceAtATime()
    {
        QStringList words;
        for (int word = 0; word < 1000; ++word)
            words << QString(500, QChar(u'a' + word % 26));
        const QString reply = words.join(u' ');
        useScenario(quoted("{'models': [{'id': 'test/Burst', 'providers': ['Burst']}], "
                           "'providers': {'Burst': {'latency_ms': 0, 'tokens_per_second': 0}}, "
                           "'keepalive_ms': -1, 'reply': '")
            + reply.toUtf8() + quoted("'}"));
        RouteEngine engine;
        int turns = 0; // a zero timer fires once per turn of the event loop
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&turns] { ++turns; });
        ticker.start();
        QHash<int, qsizetype> receivedInTurn;
        const TurnRecord turn = run(
            engine, planOn(m_sim.baseUrl(), { u"test/Burst"_s }), ask(), [&](TurnRunner *runner) {
                connect(runner, &TurnRunner::contentDelta, runner,
                    [&](const QString &text) { receivedInTurn[turns] += text.size(); });
            });
        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.content, reply);
        QVERIFY(receivedInTurn.size() > 1);
        // Text is a part of the bytes parsed; a turn may see a slice from its timer and
        // one from the network, so allow three slices.
        const qsizetype most = *std::max_element(receivedInTurn.cbegin(), receivedInTurn.cend());
        QVERIFY2(most <= 3 * 16 * 1024, qPrintable(u"%1 characters in one turn"_s.arg(most)));
    }

    // Client-side sort: the order comes from the recorded history (here: Slow streams 50
    // tokens/s but starts in 300 ms, Fast streams 500 tokens/s but starts in 900 ms).
    void sortOrdersStepsFromHistory_data()
    {
        QTest::addColumn<RouteSort>("sort");
        QTest::addColumn<QString>("firstTried");
        QTest::addRow("none: as arranged") << RouteSort::None << u"test/Slow"_s;
        QTest::addRow("throughput: faster provider first")
            << RouteSort::Throughput << u"test/Fast"_s;
        QTest::addRow("latency: quicker first token first") << RouteSort::Latency << u"test/Slow"_s;
    }

    void sortOrdersStepsFromHistory()
    {
        QFETCH(RouteSort, sort);
        QFETCH(QString, firstTried);
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(u"history.sqlite3"_s)));
        {
            ConversationStore store(db);
            ConversationRecord record;
            const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
            for (const auto &[model, firstToken, lastToken] :
                { std::tuple(u"test/Slow"_s, 300, 2300), std::tuple(u"test/Fast"_s, 900, 1100) }) {
                Attempt served = healthtest::attemptAt(
                    u"sim"_s, model, model.mid(5), Outcome::Served, 200, 0, firstToken, lastToken);
                served.usage = healthtest::usage(100, 120, std::nullopt);
                record.turns.append(healthtest::turnAt(hourAgo, { served }));
            }
            const Result<qint64> imported = store.importRecord(record);
            QVERIFY2(imported, qPrintable(imported.error()));
        }
        ProviderHealthQuery history(db);
        useScenario(scenario({ { u"Slow"_s, quoted("[{'kind':'serve','tokens_per_second':50}]") },
            { u"Fast"_s, quoted("[{'kind':'serve','tokens_per_second':500}]") } }));
        RouteEngine engine;
        engine.setStepHistory(&history);
        RoutePolicy policy;
        policy.sort = sort;
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Slow"_s, u"test/Fast"_s }, policy));

        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 1);
        const Attempt &first = turn.result.attempts.first();
        QCOMPARE(first.requestedModel, firstTried);
        // The step keeps its place in the route: fixes and the inspector still point at it.
        QCOMPARE(first.stepIndex, firstTried == u"test/Slow"_s ? 0 : 1);
        QCOMPARE(chatRequestsFor(m_sim, firstTried.toUtf8()), 1);
    }

    // A sorted route still falls through: the faster step refuses, the other one serves.
    void sortedRouteStillFallsThrough()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(u"history.sqlite3"_s)));
        {
            ConversationStore store(db);
            ConversationRecord record;
            Attempt served = healthtest::attemptAt(
                u"sim"_s, u"test/Fast"_s, u"Fast"_s, Outcome::Served, 200, 0, 100, 200);
            served.usage = healthtest::usage(100, 120, std::nullopt);
            record.turns.append(
                healthtest::turnAt(QDateTime::currentDateTimeUtc().addSecs(-60), { served }));
            QVERIFY(store.importRecord(record));
        }
        ProviderHealthQuery history(db);
        useScenario(scenario({ { u"Slow"_s, quoted("[{'kind':'serve'}]") },
            { u"Fast"_s, quoted("[{'kind':'upstream_429'}]") } }));
        RouteEngine engine;
        engine.setStepHistory(&history);
        RoutePolicy policy;
        policy.sort = RouteSort::Throughput;
        const TurnRecord turn =
            run(engine, planOn(m_sim.baseUrl(), { u"test/Slow"_s, u"test/Fast"_s }, policy));

        QCOMPARE(turn.result.status, TurnResult::Status::Served);
        QCOMPARE(turn.result.attempts.size(), 2);
        QCOMPARE(turn.result.attempts[0].stepIndex, 1);
        QCOMPARE(turn.result.attempts[0].outcome, Outcome::RateLimitedUpstream);
        QCOMPARE(turn.result.attempts[1].stepIndex, 0);
        QCOMPARE(turn.result.attempts[1].outcome, Outcome::Served);
    }
};

QTEST_GUILESS_MAIN(TestRouteEngine)
#include "test_route_engine.moc"
