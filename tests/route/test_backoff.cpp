// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "route/Backoff.h"

#include <QTest>

using namespace detour;
using std::chrono::milliseconds;

class TestBackoff final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bounds_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("retryAfterS"); // < 0: none
        QTest::addColumn<qint64>("lower");
        QTest::addColumn<qint64>("upper");

        // base 500 ms, cap 15 s
        QTest::addRow("first retry") << 0 << -1.0 << qint64(250) << qint64(500);
        QTest::addRow("second retry") << 1 << -1.0 << qint64(500) << qint64(1000);
        QTest::addRow("fourth retry") << 3 << -1.0 << qint64(2000) << qint64(4000);
        QTest::addRow("capped") << 10 << -1.0 << qint64(7500) << qint64(15000);
        QTest::addRow("huge retry count does not overflow")
            << 1000 << -1.0 << qint64(7500) << qint64(15000);
        QTest::addRow("retry-after raises the floor") << 0 << 8.0 << qint64(8000) << qint64(8000);
        QTest::addRow("fractional retry-after rounds up")
            << 0 << 1.2345 << qint64(1235) << qint64(1235);
        QTest::addRow("retry-after below backoff") << 3 << 0.1 << qint64(2000) << qint64(4000);
        QTest::addRow("retry-after over the cap is capped")
            << 0 << 3600.0 << qint64(15000) << qint64(15000);
        QTest::addRow("negative retry-after ignored") << 0 << -5.0 << qint64(250) << qint64(500);
    }

    void bounds()
    {
        QFETCH(int, retry);
        QFETCH(double, retryAfterS);
        QFETCH(qint64, lower);
        QFETCH(qint64, upper);
        const std::optional<double> serverWait =
            retryAfterS < 0 ? std::nullopt : std::optional(retryAfterS);
        Backoff backoff(milliseconds(500), milliseconds(15'000), 42);
        QCOMPARE(backoff.lowerBound(retry, serverWait).count(), lower);
        QCOMPARE(backoff.upperBound(retry, serverWait).count(), upper);
        for (int sample = 0; sample < 200; ++sample) {
            const qint64 delay = backoff.delay(retry, serverWait).count();
            QVERIFY2(delay >= lower && delay <= upper, qPrintable(QString::number(delay)));
        }
    }

    void jitterSpreadsDelays()
    {
        Backoff backoff(milliseconds(1000), milliseconds(60'000), 7);
        QSet<qint64> seen;
        for (int sample = 0; sample < 50; ++sample)
            seen.insert(backoff.delay(2, std::nullopt).count());
        QVERIFY2(seen.size() > 10, "equal jitter should spread retries of many clients");
    }

    void sameSeedSameSequence()
    {
        Backoff first(milliseconds(500), milliseconds(15'000), 99);
        Backoff second(milliseconds(500), milliseconds(15'000), 99);
        for (int retry = 0; retry < 6; ++retry)
            QCOMPARE(first.delay(retry, std::nullopt), second.delay(retry, std::nullopt));
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "test_backoff.moc"
