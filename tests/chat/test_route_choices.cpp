// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// RouteChoices: which routes the picker offers, which one is active, and that
// every edit of the active route is kept and reaches the session.

#include "chat/ChatSession.h"
#include "chat/RouteChoices.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"
#include "settings/RouteLibrary.h"
#include "settings/Settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QUrl simulator(u"http://127.0.0.1:4100/api/v1"_s);
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

QStringList names(const RouteChoices &choices)
{
    QStringList all;
    for (int row = 0; row < choices.rowCount(); ++row)
        all << choices.index(row).data(RouteChoices::NameRole).toString();
    return all;
}

} // namespace

class TestRouteChoices : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<RouteEngine> m_engine;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<RouteStepsModel> m_steps;
    std::unique_ptr<RouteChoices> m_choices;

    void start(const QUrl &simulatorUrl)
    {
        m_settings = std::make_unique<Settings>(m_dir->filePath(u"detour.ini"_s));
        m_engine = std::make_unique<RouteEngine>();
        m_session = std::make_unique<ChatSession>(m_engine.get());
        m_steps = std::make_unique<RouteStepsModel>();
        m_choices = std::make_unique<RouteChoices>(
            &m_settings->routeLibrary(), m_steps.get(), m_session.get(), openRouter);
        m_choices->setSimulator(simulatorUrl);
        m_choices->select(m_settings->routeLibrary().defaultRouteName());
    }

    void restart(const QUrl &simulatorUrl)
    {
        m_choices.reset();
        m_steps.reset();
        m_session.reset();
        m_engine.reset();
        m_settings.reset();
        start(simulatorUrl);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void offersTheBuiltInRouteAndTheSavedOnes_data()
    {
        QTest::addColumn<bool>("simulated");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("builtInLabel");
        QTest::newRow("simulator")
            << true << QStringList { u"demo"_s, u"mine"_s } << u"Demo route (simulated)"_s;
        QTest::newRow("live") << false << QStringList { u"free first"_s, u"mine"_s }
                              << u"free first"_s;
    }

    void offersTheBuiltInRouteAndTheSavedOnes()
    {
        QFETCH(bool, simulated);
        QFETCH(QStringList, expected);
        QFETCH(QString, builtInLabel);
        start(simulated ? simulator : QUrl());
        QVERIFY(m_settings->routeLibrary().setRoute(savedRoute(u"mine"_s)));
        QCOMPARE(names(*m_choices), expected);
        QCOMPARE(m_choices->index(0).data().toString(), builtInLabel);
        QCOMPARE(m_choices->activeRoute().name, expected.constFirst());
    }

    void editsAreKeptAndReachTheSession()
    {
        start(simulator);
        QSignalSpy changed(m_choices.get(), &RouteChoices::activeRouteChanged);
        QVERIFY(m_steps->moveStep(0, 1));
        QCOMPARE(changed.count(), 1);
        const std::optional<RoutePlan> kept = m_settings->routeLibrary().route(u"demo"_s);
        QVERIFY(kept);
        QCOMPARE(kept->steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_session->plan().steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_session->plan().endpoints[0].baseUrl, simulator);

        // The next start runs on another port; the edited demo route follows the simulator.
        const QUrl nextSimulator(u"http://127.0.0.1:4200/api/v1"_s);
        restart(nextSimulator);
        QCOMPARE(m_choices->activeRoute().steps[0].target.model, u"moonshotai/kimi-k2"_s);
        QCOMPARE(m_session->plan().endpoints[0].baseUrl, nextSimulator);
    }

    void aConversationKeepsTheRouteItWasChattedOn()
    {
        start(QUrl());
        QVERIFY(m_settings->routeLibrary().setRoute(savedRoute(u"mine"_s)));
        m_choices->setConversation(7);
        m_choices->choose(u"mine"_s);
        QCOMPARE(m_settings->routeLibrary().defaultRouteName(), u"mine"_s);
        m_choices->setConversation(0);
        m_choices->choose(u"free first"_s);
        QCOMPARE(m_choices->activeRoute().name, u"free first"_s);
        m_choices->setConversation(7);
        QCOMPARE(m_choices->activeRoute().name, u"mine"_s);
        // A conversation with no route of its own leaves the active one alone.
        m_choices->select(u"free first"_s);
        m_choices->setConversation(8);
        QCOMPARE(m_choices->activeRoute().name, u"free first"_s);
    }

    void goingLiveLeavesTheDemoRoute()
    {
        start(simulator);
        QVERIFY(m_settings->routeLibrary().setRoute(savedRoute(u"mine"_s)));
        m_settings->routeLibrary().setDefaultRouteName(u"mine"_s);
        QCOMPARE(m_choices->activeRoute().name, u"demo"_s);
        m_choices->setSimulator(QUrl());
        QCOMPARE(m_choices->activeRoute().name, u"mine"_s);
        QVERIFY(!names(*m_choices).contains(u"demo"_s));
        QCOMPARE(m_session->plan().endpoints[0].baseUrl, openRouter.baseUrl);
    }

    void saveAsNeedsAName()
    {
        start(QUrl());
        QVERIFY(!m_choices->saveAs(u"  "_s));
        QVERIFY(m_choices->saveAs(u"copy"_s));
        QCOMPARE(m_choices->activeRoute().name, u"copy"_s);
        QVERIFY(names(*m_choices).contains(u"copy"_s));
        QCOMPARE(m_settings->routeLibrary().defaultRouteName(), u"copy"_s);
    }

    void importAndExportGoThroughFiles()
    {
        start(QUrl());
        const QString path = m_dir->filePath(u"route.json"_s);
        QVERIFY(m_choices->exportFile(path, false));
        restart(QUrl());
        QVERIFY(!m_choices->importFile(m_dir->filePath(u"missing.json"_s)));
        const Result<QString> imported = m_choices->importFile(path);
        QVERIFY(imported);
        QCOMPARE(m_choices->activeRoute().name, *imported);
    }
};

QTEST_GUILESS_MAIN(TestRouteChoices)
#include "test_route_choices.moc"
