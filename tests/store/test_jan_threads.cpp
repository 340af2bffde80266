// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// JanThreads on two threads in the shape of Jan's data-folder documentation
// (tests/fixtures/import/jan/threads), and on broken variants.
#include "Fixtures.h"
#include "store/HistoryImport.h"
#include "store/JanThreads.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

const QString jokeThread = u"import/jan/threads/jan_1725437954"_s;
const QString colourThread = u"import/jan/threads/jan_1725440000"_s;

const ImportedConversation *byOrigin(const ImportedHistory &history, const QString &origin)
{
    for (const ImportedConversation &conversation : history.conversations) {
        if (conversation.origin == origin)
            return &conversation;
    }
    return nullptr;
}

} // namespace

class TestJanThreads final : public QObject {
    Q_OBJECT

private slots:
    void findsThreads_data();
    void findsThreads();
    void readsALinearThread();
    void keepsPicturesWithTheirBytes();
    void skips_data();
    void skips();
    void refusesBrokenInput_data();
    void refusesBrokenInput();
    void refusesAFolderWithoutThreads();
};

void TestJanThreads::findsThreads_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("conversations");
    QTest::addColumn<int>("messages");
    QTest::addRow("data folder") << u"import/jan"_s << 2 << 7;
    QTest::addRow("threads folder") << u"import/jan/threads"_s << 2 << 7;
    QTest::addRow("thread folder") << jokeThread << 1 << 4;
    QTest::addRow("messages.jsonl") << jokeThread + u"/messages.jsonl"_s << 1 << 4;
    QTest::addRow("thread.json") << colourThread + u"/thread.json"_s << 1 << 3;
}

void TestJanThreads::findsThreads()
{
    QFETCH(QString, path);
    QFETCH(int, conversations);
    QFETCH(int, messages);
    const Result<ImportedHistory> history = HistoryImport::read(fixtures::path(path));
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    QCOMPARE(history->source, u"Jan"_s);
    QCOMPARE(history->conversations.size(), conversations);
    QCOMPARE(history->messageCount(), messages);
    QCOMPARE(history->branchCount(), conversations); // a Jan thread is one branch
}

void TestJanThreads::readsALinearThread()
{
    const Result<ImportedHistory> history = JanThreads::readFolder(fixtures::path(jokeThread));
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *thread = byOrigin(*history, u"jan:jan_1725437954"_s);
    QVERIFY(thread);
    QCOMPARE(thread->title, u"Funny physics joke"_s);
    QCOMPARE(thread->createdAt, QDateTime::fromMSecsSinceEpoch(1725437954000, Qt::UTC));
    QCOMPARE(thread->updatedAt, QDateTime::fromMSecsSinceEpoch(1725442900000, Qt::UTC));
    QCOMPARE(thread->messages.size(), 4);
    QCOMPARE(thread->messages[0].role, u"user"_s);
    QCOMPARE(thread->messages[0].content, u"Tell me a physics joke."_s);
    QVERIFY(thread->messages[0].parentKey.isEmpty());
    for (int i = 1; i < 4; ++i)
        QCOMPARE(thread->messages[i].parentKey, thread->messages[i - 1].key);
    QCOMPARE(thread->messages[1].role, u"assistant"_s);
    QCOMPARE(thread->messages[1].createdAt, QDateTime::fromMSecsSinceEpoch(1725442802966, Qt::UTC));
    QCOMPARE(thread->currentLeafKey, u"01J6Y6F0000000000000000004"_s);
    QCOMPARE(thread->currentPath().size(), 4);
}

void TestJanThreads::keepsPicturesWithTheirBytes()
{
    const Result<ImportedHistory> history = JanThreads::readFolder(fixtures::path(colourThread));
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *thread = byOrigin(*history, u"jan:jan_1725440000"_s);
    QVERIFY(thread);
    // The older form: "created" in seconds on the thread, in milliseconds on messages.
    QCOMPARE(thread->createdAt, QDateTime::fromSecsSinceEpoch(1725440000, Qt::UTC));
    QCOMPARE(thread->messages.size(), 3);
    const ImportedMessage &question = thread->messages[0];
    QCOMPARE(question.content, u"Which colour is this?"_s);
    QCOMPARE(question.attachments.size(), 1);
    QCOMPARE(question.attachments[0].kind, Attachment::Kind::Image);
    QCOMPARE(question.attachments[0].mimeType, u"image/png"_s);
    QVERIFY(question.attachments[0].data.startsWith("\x89PNG"));
    QCOMPARE(question.createdAt, QDateTime::fromMSecsSinceEpoch(1725440001000, Qt::UTC));
    // The link is left out, the text beside it kept.
    QCOMPARE(thread->messages[2].content, u"And the one at this link?"_s);
    QVERIFY(thread->messages[2].attachments.isEmpty());
}

void TestJanThreads::skips_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");
    QTest::addRow("picture link") << 3 << u"only as a link"_s;
    QTest::addRow("tool message") << 4 << u"no tool messages"_s;
    QTest::addRow("failed reply") << 5 << u"failed in Jan"_s;
}

void TestJanThreads::skips()
{
    QFETCH(int, line);
    QFETCH(QString, reason);
    const Result<ImportedHistory> history = JanThreads::readFolder(fixtures::path(colourThread));
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    QStringList reasons;
    for (const ImportSkip &skip : history->skipped) {
        if (skip.where.endsWith(u", line %1"_s.arg(line)))
            reasons.append(skip.reason);
    }
    QCOMPARE(reasons.size(), 1);
    QVERIFY2(reasons[0].contains(reason), qPrintable(reasons[0]));
    QCOMPARE(history->skipped.size(), 3);
}

void TestJanThreads::refusesBrokenInput_data()
{
    QTest::addColumn<QByteArray>("threadJson");
    QTest::addColumn<QByteArray>("messages");
    QTest::addColumn<QString>("error");
    const QByteArray good = fixtures::read(jokeThread + u"/messages.jsonl"_s);
    const QByteArray thread = fixtures::read(jokeThread + u"/thread.json"_s);
    QTest::addRow("truncated last line") << thread << good.left(good.size() - 40)
                                         << u"jan_x/messages.jsonl ends too early, at line 4"_s;
    QByteArray badLine = good;
    badLine.replace("\"role\": \"assistant\"", "\"role\" \"assistant\"");
    QTest::addRow("not JSON on line 2")
        << thread << badLine << u"jan_x/messages.jsonl is not valid JSON at line 2, column"_s;
    QTest::addRow("line not an object") << thread << QByteArray("[1, 2]\n")
                                        << u"jan_x/messages.jsonl, line 1 is not a JSON object"_s;
    QTest::addRow("role a number") << thread << QByteArray("{\"role\": 1, \"content\": \"a\"}\n")
                                   << u"line 1: role must be text"_s;
    QTest::addRow("content a number")
        << thread << QByteArray("\n{\"role\": \"user\", \"content\": 5}\n")
        << u"line 2: content must be a list or text"_s;
    QTest::addRow("id twice") << thread
                              << QByteArray(
                                     "{\"id\": \"a\", \"role\": \"user\", \"content\": \"x\"}\n"
                                     "{\"id\": \"a\", \"role\": \"user\", \"content\": \"y\"}\n")
                              << u"line 2: the id a is used twice"_s;
    QTest::addRow("thread.json broken")
        << QByteArray("{\"title\": ") << good << u"jan_x/thread.json ends too early"_s;
    QTest::addRow("thread.json a list")
        << QByteArray("[]") << good << u"jan_x/thread.json is not a JSON object"_s;
}

void TestJanThreads::refusesBrokenInput()
{
    QFETCH(QByteArray, threadJson);
    QFETCH(QByteArray, messages);
    QFETCH(QString, error);
    ImportedHistory history;
    const Result<> read = JanThreads::readThread(threadJson, messages, u"jan_x"_s, history);
    QVERIFY(!read.hasValue());
    QVERIFY2(read.error().contains(error), qPrintable(read.error()));
    QVERIFY(history.conversations.isEmpty());
}

void TestJanThreads::refusesAFolderWithoutThreads()
{
    const Result<ImportedHistory> history = HistoryImport::read(fixtures::path(u"import"_s));
    QVERIFY(!history.hasValue());
    QVERIFY2(history.error().contains(u"holds no Jan threads"_s), qPrintable(history.error()));
}

QTEST_GUILESS_MAIN(TestJanThreads)
#include "test_jan_threads.moc"
