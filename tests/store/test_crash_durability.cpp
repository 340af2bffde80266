// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The real `detour --ask`, killed with SIGKILL while a reply streams: the
// question and the text that had arrived are in the database afterwards, and
// start-up recovery marks the reply interrupted.
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;
using fixtures::quoted;
using storetest::RawConnection;

namespace {

constexpr int waitMs = 30'000;

QString longReply()
{
    QStringList words;
    for (int i = 1; i <= 200; ++i)
        words << u"token%1"_s.arg(i);
    return words.join(u' ');
}

} // namespace

class TestCrashDurability final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // 5 tokens a second, 200 tokens: the reply would take 40 s.
        storetest::writeFile(file(u"slow.json"_s),
            quoted("{'models':[{'id':'test/slow','providers':['Slow']}],"
                   "'providers':{'Slow':{'latency_ms':20,'tokens_per_second':5,'script':[{'kind':'"
                   "serve'}]}},"
                   "'reply':'")
                + longReply().toUtf8() + quoted("'}"));
        storetest::writeFile(file(u"route.json"_s), quoted("{'steps':[{'model':'test/slow'}]}"));
    }

    void killedMidStreamKeepsQuestionAndPartialReply()
    {
        const QString database = file(u"history.sqlite3"_s);
        const QString question = u"Please count to two hundred, slowly."_s;
        QProcess detour;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_DATA_HOME"_s, file(u"xdg"_s));
        environment.remove(u"OPENROUTER_API_KEY"_s);
        detour.setProcessEnvironment(environment);
        detour.start(QStringLiteral(DETOUR_BINARY),
            { u"--ask"_s, question, u"--route"_s, file(u"route.json"_s), u"--simulate"_s,
                file(u"slow.json"_s), u"--db"_s, database });
        QVERIFY(detour.waitForStarted());

        // Wait (bounded) until another connection sees part of the reply.
        QString partial;
        QElapsedTimer clock;
        clock.start();
        while (
            partial.isEmpty() && clock.elapsed() < waitMs && detour.state() == QProcess::Running) {
            QTest::qWait(100);
            if (QFileInfo(database).size() == 0)
                continue; // not created yet (a connection of ours must never create it)
            RawConnection raw(database);
            partial =
                raw.value(
                       u"SELECT content FROM messages WHERE role = 'assistant' AND state = 'streaming'"_s)
                    .toString();
        }
        QVERIFY2(!partial.isEmpty(), detour.readAllStandardError().constData());
        QCOMPARE(detour.state(), QProcess::Running);

        detour.kill(); // SIGKILL: no destructor, no flush, no clean close
        QVERIFY(detour.waitForFinished(waitMs));
        QCOMPARE(detour.exitStatus(), QProcess::CrashExit);

        Database db;
        const Result<> opened = db.open(database);
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(db.notice().isEmpty());
        ConversationStore store(db);
        QCOMPARE(store.recoverInterrupted().valueOr(-1), 1);

        const QList<Conversation> conversations = store.conversations().valueOr({});
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations[0].title, ConversationStore::titleFor(question));
        const QList<StoredMessage> messages = store.messages(conversations[0].id).valueOr({});
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].role, u"user"_s);
        QCOMPARE(messages[0].content, question);
        QCOMPARE(messages[0].state, MessageState::Complete);
        QCOMPARE(messages[1].role, u"assistant"_s);
        QCOMPARE(messages[1].state, MessageState::Interrupted);
        QVERIFY(!messages[1].content.isEmpty());
        QVERIFY(messages[1].content.size() >= partial.size()); // nothing seen was lost
        QVERIFY(messages[1].content.startsWith(partial));
        QVERIFY(longReply().startsWith(messages[1].content));
        QVERIFY(messages[1].content.size() < longReply().size());
        QVERIFY(store.turns(conversations[0].id).valueOr({}).isEmpty()); // the turn never ended
        QCOMPARE(store.search(u"token1"_s).valueOr({}).size(), 1); // and it can be found

        QSqlQuery check(db.connection());
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
        QCOMPARE(store.recoverInterrupted().valueOr(-1), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashDurability)
#include "test_crash_durability.moc"
