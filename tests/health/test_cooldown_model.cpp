// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The cooldowns view's model: follows the table, counts down, expires rows, clears.
#include "health/CooldownModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestCooldownModel final : public QObject {
    Q_OBJECT

    QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

    void useClock(CooldownModel &model)
    {
        model.setClock([this] { return m_now; });
    }

private Q_SLOTS:
    void init() { m_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC); }

    void followsTheTable()
    {
        CooldownTable table;
        CooldownModel model(&table);
        useClock(model);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&model, &CooldownModel::countChanged);
        table.coolDown(u"openrouter"_s, u"moonshotai/kimi-k2:free"_s, u"Chutes"_s,
            m_now.addSecs(90), Outcome::RateLimitedUpstream);
        table.coolDown(
            u"groq"_s, u"kimi-k2"_s, QString(), m_now.addSecs(30), Outcome::RateLimitedKey);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(count.count(), 2);
        QCOMPARE(count.last().first().toInt(), 2);
        // Soonest end first.
        QCOMPARE(model.index(0, CooldownModel::Endpoint).data().toString(), u"groq"_s);
        QCOMPARE(model.index(0, CooldownModel::Provider).data().toString(), u"(any)"_s);
        QCOMPARE(model.index(0, CooldownModel::Reason).data().toString(),
            u"Your key's rate limit (429)"_s);
        QCOMPARE(model.index(1, CooldownModel::Provider).data().toString(), u"Chutes"_s);
        QCOMPARE(model.index(1, CooldownModel::Reason).data().toString(),
            u"Rate-limited upstream (429)"_s);
        QCOMPARE(model.index(1, CooldownModel::Until).data().toString(),
            QLocale().toString(m_now.addSecs(90).toLocalTime().time(), u"HH:mm:ss"_s));
        QCOMPARE(model.index(1, CooldownModel::Remaining).data().toString(), u"1 min 30 s"_s);
    }

    // The scope in words; a cooldown with no end stays, says how it ends, counts nothing.
    void showsTheScope()
    {
        CooldownTable table;
        CooldownModel model(&table);
        useClock(model);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Cooldown freeLimit;
        freeLimit.scope = Cooldown::Scope::FreeModels;
        freeLimit.endpointId = u"openrouter"_s;
        freeLimit.until = m_now.addSecs(6 * 3600);
        freeLimit.reason = Outcome::RateLimitedKey;
        Cooldown paid = freeLimit;
        paid.scope = Cooldown::Scope::PaidModels;
        paid.until = QDateTime();
        paid.reason = Outcome::NoCredits;
        table.coolDown(paid);
        table.coolDown(freeLimit);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, CooldownModel::Scope).data().toString(),
            u"all :free models on openrouter"_s);
        QVERIFY(model.index(0, CooldownModel::Scope)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"all :free models on openrouter until "_s));
        QCOMPARE(model.index(1, CooldownModel::Scope).data().toString(),
            u"all paid models on openrouter"_s);
        QCOMPARE(model.index(1, CooldownModel::Reason).data().toString(), u"No credits (402)"_s);
        QCOMPARE(model.index(1, CooldownModel::Until).data().toString(), u"cleared"_s);
        QVERIFY(model.index(1, CooldownModel::Remaining).data().toString().isEmpty());
        m_now = m_now.addSecs(7 * 3600);
        model.tick();
        QCOMPARE(model.rowCount(), 1); // the free-model rest ended, the paid one did not
        QCOMPARE(model.entry(0).scope, Cooldown::Scope::PaidModels);
        model.clearRow(0);
        QCOMPARE(model.rowCount(), 0);
    }

    void countsDownAndExpires_data()
    {
        QTest::addColumn<int>("elapsedMs");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("firstLeft");

        QTest::addRow("just started") << 0 << 2 << u"30 s"_s;
        QTest::addRow("rounded up") << 29'500 << 2 << u"1 s"_s;
        QTest::addRow("first expired") << 30'000 << 1 << u"1 min 00 s"_s;
        QTest::addRow("all expired") << 95'000 << 0 << QString();
    }

    void countsDownAndExpires()
    {
        QFETCH(int, elapsedMs);
        QFETCH(int, rows);
        CooldownTable table;
        table.coolDown(u"or"_s, u"a"_s, u"P"_s, m_now.addSecs(30), Outcome::RateLimitedUpstream);
        table.coolDown(u"or"_s, u"b"_s, u"P"_s, m_now.addSecs(90), Outcome::RateLimitedUpstream);
        CooldownModel model(&table);
        useClock(model);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_now = m_now.addMSecs(elapsedMs);
        model.tick();
        QCOMPARE(model.rowCount(), rows);
        QCOMPARE(removed.count(), 2 - rows);
        QCOMPARE(changed.isEmpty(), rows == 0);
        if (rows > 0)
            QTEST(model.index(0, CooldownModel::Remaining).data().toString(), "firstLeft");
    }

    void clearOneAndAll()
    {
        CooldownTable table;
        table.coolDown(
            u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(60), Outcome::RateLimitedUpstream);
        table.coolDown(
            u"or"_s, u"m"_s, u"Groq"_s, m_now.addSecs(120), Outcome::RateLimitedUpstream);
        table.coolDown(
            u"or"_s, u"n"_s, u"Groq"_s, m_now.addSecs(180), Outcome::RateLimitedUpstream);
        CooldownModel model(&table);
        useClock(model);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.clearRow(0);
        QCOMPARE(model.rowCount(), 2);
        // The step still cools because of Groq; only Cerebras's rest was lifted.
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(120));
        model.clearRow(7); // out of range: nothing happens
        QCOMPARE(model.rowCount(), 2);
        QSignalSpy count(&model, &CooldownModel::countChanged);
        model.clearAll();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(count.count(), 1);
        QVERIFY(table.active(m_now).isEmpty());
    }

    void remainingText_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::addRow("seconds") << qint64(42) << u"42 s"_s;
        QTest::addRow("minutes") << qint64(185) << u"3 min 05 s"_s;
        QTest::addRow("never negative") << qint64(-3) << u"0 s"_s;
    }

    void remainingText()
    {
        QFETCH(qint64, seconds);
        QTEST(CooldownModel::remainingText(seconds), "text");
    }
};

QTEST_GUILESS_MAIN(TestCooldownModel)
#include "test_cooldown_model.moc"
