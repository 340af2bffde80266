// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "route/StepHistory.h"
#include "route/StepRanker.h"

#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// A history given as a table: model -> record (every step uses one endpoint).
class TableHistory final : public StepHistory {
public:
    QHash<QString, StepRecord> records;

    std::optional<StepRecord> record(const QString &endpointId, const QString &model) const override
    {
        if (endpointId != u"or"_s || !records.contains(model))
            return std::nullopt;
        return records.value(model);
    }
};

StepRecord measured(int tries, int served, std::optional<double> tokensPerSecond,
    std::optional<double> medianTtftMs)
{
    return { tries, served, tokensPerSecond, medianTtftMs, std::nullopt, 0 };
}

RouteStep stepFor(const QString &model)
{
    RouteStep step;
    step.endpointId = u"or"_s;
    step.target.model = model;
    return step;
}

} // namespace

Q_DECLARE_METATYPE(RouteSort)

class TestStepRanker final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void order_data()
    {
        QTest::addColumn<RouteSort>("sort");
        QTest::addColumn<QList<qsizetype>>("expected");

        // Steps a..e; history: a slow and reliable, b fast and flaky, c unknown,
        // d middling, e tried but never streamed a token.
        QTest::addRow("none keeps the arranged order")
            << RouteSort::None << QList<qsizetype> { 0, 1, 2, 3, 4 };
        QTest::addRow("throughput: fastest first, unknown after")
            << RouteSort::Throughput << QList<qsizetype> { 1, 3, 0, 2, 4 };
        QTest::addRow("latency: shortest median first")
            << RouteSort::Latency << QList<qsizetype> { 3, 1, 0, 2, 4 };
        QTest::addRow("success rate: smoothed, most reliable first")
            << RouteSort::SuccessRate << QList<qsizetype> { 0, 3, 1, 4, 2 };
    }

    void order()
    {
        QFETCH(RouteSort, sort);
        QFETCH(QList<qsizetype>, expected);
        RoutePlan plan;
        for (const QString &model : { u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s })
            plan.steps.append(stepFor(model));
        plan.policy.sort = sort;
        TableHistory history;
        history.records.insert(u"a"_s, measured(40, 40, 20.0, 900.0));
        history.records.insert(u"b"_s, measured(10, 5, 300.0, 400.0));
        history.records.insert(u"d"_s, measured(10, 9, 80.0, 250.0));
        history.records.insert(u"e"_s, measured(3, 0, std::nullopt, std::nullopt));
        QCOMPARE(StepRanker::order(plan, &history), expected);
    }

    void withoutHistoryTheOrderStands()
    {
        RoutePlan plan;
        plan.steps = { stepFor(u"a"_s), stepFor(u"b"_s) };
        plan.policy.sort = RouteSort::Throughput;
        QCOMPARE(StepRanker::order(plan, nullptr), (QList<qsizetype> { 0, 1 }));
    }

    void tiesKeepTheArrangedOrder()
    {
        RoutePlan plan;
        for (const QString &model : { u"x"_s, u"y"_s, u"z"_s })
            plan.steps.append(stepFor(model));
        plan.policy.sort = RouteSort::SuccessRate;
        TableHistory history;
        history.records.insert(u"x"_s, measured(4, 2, std::nullopt, std::nullopt));
        history.records.insert(u"y"_s, measured(8, 8, std::nullopt, std::nullopt));
        history.records.insert(u"z"_s, measured(4, 2, std::nullopt, std::nullopt));
        QCOMPARE(StepRanker::order(plan, &history), (QList<qsizetype> { 1, 0, 2 }));
    }

    void smoothedSuccessRate_data()
    {
        QTest::addColumn<int>("served");
        QTest::addColumn<int>("tries");
        QTest::addColumn<double>("rate");
        QTest::addRow("no tries") << 0 << 0 << 0.5;
        QTest::addRow("one lucky try") << 1 << 1 << 2.0 / 3.0;
        QTest::addRow("long record") << 19 << 20 << 20.0 / 22.0;
        QTest::addRow("always failing") << 0 << 8 << 0.1;
    }

    void smoothedSuccessRate()
    {
        QFETCH(int, served);
        QFETCH(int, tries);
        QFETCH(double, rate);
        QCOMPARE(StepRanker::smoothedSuccessRate(served, tries), rate);
    }
};

QTEST_GUILESS_MAIN(TestStepRanker)
#include "test_step_ranker.moc"
