// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// /key in words: the free-model limits of the key's tier and what it spent.
#include "endpoints/KeyDescription.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestKeyDescription final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void describes_data()
    {
        QTest::addColumn<bool>("freeTier");
        QTest::addColumn<double>("limit"); // < 0: no limit
        QTest::addColumn<QStringList>("mentions");
        QTest::addRow("free tier, no limit")
            << true << -1.0
            << QStringList { u"The key sk-or-v1-abc...d0e works."_s,
                   u"Free tier: 50 requests a day on :free models (20 a minute); buy 10 credits to "
                   "raise it to 1000 a day."_s,
                   u"Spent $0.25; this key has no spending limit."_s };
        QTest::addRow("credits bought, with a limit")
            << false << 10.0
            << QStringList { u"1000 requests a day"_s,
                   u"Spent $0.25 of this key's $10.00 limit ($9.75 left)."_s };
    }

    void describes()
    {
        QFETCH(bool, freeTier);
        QFETCH(double, limit);
        QFETCH(QStringList, mentions);
        KeyInfo key;
        key.label = u"sk-or-v1-abc...d0e"_s;
        key.usage = 0.25;
        key.isFreeTier = freeTier;
        if (limit >= 0) {
            key.limit = limit;
            key.limitRemaining = limit - key.usage;
        }
        const QString text = KeyDescription::text(key);
        for (const QString &mention : mentions)
            QVERIFY2(text.contains(mention), qPrintable(text));
        QCOMPARE(text.contains(u"Free tier"_s), freeTier);
    }

    void rateLimitIsMentionedWhenGiven()
    {
        KeyInfo key;
        QVERIFY(!KeyDescription::text(key).contains(u"Request rate"_s));
        key.rateLimitRequests = 20;
        key.rateLimitInterval = u"10s"_s;
        QVERIFY(KeyDescription::text(key).contains(u"Request rate: 20 per 10s."_s));
    }
};

QTEST_GUILESS_MAIN(TestKeyDescription)
#include "test_key_description.moc"
