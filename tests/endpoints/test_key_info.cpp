// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// KeyInfo: OpenRouter's `GET /key` body, tolerant of missing and null fields,
// refusing bodies of the wrong shape.
#include "Fixtures.h"
#include "endpoints/KeyInfo.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;

class TestKeyInfo final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsAFreeTierKey()
    {
        const auto key = KeyInfo::fromBody(
            quoted("{'data':{'label':'sk-or-v1-abc...d0e','limit':null,'usage':0,"
                   "'limit_remaining':null,'is_free_tier':true,'is_provisioning_key':false,"
                   "'rate_limit':{'requests':20,'interval':'10s'}}}"));
        const QString &error = key.error();
        QVERIFY2(key, qPrintable(error));
        QCOMPARE(key->label, u"sk-or-v1-abc...d0e"_s);
        QVERIFY(!key->limit);
        QVERIFY(!key->limitRemaining);
        QCOMPARE(key->usage, 0.0);
        QVERIFY(key->isFreeTier);
        QVERIFY(!key->isProvisioningKey);
        QCOMPARE(key->rateLimitRequests, std::optional<qint64>(20));
        QCOMPARE(key->rateLimitInterval, u"10s"_s);
    }

    void readsALimitedKey()
    {
        const auto key = KeyInfo::fromBody(
            quoted("{'data':{'label':'work','limit':25,'usage':'7.5','limit_remaining':17.5,"
                   "'is_free_tier':false}}"));
        QVERIFY(key);
        QCOMPARE(*key->limit, 25.0);
        QCOMPARE(key->usage, 7.5);
        QCOMPARE(*key->limitRemaining, 17.5);
        QVERIFY(!key->isFreeTier);
        QVERIFY(!key->rateLimitRequests);
        QVERIFY(key->rateLimitInterval.isEmpty());
    }

    void toleratesMissingAndNullFields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("empty data") << quoted("{'data':{}}");
        QTest::addRow("nulls") << quoted("{'data':{'label':null,'usage':null,'is_free_tier':null,"
                                         "'rate_limit':null}}");
        QTest::addRow("wrong field types")
            << quoted("{'data':{'label':1,'usage':'lots','is_free_tier':'yes','rate_limit':"
                      "{'requests':'many','interval':10}}}");
    }

    void toleratesMissingAndNullFields()
    {
        QFETCH(QByteArray, body);
        const auto key = KeyInfo::fromBody(body);
        const QString &error = key.error();
        QVERIFY2(key, qPrintable(error));
        QCOMPARE(*key, KeyInfo {});
    }

    void refusesWrongShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::addRow("empty") << QByteArray() << u"empty"_s;
        QTest::addRow("html") << QByteArrayLiteral("<html></html>") << u"not valid JSON"_s;
        QTest::addRow("no data") << quoted("{'label':'x'}") << u"no \"data\""_s;
        QTest::addRow("data array") << quoted("{'data':[]}") << u"not an object"_s;
        QTest::addRow("error") << quoted(
            "{'error':{'message':'No auth credentials found','code':401}}")
                               << u"No auth credentials found"_s;
    }

    void refusesWrongShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto result = KeyInfo::fromBody(body);
        QVERIFY(!result);
        const QString &error = result.error();
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.startsWith(u"The key information"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestKeyInfo)
#include "test_key_info.moc"
