// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FirstPaintReporter.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace

class TestFirstPaintReporter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reportsTheFirstPaintOnce()
    {
        QLabel window(u"Detour"_s);
        auto *reporter = new FirstPaintReporter(&window);
        QSignalSpy painted(reporter, &FirstPaintReporter::firstPainted);
        QTest::qWait(20);
        QCOMPARE(painted.size(), 0); // nothing is painted before the window is shown
        const qint64 before = monotonicNs();
        window.show();
        QVERIFY(painted.wait());
        const qint64 after = monotonicNs();
        const qint64 at = painted.first().at(0).toLongLong();
        QVERIFY2(at >= before && at <= after, "the time is CLOCK_MONOTONIC, taken after show()");
        QVERIFY(painted.first().at(1).toLongLong() > 0); // the process has used some CPU
        window.repaint();
        window.setText(u"repainted"_s);
        QTest::qWait(50);
        QCOMPARE(painted.size(), 1);
    }

    void belongsToItsWindow()
    {
        auto *window = new QLabel;
        QPointer<FirstPaintReporter> reporter = new FirstPaintReporter(window);
        delete window;
        QVERIFY(reporter.isNull());
    }
};

QTEST_MAIN(TestFirstPaintReporter)
#include "test_first_paint_reporter.moc"
