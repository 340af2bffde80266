// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Credits: OpenRouter's `GET /credits` body.
#include "Fixtures.h"
#include "endpoints/Credits.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

class TestCredits final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reads_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<double>("total");
        QTest::addColumn<double>("usage");
        QTest::addRow("numbers") << quoted("{'data':{'total_credits':10,'total_usage':2.5}}")
                                 << 10.0 << 2.5;
        QTest::addRow("strings") << quoted("{'data':{'total_credits':'10','total_usage':'2.5'}}")
                                 << 10.0 << 2.5;
        QTest::addRow("never bought")
            << quoted("{'data':{'total_credits':0,'total_usage':0}}") << 0.0 << 0.0;
        QTest::addRow("missing") << quoted("{'data':{}}") << 0.0 << 0.0;
        QTest::addRow("nulls") << quoted("{'data':{'total_credits':null,'total_usage':null}}")
                               << 0.0 << 0.0;
    }

    void reads()
    {
        QFETCH(QByteArray, body);
        QFETCH(double, total);
        QFETCH(double, usage);
        const auto credits = Credits::fromBody(body);
        const QString &error = credits.error();
        QVERIFY2(credits, qPrintable(error));
        QCOMPARE(credits->totalCredits, total);
        QCOMPARE(credits->totalUsage, usage);
        QCOMPARE(credits->remaining(), total - usage);
    }

    void refusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not json") << QByteArrayLiteral("credits: 5") << u"not valid JSON"_s;
        QTest::addRow("array") << QByteArrayLiteral("[5]") << u"not an object"_s;
        QTest::addRow("data number") << quoted("{'data':5}") << u"not an object"_s;
        QTest::addRow("forbidden")
            << quoted("{'error':{'message':'Only provisioning keys can read credits','code':403}}")
            << u"Only provisioning keys"_s;
    }

    void refusesWrongShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto result = Credits::fromBody(body);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCredits)
#include "test_credits.moc"
