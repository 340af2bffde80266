// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Route fixes are checked before and after: offered only where they change
// the route, not applicable once applied, never leaving a step unservable.
#include "chat/RouteFixer.h"
#include "endpoints/ProviderEligibility.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

RoutePlan demoPlan()
{
    RoutePlan plan;
    plan.name = u"free first"_s;
    plan.endpoints = { { u"openrouter"_s, EndpointKind::OpenRouter,
        QUrl(u"https://openrouter.ai/api/v1"_s), u"OPENROUTER_API_KEY"_s } };
    RouteStep free;
    free.endpointId = u"openrouter"_s;
    free.target.model = u"moonshotai/kimi-k2:free"_s;
    RouteStep paid = free;
    paid.target.model = u"moonshotai/kimi-k2"_s;
    plan.steps = { free, paid };
    return plan;
}

Attempt refusedAt(const RoutePlan &plan, int step, const QString &provider)
{
    Attempt attempt;
    attempt.stepIndex = step;
    attempt.endpointId = plan.steps[step].endpointId;
    attempt.requestedModel = plan.steps[step].target.model;
    attempt.provider = provider;
    attempt.outcome = Outcome::RateLimitedUpstream;
    return attempt;
}

ProviderEndpointInfo endpoint(const QString &provider, const QString &tag)
{
    ProviderEndpointInfo info;
    info.providerName = provider;
    info.tag = tag;
    return info;
}

} // namespace

Q_DECLARE_METATYPE(detour::ProviderPreferences)

class TestRouteFixer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void moveStepDownAppliesOnce()
    {
        const RoutePlan plan = demoPlan();
        const Attempt attempt = refusedAt(plan, 0, u"Chutes"_s);
        const Result<RoutePlan> moved =
            RouteFixer::apply(plan, RouteFixer::Change::MoveStepDown, attempt);
        QVERIFY2(moved, qPrintable(moved.error()));
        QCOMPARE(moved->steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(moved->steps[1].target.model, u"moonshotai/kimi-k2:free"_s);
        // A second click would move the paid step down and undo the fix: refused.
        const Result<RoutePlan> again =
            RouteFixer::apply(*moved, RouteFixer::Change::MoveStepDown, attempt);
        QVERIFY(!again);
        QVERIFY(again.error().contains(u"no longer"_s));
        // The last step cannot move down.
        QVERIFY(!RouteFixer::apply(
            plan, RouteFixer::Change::MoveStepDown, refusedAt(plan, 1, u"Groq"_s)));
    }

    void paidVariantAndFallbacksApplyOnce()
    {
        RoutePlan plan = demoPlan();
        const Attempt attempt = refusedAt(plan, 0, u"Chutes"_s);
        const Result<RoutePlan> paid =
            RouteFixer::apply(plan, RouteFixer::Change::PaidVariant, attempt);
        QVERIFY(paid);
        QCOMPARE(paid->steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QVERIFY(!RouteFixer::apply(*paid, RouteFixer::Change::PaidVariant, attempt));

        QVERIFY(!RouteFixer::apply(plan, RouteFixer::Change::AllowFallbacks, attempt)); // default
        plan.steps[0].target.provider.allowFallbacks = false;
        const Result<RoutePlan> allowed =
            RouteFixer::apply(plan, RouteFixer::Change::AllowFallbacks, attempt);
        QVERIFY(allowed);
        QCOMPARE(allowed->steps[0].target.provider.allowFallbacks, std::optional<bool>(true));
        QVERIFY(!RouteFixer::apply(*allowed, RouteFixer::Change::AllowFallbacks, attempt));
    }

    void ignoringTheOnlyProviderIsRefused()
    {
        const RoutePlan plan = demoPlan();
        const Attempt attempt = refusedAt(plan, 0, u"Chutes"_s);
        const QList<ProviderEndpointInfo> onlyChutes { endpoint(u"Chutes"_s, u"chutes/fp8"_s) };
        const Result<RoutePlan> refused =
            RouteFixer::apply(plan, RouteFixer::Change::IgnoreProvider, attempt, onlyChutes);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"no provider"_s), qPrintable(refused.error()));

        const QList<ProviderEndpointInfo> two { endpoint(u"Chutes"_s, u"chutes/fp8"_s),
            endpoint(u"Groq"_s, u"groq"_s) };
        const Result<RoutePlan> ignored =
            RouteFixer::apply(plan, RouteFixer::Change::IgnoreProvider, attempt, two);
        QVERIFY2(ignored, qPrintable(ignored.error()));
        QCOMPARE(ignored->steps[0].target.provider.ignore, QStringList { u"Chutes"_s });
        QVERIFY(!RouteFixer::apply(*ignored, RouteFixer::Change::IgnoreProvider, attempt, two));
        // Nothing known about the model's providers: the change is allowed.
        QVERIFY(RouteFixer::apply(plan, RouteFixer::Change::IgnoreProvider, attempt));
    }

    void changeForFixes_data()
    {
        QTest::addColumn<Fix>("fix");
        QTest::addColumn<bool>("changesRoute");
        QTest::addRow("move down") << Fix::MoveStepDown << true;
        QTest::addRow("fallbacks") << Fix::AllowFallbacks << true;
        QTest::addRow("paid") << Fix::PaidVariant << true;
        QTest::addRow("wait") << Fix::Wait << false;
        QTest::addRow("byok") << Fix::Byok << false;
    }

    void changeForFixes()
    {
        QFETCH(Fix, fix);
        QFETCH(bool, changesRoute);
        QCOMPARE(RouteFixer::changeFor(fix).has_value(), changesRoute);
    }

    void eligibility_data()
    {
        QTest::addColumn<ProviderPreferences>("preferences");
        QTest::addColumn<int>("eligible");

        QTest::addRow("no preferences") << ProviderPreferences {} << 3;
        ProviderPreferences only;
        only.only = { u"groq"_s };
        QTest::addRow("only by slug, any case") << only << 1;
        ProviderPreferences ignore;
        ignore.ignore = { u"Chutes"_s, u"GROQ"_s, u"deepinfra"_s };
        QTest::addRow("ignore all") << ignore << 0;
        ProviderPreferences cheap;
        cheap.maxPricePrompt = 0.5;
        QTest::addRow("max price") << cheap << 2; // DeepInfra's price is unknown: kept
        ProviderPreferences fp8;
        fp8.quantizations = { u"fp8"_s };
        QTest::addRow("quantization") << fp8 << 2; // Groq's is unknown: kept
    }

    void eligibility()
    {
        QFETCH(ProviderPreferences, preferences);
        QFETCH(int, eligible);
        ProviderEndpointInfo chutes = endpoint(u"Chutes"_s, u"chutes/fp8"_s);
        chutes.quantization = u"fp8"_s;
        chutes.promptPrice = 0.2 / 1e6;
        ProviderEndpointInfo groq = endpoint(u"Groq"_s, u"groq"_s);
        groq.promptPrice = 1.0 / 1e6;
        ProviderEndpointInfo deepinfra = endpoint(u"DeepInfra"_s, u"deepinfra/fp4"_s);
        deepinfra.quantization = u"fp4"_s;
        const QList known { chutes, groq, deepinfra };
        QCOMPARE(ProviderEligibility::eligible(preferences, known).size(), eligible);
        QCOMPARE(ProviderEligibility::problem(u"m"_s, preferences, known).isEmpty(), eligible > 0);
    }
};

QTEST_GUILESS_MAIN(TestRouteFixer)
#include "test_route_fixer.moc"
