// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The slim attempts line under a reply ("✗ Chutes 429 → ✓ Groq") states the trace's
// facts: the requests in order, the providers OpenRouter left inside them, and no
// more refusals than fallbackCount() counts.
#include "route/TurnBadge.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

Attempt attempt(int step, const QString &provider, Outcome outcome, int status)
{
    Attempt made;
    made.stepIndex = step;
    made.provider = provider;
    made.requestedModel = u"moonshotai/kimi-k2:free"_s;
    made.outcome = outcome;
    made.httpStatus = status;
    return made;
}

ServerAttempt server(const QString &provider, int status)
{
    ServerAttempt made;
    made.provider = provider;
    made.status = status;
    return made;
}

TurnResult served(QList<Attempt> attempts)
{
    TurnResult result;
    result.status = TurnResult::Status::Served;
    result.attempts = attempts;
    result.servedAttempt = int(attempts.size()) - 1;
    return result;
}

} // namespace

class TestTurnBadge final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void attemptsLine_data()
    {
        QTest::addColumn<TurnResult>("result");
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("refusals"); // ✗ in the line; at most the fallbacks, retries aside

        QTest::addRow("one request served: the badge says it")
            << served({ attempt(0, u"Groq"_s, Outcome::Served, 200) }) << QString() << 0;
        QTest::addRow("the step before refused")
            << served({ attempt(0, u"Chutes"_s, Outcome::RateLimitedUpstream, 429),
                   attempt(1, u"Groq"_s, Outcome::Served, 200) })
            << u"✗ Chutes 429 → ✓ Groq"_s << 1;
        Attempt inside = attempt(0, u"Groq"_s, Outcome::Served, 200);
        inside.serverAttempts = { server(u"Chutes"_s, 429), server(u"Groq"_s, 200) };
        QTest::addRow("OpenRouter fell back inside the request")
            << served({ inside }) << u"✗ Chutes 429 → ✓ Groq"_s << 1;
        QTest::addRow("retries of one step are counted, not repeated")
            << served({ attempt(0, u"Chutes"_s, Outcome::RateLimitedUpstream, 429),
                   attempt(0, u"Chutes"_s, Outcome::RateLimitedUpstream, 429),
                   attempt(1, u"Groq"_s, Outcome::Served, 200) })
            << u"✗ Chutes 429 ×2 → ✓ Groq"_s << 1;
        Attempt skipped = attempt(0, u"Chutes"_s, Outcome::Skipped, 0);
        Attempt timeout = attempt(1, QString(), Outcome::Timeout, 0);
        timeout.requestedModel = u"qwen/qwen3"_s;
        QTest::addRow("skipped, timed out, served")
            << served({ skipped, timeout, attempt(2, u"Groq"_s, Outcome::Served, 200) })
            << u"↷ Chutes · Skipped (cooling down) → ✗ qwen/qwen3 · Timed out → ✓ Groq"_s << 1;
        TurnResult failed;
        failed.status = TurnResult::Status::Failed;
        failed.attempts = { attempt(0, u"Chutes"_s, Outcome::RateLimitedUpstream, 429) };
        QTest::addRow("not served") << failed << u"✗ Chutes 429"_s << 1;
        QTest::addRow("no attempts") << TurnResult() << QString() << 0;
    }

    void attemptsLine()
    {
        QFETCH(TurnResult, result);
        QTEST(TurnBadge::attemptsLine(result), "line");
        QFETCH(QString, line);
        QFETCH(int, refusals);
        QCOMPARE(int(line.count(u"✗"_s)), refusals);
        if (result.servedAttempt >= 0)
            QVERIFY(refusals <= fallbackCount(result.attempts, result.servedAttempt));
    }

    // The line is built from the same facts as the badge: every hop's who is a
    // provider, model or endpoint the trace names.
    // A turn whose request raced another: "hedged: Groq was first by 1.2 s", by how long
    // the loser had waited; no fallback is counted for the race.
    void hedgedRace()
    {
        Attempt loser = attempt(0, u"Chutes"_s, Outcome::Cancelled, 200);
        loser.errorCode = Attempt::lostRaceCode;
        loser.timings.sentMs = 100;
        loser.timings.finishedMs = 1300;
        Attempt winner = attempt(1, u"Groq"_s, Outcome::Served, 200);
        winner.timings.sentMs = 1100;
        winner.timings.firstTokenMs = 1300;
        const TurnResult result = served({ loser, winner });
        QCOMPARE(loser.lostRaceByMs(), 1200);
        QCOMPARE(TurnBadge::hedged(result), u"hedged: Groq was first by 1.2 s"_s);
        QVERIFY2(TurnBadge::text(result).contains(u" · hedged: Groq was first by 1.2 s · "_s),
            qPrintable(TurnBadge::text(result)));
        QCOMPARE(fallbackCount(result.attempts, result.servedAttempt), 0);

        Attempt stopped = loser; // cancelled by Stop, not by a race
        stopped.errorCode.clear();
        QCOMPARE(stopped.lostRaceByMs(), -1);
        QCOMPARE(TurnBadge::hedged(served({ stopped, winner })), QString());
    }

    void hopsFollowTheTrace()
    {
        Attempt inside = attempt(1, u"Groq"_s, Outcome::Served, 200);
        inside.serverAttempts = { server(u"Chutes"_s, 429), server(u"Groq"_s, 200) };
        const TurnResult result =
            served({ attempt(0, u"Cerebras"_s, Outcome::RateLimitedUpstream, 429), inside });
        const QList<TurnBadge::Hop> hops = TurnBadge::hops(result);
        QCOMPARE(hops.size(), 3);
        QCOMPARE(hops[0].who, u"Cerebras"_s);
        QVERIFY(!hops[0].serverSide);
        QCOMPARE(hops[1].who, u"Chutes"_s);
        QVERIFY(hops[1].serverSide);
        QCOMPARE(hops[1].outcome, Outcome::RateLimitedUpstream);
        QCOMPARE(hops[2].who, u"Groq"_s);
        QCOMPARE(hops[2].outcome, Outcome::Served);
        QCOMPARE(fallbackCount(result.attempts, result.servedAttempt), 2);
    }
};

QTEST_GUILESS_MAIN(TestTurnBadge)
#include "test_turn_badge.moc"
