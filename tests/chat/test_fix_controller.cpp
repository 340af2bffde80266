// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// FixController: what each of the inspector's fixes does, without a window.

#include "chat/ChatSession.h"
#include "chat/FixController.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestFixController : public QObject {
    Q_OBJECT

    RouteEngine m_engine;
    ChatSession m_session { &m_engine };
    RouteStepsModel m_steps;

    Attempt attemptAt(int step) const
    {
        Attempt attempt;
        attempt.stepIndex = step;
        attempt.endpointId = m_steps.plan().steps[step].endpointId;
        attempt.endpointKind = EndpointKind::OpenRouter;
        attempt.requestedModel = m_steps.plan().steps[step].target.model;
        attempt.provider = u"Chutes"_s;
        attempt.outcome = Outcome::RateLimitedUpstream;
        return attempt;
    }

private Q_SLOTS:
    void init() { m_steps.setPlan(RouteFile::demo(QUrl(u"http://127.0.0.1:4100/api/v1"_s))); }

    void aRouteChangeIsMadeOnceAndShown()
    {
        FixController fixes(&m_session, &m_steps);
        QSignalSpy message(&fixes, &FixController::message);
        QSignalSpy step(&fixes, &FixController::stepRequested);
        const Attempt limited = attemptAt(0);
        QVERIFY(fixes.check(RouteFixer::Change::MoveStepDown, limited));
        fixes.applyChange(RouteFixer::Change::MoveStepDown, limited);
        QCOMPARE(m_steps.plan().steps[1].target.model, u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(message.count(), 1);
        QCOMPARE(step.count(), 1);
        QCOMPARE(step.at(0).at(0).toInt(), 1); // the step, where it went
        // Done once, the same fix would undo it: it is refused, with the reason.
        QVERIFY(!fixes.check(RouteFixer::Change::MoveStepDown, limited));
        fixes.applyChange(RouteFixer::Change::MoveStepDown, limited);
        QCOMPARE(m_steps.plan().steps[1].target.model, u"moonshotai/kimi-k2:free"_s);
        QCOMPARE(message.count(), 2);
        QCOMPARE(step.count(), 1);
    }

    void pagesOpenForWhatOnlyTheAccountCanFix_data()
    {
        QTest::addColumn<Fix>("fix");
        QTest::addColumn<QString>("page");
        QTest::newRow("BYOK") << Fix::Byok << u"https://openrouter.ai/settings/integrations"_s;
        QTest::newRow("credits") << Fix::AddCredits << u"https://openrouter.ai/settings/credits"_s;
        QTest::newRow("key") << Fix::CheckKey << u"https://openrouter.ai/settings/keys"_s;
    }

    void pagesOpenForWhatOnlyTheAccountCanFix()
    {
        QFETCH(Fix, fix);
        QFETCH(QString, page);
        FixController fixes(&m_session, &m_steps);
        QSignalSpy link(&fixes, &FixController::linkRequested);
        fixes.applyFix(fix, attemptAt(0));
        QCOMPARE(link.count(), 1);
        QCOMPARE(link.at(0).at(0).toUrl(), QUrl(page));
    }

    void changeModelShowsTheStep()
    {
        FixController fixes(&m_session, &m_steps);
        QSignalSpy step(&fixes, &FixController::stepRequested);
        fixes.applyFix(Fix::ChangeModel, attemptAt(1));
        QCOMPARE(step.count(), 1);
        QCOMPARE(step.at(0).at(0).toInt(), 1);
    }

    void waitCountsDownTheServersRetryAfter()
    {
        FixController fixes(&m_session, &m_steps);
        QSignalSpy countdown(&fixes, &FixController::retryCountdown);
        Attempt limited = attemptAt(0);
        limited.retryAfterS = 1.2; // rounded up: never earlier than the server asked
        fixes.applyFix(Fix::Wait, limited);
        QVERIFY(fixes.isCountingDown());
        QTRY_COMPARE_WITH_TIMEOUT(countdown.count(), 3, 5000);
        QCOMPARE(countdown.at(0).at(0).toInt(), 2);
        QCOMPARE(countdown.at(1).at(0).toInt(), 1);
        QCOMPARE(countdown.at(2).at(0).toInt(), 0); // and then it retries
        QVERIFY(!fixes.isCountingDown());
    }
};

QTEST_GUILESS_MAIN(TestFixController)
#include "test_fix_controller.moc"
