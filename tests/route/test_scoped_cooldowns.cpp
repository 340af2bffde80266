// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Cooldowns scoped to the limit that hit, against the simulated OpenRouter on
// 127.0.0.1: each scope skips the later steps it covers without a request and
// leaves the others to be tried; the free daily cap costs one request to a
// :free model per reset period; the cooldowns outlive the process that learned
// them when the database keeps them.
#include "route/CooldownTable.h"
#include "route/RouteEngine.h"
#include "route/TraceJson.h"
#include "sim/SimServer.h"
#include "store/CooldownRows.h"
#include "store/Database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

constexpr int turnTimeoutMs = 20'000;
constexpr qint64 sixHoursMs = 6 * 3600 * 1000;

// A fixed instant for the responses' Date header: the reset is counted from it.
const QDateTime responseDate = QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);

QByteArray httpDate(const QDateTime &moment)
{
    return QLocale::c().toString(moment, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

// A scripted 429 whose body and headers are given.
Json refusal(int status, const Json &body, const Json &headers = Json::object())
{
    return { { "kind", "error" }, { "status", status }, { "body", body.dump() },
        { "headers", headers } };
}

Json freeModelsLimit(const char *which, qint64 resetAfterMs)
{
    const std::string reset = std::to_string(responseDate.toMSecsSinceEpoch() + resetAfterMs);
    return refusal(429,
        { { "error",
              { { "message",
                    std::string("Rate limit exceeded: ") + which
                        + ". Add 10 credits to unlock 1000 free model requests per day" },
                  { "code", 429 },
                  { "metadata",
                      { { "headers",
                            { { "X-RateLimit-Limit", "50" }, { "X-RateLimit-Remaining", "0" },
                                { "X-RateLimit-Reset", reset } } },
                          { "provider_name", nullptr } } } } },
            { "user_id", "user_sim" } },
        { { "X-RateLimit-Limit", "50" }, { "X-RateLimit-Remaining", "0" },
            { "X-RateLimit-Reset", reset }, { "Date", httpDate(responseDate).toStdString() } });
}

struct Step {
    QString endpoint;
    QString model;
    Json script; // of the model's one provider (an entry or a list); null: it serves
};

// One model per step (its own provider), endpoints "or" (OpenRouter), "direct" and
// "other" (OpenAI-compatible), all on the simulator.
struct Rig {
    QList<Step> steps;

    QByteArray scenario() const
    {
        Json models = Json::array();
        Json providers = Json::object();
        QStringList seen;
        for (const Step &step : steps) {
            if (seen.contains(step.model))
                continue;
            seen << step.model;
            const std::string provider = "P" + std::to_string(seen.size());
            models.push_back(
                { { "id", step.model.toStdString() }, { "providers", Json::array({ provider }) } });
            const Json script = step.script.is_null() ? Json::array({ { { "kind", "serve" } } })
                : step.script.is_array()              ? step.script
                                                      : Json::array({ step.script });
            providers[provider] = { { "script", script } };
        }
        return QByteArray::fromStdString(Json { { "models", models }, { "providers", providers },
            { "reply", "Served." } }.dump());
    }

    RoutePlan plan(const QUrl &base) const
    {
        RoutePlan plan;
        plan.endpoints = { { u"or"_s, EndpointKind::OpenRouter, base, u"OR_KEY"_s },
            { u"direct"_s, EndpointKind::OpenAiCompatible, base, u"DIRECT_KEY"_s },
            { u"other"_s, EndpointKind::OpenAiCompatible, base, u"OTHER_KEY"_s } };
        for (const Step &step : steps)
            plan.steps.append({ step.endpoint, { step.model, {}, {} }, true });
        plan.policy.maxRetries = 0;
        return plan;
    }
};

ChatRequest ask()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"Hello"_s });
    request.stream = true;
    return request;
}

TurnResult run(RouteEngine &engine, const RoutePlan &plan)
{
    TurnRunner *runner = engine.startTurn(plan, ask());
    QSignalSpy settled(runner, &TurnRunner::settled);
    if (!settled.wait(turnTimeoutMs))
        qFatal("turn did not settle");
    return runner->result();
}

int chatRequests(const SimServer &sim)
{
    int count = 0;
    for (const SimRequest &request : sim.requests())
        count += request.path().endsWith("/chat/completions");
    return count;
}

int chatRequestsFor(const SimServer &sim, const QString &model)
{
    int count = 0;
    for (const SimRequest &request : sim.requests())
        count += request.path().endsWith("/chat/completions")
            && request.body.contains(QByteArray("\"model\":\"" + model.toUtf8() + '"'));
    return count;
}

QList<int> skippedSteps(const TurnResult &result)
{
    QList<int> steps;
    for (const Attempt &attempt : result.attempts) {
        if (attempt.outcome == Outcome::Skipped)
            steps << attempt.stepIndex;
    }
    return steps;
}

KeyResolver keys(const QString &suffix = u"1"_s)
{
    return [suffix](const Endpoint &endpoint) -> QString {
        return u"sk-test-"_s + endpoint.id + u'-' + suffix;
    };
}

} // namespace

Q_DECLARE_METATYPE(Rig)

class TestScopedCooldowns final : public QObject {
    Q_OBJECT

    SimServer m_sim;

    void useScenario(const QByteArray &json)
    {
        const Result<> set = m_sim.setScenario(json);
        QVERIFY2(set, qPrintable(set.error()));
        m_sim.clearRequests();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    // Step 0 fails with the limit; the turn skips the later steps the scope covers
    // (without a request) and is served by the first one it does not cover. The next
    // turn skips step 0 as well, naming the scope.
    void eachScopeSkipsWhatItCovers_data()
    {
        QTest::addColumn<Rig>("rig");
        QTest::addColumn<QList<int>>("skipped"); // in the first turn
        QTest::addColumn<int>("served");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("words"); // in the skip sentence of the next turn

        const Json upstream = { { "kind", "upstream_429" }, { "retry_after", 600 } };
        QTest::addRow("upstream 429: that provider for that model")
            << Rig { { { u"or"_s, u"test/kimi:free"_s, upstream },
                   { u"or"_s, u"test/kimi:free"_s, {} }, { u"or"_s, u"test/kimi"_s, {} } } }
            << QList<int> { 1 } << 2 << u"provider_model"_s << u"test/kimi:free at P1 on or"_s;

        QTest::addRow("free-models-per-day: every :free model on the endpoint") << Rig {
            { { u"or"_s, u"test/a:free"_s, freeModelsLimit("free-models-per-day", sixHoursMs) },
                { u"or"_s, u"test/b:free"_s, {} }, { u"or"_s, u"test/paid"_s, {} } }
        } << QList<int> { 1 } << 2 << u"free_models"_s << u"all :free models on or"_s;

        QTest::addRow("free-models-per-min: every :free model on the endpoint") << Rig {
            { { u"or"_s, u"test/a:free"_s, freeModelsLimit("free-models-per-min", 40'000) },
                { u"or"_s, u"test/b:free"_s, {} }, { u"or"_s, u"test/paid"_s, {} } }
        } << QList<int> { 1 } << 2 << u"free_models"_s << u"all :free models on or"_s;

        const Json tokensPerMinute = refusal(429,
            { { "error",
                { { "message",
                      "Rate limit reached for test/big in organization org-sim on tokens per "
                      "min (TPM): Limit 30000, Used 30000, Requested 1200. Please try again in "
                      "2m24s." },
                    { "type", "tokens" }, { "code", "rate_limit_exceeded" } } } });
        QTest::addRow("direct endpoint, tokens per minute: that model at the endpoint")
            << Rig { { { u"direct"_s, u"test/big"_s, tokensPerMinute },
                   { u"direct"_s, u"test/big"_s, {} }, { u"direct"_s, u"test/small"_s, {} } } }
            << QList<int> { 1 } << 2 << u"endpoint_model"_s << u"test/big on direct"_s;

        const Json requests = refusal(429,
            { { "error",
                { { "message", "Too many requests. Slow down." }, { "type", "requests" },
                    { "code", "rate_limit_exceeded" } } } },
            { { "Retry-After", "120" } });
        QTest::addRow("direct endpoint, requests: the whole endpoint")
            << Rig { { { u"direct"_s, u"test/big"_s, requests },
                   { u"direct"_s, u"test/small"_s, {} }, { u"other"_s, u"test/small"_s, {} } } }
            << QList<int> { 1 } << 2 << u"endpoint"_s << u"every model on direct"_s;

        QTest::addRow("no credits: every paid model on the endpoint")
            << Rig { { { u"or"_s, u"test/paid"_s, { { "kind", "no_credits" } } },
                   { u"or"_s, u"test/other-paid"_s, {} }, { u"or"_s, u"test/c:free"_s, {} } } }
            << QList<int> { 1 } << 2 << u"paid_models"_s
            << u"all paid models on or until you clear it"_s;

        QTest::addRow("refused key: the endpoint's key")
            << Rig { { { u"direct"_s, u"test/big"_s, { { "kind", "unauthorized" } } },
                   { u"direct"_s, u"test/small"_s, {} }, { u"other"_s, u"test/small"_s, {} } } }
            << QList<int> { 1 } << 2 << u"key"_s << u"the key of direct until its key changes"_s;
    }

    void eachScopeSkipsWhatItCovers()
    {
        QFETCH(Rig, rig);
        QFETCH(QList<int>, skipped);
        QFETCH(int, served);
        QFETCH(QString, scope);
        QFETCH(QString, words);
        useScenario(rig.scenario());
        RouteEngine engine;
        engine.setKeyResolver(keys());
        const RoutePlan plan = rig.plan(m_sim.baseUrl());

        const TurnResult first = run(engine, plan);
        QCOMPARE(first.status, TurnResult::Status::Served);
        QCOMPARE(first.served()->stepIndex, served);
        QCOMPARE(skippedSteps(first), skipped);
        QCOMPARE(chatRequests(m_sim), 2); // step 0 and the one that served, nothing between
        const QList<CooldownTable::Entry> cooling =
            engine.cooldowns().active(QDateTime::currentDateTimeUtc());
        QCOMPARE(cooling.size(), 1);
        QCOMPARE(Cooldown::scopeName(cooling[0].scope), scope);

        m_sim.clearRequests();
        const TurnResult second = run(engine, plan);
        QCOMPARE(second.status, TurnResult::Status::Served);
        QCOMPARE(second.served()->stepIndex, served);
        QCOMPARE(skippedSteps(second), QList<int> { 0 } + skipped);
        QCOMPARE(chatRequests(m_sim), 1); // only the step that serves
        const Attempt &again = second.attempts[0];
        QCOMPARE(again.skipReason, u"cooling_down"_s);
        QCOMPARE(again.cooldownScope, scope);
        QCOMPARE(
            TraceJson::attempt(again)["cooldown_scope"].get<std::string>(), scope.toStdString());
        QVERIFY2(again.summary.contains(words), qPrintable(again.summary));
    }

    // The route: two :free models and a paid one on one OpenRouter endpoint, the
    // account's free daily allowance used up with the reset six hours away. One request
    // reaches a :free model; every turn until the reset is served by the paid one.
    void freeDailyCapCostsOneFreeRequest()
    {
        const Rig rig {
            { { u"or"_s, u"test/a:free"_s, freeModelsLimit("free-models-per-day", sixHoursMs) },
                { u"or"_s, u"test/b:free"_s, {} }, { u"or"_s, u"test/paid"_s, {} } }
        };
        useScenario(rig.scenario());
        RouteEngine engine;
        const RoutePlan plan = rig.plan(m_sim.baseUrl());

        const QDateTime before = QDateTime::currentDateTimeUtc();
        const TurnResult first = run(engine, plan);
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(first.status, TurnResult::Status::Served);
        QCOMPARE(first.served()->requestedModel, u"test/paid"_s);
        QCOMPARE(first.attempts[0].outcome, Outcome::RateLimitedKey);

        // Until the reset the headers give, counted from the response's Date.
        const QList<CooldownTable::Entry> cooling = engine.cooldowns().active(after);
        QCOMPARE(cooling.size(), 1);
        QCOMPARE(cooling[0].scope, Cooldown::Scope::FreeModels);
        QVERIFY(cooling[0].until >= before.addMSecs(sixHoursMs));
        QVERIFY(cooling[0].until <= after.addMSecs(sixHoursMs));

        for (int turn = 0; turn < 3; ++turn)
            QCOMPARE(run(engine, plan).served()->requestedModel, u"test/paid"_s);
        QCOMPARE(
            chatRequestsFor(m_sim, u"test/a:free"_s) + chatRequestsFor(m_sim, u"test/b:free"_s), 1);
        QCOMPARE(chatRequestsFor(m_sim, u"test/paid"_s), 4);
    }

    // A refused key rests until the key changes: a new key is tried at once.
    void refusedKeyRestsUntilTheKeyChanges()
    {
        const Rig rig { { { u"direct"_s, u"test/big"_s, { { "kind", "unauthorized" } } },
            { u"other"_s, u"test/small"_s, {} } } };
        useScenario(rig.scenario());
        RouteEngine engine;
        engine.setKeyResolver(keys(u"old"_s));
        const RoutePlan plan = rig.plan(m_sim.baseUrl());
        QCOMPARE(run(engine, plan).status, TurnResult::Status::Served);
        const QList<CooldownTable::Entry> cooling =
            engine.cooldowns().active(QDateTime::currentDateTimeUtc());
        QCOMPARE(cooling.size(), 1);
        QVERIFY(!cooling[0].until.isValid());
        QVERIFY(!cooling[0].keyId.contains(u"old"_s)); // a digest, never the key

        m_sim.clearRequests();
        QCOMPARE(skippedSteps(run(engine, plan)), QList<int> { 0 });
        QCOMPARE(chatRequestsFor(m_sim, u"test/big"_s), 0);

        engine.setKeyResolver(keys(u"new"_s));
        m_sim.clearRequests();
        QVERIFY(skippedSteps(run(engine, plan)).isEmpty());
        QCOMPARE(chatRequestsFor(m_sim, u"test/big"_s), 1);
    }

    // With no credits, the paid models rest until a paid model there serves a turn (the
    // last step standing is still tried, so buying credits is noticed).
    void noCreditsEndWhenAPaidModelServes()
    {
        const Rig rig { { { u"or"_s, u"test/paid"_s,
            Json::array({ { { "kind", "no_credits" } }, { { "kind", "serve" } } }) } } };
        useScenario(rig.scenario());
        RouteEngine engine;
        const RoutePlan plan = rig.plan(m_sim.baseUrl());
        QCOMPARE(run(engine, plan).status, TurnResult::Status::Failed);
        QCOMPARE(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).size(), 1);
        QCOMPARE(run(engine, plan).status, TurnResult::Status::Served); // last step standing
        QVERIFY(engine.cooldowns().active(QDateTime::currentDateTimeUtc()).isEmpty());
    }

    // Kept in the database, a cooldown outlives the engine (and the process) that
    // learned it: a second engine on a reopened database skips without a request.
    void cooldownsSurviveAReopen()
    {
        const Rig rig {
            { { u"or"_s, u"test/a:free"_s, freeModelsLimit("free-models-per-day", sixHoursMs) },
                { u"or"_s, u"test/b:free"_s, {} }, { u"or"_s, u"test/paid"_s, {} } }
        };
        useScenario(rig.scenario());
        const RoutePlan plan = rig.plan(m_sim.baseUrl());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"detour.sqlite3"_s);
        {
            Database database;
            QVERIFY(database.open(path));
            CooldownRows rows(database);
            RouteEngine engine;
            engine.cooldowns().setStore(&rows);
            QCOMPARE(run(engine, plan).status, TurnResult::Status::Served);
            engine.cooldowns().setStore(nullptr);
        }
        m_sim.clearRequests();
        Database database;
        QVERIFY(database.open(path));
        CooldownRows rows(database);
        RouteEngine engine;
        engine.cooldowns().setStore(&rows);
        const TurnResult again = run(engine, plan);
        engine.cooldowns().setStore(nullptr);
        QCOMPARE(skippedSteps(again), (QList<int> { 0, 1 }));
        QCOMPARE(again.attempts[0].cooldownScope, u"free_models"_s);
        QCOMPARE(chatRequests(m_sim), 1);
    }
};

QTEST_GUILESS_MAIN(TestScopedCooldowns)
#include "test_scoped_cooldowns.moc"
