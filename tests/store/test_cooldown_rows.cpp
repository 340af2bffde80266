// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The cooldowns kept in the database: what is written is read back (by another
// connection too, as another process would), a rest is never shortened, rows
// that ended are ignored and pruned, clearing works, the key never reaches the
// file, and the schema step that adds the table runs on every older database.
#include "StoreTestSupport.h"
#include "health/CooldownModel.h"
#include "route/CooldownTable.h"
#include "store/CooldownRows.h"
#include "store/Database.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using storetest::RawConnection;

namespace {

const QDateTime now = QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC);

Cooldown freeModels(const QDateTime &until)
{
    Cooldown cooldown;
    cooldown.scope = Cooldown::Scope::FreeModels;
    cooldown.endpointId = u"openrouter"_s;
    cooldown.endpointUrl = u"https://openrouter.ai/api/v1"_s;
    cooldown.until = until;
    cooldown.reason = Outcome::RateLimitedKey;
    return cooldown;
}

Cooldown upstream(const QString &provider, const QDateTime &until)
{
    Cooldown cooldown;
    cooldown.scope = Cooldown::Scope::ProviderModel;
    cooldown.endpointId = u"openrouter"_s;
    cooldown.model = u"moonshotai/kimi-k2:free"_s;
    cooldown.provider = provider;
    cooldown.until = until;
    return cooldown;
}

} // namespace

class TestCooldownRows final : public QObject {
    Q_OBJECT

    std::unique_ptr<storetest::TempStore> m_temp;

    Database &database() { return m_temp->database(); }

private Q_SLOTS:
    void init()
    {
        m_temp = std::make_unique<storetest::TempStore>();
        QVERIFY2(m_temp->opened(), qPrintable(m_temp->opened().error()));
    }
    void cleanup() { m_temp.reset(); }

    void roundTrip()
    {
        CooldownRows rows(database());
        Cooldown key;
        key.scope = Cooldown::Scope::Key;
        key.endpointId = u"groq"_s;
        key.endpointUrl = u"https://api.groq.com/openai/v1"_s;
        key.keyId = Cooldown::keyIdOf(u"gsk-canary-0123456789"_s);
        key.reason = Outcome::Auth;
        const QList<Cooldown> written { freeModels(now.addSecs(6 * 3600)),
            upstream(u"Chutes"_s, now.addSecs(30)), key };
        for (const Cooldown &cooldown : written)
            QVERIFY(rows.put(cooldown));

        const Result<QList<Cooldown>> read = rows.active(now);
        QVERIFY2(read, qPrintable(read.error()));
        // Soonest end first, the ones with no end last.
        QCOMPARE(*read, (QList<Cooldown> { written[1], written[0], written[2] }));
        // Another connection (another process) reads the same.
        Database other;
        QVERIFY(other.open(m_temp->path()));
        QCOMPARE(CooldownRows(other).active(now).valueOr({}).size(), 3);
        // Never the key itself.
        for (const QString &file : QStringList { m_temp->path(), m_temp->path() + u"-wal"_s })
            QVERIFY(!QFile::exists(file) || !storetest::fileBytes(file).contains("canary"));
        RawConnection raw(m_temp->path());
        QVERIFY(raw.value(u"SELECT count(*) FROM cooldowns WHERE key_id LIKE '%canary%'"_s).toInt()
            == 0);
    }

    void neverShortened()
    {
        CooldownRows rows(database());
        QVERIFY(rows.put(upstream(u"Chutes"_s, now.addSecs(60))));
        QVERIFY(rows.put(upstream(u"Chutes"_s, now.addSecs(5))));
        QCOMPARE(rows.active(now).valueOr({}).value(0).until, now.addSecs(60));
        QVERIFY(rows.put(upstream(u"Chutes"_s, now.addSecs(90))));
        QCOMPARE(rows.active(now).valueOr({}).value(0).until, now.addSecs(90));
        // No end is the longest of all.
        Cooldown paid = freeModels(QDateTime());
        paid.scope = Cooldown::Scope::PaidModels;
        paid.reason = Outcome::NoCredits;
        QVERIFY(rows.put(paid));
        paid.until = now.addSecs(10);
        QVERIFY(rows.put(paid));
        QCOMPARE(rows.active(now).valueOr({}).size(), 2);
        QVERIFY(!rows.active(now).valueOr({}).constLast().until.isValid());
    }

    void endedRowsAreIgnoredAndPruned()
    {
        CooldownRows rows(database());
        QVERIFY(rows.put(upstream(u"Chutes"_s, now.addSecs(-1))));
        QVERIFY(rows.put(upstream(u"Groq"_s, now)));
        QVERIFY(rows.put(upstream(u"Cerebras"_s, now.addSecs(1))));
        const QList<Cooldown> active = rows.active(now).valueOr({});
        QCOMPARE(active.size(), 1);
        QCOMPARE(active[0].provider, u"Cerebras"_s);
        RawConnection raw(m_temp->path());
        QCOMPARE(raw.value(u"SELECT count(*) FROM cooldowns"_s).toInt(), 1);
    }

    void rowsFromANewerDetourAreLeftAlone()
    {
        RawConnection raw(m_temp->path());
        QVERIFY(raw.exec(u"INSERT INTO cooldowns (scope, endpoint_id, until_ms, reason) "
                         "VALUES ('galaxy', 'openrouter', NULL, 'rate_limited_key')"_s));
        CooldownRows rows(database());
        QVERIFY(rows.active(now).valueOr({ freeModels(now) }).isEmpty());
        QCOMPARE(raw.value(u"SELECT count(*) FROM cooldowns"_s).toInt(), 1);
    }

    void removeOneOrAll()
    {
        CooldownRows rows(database());
        QVERIFY(rows.put(upstream(u"Chutes"_s, now.addSecs(60))));
        QVERIFY(rows.put(upstream(u"Groq"_s, now.addSecs(60))));
        QVERIFY(rows.put(freeModels(now.addSecs(60))));
        QVERIFY(rows.remove(upstream(u"Chutes"_s, QDateTime()))); // whatever its end
        QCOMPARE(rows.active(now).valueOr({}).size(), 2);
        QCOMPARE(rows.removeAll().valueOr(-1), 2);
        QVERIFY(rows.active(now).valueOr({ freeModels(now) }).isEmpty());
    }

    // The table behind the engine's CooldownTable: two tables on one file (two windows)
    // see each other's cooldowns once they refresh (the panel's refresh too), and
    // clearing in one clears for both.
    void twoTablesShareTheDatabase()
    {
        Database second;
        QVERIFY(second.open(m_temp->path()));
        CooldownRows firstRows(database());
        CooldownRows secondRows(second);
        CooldownTable first;
        CooldownTable other;
        first.setStore(&firstRows);
        other.setStore(&secondRows);
        const QDateTime soon = QDateTime::currentDateTimeUtc().addSecs(600);
        first.coolDown(freeModels(soon));
        QVERIFY(other.active(QDateTime::currentDateTimeUtc()).isEmpty());
        QSignalSpy changed(&other, &CooldownTable::changed);
        CooldownModel panel(&other); // the Cooldowns panel of the second window
        QCOMPARE(panel.rowCount(), 0);
        panel.refresh();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.rowCount(), 1);
        QCOMPARE(panel.index(0, CooldownModel::Scope).data().toString(),
            u"all :free models on openrouter"_s);
        QVERIFY(other.covering(
            { u"openrouter"_s, u"https://openrouter.ai/api/v1"_s, u"x/y:free"_s, {} },
            QDateTime::currentDateTimeUtc()));
        other.refresh();
        QCOMPARE(changed.count(), 1); // nothing new: no signal

        other.clear();
        first.refresh();
        QVERIFY(first.active(QDateTime::currentDateTimeUtc()).isEmpty());
        first.setStore(nullptr);
        other.setStore(nullptr);
    }

    // The step that adds the table runs on a database left at the version before it,
    // and keeps what was there.
    void migratesToTheCooldownTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"old.sqlite3"_s);
        {
            Database old;
            QVERIFY(old.open(path, { CooldownRows::schemaVersion - 1, {} }));
            QVERIFY(!old.connection().tables().contains(u"cooldowns"_s));
        }
        Database current;
        QVERIFY(current.open(path));
        QCOMPARE(current.schemaVersion(), Database::latestVersion());
        QVERIFY(current.connection().tables().contains(u"cooldowns"_s));
        CooldownRows rows(current);
        QVERIFY(rows.put(freeModels(now.addSecs(60))));
        QCOMPARE(rows.active(now).valueOr({}).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCooldownRows)
#include "test_cooldown_rows.moc"
