// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// What hedge_after_ms means per step: off, a fixed delay, or "auto" from the
// step's 90th-percentile time to first token (or three medians when that is
// sooner: a heavy tail), kept between the floor and the cap,
// with the rule for a step without (enough) history; and the route editor's words.
#include "route/HedgeDelay.h"
#include "route/StepHistory.h"

#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using namespace std::chrono_literals;

namespace {

class TableHistory final : public StepHistory {
public:
    QHash<QString, StepRecord> records; // by model

    std::optional<StepRecord> record(const QString &, const QString &model) const override
    {
        const auto it = records.constFind(model);
        return it == records.constEnd() ? std::nullopt : std::optional(*it);
    }
};

StepRecord withP90(double p90Ms, int firstTokens, double medianMs = -1)
{
    StepRecord record;
    if (medianMs >= 0)
        record.medianTimeToFirstTokenMs = medianMs;
    record.tries = firstTokens;
    record.served = firstTokens;
    record.p90TimeToFirstTokenMs = p90Ms;
    record.firstTokens = firstTokens;
    return record;
}

RoutePlan twoSteps()
{
    RoutePlan plan;
    plan.endpoints.append(
        { u"or"_s, EndpointKind::OpenRouter, QUrl(u"https://x.invalid/v1"_s), QString() });
    plan.steps.append({ u"or"_s, { u"a/model"_s, {}, {} }, true });
    plan.steps.append({ u"or"_s, { u"b/model"_s, {}, {} }, true });
    return plan;
}

} // namespace

class TestHedgeDelay final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void forStep_data()
    {
        QTest::addColumn<qint64>("hedgeAfterMs");
        QTest::addColumn<bool>("automatic");
        QTest::addColumn<double>("p90Ms"); // < 0: no history
        QTest::addColumn<double>("medianMs"); // < 0: not known
        QTest::addColumn<int>("firstTokens");
        QTest::addColumn<qint64>("expectedMs"); // < 0: no hedge
        QTest::addColumn<bool>("fromHistory");
        QTest::addRow("off") << qint64(0) << false << 2000.0 << -1.0 << 50 << qint64(-1) << false;
        QTest::addRow("fixed") << qint64(1500) << false << 9000.0 << 100.0 << 50 << qint64(1500)
                               << false;
        QTest::addRow("auto, p90 within bounds")
            << qint64(0) << true << 1800.0 << -1.0 << 50 << qint64(1800) << true;
        QTest::addRow("auto, p90 below the floor")
            << qint64(0) << true << 250.0 << -1.0 << 50 << qint64(1000) << true;
        QTest::addRow("auto, p90 above the cap")
            << qint64(0) << true << 45000.0 << -1.0 << 50 << qint64(10000) << true;
        QTest::addRow("auto, no history")
            << qint64(0) << true << -1.0 << -1.0 << 0 << qint64(4000) << false;
        QTest::addRow("auto, too few first tokens")
            << qint64(0) << true << 1800.0 << 100.0 << 4 << qint64(4000) << false;
        QTest::addRow("auto, light tail: p90 within three medians")
            << qint64(0) << true << 1800.0 << 900.0 << 50 << qint64(1800) << true;
        QTest::addRow("auto, heavy tail: three medians sooner than p90")
            << qint64(0) << true << 4500.0 << 600.0 << 50 << qint64(1800) << true;
        QTest::addRow("auto, heavy tail, three medians below the floor")
            << qint64(0) << true << 3200.0 << 100.0 << 50 << qint64(1000) << true;
        QTest::addRow("auto, three medians above the cap")
            << qint64(0) << true << 45000.0 << 20000.0 << 50 << qint64(10000) << true;
        QTest::addRow("auto ignores a fixed value")
            << qint64(700) << true << 2400.0 << -1.0 << 5 << qint64(2400) << true;
    }

    void forStep()
    {
        QFETCH(qint64, hedgeAfterMs);
        QFETCH(bool, automatic);
        QFETCH(double, p90Ms);
        QFETCH(double, medianMs);
        QFETCH(int, firstTokens);
        QFETCH(qint64, expectedMs);
        QFETCH(bool, fromHistory);
        RoutePlan plan = twoSteps();
        plan.policy.hedgeAfter = milliseconds(hedgeAfterMs);
        plan.policy.hedgeAuto = automatic;
        TableHistory history;
        if (p90Ms >= 0)
            history.records.insert(u"a/model"_s, withP90(p90Ms, firstTokens, medianMs));
        const auto delay = HedgeDelay::forStep(plan.policy, plan.steps[0], &history);
        QCOMPARE(delay.has_value(), expectedMs >= 0);
        if (!delay)
            return;
        QCOMPARE(delay->after.count(), expectedMs);
        QCOMPARE(delay->fromHistory, fromHistory);
        QCOMPARE(HedgeDelay::perStep(plan, &history).first(), std::optional(delay->after));
    }

    void describesAuto()
    {
        RoutePlan plan = twoSteps();
        TableHistory history;
        QCOMPARE(HedgeDelay::autoDescription(plan, &history), QString()); // not "auto"
        plan.policy.hedgeAuto = true;
        QCOMPARE(HedgeDelay::autoDescription(plan, nullptr), u"auto: 4.0 s (no history)"_s);
        history.records.insert(u"a/model"_s, withP90(1800, 20));
        QCOMPARE(HedgeDelay::autoDescription(plan, &history),
            u"auto: 1.8 s for step 1 (from history), 4.0 s for step 2 (no history)"_s);
        history.records.insert(u"b/model"_s, withP90(2400, 20));
        QCOMPARE(HedgeDelay::autoDescription(plan, &history),
            u"auto: 1.8 s for step 1 (from history), 2.4 s for step 2 (from history)"_s);
    }
};

QTEST_GUILESS_MAIN(TestHedgeDelay)
#include "test_hedge_delay.moc"
