#include "route/CooldownTable.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestCooldownTable final : public QObject
{
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

private Q_SLOTS:
    void coolingUntil_data()
    {
        QTest::addColumn<qint64>("coolSeconds");
        QTest::addColumn<qint64>("askAfterSeconds");
        QTest::addColumn<QString>("askModel");
        QTest::addColumn<bool>("cooling");

        QTest::addRow("inside the window") << qint64(30) << qint64(10) << u"moonshotai/kimi-k2:free"_s << true;
        QTest::addRow("at the end") << qint64(30) << qint64(30) << u"moonshotai/kimi-k2:free"_s << false;
        QTest::addRow("after the end") << qint64(30) << qint64(31) << u"moonshotai/kimi-k2:free"_s << false;
        QTest::addRow("another model") << qint64(30) << qint64(1) << u"moonshotai/kimi-k2"_s << false;
    }

    void coolingUntil()
    {
        QFETCH(qint64, coolSeconds);
        QFETCH(qint64, askAfterSeconds);
        QFETCH(QString, askModel);
        QFETCH(bool, cooling);
        CooldownTable table;
        table.coolDown(u"openrouter"_s, u"moonshotai/kimi-k2:free"_s, u"Chutes"_s, m_now.addSecs(coolSeconds));
        const QDateTime until = table.coolingUntil(u"openrouter"_s, askModel, m_now.addSecs(askAfterSeconds));
        QCOMPARE(until.isValid(), cooling);
        if (cooling)
            QCOMPARE(until, m_now.addSecs(coolSeconds));
    }

    void latestProviderWins()
    {
        CooldownTable table;
        table.coolDown(u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(10));
        table.coolDown(u"or"_s, u"m"_s, u"Groq"_s, m_now.addSecs(40));
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(40));
        QCOMPARE(table.active(m_now).size(), 2);
        QCOMPARE(table.active(m_now.addSecs(20)).size(), 1);
        QCOMPARE(table.active(m_now.addSecs(20)).first().provider, u"Groq"_s);
    }

    void neverShortened()
    {
        CooldownTable table;
        table.coolDown(u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(60));
        table.coolDown(u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(5));
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(60));
        table.coolDown(u"or"_s, u"m"_s, u"Cerebras"_s, m_now.addSecs(90));
        QCOMPARE(table.coolingUntil(u"or"_s, u"m"_s, m_now), m_now.addSecs(90));
    }

    void endpointsAreSeparate()
    {
        CooldownTable table;
        table.coolDown(u"openrouter"_s, u"m"_s, QString(), m_now.addSecs(60));
        QVERIFY(!table.coolingUntil(u"groq"_s, u"m"_s, m_now).isValid());
    }

    void clear()
    {
        CooldownTable table;
        table.coolDown(u"or"_s, u"a"_s, u"P"_s, m_now.addSecs(60));
        table.coolDown(u"or"_s, u"b"_s, u"P"_s, m_now.addSecs(60));
        table.clear(u"or"_s, u"a"_s);
        QVERIFY(!table.coolingUntil(u"or"_s, u"a"_s, m_now).isValid());
        QVERIFY(table.coolingUntil(u"or"_s, u"b"_s, m_now).isValid());
        table.clear();
        QVERIFY(table.active(m_now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCooldownTable)
#include "test_cooldown_table.moc"
