// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// ChatGptExport on a ChatGPT data export assembled from the format's public
// descriptions (tests/fixtures/import/chatgpt), and on broken variants of it.
#include "Fixtures.h"
#include "store/ChatGptExport.h"
#include "store/HistoryImport.h"
#include "store/ImportReport.h"

#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

QString exportFolder()
{
    return fixtures::path(u"import/chatgpt"_s);
}

QByteArray exportBytes()
{
    return fixtures::read(u"import/chatgpt/conversations.json"_s);
}

const ImportedConversation *byTitle(const ImportedHistory &history, const QString &title)
{
    for (const ImportedConversation &conversation : history.conversations) {
        if (conversation.title == title)
            return &conversation;
    }
    return nullptr;
}

const ImportedMessage *byKey(const ImportedConversation &conversation, const QString &key)
{
    for (const ImportedMessage &message : conversation.messages) {
        if (message.key == key)
            return &message;
    }
    return nullptr;
}

QStringList keys(const QList<ImportedMessage> &messages)
{
    QStringList list;
    for (const ImportedMessage &message : messages)
        list.append(message.key);
    return list;
}

QStringList reasonsAt(const ImportedHistory &history, const QString &whereEndsWith)
{
    QStringList reasons;
    for (const ImportSkip &skip : history.skipped) {
        if (skip.where.endsWith(whereEndsWith))
            reasons.append(skip.reason);
    }
    return reasons;
}

} // namespace

class TestChatGptExport final : public QObject {
    Q_OBJECT

private slots:
    void readsTheExport();
    void conversations_data();
    void conversations();
    void keepsEveryBranch();
    void keepsCodeAsAFencedBlock();
    void skips_data();
    void skips();
    void readsThePictureBesideIt();
    void withoutTheFolderSkipsEveryPicture();
    void previewCountsAndReasons();
    void findsTheExportFromItsFolder();
    void refusesBrokenInput_data();
    void refusesBrokenInput();
};

void TestChatGptExport::readsTheExport()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    QCOMPARE(history->source, u"ChatGPT"_s);
    // The fourth conversation holds only a hidden system message: nothing to import.
    QCOMPARE(history->conversations.size(), 3);
    QCOMPARE(history->messageCount(), 13);
    QCOMPARE(history->branchCount(), 5);
}

void TestChatGptExport::conversations_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("branches");
    QTest::addColumn<QStringList>("currentPath");
    QTest::addRow("edited and regenerated")
        << u"Capitals"_s << u"chatgpt:6650a1b2-0001-4000-8000-000000000001"_s << 5 << 3
        << QStringList { u"aaaa-u1b"_s, u"aaaa-a2"_s };
    // The tool's output is left out: the answer hangs from the code that ran.
    QTest::addRow("code and a tool")
        << u"Sorting in Python"_s << u"chatgpt:6650a1b2-0002-4000-8000-000000000002"_s << 3 << 1
        << QStringList { u"bbbb-u"_s, u"bbbb-code"_s, u"bbbb-a"_s };
    QTest::addRow("pictures and a system message")
        << u"Pictures"_s << u"chatgpt:6650a1b2-0003-4000-8000-000000000003"_s << 5 << 1
        << QStringList { u"cccc-sys"_s, u"cccc-u"_s, u"cccc-a"_s, u"cccc-u2"_s, u"cccc-a2"_s };
}

void TestChatGptExport::conversations()
{
    QFETCH(QString, title);
    QFETCH(QString, origin);
    QFETCH(int, messages);
    QFETCH(int, branches);
    QFETCH(QStringList, currentPath);
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *conversation = byTitle(*history, title);
    QVERIFY(conversation);
    QCOMPARE(conversation->origin, origin);
    QCOMPARE(conversation->messages.size(), messages);
    QCOMPARE(conversation->branchCount(), branches);
    QCOMPARE(keys(conversation->currentPath()), currentPath);
    QCOMPARE(conversation->currentLeafKey, currentPath.constLast());
    QVERIFY(conversation->createdAt.isValid());
    QVERIFY(conversation->updatedAt > conversation->createdAt);
    // Parents before children.
    QStringList seen;
    for (const ImportedMessage &message : conversation->messages) {
        QVERIFY2(message.parentKey.isEmpty() || seen.contains(message.parentKey),
            qPrintable(message.key));
        seen.append(message.key);
    }
}

void TestChatGptExport::keepsEveryBranch()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *capitals = byTitle(*history, u"Capitals"_s);
    QVERIFY(capitals);
    // The hidden system message is left out: both questions (the first and its edit) are roots.
    const ImportedMessage *first = byKey(*capitals, u"aaaa-u1"_s);
    const ImportedMessage *edited = byKey(*capitals, u"aaaa-u1b"_s);
    QVERIFY(first && edited);
    QVERIFY(first->parentKey.isEmpty());
    QVERIFY(edited->parentKey.isEmpty());
    QCOMPARE(first->role, u"user"_s);
    QCOMPARE(edited->content, u"What is the capital of New Zealand?"_s);
    // The first answer and its regeneration are siblings, in the order ChatGPT lists them.
    const ImportedMessage *answer = byKey(*capitals, u"aaaa-a1"_s);
    const ImportedMessage *regenerated = byKey(*capitals, u"aaaa-a1r"_s);
    QVERIFY(answer && regenerated);
    QCOMPARE(answer->parentKey, u"aaaa-u1"_s);
    QCOMPARE(regenerated->parentKey, u"aaaa-u1"_s);
    QCOMPARE(regenerated->content, u"Canberra is the capital of Australia."_s);
    QVERIFY(answer < regenerated); // pointers into one list: the first answer comes first
    QCOMPARE(answer->createdAt, QDateTime::fromMSecsSinceEpoch(1717000002500, Qt::UTC));
}

void TestChatGptExport::keepsCodeAsAFencedBlock()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *sorting = byTitle(*history, u"Sorting in Python"_s);
    QVERIFY(sorting);
    const ImportedMessage *code = byKey(*sorting, u"bbbb-code"_s);
    QVERIFY(code);
    QCOMPARE(code->role, u"assistant"_s);
    QCOMPARE(code->content, u"```python\nsorted([3, 1, 2])\n```"_s);
    // Code whose language ChatGPT did not know, with backticks inside: a longer fence.
    const QByteArray unknown = fixtures::quoted(
        "[{'id':'c','title':'t','current_node':'n','mapping':{'n':{'parent':null,'children':[],"
        "'message':{'author':{'role':'assistant'},'content':{'content_type':'code',"
        "'language':'unknown','text':'a ``` b'}}}}}]");
    const Result<ImportedHistory> read = ChatGptExport::read(unknown);
    QVERIFY2(read.hasValue(), qPrintable(read.error()));
    QCOMPARE(
        read->conversations.constFirst().messages.constFirst().content, u"````\na ``` b\n````"_s);
}

void TestChatGptExport::skips_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("reason");
    QTest::addRow("hidden system message") << u"node aaaa-sys"_s << u"kept hidden"_s;
    QTest::addRow("custom instructions") << u"node bbbb-ctx"_s << u"custom instructions"_s;
    QTest::addRow("tool output") << u"node bbbb-tool"_s << u"no tool messages"_s;
    QTest::addRow("thinking summary") << u"node cccc-think"_s << u"thinking summary"_s;
    QTest::addRow("missing picture") << u"node cccc-u2"_s << u"not beside conversations.json"_s;
    QTest::addRow("nothing to import") << u"conversation 4"_s << u"no message to import"_s;
}

void TestChatGptExport::skips()
{
    QFETCH(QString, node);
    QFETCH(QString, reason);
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const QStringList reasons = reasonsAt(*history, node);
    QCOMPARE(reasons.size(), 1);
    QVERIFY2(reasons.constFirst().contains(reason), qPrintable(reasons.constFirst()));
}

void TestChatGptExport::readsThePictureBesideIt()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *pictures = byTitle(*history, u"Pictures"_s);
    QVERIFY(pictures);
    const ImportedMessage *withFile = byKey(*pictures, u"cccc-u"_s);
    QVERIFY(withFile);
    QCOMPARE(withFile->content, u"What is in this picture?"_s);
    QCOMPARE(withFile->attachments.size(), 1);
    const Attachment &picture = withFile->attachments.constFirst();
    QCOMPARE(picture.kind, Attachment::Kind::Image);
    QCOMPARE(picture.mimeType, u"image/png"_s);
    QCOMPARE(picture.data, fixtures::read(u"import/chatgpt/file-Img1Present-red-square.png"_s));
    // The picture whose file is not there: the text is kept, the picture skipped.
    const ImportedMessage *withoutFile = byKey(*pictures, u"cccc-u2"_s);
    QVERIFY(withoutFile);
    QCOMPARE(withoutFile->content, u"And this one?"_s);
    QVERIFY(withoutFile->attachments.isEmpty());
    const ImportedMessage *system = byKey(*pictures, u"cccc-sys"_s);
    QVERIFY(system);
    QCOMPARE(system->role, u"system"_s);
}

void TestChatGptExport::withoutTheFolderSkipsEveryPicture()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportedConversation *pictures = byTitle(*history, u"Pictures"_s);
    QVERIFY(pictures);
    QVERIFY(byKey(*pictures, u"cccc-u"_s)->attachments.isEmpty());
    QCOMPARE(reasonsAt(*history, u"node cccc-u"_s).size(), 1);
}

void TestChatGptExport::previewCountsAndReasons()
{
    const Result<ImportedHistory> history = ChatGptExport::read(exportBytes(), exportFolder());
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const ImportOutcome outcome { .conversations = 3,
        .messages = history->messageCount(),
        .branches = history->branchCount(),
        .alreadyImported = 1,
        .firstConversationId = 0 };
    QCOMPARE(ImportReport::counts(outcome), u"3 conversations, 13 messages, 5 branches"_s);
    const QStringList details = ImportReport::details(*history, outcome, 1);
    // The conversations imported before, then one line per reason: two hidden system
    // messages share theirs.
    QCOMPARE(details.size(), 7);
    QVERIFY(details[0].contains(u"imported before"_s));
    QVERIFY2(details[1].startsWith(u"Skipped 2 × a message ChatGPT kept hidden"_s),
        qPrintable(details[1]));
    QVERIFY2(details[1].contains(u"and 1 more"_s), qPrintable(details[1]));
    const QByteArray json = ImportReport::json(u"conversations.json"_s, *history, outcome);
    QVERIFY(json.contains("\"conversations\":3"));
    QVERIFY(json.contains("\"branches\":5"));
    QVERIFY(json.contains("\"already_imported\":1"));
    QVERIFY(json.contains("\"count\":2"));
}

void TestChatGptExport::findsTheExportFromItsFolder()
{
    for (const QString &path :
        { exportFolder(), fixtures::path(u"import/chatgpt/conversations.json"_s) }) {
        const Result<ImportedHistory> history = HistoryImport::read(path);
        QVERIFY2(history.hasValue(), qPrintable(history.error()));
        QCOMPARE(history->source, u"ChatGPT"_s);
        QCOMPARE(history->messageCount(), 13);
        // The picture beside it comes too.
        QCOMPARE(byKey(*byTitle(*history, u"Pictures"_s), u"cccc-u"_s)->attachments.size(), 1);
    }
}

void TestChatGptExport::refusesBrokenInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    const QByteArray whole = exportBytes();
    QTest::addRow("empty") << QByteArray() << u"conversations.json is empty"_s;
    QTest::addRow("blank") << QByteArray(" \n") << u"conversations.json is empty"_s;
    QTest::addRow("truncated") << whole.left(whole.indexOf("Wellington"))
                               << u"ends too early, at line 174"_s;
    QTest::addRow("not JSON") << QByteArray("[{\"title\": \"a\",\n  oops}]")
                              << u"not valid JSON at line 2, column 3"_s;
    QTest::addRow("not a list") << QByteArray("{\"mapping\": {}}") << u"not a list"_s;
    QTest::addRow("conversation not an object") << QByteArray("[1]") << u"Conversation 1 is not"_s;
    QTest::addRow("no id") << fixtures::quoted("[{'title':'T','mapping':{}}]")
                           << u"conversation 1 (\"T\") has no id"_s;
    QTest::addRow("mapping a list") << fixtures::quoted("[{'id':'c','title':'T','mapping':[]}]")
                                    << u"mapping must be a JSON object"_s;
    QTest::addRow("parent a number")
        << fixtures::quoted("[{'id':'c','mapping':{'a':{'parent':7,'children':[]}}}]")
        << u"conversation 1, node a: parent must be text or null"_s;
    QTest::addRow("children not a list")
        << fixtures::quoted("[{'id':'c','mapping':{'a':{'parent':null,'children':'b'}}}]")
        << u"node a: children must be a list"_s;
    QTest::addRow("missing parent")
        << fixtures::quoted("[{'id':'c','mapping':{'a':{'parent':'gone','children':[]}}}]")
        << u"node a: its parent gone is not in the mapping"_s;
    QTest::addRow("cycle") << fixtures::quoted(
        "[{'id':'c','mapping':{'r':{'parent':null,'children':[]},'a':{'parent':'b','children':["
        "'b']},'b':{'parent':'a','children':['a']}}}]")
                           << u"a cycle"_s;
    QTest::addRow("self parent") << fixtures::quoted(
        "[{'id':'c','mapping':{'a':{'parent':'a','children':['a']}}}]")
                                 << u"node a is its own ancestor"_s;
    QTest::addRow("role a number")
        << fixtures::quoted("[{'id':'c','mapping':{'a':{'parent':null,'children':[],'message':{"
                            "'author':{'role':1},'content':{'content_type':'text','parts':[]}}}}}]")
        << u"node a: message.author.role must be text"_s;
    QTest::addRow("parts an object") << fixtures::quoted(
        "[{'id':'c','mapping':{'a':{'parent':null,'children':[],'message':{"
        "'author':{'role':'user'},'content':{'content_type':'text','parts':{}}}}"
        "}}]") << u"content.parts must be a list"_s;
    QTest::addRow("current node missing")
        << fixtures::quoted("[{'id':'c','current_node':'x','mapping':{}}]")
        << u"current_node x is not in the mapping"_s;
    // The second conversation breaks: nothing of the first comes through either.
    QTest::addRow("second conversation")
        << fixtures::quoted("[{'id':'ok','mapping':{'a':{'parent':null,'message':{'author':{'role':"
                            "'user'},'content':{'content_type':'text','parts':['hi']}}}}},"
                            "{'id':'bad','mapping':{'a':{'parent':'gone'}}}]")
        << u"conversation 2, node a"_s;
}

void TestChatGptExport::refusesBrokenInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const Result<ImportedHistory> history = ChatGptExport::read(input, exportFolder());
    QVERIFY(!history.hasValue());
    QVERIFY2(history.error().contains(error), qPrintable(history.error()));
}

QTEST_GUILESS_MAIN(TestChatGptExport)
#include "test_chatgpt_export.moc"
