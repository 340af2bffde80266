// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// SimTimer: the simulator's timeline timer fires once, never before its
// deadline, and not at all once stopped or replaced.
#include "sim/SimTimer.h"

#include <QSignalSpy>
#include <QTest>

using namespace detour;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

class TestSimTimer final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void firesOnceNotBeforeItsDeadline_data()
    {
        QTest::addColumn<int>("inMs"); // from now; negative: already past
        QTest::addRow("already past") << -5;
        QTest::addRow("now") << 0;
        QTest::addRow("in 1 ms") << 1;
        QTest::addRow("in 7 ms") << 7;
        QTest::addRow("in 30 ms") << 30;
    }

    void firesOnceNotBeforeItsDeadline()
    {
        QFETCH(int, inMs);
        SimTimer timer;
        SimTimer::Clock::time_point firedAt;
        connect(&timer, &SimTimer::timeout, this, [&firedAt] { firedAt = SimTimer::Clock::now(); });
        QSignalSpy spy(&timer, &SimTimer::timeout);
        const SimTimer::Clock::time_point deadline = SimTimer::Clock::now() + milliseconds(inMs);
        timer.startAt(deadline);
        QVERIFY(timer.isActive());
        QVERIFY(spy.wait(5000));
        QVERIFY(firedAt >= deadline);
        QVERIFY(!timer.isActive());
        QTest::qWait(50); // a single shot: nothing more comes
        QCOMPARE(spy.count(), 1);
    }

    void aNewDeadlineReplacesThePendingOne_data()
    {
        QTest::addColumn<int>("firstMs");
        QTest::addColumn<int>("secondMs");
        QTest::addRow("moved earlier") << 200 << 5;
        QTest::addRow("moved later") << 5 << 40;
    }

    void aNewDeadlineReplacesThePendingOne()
    {
        QFETCH(int, firstMs);
        QFETCH(int, secondMs);
        SimTimer timer;
        SimTimer::Clock::time_point firedAt;
        connect(&timer, &SimTimer::timeout, this, [&firedAt] { firedAt = SimTimer::Clock::now(); });
        QSignalSpy spy(&timer, &SimTimer::timeout);
        const SimTimer::Clock::time_point start = SimTimer::Clock::now();
        timer.startAt(start + milliseconds(firstMs));
        timer.startAt(start + milliseconds(secondMs));
        QVERIFY(spy.wait(5000));
        QVERIFY(firedAt >= start + milliseconds(secondMs));
        QTest::qWait(std::max(firstMs, secondMs) + 50);
        QCOMPARE(spy.count(), 1);
    }

    void stoppedItNeverFires_data()
    {
        QTest::addColumn<int>("inMs");
        QTest::addRow("before its deadline") << 10;
        QTest::addRow("after its deadline, before the loop saw it") << -1;
    }

    void stoppedItNeverFires()
    {
        QFETCH(int, inMs);
        SimTimer timer;
        QSignalSpy spy(&timer, &SimTimer::timeout);
        timer.startAt(SimTimer::Clock::now() + milliseconds(inMs));
        if (inMs < 0)
            QTest::qSleep(2); // expired in the kernel, not yet delivered
        timer.stop();
        QVERIFY(!timer.isActive());
        QTest::qWait(60);
        QCOMPARE(spy.count(), 0);
        // and it can be started again
        timer.startAt(SimTimer::Clock::now() + 1ms);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSimTimer)
#include "test_sim_timer.moc"
