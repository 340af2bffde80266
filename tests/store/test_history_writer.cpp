// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// HistoryWriter: an imported history written in one transaction, with every branch
// and the current leaf, once (origin), or not at all.
#include "Fixtures.h"
#include "StoreTestSupport.h"
#include "store/ChatGptExport.h"
#include "store/ConversationTree.h"
#include "store/HistoryImport.h"
#include "store/HistoryWriter.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

qint64 count(const QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        qFatal("%s failed", qPrintable(statement));
    return query.value(0).toLongLong();
}

// Row counts of every table an import writes to.
QList<qint64> counts(const QSqlDatabase &db)
{
    return { count(db, u"SELECT count(*) FROM conversations"_s),
        count(db, u"SELECT count(*) FROM messages"_s),
        count(db, u"SELECT count(*) FROM message_attachments"_s),
        count(db, u"SELECT count(*) FROM attachment_blobs"_s) };
}

ImportedHistory chatGpt()
{
    Result<ImportedHistory> history =
        HistoryImport::read(fixtures::path(u"import/chatgpt/conversations.json"_s));
    if (!history)
        qFatal("%s", qPrintable(history.error()));
    return *std::move(history);
}

} // namespace

class TestHistoryWriter final : public QObject {
    Q_OBJECT

private slots:
    void writesEveryBranchAndTheCurrentLeaf();
    void keepsTextPicturesAndTimes();
    void importsOnce_data();
    void importsOnce();
    void previewSaysWhatWouldBeWritten();
    void writesAllOrNothing();
    void importedConversationsOpenInTheStore();
    void opensOnTheCurrentBranch();
};

void TestHistoryWriter::writesEveryBranchAndTheCurrentLeaf()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const QSqlDatabase db = temp.database().connection();
    const Result<ImportOutcome> outcome = HistoryWriter(db).write(chatGpt());
    QVERIFY2(outcome.hasValue(), qPrintable(outcome.error()));
    QCOMPARE(outcome->conversations, 3);
    QCOMPARE(outcome->alreadyImported, 0);
    QVERIFY(outcome->firstConversationId > 0);
    // Capitals: 5 messages on 3 branches, 2 of them on the current one.
    QCOMPARE(outcome->messages, 13);
    QCOMPARE(outcome->branches, 5);

    // The messages of Capitals by text, with their parent's text.
    QSqlQuery messages(db);
    QVERIFY(messages.exec(u"SELECT m.id, m.content, p.content FROM messages m LEFT JOIN messages p "
                          "ON p.id = m.parent_id JOIN conversations c ON c.id = m.conversation_id "
                          "WHERE c.title = 'Capitals' ORDER BY m.id"_s));
    QHash<QString, QString> parentOf;
    QHash<QString, qint64> idOf;
    while (messages.next()) {
        parentOf.insert(messages.value(1).toString(), messages.value(2).toString());
        idOf.insert(messages.value(1).toString(), messages.value(0).toLongLong());
    }
    QCOMPARE(parentOf.size(), 5);
    QCOMPARE(parentOf.value(u"What is the capital of Australia?"_s), QString());
    QCOMPARE(parentOf.value(u"What is the capital of New Zealand?"_s), QString());
    QCOMPARE(parentOf.value(u"Sydney."_s), u"What is the capital of Australia?"_s);
    QCOMPARE(parentOf.value(u"Canberra is the capital of Australia."_s),
        u"What is the capital of Australia?"_s);
    QCOMPARE(parentOf.value(u"Wellington."_s), u"What is the capital of New Zealand?"_s);
    QSqlQuery leaf(db);
    QVERIFY(leaf.exec(u"SELECT current_leaf_id, origin FROM conversations WHERE title = "
                      "'Capitals'"_s));
    QVERIFY(leaf.next());
    QCOMPARE(leaf.value(0).toLongLong(), idOf.value(u"Wellington."_s));
    QCOMPARE(leaf.value(1).toString(), u"chatgpt:6650a1b2-0001-4000-8000-000000000001"_s);
}

void TestHistoryWriter::keepsTextPicturesAndTimes()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QVERIFY(HistoryWriter(temp.database().connection()).write(chatGpt()).hasValue());
    const Result<QList<Conversation>> conversations = temp.store()->conversations();
    QVERIFY(conversations.hasValue());
    QCOMPARE(conversations->size(), 3);
    qint64 pictures = 0;
    for (const Conversation &conversation : *conversations) {
        if (conversation.title == "Pictures"_L1)
            pictures = conversation.id;
    }
    QVERIFY(pictures > 0);
    const Result<ConversationRecord> record = temp.store()->load(pictures);
    QVERIFY2(record.hasValue(), qPrintable(record.error()));
    QCOMPARE(record->conversation.createdAt, QDateTime::fromSecsSinceEpoch(1717200000, Qt::UTC));
    QCOMPARE(record->messages.size(), 5);
    const StoredMessage &question = record->messages[1];
    QCOMPARE(question.role, u"user"_s);
    QCOMPARE(question.content, u"What is in this picture?"_s);
    QCOMPARE(question.state, MessageState::Complete);
    QCOMPARE(question.createdAt, QDateTime::fromSecsSinceEpoch(1717200001, Qt::UTC));
    QCOMPARE(question.attachments.size(), 1);
    QCOMPARE(question.attachments[0].data,
        fixtures::read(u"import/chatgpt/file-Img1Present-red-square.png"_s));
    QCOMPARE(record->messages[0].role, u"system"_s);
}

void TestHistoryWriter::importsOnce_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("conversations");
    QTest::addRow("ChatGPT") << u"import/chatgpt"_s << 3;
    QTest::addRow("Jan") << u"import/jan"_s << 2;
}

void TestHistoryWriter::importsOnce()
{
    QFETCH(QString, path);
    QFETCH(int, conversations);
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const QSqlDatabase db = temp.database().connection();
    const Result<ImportedHistory> history = HistoryImport::read(fixtures::path(path));
    QVERIFY2(history.hasValue(), qPrintable(history.error()));
    const Result<ImportOutcome> first = HistoryWriter(db).write(*history);
    QVERIFY2(first.hasValue(), qPrintable(first.error()));
    QCOMPARE(first->conversations, conversations);
    const QList<qint64> after = counts(db);
    QCOMPARE(after[0], conversations);

    const Result<ImportOutcome> second = HistoryWriter(db).write(*history);
    QVERIFY2(second.hasValue(), qPrintable(second.error()));
    QCOMPARE(second->conversations, 0);
    QCOMPARE(second->messages, 0);
    QCOMPARE(second->alreadyImported, conversations);
    QCOMPARE(second->firstConversationId, 0);
    QCOMPARE(counts(db), after);
}

void TestHistoryWriter::previewSaysWhatWouldBeWritten()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const QSqlDatabase db = temp.database().connection();
    const ImportedHistory history = chatGpt();
    const QList<qint64> before = counts(db);
    const Result<ImportOutcome> preview = HistoryWriter(db).preview(history);
    QVERIFY2(preview.hasValue(), qPrintable(preview.error()));
    QCOMPARE(preview->conversations, 3);
    QCOMPARE(preview->messages, 13);
    QCOMPARE(preview->branches, 5);
    QCOMPARE(counts(db), before);

    // One of them imported already (an earlier, smaller export).
    ImportedHistory earlier = history;
    earlier.conversations = { history.conversations.constFirst() };
    QVERIFY(HistoryWriter(db).write(earlier).hasValue());
    const Result<ImportOutcome> again = HistoryWriter(db).preview(history);
    QVERIFY(again.hasValue());
    QCOMPARE(again->conversations, 2);
    QCOMPARE(again->messages, 8);
    QCOMPARE(again->branches, 2);
    QCOMPARE(again->alreadyImported, 1);
}

void TestHistoryWriter::writesAllOrNothing()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const QSqlDatabase db = temp.database().connection();
    // The database refuses one message of the last conversation, after the others
    // were written in the same transaction.
    QSqlQuery trigger(db);
    QVERIFY(
        trigger.exec(u"CREATE TEMP TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.content "
                     "= 'I cannot see that one.' BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s));
    const QList<qint64> before = counts(db);
    const Result<ImportOutcome> outcome = HistoryWriter(db).write(chatGpt());
    QVERIFY(!outcome.hasValue());
    QVERIFY2(outcome.error().contains(u"disk full"_s), qPrintable(outcome.error()));
    QCOMPARE(counts(db), before);

    QVERIFY(trigger.exec(u"DROP TRIGGER refuse"_s));
    const Result<ImportOutcome> retried = HistoryWriter(db).write(chatGpt());
    QVERIFY2(retried.hasValue(), qPrintable(retried.error()));
    QCOMPARE(retried->conversations, 3);
}

void TestHistoryWriter::importedConversationsOpenInTheStore()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const Result<ImportOutcome> outcome =
        HistoryWriter(temp.database().connection()).write(chatGpt());
    QVERIFY(outcome.hasValue());
    // Search finds imported text; the first new conversation is the first of the file.
    const Result<QList<SearchHit>> hits = temp.store()->search(u"Wellington"_s);
    QVERIFY(hits.hasValue());
    QCOMPARE(hits->size(), 1);
    const Result<Conversation> first = temp.store()->conversation(outcome->firstConversationId);
    QVERIFY(first.hasValue());
    QCOMPARE(first->title, u"Capitals"_s);
}

void TestHistoryWriter::opensOnTheCurrentBranch()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    const Result<ImportOutcome> outcome =
        HistoryWriter(temp.database().connection()).write(chatGpt());
    QVERIFY2(outcome.hasValue(), qPrintable(outcome.error()));
    const ConversationTree tree(*temp.store());
    const Result<QList<StoredMessage>> branch = tree.branch(outcome->firstConversationId);
    QVERIFY2(branch.hasValue(), qPrintable(branch.error()));
    QCOMPARE(branch->size(), 2);
    QCOMPARE(branch->at(0).content, u"What is the capital of New Zealand?"_s);
    QCOMPARE(branch->at(1).content, u"Wellington."_s);
    // The edited question is the second of two first messages, as ChatGPT shows ‹ 2 / 2 ›.
    const Result<ConversationTree::Siblings> questions = tree.siblings(branch->at(0).id);
    QVERIFY(questions.hasValue());
    QCOMPARE(questions->count(), 2);
    QCOMPARE(questions->index, 1);
    // The regenerated answer is a sibling of the first.
    const Result<QList<StoredMessage>> all = temp.store()->messages(outcome->firstConversationId);
    QVERIFY(all.hasValue());
    qint64 regenerated = 0;
    for (const StoredMessage &message : *all) {
        if (message.content == "Canberra is the capital of Australia."_L1)
            regenerated = message.id;
    }
    const Result<ConversationTree::Siblings> answers = tree.siblings(regenerated);
    QVERIFY(answers.hasValue());
    QCOMPARE(answers->count(), 2);
    QCOMPARE(answers->index, 1);
}

QTEST_GUILESS_MAIN(TestHistoryWriter)
#include "test_history_writer.moc"
