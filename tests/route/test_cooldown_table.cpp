// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "route/CooldownTable.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestCooldownTable final : public QObject {
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

private Q_SLOTS:
    void restAfter_data()
    {
        QTest::addColumn<std::optional<double>>("retryAfterS");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("no Retry-After: the default") << std::optional<double>() << qint64(30'000);
        QTest::newRow("Retry-After") << std::optional<double>(12.5) << qint64(12'500);
        QTest::newRow("beyond the cap") << std::optional<double>(86'400.0) << qint64(600'000);
        QTest::newRow("too large to convert") << std::optional<double>(1e300) << qint64(600'000);
        QTest::newRow("in the past") << std::optional<double>(-5.0) << qint64(0);
    }

    void restAfter()
    {
        QFETCH(std::optional<double>, retryAfterS);
        QFETCH(qint64, expectedMs);
        using std::chrono::milliseconds;
        QCOMPARE(CooldownTable::restAfter(retryAfterS, milliseconds(30'000), milliseconds(600'000))
                     .count(),
            expectedMs);
    }

    void coolingUntil_data()
    {
        QTest::addColumn<qint64>("coolSeconds");
        QTest::addColumn<qint64>("askAfterSeconds");
        QTest::addColumn<QString>("askModel");
        QTest::addColumn<bool>("cooling");

        QTest::addRow("inside the window")
            << qint64(30) << qint64(10) << u"moonshotai/kimi-k2:free"_s << true;
        QTest::addRow("at the end")
            << qint64(30) << qint64(30) << u"moonshotai/kimi-k2:free"_s << false;
        QTest::addRow("after the end")
            << qint64(30) << qint64(31) << u"moonshotai/kimi-k2:free"_s << false;
        QTest::addRow("another model")
            << qint64(30) << qint64(1) << u"moonshotai/kimi-k2"_s << false;
    }

    void coolingUntil()
    {
        QFETCH(qint64, coolSeconds);
        QFETCH(qint64, askAfterSeconds);
        QFETCH(QString, askModel);
        QFETCH(bool, cooling);
        CooldownTable table;
        table.coolDown(u"openrouter"_s, u"moonshotai/kimi-k2:free"_s, u"Chutes"_s,
            m_now.addSecs(coolSeconds), Outcome::RateLimitedUpstream);
        const QDateTime until =
            table.coolingUntil(u"openrouter"_s, askModel, m_now.addSecs(askAfterSeconds));
        QCOMPARE(until.isValid(), cooling);
        if (cooling)
            QCOMPARE(until, m_now.addSecs(coolSeconds));
    }

    void latestProviderWins()
    {
        CooldownTable table;
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(10), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"m"_s, u"Groq"_s, m_now.addSecs(40), Outcome::RateLimitedUpstream);
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(40));
        QCOMPARE(table.active(m_now).size(), 2);
        QCOMPARE(table.active(m_now.addSecs(20)).size(), 1);
        QCOMPARE(table.active(m_now.addSecs(20)).first().provider, u"Groq"_s);
    }

    void neverShortened()
    {
        CooldownTable table;
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(5), Outcome::RateLimitedUpstream);
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(60));
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(90), Outcome::RateLimitedUpstream);
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(90));
    }

    void endpointsAreSeparate()
    {
        CooldownTable table;
        table.coolDown(
            u"openrouter"_s, u"m"_s, QString(), m_now.addSecs(60), Outcome::RateLimitedUpstream);
        QVERIFY(!table.coolingUntil(u"groq"_s, u"m"_s, m_now).isValid());
    }

    void clear()
    {
        CooldownTable table;
        table.coolDown(u"or"_s, u"a"_s, u"P"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"b"_s, u"P"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        table.clear(u"or"_s, u"a"_s);
        QVERIFY(!table.coolingUntil(u"or"_s, u"a"_s, m_now).isValid());
        QVERIFY(table.coolingUntil(u"or"_s, u"b"_s, m_now).isValid());
        table.clear();
        QVERIFY(table.active(m_now).isEmpty());
    }

    void clearOneProvider()
    {
        CooldownTable table;
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"m"_s, u"Groq"_s, m_now.addSecs(30), Outcome::RateLimitedKey);
        table.clear(u"or"_s, u"m"_s, u"Cerebras"_s);
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(30));
        QCOMPARE(table.active(m_now).first().reason, Outcome::RateLimitedKey);
    }

    void activeSoonestFirst()
    {
        CooldownTable table;
        table.coolDown(u"or"_s, u"a"_s, u"P"_s, m_now.addSecs(90), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"b"_s, u"P"_s, m_now.addSecs(10), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"c"_s, u"P"_s, m_now.addSecs(40), Outcome::RateLimitedUpstream);
        QStringList models;
        for (const CooldownTable::Entry &entry : table.active(m_now))
            models << entry.model;
        QCOMPARE(models, (QStringList { u"b"_s, u"c"_s, u"a"_s }));
    }

    void changedOnlyWhenSomethingChanged()
    {
        CooldownTable table;
        QSignalSpy changed(&table, &CooldownTable::changed);
        table.coolDown(u"or"_s, u"m"_s, u"P"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        QCOMPARE(changed.count(), 1);
        table.coolDown(u"or"_s, u"m"_s, u"P"_s, m_now.addSecs(5),
            Outcome::RateLimitedUpstream); // not shortened
        QCOMPARE(changed.count(), 1);
        table.clear(u"or"_s, u"other"_s);
        table.clear(u"or"_s, u"m"_s, u"Q"_s);
        QCOMPARE(changed.count(), 1);
        table.clear(u"or"_s, u"m"_s, u"P"_s);
        QCOMPARE(changed.count(), 2);
        table.clear();
        QCOMPARE(changed.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCooldownTable)
#include "test_cooldown_table.moc"
