// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// QuickSwitchModel: routes and catalog models together, filtered, recent picks first; and
// RouteChoices::chooseModel, which keeps a picked model for the conversation.

#include "QuickSwitchRig.h"
#include "chat/ChatSession.h"
#include "chat/QuickSwitchModel.h"
#include "chat/RouteChoices.h"
#include "route/RouteStepsModel.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const Endpoint openRouter { u"openrouter"_s, EndpointKind::OpenRouter,
    QUrl(u"https://openrouter.ai/api/v1"_s), u"OPENROUTER_API_KEY"_s };

RoutePlan savedRoute(const QString &name)
{
    RoutePlan plan;
    plan.name = name;
    plan.endpoints.append(openRouter);
    plan.steps.append({ openRouter.id, { u"meta-llama/llama-3.3-70b-instruct"_s, {}, {} }, true });
    return plan;
}

QList<ModelInfo> catalogModels()
{
    ModelInfo vision;
    vision.id = u"acme/vision-1"_s;
    vision.name = u"Acme: Vision 1"_s;
    vision.contextLength = 131072;
    vision.promptPrice = 0.0000006;
    vision.completionPrice = 0.0000024;
    vision.inputModalities = { u"text"_s, u"image"_s };
    ModelInfo free;
    free.id = u"acme/chat-2:free"_s;
    free.name = u"Acme: Chat 2 (free)"_s;
    free.contextLength = 32000;
    free.promptPrice = 0;
    free.completionPrice = 0;
    free.inputModalities = { u"text"_s };
    return { vision, free };
}

} // namespace

class TestQuickSwitchModel : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    testing::QuickSwitchRig m_rig;

    void start() { m_rig.restart(m_dir->filePath(u"detour.ini"_s), openRouter, catalogModels()); }

    QStringList names() const
    {
        QStringList all;
        for (int row = 0; row < m_rig.model->rowCount(); ++row)
            all << m_rig.model->index(row).data(QuickSwitchModel::NameRole).toString();
        return all;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        start();
        QVERIFY(m_rig.settings->routeLibrary().setRoute(savedRoute(u"mine"_s)));
    }

    void listsRoutesThenModels()
    {
        QAbstractItemModelTester tester(
            m_rig.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(names(),
            QStringList({ u"free first"_s, u"mine"_s, u"acme/vision-1"_s, u"acme/chat-2:free"_s }));
        const QModelIndex route = m_rig.model->index(1);
        QCOMPARE(route.data(QuickSwitchModel::KindRole).value<QuickSwitchModel::Kind>(),
            QuickSwitchModel::Kind::Route);
        const QModelIndex vision = m_rig.model->index(2);
        QCOMPARE(vision.data(QuickSwitchModel::KindRole).value<QuickSwitchModel::Kind>(),
            QuickSwitchModel::Kind::Model);
        QCOMPARE(vision.data(QuickSwitchModel::ContextLengthRole).toLongLong(), 131072);
        QCOMPARE(vision.data(QuickSwitchModel::PromptPriceRole).toDouble(), 0.6);
        QCOMPARE(vision.data(QuickSwitchModel::CompletionPriceRole).toDouble(), 2.4);
        QCOMPARE(vision.data(QuickSwitchModel::IsFreeRole).toBool(), false);
        QCOMPARE(vision.data(QuickSwitchModel::InputModalitiesRole).toStringList(),
            QStringList({ u"text"_s, u"image"_s }));
        QVERIFY(!vision.data(QuickSwitchModel::ProviderCountRole).isValid()); // no catalog
        const QString display = vision.data().toString();
        QVERIFY2(display.contains(u"Acme: Vision 1"_s) && display.contains(u"131K"_s)
                && display.contains(u"$0.60"_s) && display.contains(u"$2.40"_s)
                && display.contains(u"paid"_s) && display.contains(u"text, image"_s),
            qPrintable(display));
        QVERIFY(m_rig.model->index(3).data(QuickSwitchModel::IsFreeRole).toBool());
        QVERIFY(m_rig.model->index(3).data().toString().contains(u"free"_s));
    }

    void filtersByEveryWord_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("nothing typed") << QString()
                                       << QStringList { u"free first"_s, u"mine"_s,
                                              u"acme/vision-1"_s, u"acme/chat-2:free"_s };
        QTest::addRow("by id") << u"VISION"_s << QStringList { u"acme/vision-1"_s };
        QTest::addRow("by name") << u"chat 2"_s << QStringList { u"acme/chat-2:free"_s };
        QTest::addRow("routes and models")
            << u"free"_s << QStringList { u"free first"_s, u"acme/chat-2:free"_s };
        QTest::addRow("no match") << u"zebra"_s << QStringList {};
    }

    void filtersByEveryWord()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        QAbstractItemModelTester tester(
            m_rig.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_rig.model->setFilterText(filter);
        QCOMPARE(names(), expected);
    }

    void recentPicksComeFirstAndAreKept()
    {
        m_rig.model->notePicked(QuickSwitchModel::Kind::Model, u"acme/chat-2:free"_s);
        m_rig.model->notePicked(QuickSwitchModel::Kind::Route, u"mine"_s);
        QCOMPARE(names(),
            QStringList({ u"mine"_s, u"acme/chat-2:free"_s, u"free first"_s, u"acme/vision-1"_s }));
        QVERIFY(m_rig.model->index(0).data(QuickSwitchModel::RecentRole).toBool());
        QVERIFY(!m_rig.model->index(2).data(QuickSwitchModel::RecentRole).toBool());
        start(); // the settings file is read again
        QCOMPARE(m_rig.settings->recentPicks(),
            QStringList({ u"route:mine"_s, u"model:acme/chat-2:free"_s }));
        QCOMPARE(names().first(), u"mine"_s);
        for (int pick = 0; pick < Settings::maxRecentPicks + 3; ++pick)
            m_rig.settings->notePick(u"route:r%1"_s.arg(pick));
        QCOMPARE(m_rig.settings->recentPicks().size(), Settings::maxRecentPicks);
    }

    void aModelAloneOrInFrontIsKeptForTheConversation()
    {
        m_rig.choices->setConversation(7);
        m_rig.choices->choose(u"mine"_s);
        const Result<QString> only =
            m_rig.choices->chooseModel(u"acme/vision-1"_s, RouteChoices::ModelUse::Only);
        QVERIFY2(only, qPrintable(only.error()));
        QCOMPARE(m_rig.choices->activeRoute().steps.size(), 1);
        QCOMPARE(m_rig.choices->activeRoute().steps[0].target.model, u"acme/vision-1"_s);
        QCOMPARE(m_rig.session->plan().steps[0].target.model, u"acme/vision-1"_s);
        QCOMPARE(m_rig.settings->routeLibrary().defaultRouteName(), u"mine"_s); // not the default

        m_rig.choices->choose(u"mine"_s);
        const Result<QString> inFront =
            m_rig.choices->chooseModel(u"acme/vision-1"_s, RouteChoices::ModelUse::InFront);
        QVERIFY(inFront);
        QCOMPARE(*inFront, u"acme/vision-1 → mine"_s);
        const RoutePlan plan = m_rig.choices->activeRoute();
        QCOMPARE(plan.steps.size(), 2);
        QCOMPARE(plan.steps[0].target.model, u"acme/vision-1"_s);
        QCOMPARE(plan.steps[1].target.model, u"meta-llama/llama-3.3-70b-instruct"_s);
        QVERIFY(plan.validate().isEmpty());

        // Another conversation, then back: and after a restart.
        m_rig.choices->setConversation(8);
        m_rig.choices->choose(u"free first"_s);
        m_rig.choices->setConversation(7);
        QCOMPARE(m_rig.choices->activeRoute().name, *inFront);
        start();
        m_rig.choices->setConversation(7);
        QCOMPARE(m_rig.choices->activeRoute().name, *inFront);
        QCOMPARE(m_rig.choices->activeRoute().steps[0].target.model, u"acme/vision-1"_s);
        QVERIFY(!m_rig.choices->chooseModel(u"not an id"_s, RouteChoices::ModelUse::Only));
    }

    void aPickInANewChatIsKeptOnceItIsStored()
    {
        m_rig.choices->setConversation(0);
        const Result<QString> picked =
            m_rig.choices->chooseModel(u"acme/chat-2:free"_s, RouteChoices::ModelUse::Only);
        QVERIFY(picked);
        m_rig.choices->setConversation(12); // the first message stored it
        QCOMPARE(m_rig.settings->routeLibrary().conversationRoute(u"12"_s), *picked);
    }
};

QTEST_GUILESS_MAIN(TestQuickSwitchModel)
#include "test_quick_switch_model.moc"
