// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Two Detour processes on one database at the same time (what happens when a
// second instance starts, or a script runs `detour --ask` while the window is
// open): WAL lets readers and the writer overlap, busy_timeout makes writers
// wait for each other, start-up is serialised by a lock file, and start-up
// recovery leaves replies that another live process is still writing alone.
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using storetest::RawConnection;

namespace {

constexpr int waitMs = 60'000;

QString reply(int words)
{
    QStringList list;
    for (int i = 1; i <= words; ++i)
        list << u"w%1"_s.arg(i);
    return list.join(u' ');
}

QByteArray scenario(int tokensPerSecond, int words)
{
    return quoted("{'models':[{'id':'test/slow','providers':['Slow']}],"
                  "'providers':{'Slow':{'latency_ms':20,'tokens_per_second':")
        + QByteArray::number(tokensPerSecond) + quoted(",'script':[{'kind':'serve'}]}},'reply':'")
        + reply(words).toUtf8() + quoted("'}");
}

} // namespace

class TestConcurrentAccess final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    void startAsk(QProcess &process, const QString &database, const QString &question,
        const QString &scenarioFile)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_DATA_HOME"_s, file(u"xdg"_s));
        environment.remove(u"OPENROUTER_API_KEY"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(DETOUR_BINARY),
            { u"--ask"_s, question, u"--route"_s, file(u"route.json"_s), u"--simulate"_s,
                scenarioFile, u"--db"_s, database });
        QVERIFY(process.waitForStarted());
    }

    void finishesServed(QProcess &process)
    {
        QVERIFY(process.waitForFinished(waitMs));
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
            process.readAllStandardError().constData());
    }

    void verifyIntact(Database &db)
    {
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
        QVERIFY(
            query.exec(u"INSERT INTO message_words (message_words) VALUES ('integrity-check')"_s));
        QVERIFY(query.exec(u"INSERT INTO message_cjk (message_cjk) VALUES ('integrity-check')"_s));
        QVERIFY(QDir(m_dir.path())
                    .entryList({ u"*.broken-*"_s })
                    .isEmpty()); // nobody moved the file away
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        storetest::writeFile(file(u"steady.json"_s), scenario(15, 45)); // ~3 s each
        storetest::writeFile(file(u"long.json"_s), scenario(5, 40)); // ~8 s
        storetest::writeFile(file(u"quick.json"_s), scenario(0, 5));
        storetest::writeFile(file(u"route.json"_s), quoted("{'steps':[{'model':'test/slow'}]}"));
    }

    void twoAsksAtOnceOnANewDatabase()
    {
        const QString database = file(u"fresh.sqlite3"_s); // neither may find it half-created
        QProcess first;
        QProcess second;
        startAsk(first, database, u"first question"_s, file(u"steady.json"_s));
        startAsk(second, database, u"second question"_s, file(u"steady.json"_s));
        finishesServed(first);
        finishesServed(second);
        QVERIFY(first.readAllStandardOutput().startsWith(reply(45).toUtf8()));
        QVERIFY(second.readAllStandardOutput().startsWith(reply(45).toUtf8()));

        Database db;
        const Result<> opened = db.open(database);
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(db.notice().isEmpty());
        verifyIntact(db);
        ConversationStore store(db);
        const QList<Conversation> conversations = store.conversations().valueOr({});
        QCOMPARE(conversations.size(), 2);
        QStringList questions;
        for (const Conversation &conversation : conversations) {
            const QList<StoredMessage> messages = store.messages(conversation.id).valueOr({});
            QCOMPARE(messages.size(), 2);
            questions << messages[0].content;
            QCOMPARE(messages[1].state, MessageState::Complete);
            QCOMPARE(messages[1].content, reply(45));
            const QList<StoredTurn> turns = store.turns(conversation.id).valueOr({});
            QCOMPARE(turns.size(), 1);
            QCOMPARE(turns[0].status, TurnResult::Status::Served);
            QCOMPARE(turns[0].userMessageId, messages[0].id);
        }
        questions.sort();
        QCOMPARE(questions, (QStringList { u"first question"_s, u"second question"_s }));
    }

    void secondStartLeavesTheOtherReplyStreaming()
    {
        const QString database = file(u"shared.sqlite3"_s);
        QProcess longer;
        startAsk(longer, database, u"the long one"_s, file(u"long.json"_s));
        QString partial;
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (QFileInfo(database).size() == 0)
                    return false;
                RawConnection raw(database);
                partial =
                    raw.value(
                           u"SELECT content FROM messages WHERE role = 'assistant' AND state = 'streaming'"_s)
                        .toString();
                return !partial.isEmpty();
            },
            waitMs));

        // A second process starts (running start-up recovery), asks, and ends.
        QProcess quick;
        startAsk(quick, database, u"the quick one"_s, file(u"quick.json"_s));
        finishesServed(quick);
        QCOMPARE(longer.state(), QProcess::Running);
        {
            RawConnection raw(database);
            QCOMPARE(raw.value(u"SELECT count(*) FROM conversations"_s).toInt(), 2);
            // The first process's reply is still streaming (not taken for a crash) ...
            QCOMPARE(
                raw.value(
                       u"SELECT state FROM messages WHERE role = 'assistant' ORDER BY id LIMIT 1"_s)
                    .toString(),
                u"streaming"_s);
        }
        // ... and keeps growing.
        QVERIFY(QTest::qWaitFor(
            [&] {
                RawConnection raw(database);
                const QString now =
                    raw.value(
                           u"SELECT content FROM messages WHERE role = 'assistant' ORDER BY id LIMIT 1"_s)
                        .toString();
                return now.size() > partial.size() + 10;
            },
            waitMs));
        finishesServed(longer);

        Database db;
        const Result<> opened = db.open(database);
        QVERIFY2(opened, qPrintable(opened.error()));
        verifyIntact(db);
        ConversationStore store(db);
        QCOMPARE(store.recoverInterrupted().valueOr(-1), 0);
        QStringList replies;
        for (const Conversation &conversation : store.conversations().valueOr({})) {
            const QList<StoredMessage> messages = store.messages(conversation.id).valueOr({});
            QCOMPARE(messages.size(), 2);
            QCOMPARE(messages[1].state, MessageState::Complete);
            replies << messages[1].content;
        }
        replies.sort();
        QStringList expected { reply(40), reply(5) };
        expected.sort();
        QCOMPARE(replies, expected);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentAccess)
#include "test_concurrent_access.moc"
