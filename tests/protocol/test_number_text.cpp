// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// One rule for the numbers a person reads: the UI locale's separator for seconds and
// dollars alike; the C locale for files and exports.
#include "protocol/NumberText.h"
#include "route/TurnBadge.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestNumberText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void formats_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("seconds"); // 0.5 s, one decimal
        QTest::addColumn<QString>("milliseconds"); // 1300 ms
        QTest::addColumn<QString>("dollars"); // 0.00017
        QTest::addColumn<QString>("bigDollars"); // 1.5
        QTest::addColumn<QString>("retryAfter"); // 0.25 s, trimmed
        QTest::addRow("English") << QLocale(QLocale::English, QLocale::UnitedStates) << u"0.5 s"_s
                                 << u"1.3 s"_s << u"$0.00017"_s << u"$1.50"_s << u"0.25 s"_s;
        QTest::addRow("German") << QLocale(QLocale::German, QLocale::Germany) << u"0,5 s"_s
                                << u"1,3 s"_s << u"$0,00017"_s << u"$1,50"_s << u"0,25 s"_s;
        QTest::addRow("C (files)") << QLocale::c() << u"0.5 s"_s << u"1.3 s"_s << u"$0.00017"_s
                                   << u"$1.50"_s << u"0.25 s"_s;
    }

    void formats()
    {
        QFETCH(QLocale, locale);
        QTEST(NumberText::seconds(0.5, 1, locale), "seconds");
        QTEST(NumberText::milliseconds(1300, locale), "milliseconds");
        QTEST(NumberText::dollars(0.00017, locale), "dollars");
        QTEST(NumberText::dollars(1.5, locale), "bigDollars");
        QTEST(NumberText::trimmedSeconds(0.25, 2, locale), "retryAfter");
        // The default argument is the UI locale.
        QLocale::setDefault(locale);
        QTEST(NumberText::seconds(0.5), "seconds");
        QTEST(NumberText::dollars(0.00017), "dollars");
    }

    // The case: "0,5 s" beside "$0.00017". Under German, the badge's seconds and
    // dollars and the tables' durations all use ','.
    void germanUsesOneSeparatorEverywhere()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QStringList shown { TurnBadge::seconds(500), TurnBadge::dollars(0.00017),
            NumberText::milliseconds(2500), NumberText::trimmedSeconds(1.5) };
        for (const QString &text : shown) {
            QVERIFY2(text.contains(u','), qPrintable(text));
            QVERIFY2(!text.contains(u'.'), qPrintable(text));
        }
        // A file keeps its point whatever the UI says.
        QCOMPARE(TurnBadge::seconds(500, QLocale::c()), u"0.5 s"_s);
        QCOMPARE(TurnBadge::dollars(0.00017, QLocale::c()), u"$0.00017"_s);
    }

    void dollars_data()
    {
        QTest::addColumn<double>("cost");
        QTest::addColumn<QString>("text");
        QTest::addRow("nothing") << 0.0 << u"$0"_s;
        QTest::addRow("tiny") << 0.0003 << u"$0.0003"_s;
        QTest::addRow("two digits") << 0.00042 << u"$0.00042"_s;
        QTest::addRow("cents") << 0.05 << u"$0.05"_s;
        QTest::addRow("dollars") << 12.0 << u"$12.00"_s;
    }

    void dollars()
    {
        QFETCH(double, cost);
        QTEST(NumberText::dollars(cost, QLocale::c()), "text");
    }

    void trimmed_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("maxDecimals");
        QTest::addColumn<QString>("text");
        QTest::addRow("whole") << 12.0 << 2 << u"12"_s;
        QTest::addRow("half") << 0.5 << 2 << u"0.5"_s;
        QTest::addRow("rounded") << 0.123456789 << 6 << u"0.123457"_s;
        QTest::addRow("ten keeps its zero") << 10.0 << 0 << u"10"_s;
    }

    void trimmed()
    {
        QFETCH(double, value);
        QFETCH(int, maxDecimals);
        QTEST(NumberText::trimmed(value, maxDecimals, QLocale::c()), "text");
    }
};

QTEST_GUILESS_MAIN(TestNumberText)
#include "test_number_text.moc"
