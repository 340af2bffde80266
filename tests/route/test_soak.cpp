// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Soak: many turns through one RouteEngine against the simulator, each with a
// fault drawn (seeded) from the fault matrix. Every turn must reach the
// matrix's diagnosis; afterwards nothing may be left behind: no network reply,
// no turn runner, no extra object or running timer under the engine, and
// resident memory within 10 % of what it was after the warm-up turns.
//
// DETOUR_SOAK_TURNS (default 10000) and DETOUR_SOAK_SEED (default: random,
// printed) make a run longer or repeat one.
#include "FaultMatrix.h"
#include "route/RouteEngine.h"
#include "sim/SimServer.h"

#include <QAbstractEventDispatcher>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <nlohmann/json.hpp>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

constexpr int defaultTurns = 10'000;
constexpr int warmUpTurns = 1'000;
constexpr int settleBoundMs = 60'000; // liveness only

// AddressSanitizer keeps freed memory in quarantine (256 MB by default), so under
// it resident memory says nothing about leaks; LeakSanitizer checks those at exit.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool residentMemoryTells = false;
#elif defined(__has_feature)
#    if __has_feature(address_sanitizer)
constexpr bool residentMemoryTells = false;
#    else
constexpr bool residentMemoryTells = true;
#    endif
#else
constexpr bool residentMemoryTells = true;
#endif

// Resident set size in bytes (the second field of /proc/self/statm, in pages).
qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// What one engine holds between turns.
struct Footprint {
    qsizetype objects = 0; // QObjects under the engine, its network access manager's included
    qsizetype replies = 0; // live QNetworkReply objects of the engine's network access manager
    qsizetype runners = 0;
    qsizetype timers = 0; // timers registered by any object under the engine
    qint64 resident = 0;

    static Footprint of(RouteEngine &engine)
    {
        // Replies and runners go with deleteLater: let those deletions happen first.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        Footprint footprint;
        const QList<QObject *> objects = engine.findChildren<QObject *>();
        footprint.objects = objects.size();
        footprint.replies = engine.network()->findChildren<QNetworkReply *>().size();
        footprint.runners = engine.findChildren<TurnRunner *>().size();
        const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        footprint.timers = dispatcher->registeredTimers(&engine).size();
        for (QObject *object : objects)
            footprint.timers += dispatcher->registeredTimers(object).size();
        footprint.resident = residentBytes();
        return footprint;
    }
};

} // namespace

class TestSoak final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void turnsUnderRandomFaults()
    {
        const int turns = qEnvironmentVariableIsSet("DETOUR_SOAK_TURNS")
            ? qEnvironmentVariableIntValue("DETOUR_SOAK_TURNS")
            : defaultTurns;
        QVERIFY2(turns > warmUpTurns, "DETOUR_SOAK_TURNS must be above the warm-up");
        const quint32 seed = qEnvironmentVariableIsSet("DETOUR_SOAK_SEED")
            ? quint32(qEnvironmentVariableIntValue("DETOUR_SOAK_SEED"))
            : QRandomGenerator::system()->generate() & 0x7fffffff;
        qInfo("soak: %d turns, seed %u (DETOUR_SOAK_SEED=%u repeats this run)", turns, seed, seed);
        QRandomGenerator random(seed);

        SimServer sim;
        QVERIFY(sim.listen());
        const QUrl refusing = faults::refusingBaseUrl();
        // Faults that end at once: the stalls wait for a timeout and the 10 MB ones
        // mostly measure the copying of megabytes (all of them are in test_fault_matrix).
        QList<faults::Fault> matrix;
        for (const faults::Fault &fault :
            faults::matrix(RequestBuilder::endpointUrl(sim.baseUrl(), u"chat/completions"_s))) {
            if (!fault.waitsForTimeout && !fault.bulky)
                matrix.append(fault);
        }
        QList<faults::Json> entries;
        for (const faults::Fault &fault : std::as_const(matrix))
            entries.append(
                fault.entry.is_null() ? faults::Json { { "kind", "serve" } } : fault.entry);
        const Result<> scenarioSet = sim.setScenario(faults::scenario(entries));
        QVERIFY2(scenarioSet, qPrintable(scenarioSet.error()));

        RouteEngine engine;
        Footprint warm;
        QHash<QString, int> seen;
        for (int turn = 1; turn <= turns; ++turn) {
            const qsizetype index = random.bounded(int(matrix.size()));
            const bool stream = random.bounded(2) == 1;
            const faults::Fault &fault = matrix[index];
            TurnRunner *runner =
                engine.startTurn(faults::plan(fault.refused ? refusing : sim.baseUrl(), index),
                    faults::ask(u"Hi"_s, stream));
            QSignalSpy finished(runner, &TurnRunner::finished);
            QSignalSpy settled(runner, &TurnRunner::settled);
            QVERIFY2(settled.wait(settleBoundMs),
                qPrintable(
                    u"turn %1 (%2) did not end; seed %3"_s.arg(turn).arg(fault.name).arg(seed)));
            const TurnResult result = finished.first().first().value<TurnResult>();
            const faults::Expectation &expected = stream ? fault.stream : fault.whole;
            const Attempt &attempt = result.attempts.constLast();
            QVERIFY2(result.status == expected.status && attempt.outcome == expected.outcome,
                qPrintable(u"turn %1 (%2, %3): %4 / %5; seed %6"_s.arg(turn)
                               .arg(fault.name, stream ? u"stream"_s : u"whole"_s,
                                   turnStatusName(result.status), outcomeName(attempt.outcome))
                               .arg(seed)));
            ++seen[fault.name];
            sim.clearRequests(); // the simulator's own log is not what is measured
            if (turn == warmUpTurns)
                warm = Footprint::of(engine);
        }
        const Footprint end = Footprint::of(engine);

        qInfo("soak: %lld distinct faults; after %d turns: %lld KiB resident, %lld objects, "
              "%lld timers; after %d: %lld KiB, %lld objects, %lld timers",
            qint64(seen.size()), warmUpTurns, warm.resident / 1024, qint64(warm.objects),
            qint64(warm.timers), turns, end.resident / 1024, qint64(end.objects),
            qint64(end.timers));
        QCOMPARE(seen.size(), matrix.size()); // every fault came up
        QCOMPARE(end.replies, 0);
        QCOMPARE(end.runners, 0);
        QVERIFY2(end.objects <= warm.objects, qPrintable(QString::number(end.objects)));
        QVERIFY2(end.timers <= warm.timers, qPrintable(QString::number(end.timers)));
        QVERIFY(warm.resident > 0);
        if (!residentMemoryTells)
            return;
        QVERIFY2(end.resident <= warm.resident + warm.resident / 10,
            qPrintable(u"%1 KiB after the warm-up, %2 KiB at the end"_s.arg(warm.resident / 1024)
                           .arg(end.resident / 1024)));
    }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "test_soak.moc"
