// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Who a comparison's summary names: first to the first token, fastest overall and
// cheapest, among the routes that served; and the sentence that says so.
#include "route/ComparisonSummary.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

using Entries = QList<ComparisonSummary::Entry>;
Q_DECLARE_METATYPE(Entries)

namespace {

ComparisonSummary::Entry served(const QString &name, qint64 firstToken, qint64 duration,
    std::optional<double> cost = std::nullopt)
{
    return { name, true, firstToken, duration, cost };
}

ComparisonSummary::Entry failed(const QString &name, qint64 duration)
{
    return { name, false, -1, duration, std::nullopt };
}

} // namespace

class TestComparisonSummary final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void picks_data()
    {
        QTest::addColumn<Entries>("entries");
        QTest::addColumn<int>("firstToken");
        QTest::addColumn<int>("fastest");
        QTest::addColumn<int>("cheapest");
        QTest::addColumn<QString>("sentence");

        QTest::addRow("each wins something")
            << Entries { served(u"A"_s, 400, 2000, 0.002), served(u"B"_s, 900, 1200, 0.0004),
                   served(u"C"_s, 700, 1500, 0.001) }
            << 0 << 1 << 1
            << u"First token: A (0.4 s); fastest overall: B (1.2 s); cheapest: B ($0.0004)."_s;
        QTest::addRow("a failed route wins nothing, however quick")
            << Entries { failed(u"Quick"_s, 50), served(u"Slow"_s, 800, 3000, 0.001) } << 1 << 1
            << 1
            << u"First token: Slow (0.8 s); fastest overall: Slow (3.0 s); cheapest: Slow ($0.001)."_s;
        QTest::addRow("cost unknown")
            << Entries { served(u"A"_s, 300, 1000), served(u"B"_s, 200, 1100) } << 1 << 0 << -1
            << u"First token: B (0.2 s); fastest overall: A (1.0 s); cost not known."_s;
        QTest::addRow("cost known for one only")
            << Entries { served(u"A"_s, 300, 1000), served(u"B"_s, 200, 1100, 0.5) } << 1 << 0 << 1
            << u"First token: B (0.2 s); fastest overall: A (1.0 s); cheapest: B ($0.50)."_s;
        QTest::addRow("free beats paid")
            << Entries { served(u"Paid"_s, 100, 500, 0.01), served(u"Free"_s, 200, 600, 0.0) } << 0
            << 0 << 1
            << u"First token: Paid (0.1 s); fastest overall: Paid (0.5 s); cheapest: Free ($0)."_s;
        QTest::addRow("a tie goes to the earlier column")
            << Entries { served(u"A"_s, 300, 1000, 0.1), served(u"B"_s, 300, 1000, 0.1) } << 0 << 0
            << 0 << u"First token: A (0.3 s); fastest overall: A (1.0 s); cheapest: A ($0.10)."_s;
        QTest::addRow("none served") << Entries { failed(u"A"_s, 100), failed(u"B"_s, 200) } << -1
                                     << -1 << -1 << u"No route served this question."_s;
    }

    void picks()
    {
        QFETCH(Entries, entries);
        QFETCH(int, firstToken);
        QFETCH(int, fastest);
        QFETCH(int, cheapest);
        QFETCH(QString, sentence);
        const ComparisonSummary summary = ComparisonSummary::of(entries);
        QCOMPARE(summary.firstToken, firstToken);
        QCOMPARE(summary.fastest, fastest);
        QCOMPARE(summary.cheapest, cheapest);
        QCOMPARE(summary.text(entries), sentence);
    }

    void tokensPerSecondFromFirstToLastToken()
    {
        TurnResult result;
        result.status = TurnResult::Status::Served;
        Attempt attempt;
        attempt.timings.firstTokenMs = 500;
        attempt.timings.lastTokenMs = 2500;
        attempt.usage = Usage { 10, 100, 110, 0, 0.001, std::nullopt };
        result.attempts = { attempt };
        result.servedAttempt = 0;
        QCOMPARE(ComparisonSummary::tokensPerSecond(result), std::optional<double>(50.0));
        QCOMPARE(ComparisonSummary::cost(result), std::optional<double>(0.001));

        result.attempts[0].timings.lastTokenMs = 500; // one piece: no rate to speak of
        QCOMPARE(ComparisonSummary::tokensPerSecond(result), std::nullopt);
        result.servedAttempt = -1;
        QCOMPARE(ComparisonSummary::cost(result), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestComparisonSummary)
#include "test_comparison_summary.moc"
