// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// `detour --import FILE [--json]` run as a process, on the fixtures of
// tests/fixtures/import, into a database of its own (--db).
#include "Fixtures.h"
#include "protocol/JsonUtil.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace detour;
using Json = nlohmann::json;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runDetour(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"OPENROUTER_API_KEY"_s);
    // Headless: no display is needed, and none is used.
    for (const QString &name : { u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s })
        environment.remove(name);
    static const QTemporaryDir home; // the default database, were --db forgotten
    environment.insert(u"XDG_DATA_HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DETOUR_BINARY), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        qFatal("detour did not finish");
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

qint64 conversationCount(const QString &databasePath)
{
    Database database;
    if (!database.open(databasePath))
        qFatal("cannot open %s", qPrintable(databasePath));
    ConversationStore store(database);
    const Result<QList<Conversation>> conversations = store.conversations();
    return conversations ? conversations->size() : -1;
}

} // namespace

class TestImportCommand final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void importsAndSaysWhat_data();
    void importsAndSaysWhat();
    void secondImportAddsNothing();
    void printsJson();
    void refuses_data();
    void refuses();
    void helpNamesTheExitCodes();
};

void TestImportCommand::importsAndSaysWhat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<QString>("skipped");
    QTest::addRow("ChatGPT")
        << u"import/chatgpt/conversations.json"_s
        << u"Imported from ChatGPT: 3 conversations, 13 messages, 5 branches."_s
        << u"Skipped 1 × a tool's output"_s;
    QTest::addRow("Jan") << u"import/jan/threads"_s
                         << u"Imported from Jan: 2 conversations, 7 messages, 2 branches."_s
                         << u"Skipped 1 × a reply that failed in Jan"_s;
}

void TestImportCommand::importsAndSaysWhat()
{
    QFETCH(QString, path);
    QFETCH(QString, summary);
    QFETCH(QString, skipped);
    const QString database =
        m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".db"_s);
    const Run run = runDetour({ u"--import"_s, fixtures::path(path), u"--db"_s, database });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(summary + u'\n'), qPrintable(run.out));
    QVERIFY2(run.out.contains(skipped), qPrintable(run.out));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    QCOMPARE(conversationCount(database), summary.contains(u"3 conversations"_s) ? 3 : 2);
}

void TestImportCommand::secondImportAddsNothing()
{
    const QString database = m_dir.filePath(u"twice.db"_s);
    const QStringList arguments { u"--import"_s, fixtures::path(u"import/chatgpt"_s), u"--db"_s,
        database };
    QCOMPARE(runDetour(arguments).exitCode, 0);
    const Run again = runDetour(arguments);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(
        again.out.startsWith(u"Imported from ChatGPT: 0 conversations, 0 messages, 0 branches.\n"
                             "3 conversations imported before, left as they are."_s),
        qPrintable(again.out));
    QCOMPARE(conversationCount(database), 3);
}

void TestImportCommand::printsJson()
{
    const Run run = runDetour({ u"--import"_s, fixtures::path(u"import/chatgpt"_s), u"--json"_s,
        u"--db"_s, m_dir.filePath(u"json.db"_s) });
    QCOMPARE(run.exitCode, 0);
    const std::optional<Json> report = json::parse(run.out.trimmed().toUtf8());
    QVERIFY2(report && report->is_object(), qPrintable(run.out));
    QCOMPARE(QString::fromStdString(report->value("source", std::string())), u"ChatGPT"_s);
    QCOMPARE(report->value("conversations", -1), 3);
    QCOMPARE(report->value("messages", -1), 13);
    QCOMPARE(report->value("branches", -1), 5);
    QCOMPARE(report->value("already_imported", -1), 0);
    const Json &skipped = (*report)["skipped"];
    QVERIFY(skipped.is_array());
    QCOMPARE(skipped.size(), std::size_t(6));
    int total = 0;
    for (const Json &group : skipped) {
        QVERIFY(group["reason"].is_string());
        QCOMPARE(group["where"].size(), group["count"].get<std::size_t>());
        total += group["count"].get<int>();
    }
    QCOMPARE(total, 7);
}

void TestImportCommand::refuses_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty: the file does not exist
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("error");
    const QByteArray whole = fixtures::read(u"import/chatgpt/conversations.json"_s);
    QTest::addRow("missing") << QByteArray() << 1 << u"does not exist"_s;
    QTest::addRow("truncated") << whole.left(whole.size() / 2) << 2 << u"ends too early, at line"_s;
    QTest::addRow("cycle") << fixtures::quoted(
        "[{'id':'c','mapping':{'a':{'parent':'b'},'b':{'parent':'a'}}}]")
                           << 2 << u"the mapping has a cycle"_s;
    QTest::addRow("zip") << QByteArray("PK\x03\x04rest of a zip") << 2 << u"unzip it first"_s;
    QTest::addRow("other JSON") << QByteArray("{\"a\": 1}") << 2 << u"not a history"_s;
}

void TestImportCommand::refuses()
{
    QFETCH(QByteArray, contents);
    QFETCH(int, exitCode);
    QFETCH(QString, error);
    const QString file = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".json"_s);
    if (!contents.isEmpty()) {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(contents);
    }
    const QString database = m_dir.filePath(u"refused.db"_s);
    const Run run = runDetour({ u"--import"_s, file, u"--db"_s, database });
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QVERIFY(!QFile::exists(database) || conversationCount(database) == 0);
}

void TestImportCommand::helpNamesTheExitCodes()
{
    const Run run = runDetour({ u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    const QString help = run.out.simplified();
    QVERIFY2(help.contains(u"--import <FILE>"_s), qPrintable(help));
    QVERIFY2(help.contains(u"Exit status: 0 imported"_s), qPrintable(help));
    QVERIFY2(help.contains(u"3 the database could not be written"_s), qPrintable(help));
}

QTEST_GUILESS_MAIN(TestImportCommand)
#include "test_import_command.moc"
