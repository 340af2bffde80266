// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Every outcome, party and fix has words for people (outcomeLabel and friends) that
// are not its wire name: views show the one, files keep the other.
#include "protocol/Outcome.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestOutcomeLabel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data()
    {
        QTest::addColumn<Outcome>("outcome");
        for (int value = int(Outcome::Served); value <= int(Outcome::Skipped); ++value)
            QTest::addRow("%s", qPrintable(outcomeName(Outcome(value)))) << Outcome(value);
    }

    void outcomes()
    {
        QFETCH(Outcome, outcome);
        const QString label = outcomeLabel(outcome);
        QVERIFY(!label.isEmpty());
        QVERIFY2(label != outcomeName(outcome), qPrintable(label));
        QVERIFY2(!label.contains(u'_'), qPrintable(label));
        QVERIFY2(label.front().isUpper(), qPrintable(label)); // starts a cell or a heading
        // The wire name is untouched: files and --json still read it.
        QCOMPARE(outcomeFromName(outcomeName(outcome)), outcome);
    }

    void labelsAreDistinct()
    {
        QSet<QString> outcomes;
        for (int value = int(Outcome::Served); value <= int(Outcome::Skipped); ++value)
            outcomes.insert(outcomeLabel(Outcome(value)));
        QCOMPARE(outcomes.size(), int(Outcome::Skipped) + 1);
        QSet<QString> fixes;
        for (int value = int(Fix::Wait); value <= int(Fix::ChangeModel); ++value) {
            const QString label = fixLabel(Fix(value));
            QVERIFY2(!label.contains(u'_'), qPrintable(label));
            fixes.insert(label);
        }
        QCOMPARE(fixes.size(), int(Fix::ChangeModel) + 1);
        QVERIFY(partyLabel(Party::None).isEmpty());
        for (int value = int(Party::You); value <= int(Party::Network); ++value)
            QVERIFY(!partyLabel(Party(value)).isEmpty());
        QCOMPARE(outcomeLabel(Outcome::RateLimitedUpstream), u"Rate-limited upstream"_s);
    }
};

QTEST_GUILESS_MAIN(TestOutcomeLabel)
#include "test_outcome_label.moc"
