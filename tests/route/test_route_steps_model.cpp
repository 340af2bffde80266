// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Fixtures.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

RoutePlan threeSteps()
{
    RoutePlan plan = RouteFile::demo(QUrl(u"http://127.0.0.1:1/api/v1"_s));
    plan.steps.append({ u"simulated"_s, { u"qwen/qwen3-235b-a22b-thinking-2507"_s, {}, {} }, true });
    return plan;
}

QStringList models(const RouteStepsModel &model)
{
    QStringList list;
    for (const RouteStep &step : model.plan().steps)
        list << step.target.model.section(u'/', 1);
    return list;
}

} // namespace

class TestRouteStepsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void move_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("first down") << 0 << 1 << QStringList { u"kimi-k2"_s, u"kimi-k2:free"_s, u"qwen3-235b-a22b-thinking-2507"_s };
        QTest::addRow("first to last") << 0 << 2 << QStringList { u"kimi-k2"_s, u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s };
        QTest::addRow("last up") << 2 << 1 << QStringList { u"kimi-k2:free"_s, u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2"_s };
    }

    void move()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QStringList, expected);
        RouteStepsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(threeSteps());
        QSignalSpy planChanged(&model, &RouteStepsModel::planChanged);
        QVERIFY(model.moveStep(from, to));
        QCOMPARE(models(model), expected);
        QCOMPARE(planChanged.size(), 1);
        QVERIFY(model.data(model.index(0)).toString().startsWith(u"moonshotai/"_s + expected.first()));
    }

    void dragAndDrop_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("dropRow");
        QTest::addColumn<QStringList>("expected");
        // A view drops "before row N"; N == rowCount() means at the end.
        QTest::addRow("drag first below second") << 0 << 2 << QStringList { u"kimi-k2"_s, u"kimi-k2:free"_s, u"qwen3-235b-a22b-thinking-2507"_s };
        QTest::addRow("drag first to the end") << 0 << 3 << QStringList { u"kimi-k2"_s, u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s };
        QTest::addRow("drag last to the top") << 2 << 0 << QStringList { u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s, u"kimi-k2"_s };
    }

    void dragAndDrop()
    {
        QFETCH(int, from);
        QFETCH(int, dropRow);
        QFETCH(QStringList, expected);
        RouteStepsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(threeSteps());
        std::unique_ptr<QMimeData> mime(model.mimeData({ model.index(from) }));
        QVERIFY(mime);
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, dropRow, 0, {}));
        QCOMPARE(models(model), expected);
    }

    void editing()
    {
        RouteStepsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(threeSteps());
        model.duplicateStep(0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.plan().steps[1], model.plan().steps[0]);
        model.removeStep(1);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.setData(model.index(1), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.plan().steps[1].enabled);
        model.addStep({ u"simulated"_s, { u"meta-llama/llama-3.3-70b-instruct"_s, {}, {} }, true });
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!model.moveStep(0, 9));
    }

    void problemsAreFlaggedOnTheStep()
    {
        RouteStepsModel model;
        RoutePlan plan = threeSteps();
        plan.steps[1].target.provider.only = { u"Groq"_s };
        plan.steps[1].target.provider.ignore = { u"Groq"_s };
        plan.steps[2].endpointId = u"gone"_s;
        model.setPlan(plan);
        QVERIFY(model.problems(0).isEmpty());
        QVERIFY(model.data(model.index(1), RouteStepsModel::ProblemsRole).toStringList().first().contains(u"excludes every provider"_s));
        QVERIFY(model.problems(2).first().contains(u"\"gone\""_s));
        model.setKnownModels({ u"moonshotai/kimi-k2"_s });
        QVERIFY(model.problems(0).first().contains(u"not in the model catalog"_s));
        QCOMPARE(model.problems(1).size(), 1); // known model, bad providers
    }
};

QTEST_GUILESS_MAIN(TestRouteStepsModel)
#include "test_route_steps_model.moc"
