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
    plan.steps.append(
        { u"simulated"_s, { u"qwen/qwen3-235b-a22b-thinking-2507"_s, {}, {} }, true });
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

class TestRouteStepsModel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void move_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("first down")
            << 0 << 1
            << QStringList { u"kimi-k2"_s, u"kimi-k2:free"_s, u"qwen3-235b-a22b-thinking-2507"_s };
        QTest::addRow("first to last")
            << 0 << 2
            << QStringList { u"kimi-k2"_s, u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s };
        QTest::addRow("last up") << 2 << 1
                                 << QStringList { u"kimi-k2:free"_s,
                                        u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2"_s };
    }

    void move()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QStringList, expected);
        RouteStepsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(threeSteps());
        QSignalSpy planChanged(&model, &RouteStepsModel::planChanged);
        QVERIFY(model.moveStep(from, to));
        QCOMPARE(models(model), expected);
        QCOMPARE(planChanged.size(), 1);
        QVERIFY(
            model.data(model.index(0)).toString().startsWith(u"moonshotai/"_s + expected.first()));
    }

    void dragAndDrop_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("dropRow");
        QTest::addColumn<QStringList>("expected");
        // A view drops "before row N"; N == rowCount() means at the end.
        QTest::addRow("drag first below second")
            << 0 << 2
            << QStringList { u"kimi-k2"_s, u"kimi-k2:free"_s, u"qwen3-235b-a22b-thinking-2507"_s };
        QTest::addRow("drag first to the end")
            << 0 << 3
            << QStringList { u"kimi-k2"_s, u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s };
        QTest::addRow("drag last to the top")
            << 2 << 0
            << QStringList { u"qwen3-235b-a22b-thinking-2507"_s, u"kimi-k2:free"_s, u"kimi-k2"_s };
    }

    void dragAndDrop()
    {
        QFETCH(int, from);
        QFETCH(int, dropRow);
        QFETCH(QStringList, expected);
        RouteStepsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(threeSteps());
        std::unique_ptr<QMimeData> mime(model.mimeData({ model.index(from) }));
        QVERIFY(mime);
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, dropRow, 0, {}));
        QCOMPARE(models(model), expected);
    }

    void editing()
    {
        RouteStepsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
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
        QVERIFY(model.data(model.index(1), RouteStepsModel::ProblemsRole)
                    .toStringList()
                    .first()
                    .contains(u"excludes every provider"_s));
        QVERIFY(model.problems(2).first().contains(u"\"gone\""_s));
        model.setKnownModels({ u"moonshotai/kimi-k2"_s });
        QVERIFY(model.problems(0).first().contains(u"not in the model catalog"_s));
        QCOMPARE(model.problems(1).size(), 1); // known model, bad providers
    }

    // The catalog is OpenRouter's: a model of the person's own server is not flagged by it.
    void catalogJudgesOnlyOpenRouterSteps()
    {
        RouteStepsModel model;
        RoutePlan plan = threeSteps();
        plan.endpoints.append({ u"ollama"_s, EndpointKind::OpenAiCompatible,
            QUrl(u"http://127.0.0.1:11434/v1"_s), {} });
        plan.steps.append({ u"ollama"_s, { u"llama3.2"_s, {}, {} }, true });
        model.setPlan(plan);
        int checked = 0;
        model.setProviderCheck([&checked](const QString &, const ProviderPreferences &) {
            ++checked;
            return u"No provider left."_s;
        });
        model.setKnownModels({ u"moonshotai/kimi-k2"_s });
        QVERIFY(model.problems(3).isEmpty());
        checked = 0;
        QVERIFY(model.problems(1).contains(u"No provider left."_s));
        QCOMPARE(checked, 1);
        QVERIFY(model.problems(0).first().contains(u"not in the model catalog"_s));
    }

    // In simulated mode each step says where it really goes: the simulator in place of a
    // remote server, or the person's own server on this computer, which is not redirected.
    void destinationSaysWhereEachStepGoes_data()
    {
        QTest::addColumn<QUrl>("simulator");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("simulated")
            << QUrl(u"http://127.0.0.1:4321/api/v1"_s)
            << QStringList {
                   u"→ built-in simulator (127.0.0.1:4321), instead of openrouter.ai"_s,
                   u"→ your server at localhost:11434, not the simulator"_s,
                   u"→ your server at [::1]:1234, not the simulator"_s,
                   u"→ built-in simulator (127.0.0.1:4321)"_s,
                   u"→ built-in simulator (127.0.0.1:4321), instead of 127.0.0.1:4000"_s,
                   QString(),
               };
        QTest::addRow("live") << QUrl()
                              << QStringList {
                                     u"→ openrouter.ai"_s,
                                     u"→ your server at localhost:11434"_s,
                                     u"→ your server at [::1]:1234"_s,
                                     u"→ your server at 127.0.0.1:4321"_s,
                                     u"→ your server at 127.0.0.1:4000"_s,
                                     QString(),
                                 };
    }

    void destinationSaysWhereEachStepGoes()
    {
        QFETCH(QUrl, simulator);
        QFETCH(QStringList, expected);
        RoutePlan plan;
        plan.name = u"mixed"_s;
        plan.endpoints = {
            { u"or"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
                u"OPENROUTER_API_KEY"_s },
            { u"ollama"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://localhost:11434/v1"_s),
                {} },
            { u"lmstudio"_s, EndpointKind::OpenAiCompatible, QUrl(u"http://[::1]:1234/v1"_s), {} },
            { u"sim"_s, EndpointKind::OpenRouter, QUrl(u"http://127.0.0.1:4321/api/v1"_s), {} },
            { u"oldsim"_s, EndpointKind::OpenRouter, QUrl(u"http://127.0.0.1:4000/api/v1"_s), {} },
        };
        for (const QString &endpoint :
            { u"or"_s, u"ollama"_s, u"lmstudio"_s, u"sim"_s, u"oldsim"_s, u"gone"_s })
            plan.steps.append({ endpoint, { u"some/model"_s, {}, {} }, true });
        RouteStepsModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan(plan);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSimulatorUrl(simulator);
        QCOMPARE(changed.size(), simulator.isEmpty() ? 0 : 1); // live is where it started
        QCOMPARE(model.redirect().isActive(), !simulator.isEmpty());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            QCOMPARE(index.data(RouteStepsModel::DestinationRole).toString(), expected[row]);
            QCOMPARE(model.destination(row), expected[row]);
            if (!expected[row].isEmpty()) {
                QVERIFY(index.data(Qt::ToolTipRole).toString().contains(expected[row]));
                QVERIFY(
                    index.data(Qt::AccessibleDescriptionRole).toString().contains(expected[row]));
            }
        }
        // What the engine is handed follows the same rule as what the steps say.
        const RoutePlan sent = model.redirect().applied(model.plan());
        QCOMPARE(sent.endpoints[0].baseUrl.host(),
            simulator.isEmpty() ? u"openrouter.ai"_s : u"127.0.0.1"_s);
        QCOMPARE(sent.endpoints[1].baseUrl, plan.endpoints[1].baseUrl);
        QCOMPARE(sent.endpoints[2].baseUrl, plan.endpoints[2].baseUrl);

        // Back to live (or staying there): the steps say so at once.
        model.setSimulatorUrl({});
        QCOMPARE(model.destination(0), u"→ openrouter.ai"_s);
    }
};

QTEST_GUILESS_MAIN(TestRouteStepsModel)
#include "test_route_steps_model.moc"
