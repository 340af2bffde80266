// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The SQLite file behind the store: creation, pragmas, migrations, and what
// happens to files that are not (or no longer) Detour's database.
#include "StoreTestSupport.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"
#include "store/Database.h"
#include "store/SqlUtil.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using storetest::RawConnection;

class TestDatabase final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &name = u"detour.sqlite3"_s) const { return m_dir->filePath(name); }

    QStringList brokenFiles() const
    {
        return QDir(m_dir->path()).entryList({ u"*.broken-*"_s }, QDir::Files, QDir::Name);
    }

    // A Detour database at the latest version holding a few rows.
    void createWithRows(const QString &file, int messages = 3)
    {
        Database db;
        const Result<> opened = db.open(file);
        QVERIFY2(opened, qPrintable(opened.error()));
        ConversationStore store(db);
        const auto conversation = store.createConversation(u"Rows"_s);
        QVERIFY(conversation);
        for (int i = 0; i < messages; ++i)
            QVERIFY(
                store.addUserMessage(*conversation, u"message %1 "_s.arg(i) + QString(400, u'x')));
    }

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void defaultPathIsInAppData()
    {
        QCOMPARE(Database::defaultPath(),
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + u"/detour.sqlite3"_s);
    }

    void freshDatabaseIsCreatedWithPragmas()
    {
        Database db;
        const QString file = path(u"sub/folder/detour.sqlite3"_s);
        const Result<> opened = db.open(file);
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(QFile::exists(file));
        QVERIFY(db.notice().isEmpty());
        QCOMPARE(db.schemaVersion(), Database::latestVersion());
        QSqlQuery query(db.connection());
        const auto pragma = [&](const QString &name) {
            if (!query.exec(u"PRAGMA "_s + name) || !query.next())
                qFatal("PRAGMA %s failed", qPrintable(name));
            return query.value(0);
        };
        QCOMPARE(pragma(u"journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(pragma(u"synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(pragma(u"foreign_keys"_s).toInt(), 1);
        QCOMPARE(pragma(u"busy_timeout"_s).toInt(), Database::busyTimeoutMs);
        QCOMPARE(pragma(u"application_id"_s).toInt(), Database::applicationId);
        QCOMPARE(pragma(u"user_version"_s).toInt(), Database::latestVersion());
        query.finish();

        // WAL is a property of the file: another connection sees it too.
        RawConnection other(file);
        QCOMPARE(other.value(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        const QVariantList tables =
            other.column(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s);
        for (const char *table : { "conversations", "messages", "turns", "attempts",
                 "server_attempts", "message_words", "message_cjk" })
            QVERIFY2(tables.contains(QString::fromLatin1(table)), table);
    }

    void fts5IsAvailableThroughTheQtDriver()
    {
        Database db;
        QVERIFY(db.open(path()));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(u"PRAGMA compile_options"_s));
        QStringList options;
        while (query.next())
            options << query.value(0).toString();
        QVERIFY2(options.contains(u"ENABLE_FTS5"_s), qPrintable(options.join(u' ')));
    }

    // A bulk writer wraps many store calls in one transaction: each call's own
    // transaction becomes a savepoint inside it.
    void nestedWriteTransactionsAreSavepoints_data()
    {
        QTest::addColumn<bool>("commitInner");
        QTest::addColumn<bool>("commitOuter");
        QTest::addColumn<int>("expected"); // conversations there afterwards
        QTest::addRow("both committed") << true << true << 2;
        QTest::addRow("inner rolled back") << false << true << 1;
        QTest::addRow("outer rolled back") << true << false << 0;
    }

    void nestedWriteTransactionsAreSavepoints()
    {
        QFETCH(bool, commitInner);
        QFETCH(bool, commitOuter);
        QFETCH(int, expected);
        Database db;
        QVERIFY(db.open(path()));
        ConversationStore store(db);
        RawConnection other(path());
        {
            sql::WriteTransaction outer(db.connection());
            QVERIFY(outer.isActive());
            QVERIFY(!outer.isNested());
            QVERIFY(store.createConversation(u"First"_s)); // its own transaction, nested
            {
                sql::WriteTransaction inner(db.connection());
                QVERIFY(inner.isActive());
                QVERIFY(inner.isNested());
                QVERIFY(store.createConversation(u"Second"_s));
                if (commitInner)
                    QVERIFY(inner.commit());
            }
            // Nothing reaches another connection before the outer commit.
            QCOMPARE(other.value(u"SELECT count(*) FROM conversations"_s).toInt(), 0);
            if (commitOuter)
                QVERIFY(outer.commit());
        }
        QCOMPARE(other.value(u"SELECT count(*) FROM conversations"_s).toInt(), expected);
        // And the connection is back to taking transactions of its own.
        sql::WriteTransaction after(db.connection());
        QVERIFY(after.isActive());
        QVERIFY(!after.isNested());
    }

    void connectionsAreUniqueAndRemovedOnClose()
    {
        Database first;
        Database second;
        QVERIFY(first.open(path()));
        QVERIFY(second.open(path()));
        QVERIFY(first.connectionName() != second.connectionName());
        const QString name = first.connectionName();
        QVERIFY(QSqlDatabase::contains(name));
        first.close();
        QVERIFY(!first.isOpen());
        QVERIFY(!QSqlDatabase::contains(name));
        QVERIFY(second.connection().isOpen());
    }

    void reopeningKeepsEverything()
    {
        createWithRows(path());
        Database db;
        QVERIFY(db.open(path()));
        QVERIFY(db.notice().isEmpty());
        ConversationStore store(db);
        QCOMPARE(store.conversations().valueOr({}).size(), 1);
        QCOMPARE(
            store.messages(store.conversations().valueOr({}).first().id).valueOr({}).size(), 3);
        QVERIFY(brokenFiles().isEmpty());
    }

    // A database left at each older version migrates to the latest and keeps its rows.
    void migratesFromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int version = 1; version < Database::latestVersion(); ++version)
            QTest::addRow("v%d", version) << version;
    }

    void migratesFromEveryVersion()
    {
        QFETCH(int, from);
        qint64 conversationId = 0;
        qint64 otherId = 0;
        qint64 streamingId = 0;
        {
            Database db;
            Database::Options options;
            options.targetVersion = from;
            const Result<> opened = db.open(path(), options);
            QVERIFY2(opened, qPrintable(opened.error()));
            QCOMPARE(db.schemaVersion(), from);
            RawConnection raw(path());
            QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), from);
            ConversationStore store(db);
            conversationId = *store.createConversation(u"Old"_s, u"free first"_s);
            QVERIFY(store.addUserMessage(conversationId, u"Which provider migrated this?"_s));
            // Another conversation's message between two of this one's.
            otherId = *store.createConversation(u"Other"_s);
            QVERIFY(store.addUserMessage(otherId, u"Interleaved"_s));
            QVERIFY(store.addUserMessage(conversationId, u"東京の天気は晴れです"_s));
            const auto reply = store.beginAssistantMessage(conversationId);
            QVERIFY(reply);
            TurnResult result;
            result.status = TurnResult::Status::Served;
            result.content = u"Groq migrated it."_s;
            result.servedAttempt = 0;
            const auto turnId = store.finishTurn(conversationId, 0, *reply, result);
            QVERIFY2(turnId, qPrintable(turnId.error()));
            if (from < 5) {
                // The attempt as every schema before 5 stored it: no start time of its
                // own, and OpenRouter's two tries once per source that reported them.
                QVERIFY(
                    raw.exec(u"INSERT INTO attempts (turn_id, idx, step_index, endpoint_kind, "
                             "outcome, provider, http_status, sent_ms) VALUES "
                             "(%1, 0, 0, 'openrouter', 'served', 'Groq', 200, 40)"_s.arg(*turnId)));
                const qint64 attemptId = raw.value(u"SELECT max(id) FROM attempts"_s).toLongLong();
                QVERIFY(raw.exec(
                    u"INSERT INTO server_attempts (attempt_id, position, provider, model, status, "
                    "code, latency_ms, is_byok, %2) VALUES "
                    "(%1, 0, 'Cerebras', 'kimi', 429, 'rate_limit_exceeded', NULL, NULL, "
                    "'router_metadata'), "
                    "(%1, 1, 'Groq', 'kimi', 200, '', NULL, NULL, 'router_metadata'), "
                    "(%1, 2, 'cerebras', '', 429, '', 88, 0, 'generation'), "
                    "(%1, 3, 'Groq', '', 200, '', 412, 1, 'generation')"_s.arg(attemptId)
                        .arg(u"source"_s)));
            }
            // A reply still streaming when the migration runs (another process writing).
            const auto streaming = store.beginAssistantMessage(conversationId);
            QVERIFY(streaming);
            QVERIFY(store.updateAssistantText(*streaming, u"Cerebras still streaming"_s));
            streamingId = *streaming;
        }
        Database db;
        const Result<> opened = db.open(path());
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(db.notice().isEmpty());
        QCOMPARE(db.schemaVersion(), Database::latestVersion());
        ConversationStore store(db);
        QCOMPARE(store.recoverInterrupted().valueOr(-1), 1);
        // Conversations from before version 6 had no settings: nothing extra is sent.
        const Result<Conversation> migrated = store.conversation(conversationId);
        QVERIFY2(migrated, qPrintable(migrated.error()));
        QVERIFY(migrated->settings.isEmpty());
        ConversationSettings settings;
        settings.systemPrompt = u"Be brief."_s;
        settings.sampling.seed = 3;
        QVERIFY(store.setConversationSettings(conversationId, settings));
        QCOMPARE(store.conversation(conversationId)->settings, settings);
        const QList<StoredMessage> messages = store.messages(conversationId).valueOr({});
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0].content, u"Which provider migrated this?"_s);
        // Schema 8: a linear conversation became one branch, each message under the one
        // before it, the branch on screen ending at the last; nothing lost.
        QCOMPARE(messages[0].parentId, qint64(0));
        for (qsizetype i = 1; i < messages.size(); ++i)
            QCOMPARE(messages[i].parentId, messages[i - 1].id);
        QCOMPARE(store.conversation(conversationId)->currentLeafId, messages[3].id);
        QCOMPARE(store.conversation(conversationId)->origin, QString());
        const QList<StoredMessage> other = store.messages(otherId).valueOr({});
        QCOMPARE(other.size(), 1);
        QCOMPARE(other[0].parentId, qint64(0));
        QCOMPARE(store.conversation(otherId)->currentLeafId, other[0].id);
        QCOMPARE(ConversationTree(store).branch(conversationId).valueOr({}).size(), 4);
        const Result<qint64> next = store.addUserMessage(conversationId, u"After the tree"_s);
        QVERIFY(next);
        QCOMPARE(store.message(*next)->parentId, messages[3].id);
        QCOMPARE(store.conversation(conversationId)->currentLeafId, *next);
        QCOMPARE(messages[2].state, MessageState::Complete);
        QCOMPARE(messages[3].state, MessageState::Interrupted); // its writer is gone
        const QList<StoredTurn> turns = store.turns(conversationId).valueOr({});
        QCOMPARE(turns.size(), 1);
        // Schema 5 merged the per-source rows; a database already at 5 has nothing to merge.
        QCOMPARE(turns[0].attempts.size(), from < 5 ? 1 : 0);
        if (from < 5) {
            const Attempt &attempt = turns[0].attempts[0];
            // Its start: the turn's start plus its offset into the turn.
            QCOMPARE(attempt.startedAt, turns[0].startedAt.addMSecs(40));
            // One row per try, every field either source gave, both sources named.
            const QList<ServerAttempt> &servers = attempt.serverAttempts;
            QCOMPARE(servers.size(), 2);
            QCOMPARE(servers[0].provider, u"Cerebras"_s);
            QCOMPARE(servers[0].model, u"kimi"_s);
            QCOMPARE(servers[0].code, u"rate_limit_exceeded"_s);
            QCOMPARE(servers[0].latencyMs, std::optional<qint64>(88));
            QCOMPARE(servers[0].isByok, std::optional<bool>(false));
            const QList bothSources { ServerAttempt::Source::RouterMetadata,
                ServerAttempt::Source::GenerationStats };
            QCOMPARE(servers[0].sources, bothSources);
            QCOMPARE(servers[1].provider, u"Groq"_s);
            QCOMPARE(servers[1].latencyMs, std::optional<qint64>(412));
            QCOMPARE(servers[1].isByok, std::optional<bool>(true));
            QCOMPARE(servers[1].sources, bothSources);
        }
        // Rows written before the search indexes existed are found by them.
        QCOMPARE(store.search(u"migrated"_s).valueOr({}).size(), 2);
        QCOMPARE(store.search(u"天気"_s).valueOr({}).size(), 1);
        QCOMPARE(store.search(u"東京の天気"_s).valueOr({}).size(), 1);
        QCOMPARE(store.search(u"Cerebras"_s).valueOr({}).size(), 1);
        QCOMPARE(store.search(u"Cerebras"_s).valueOr({}).constFirst().messageId, streamingId);
        RawConnection raw(path());
        QVERIFY(
            raw.exec(u"INSERT INTO message_words (message_words) VALUES ('integrity-check')"_s));
        QVERIFY(raw.exec(u"INSERT INTO message_cjk (message_cjk) VALUES ('integrity-check')"_s));
    }

    void failedMigrationStepIsRolledBack()
    {
        createWithRows(path());
        QList<Database::Migration> steps = Database::migrations();
        const int broken = Database::latestVersion() + 1;
        steps.append({ broken, u"a step that fails halfway"_s,
            { u"CREATE TABLE extra (x)"_s, u"INSERT INTO extra VALUES (1)"_s,
                u"INSERT INTO no_such_table VALUES (1)"_s } });
        Database db;
        Database::Options options;
        options.migrations = steps;
        const Result<> opened = db.open(path(), options);
        QVERIFY(!opened);
        QVERIFY2(opened.error().contains(u"schema version %1"_s.arg(broken)),
            qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"left at version %1"_s.arg(Database::latestVersion())),
            qPrintable(opened.error()));
        QVERIFY(!db.isOpen());

        RawConnection raw(path());
        QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), Database::latestVersion());
        QVERIFY(raw.column(u"SELECT name FROM sqlite_master WHERE name = 'extra'"_s).isEmpty());
        QCOMPARE(raw.value(u"SELECT count(*) FROM messages"_s).toInt(), 3);
        QVERIFY(brokenFiles().isEmpty());
    }

    void newerDatabaseIsRefusedAndUntouched()
    {
        createWithRows(path());
        {
            RawConnection raw(path());
            QVERIFY(raw.exec(u"PRAGMA user_version = %1"_s.arg(Database::latestVersion() + 5)));
        }
        const QByteArray before = storetest::fileBytes(path());
        Database db;
        const Result<> opened = db.open(path());
        QVERIFY(!opened);
        QVERIFY(!db.isOpen());
        QVERIFY2(opened.error().contains(u"newer version of Detour"_s), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(u"left untouched"_s), qPrintable(opened.error()));
        QCOMPARE(storetest::fileBytes(path()), before);
        QVERIFY(brokenFiles().isEmpty());
    }

    // Whatever is at the path, open() ends with a usable database and never
    // destroys the old file: it is moved aside, and the caller is told where.
    void unusableFilesAreMovedAside_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::addRow("random bytes") << u"random"_s << u"not an SQLite database"_s;
        QTest::addRow("empty file") << u"empty"_s << u"empty"_s;
        QTest::addRow("another application's SQLite file")
            << u"foreign"_s << u"another application"_s;
        QTest::addRow("SQLite file with a foreign application_id")
            << u"foreign-id"_s << u"another application"_s;
        QTest::addRow("damaged Detour database") << u"damaged"_s << u"damaged"_s;
    }

    void unusableFilesAreMovedAside()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        const QString file = path();
        if (kind == u"random"_s) {
            QByteArray bytes(8192, Qt::Uninitialized);
            QRandomGenerator generator(42);
            for (char &byte : bytes)
                byte = char(generator.bounded(256));
            storetest::writeFile(file, bytes);
        } else if (kind == u"empty"_s) {
            storetest::writeFile(file, {});
        } else if (kind == u"foreign"_s || kind == u"foreign-id"_s) {
            storetest::writeFile(file, {}); // RawConnection never creates files
            RawConnection raw(file);
            QVERIFY(raw.exec(u"CREATE TABLE bookmarks (url TEXT)"_s));
            QVERIFY(raw.exec(u"INSERT INTO bookmarks VALUES ('https://example.org')"_s));
            if (kind == u"foreign-id"_s)
                QVERIFY(raw.exec(u"PRAGMA application_id = 1234"_s));
        } else if (kind == u"damaged"_s) {
            createWithRows(file, 60);
            QByteArray bytes = storetest::fileBytes(file);
            QVERIFY(bytes.size() > 6 * 4096);
            for (qsizetype i = 2 * 4096; i < 5 * 4096; ++i)
                bytes[i] = char(0xA5 ^ (i & 0xff));
            storetest::writeFile(file, bytes);
        }
        // A WAL left next to it must move with it, or SQLite would replay it into the new file.
        storetest::writeFile(file + u"-wal"_s, "not really a WAL");
        const QByteArray original = storetest::fileBytes(file);

        Database db;
        const Result<> opened = db.open(file);
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(db.schemaVersion(), Database::latestVersion());
        const QString notice = db.notice();
        QVERIFY2(notice.contains(reason), qPrintable(notice));
        QVERIFY2(
            notice.contains(QDir::toNativeSeparators(db.movedAsidePath())), qPrintable(notice));
        QVERIFY2(notice.endsWith(u'.') && notice.count(u". "_s) == 0,
            qPrintable(notice)); // one sentence

        const QString aside = db.movedAsidePath();
        const QStringList moved = brokenFiles();
        QVERIFY2(moved.contains(QFileInfo(aside).fileName()), qPrintable(moved.join(u' ')));
        QVERIFY2(
            moved.contains(QFileInfo(aside).fileName() + u"-wal"_s), qPrintable(moved.join(u' ')));
        QVERIFY(QFileInfo(aside).fileName().startsWith(u"detour.sqlite3.broken-"_s));
        QVERIFY(QFileInfo(aside).fileName().contains(
            QRegularExpression(u"\\.broken-\\d{8}-\\d{6}$"_s)));
        QCOMPARE(storetest::fileBytes(aside), original);
        QCOMPARE(storetest::fileBytes(aside + u"-wal"_s), QByteArray("not really a WAL"));

        // The fresh database works.
        ConversationStore store(db);
        const auto conversation = store.createConversation(u"After"_s);
        QVERIFY(conversation);
        QVERIFY(store.addUserMessage(*conversation, u"still here"_s));
        QCOMPARE(store.search(u"still"_s).valueOr({}).size(), 1);
    }

    void anSQLiteFileWithNothingInItIsAdopted()
    {
        storetest::writeFile(path(), {});
        {
            RawConnection raw(path());
            QVERIFY(raw.exec(u"VACUUM"_s)); // writes a valid header, no tables
        }
        QVERIFY(storetest::fileBytes(path()).startsWith("SQLite format 3"));
        Database db;
        const Result<> opened = db.open(path());
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY2(db.notice().isEmpty(), qPrintable(db.notice()));
        QCOMPARE(db.schemaVersion(), Database::latestVersion());
        QVERIFY(brokenFiles().isEmpty());
    }

    void movingAsideTwiceInOneSecondKeepsBoth()
    {
        storetest::writeFile(path(), "garbage one");
        {
            Database db;
            QVERIFY(db.open(path()));
        }
        QFile::remove(path() + u"-wal"_s);
        QFile::remove(path() + u"-shm"_s);
        storetest::writeFile(path(), "garbage two");
        Database db;
        QVERIFY(db.open(path()));
        QStringList contents;
        for (const QString &name : brokenFiles())
            contents << QString::fromLatin1(storetest::fileBytes(path(name)));
        contents.sort();
        QCOMPARE(contents, (QStringList { u"garbage one"_s, u"garbage two"_s }));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "test_database.moc"
