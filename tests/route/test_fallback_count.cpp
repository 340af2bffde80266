// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// fallbackCount is the one definition of "fallbacks" that the badge, the
// exports, the trace and rehearsals all state; these rows pin it down.
#include "route/Attempt.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

struct Try {
    int step = 0;
    Outcome outcome = Outcome::Served;
    QList<int> serverStatuses; // OpenRouter's own tries inside this request
};

QList<Attempt> attemptsOf(const QList<Try> &tries)
{
    QList<Attempt> attempts;
    for (const Try &each : tries) {
        Attempt attempt;
        attempt.index = int(attempts.size());
        attempt.stepIndex = each.step;
        attempt.outcome = each.outcome;
        for (int status : each.serverStatuses) {
            ServerAttempt server;
            server.provider = u"Provider %1"_s.arg(attempt.serverAttempts.size());
            server.status = status;
            attempt.serverAttempts.append(server);
        }
        attempts.append(attempt);
    }
    return attempts;
}

} // namespace

Q_DECLARE_METATYPE(QList<Try>)

class TestFallbackCount final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void count_data()
    {
        QTest::addColumn<QList<Try>>("tries");
        QTest::addColumn<int>("served"); // index of the serving attempt, -1 when none
        QTest::addColumn<int>("expected");

        const Outcome limited = Outcome::RateLimitedUpstream;
        QTest::addRow("nothing tried") << QList<Try> {} << -1 << 0;
        QTest::addRow("first step served") << QList<Try> { { 0, Outcome::Served, {} } } << 0 << 0;
        QTest::addRow("second step served")
            << QList<Try> { { 0, limited, {} }, { 1, Outcome::Served, {} } } << 1 << 1;
        QTest::addRow("a cooling step skipped is passed over")
            << QList<Try> { { 0, Outcome::Skipped, {} }, { 1, Outcome::Served, {} } } << 1 << 1;
        QTest::addRow("retries of one step are not fallbacks")
            << QList<Try> { { 0, limited, {} }, { 0, limited, {} }, { 1, Outcome::Served, {} } }
            << 2 << 1;
        QTest::addRow("the serving step's own retries count nothing")
            << QList<Try> { { 0, limited, {} }, { 0, Outcome::Served, {} } } << 1 << 0;
        QTest::addRow("third step served") << QList<Try> { { 0, limited, {} },
            { 1, Outcome::Timeout, {} }, { 2, Outcome::Served, {} } }
                                           << 2 << 2;
        QTest::addRow("OpenRouter fell back inside the serving request")
            << QList<Try> { { 0, Outcome::Served, { 429, 200 } } } << 0 << 1;
        QTest::addRow("both sides fell back") << QList<Try> { { 0, limited, { 429, 429 } },
            { 1, Outcome::Served, { 429, 503, 200 } } }
                                              << 1 << 3;
        QTest::addRow("not served: the steps moved on from")
            << QList<Try> { { 0, limited, {} }, { 1, limited, {} }, { 1, limited, {} } } << -1 << 1;
    }

    void count()
    {
        QFETCH(QList<Try>, tries);
        QFETCH(int, served);
        QFETCH(int, expected);
        QCOMPARE(fallbackCount(attemptsOf(tries), served), expected);
    }
};

QTEST_GUILESS_MAIN(TestFallbackCount)
#include "test_fallback_count.moc"
