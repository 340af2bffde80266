// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Conversations as trees (schema 8): regenerated replies and edited questions
// are siblings, the current leaf says which branch is on screen, select()
// moves it, and a whole tree survives a copy through importRecord().
#include "StoreTestSupport.h"
#include "store/ConversationStore.h"
#include "store/ConversationTree.h"
#include "store/Database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestConversationTree final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    qint64 m_conversation = 0;
    QHash<QString, qint64> m_ids; // the tree below, by name

    // q1 ─┬─ a1            the first question, its reply and a regenerated reply
    //     └─ a1b ── q2 ── a2
    // q1e ── a1e          the first question edited, and its reply
    // The current leaf ends up at a1e (the newest message).
    void buildTree()
    {
        const auto add = [this](const QString &name, Result<qint64> id) {
            QVERIFY2(id, qPrintable(id.error()));
            m_ids.insert(name, *id);
        };
        m_conversation = *m_store->createConversation(u"Tree"_s);
        add(u"q1"_s, m_store->addUserMessage(m_conversation, u"Which provider is fastest?"_s));
        add(u"a1"_s, m_store->beginAssistantMessage(m_conversation));
        add(u"a1b"_s, m_store->beginAssistantMessage(m_conversation, m_ids[u"q1"_s]));
        add(u"q2"_s, m_store->addUserMessage(m_conversation, u"And the cheapest?"_s));
        add(u"a2"_s, m_store->beginAssistantMessage(m_conversation));
        add(u"q1e"_s, m_store->addUserMessage(m_conversation, u"Which is cheapest?"_s, {}, 0));
        add(u"a1e"_s, m_store->beginAssistantMessage(m_conversation));
    }

    QStringList names(const QList<StoredMessage> &messages) const
    {
        QStringList result;
        for (const StoredMessage &message : messages)
            result << m_ids.key(message.id, u"?"_s);
        return result;
    }

    QStringList names(const QList<qint64> &ids) const
    {
        QStringList result;
        for (qint64 id : ids)
            result << m_ids.key(id, u"?"_s);
        return result;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = std::make_unique<Database>();
        const Result<> opened = m_db->open(m_dir->filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_ids.clear();
        buildTree();
    }

    void newMessagesContinueTheCurrentBranch()
    {
        const QList<StoredMessage> all = m_store->messages(m_conversation).valueOr({});
        QCOMPARE(names(all),
            QStringList({ u"q1"_s, u"a1"_s, u"a1b"_s, u"q2"_s, u"a2"_s, u"q1e"_s, u"a1e"_s }));
        QCOMPARE(all[0].parentId, qint64(0));
        QCOMPARE(all[1].parentId, m_ids[u"q1"_s]);
        QCOMPARE(all[2].parentId, m_ids[u"q1"_s]); // regenerated: a sibling of a1
        QCOMPARE(all[3].parentId, m_ids[u"a1b"_s]); // under the leaf at the time
        QCOMPARE(all[5].parentId, qint64(0)); // the edited first question is a first message too
        QCOMPARE(all[6].parentId, m_ids[u"q1e"_s]);
        QCOMPARE(m_store->conversation(m_conversation)->currentLeafId, m_ids[u"a1e"_s]);
        ConversationTree tree(*m_store);
        QCOMPARE(
            names(tree.branch(m_conversation).valueOr({})), QStringList({ u"q1e"_s, u"a1e"_s }));
    }

    void siblings_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("index");
        QTest::addRow("first question") << u"q1"_s << QStringList { u"q1"_s, u"q1e"_s } << 0;
        QTest::addRow("edited question") << u"q1e"_s << QStringList { u"q1"_s, u"q1e"_s } << 1;
        QTest::addRow("first reply") << u"a1"_s << QStringList { u"a1"_s, u"a1b"_s } << 0;
        QTest::addRow("regenerated reply") << u"a1b"_s << QStringList { u"a1"_s, u"a1b"_s } << 1;
        QTest::addRow("only child") << u"q2"_s << QStringList { u"q2"_s } << 0;
        QTest::addRow("reply of the edit") << u"a1e"_s << QStringList { u"a1e"_s } << 0;
    }

    void siblings()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, expected);
        QFETCH(int, index);
        ConversationTree tree(*m_store);
        const Result<ConversationTree::Siblings> found = tree.siblings(m_ids[message]);
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(names(found->ids), expected);
        QCOMPARE(found->index, index);
        QCOMPARE(found->count(), int(expected.size()));
        // The same from messages already loaded.
        const ConversationTree::Siblings loaded = ConversationTree::siblingsIn(
            m_store->messages(m_conversation).valueOr({}), m_ids[message]);
        QCOMPARE(names(loaded.ids), expected);
        QCOMPARE(loaded.index, index);
    }

    // select(x): the branch through x, down its newest children.
    void select_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("first question")
            << u"q1"_s << QStringList { u"q1"_s, u"a1b"_s, u"q2"_s, u"a2"_s };
        QTest::addRow("first reply, no children") << u"a1"_s << QStringList { u"q1"_s, u"a1"_s };
        QTest::addRow("regenerated reply")
            << u"a1b"_s << QStringList { u"q1"_s, u"a1b"_s, u"q2"_s, u"a2"_s };
        QTest::addRow("middle of a branch")
            << u"q2"_s << QStringList { u"q1"_s, u"a1b"_s, u"q2"_s, u"a2"_s };
        QTest::addRow("edited question") << u"q1e"_s << QStringList { u"q1e"_s, u"a1e"_s };
    }

    void select()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, expected);
        const QStringList &branch = expected;
        ConversationTree tree(*m_store);
        QSignalSpy changed(m_store.get(), &ConversationStore::messagesChanged);
        QSignalSpy listChanged(m_store.get(), &ConversationStore::conversationsChanged);
        const Result<> selected = tree.select(m_ids[message]);
        QVERIFY2(selected, qPrintable(selected.error()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().constFirst().toLongLong(), m_conversation);
        QCOMPARE(listChanged.size(), 0); // switching branches does not reorder the list
        QCOMPARE(names(tree.branch(m_conversation).valueOr({})), branch);
        QCOMPARE(m_store->conversation(m_conversation)->currentLeafId, m_ids[branch.constLast()]);
        QCOMPARE(names(tree.path(m_ids[branch.constLast()]).valueOr({})), branch);
        // The next message continues the selected branch.
        const Result<qint64> next = m_store->addUserMessage(m_conversation, u"Next"_s);
        QVERIFY(next);
        QCOMPARE(m_store->message(*next)->parentId, m_ids[branch.constLast()]);
        QCOMPARE(tree.branch(m_conversation).valueOr({}).size(), branch.size() + 1);
    }

    void pathOfLoadedMessages()
    {
        const QList<StoredMessage> all = m_store->messages(m_conversation).valueOr({});
        QCOMPARE(names(ConversationTree::pathIn(all, m_ids[u"a2"_s])),
            QStringList({ u"q1"_s, u"a1b"_s, u"q2"_s, u"a2"_s }));
        // An unknown leaf: the newest message's branch.
        QCOMPARE(names(ConversationTree::pathIn(all, 0)), QStringList({ u"q1e"_s, u"a1e"_s }));
        QVERIFY(ConversationTree::pathIn({}, 3).isEmpty());
    }

    void parentMustBeInTheSameConversation()
    {
        const qint64 other = *m_store->createConversation(u"Other"_s);
        const Result<qint64> refused =
            m_store->addUserMessage(other, u"Misplaced"_s, {}, m_ids[u"q1"_s]);
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"not in the same conversation"_s),
            qPrintable(refused.error()));
        QVERIFY(m_store->messages(other).valueOr({ StoredMessage() }).isEmpty()); // rolled back
        QVERIFY(!ConversationTree(*m_store).select(987654));
    }

    void importKeepsTheTreeAndTheBranchOnScreen()
    {
        ConversationTree tree(*m_store);
        QVERIFY(tree.select(m_ids[u"a1"_s]));
        const Result<ConversationRecord> record = m_store->load(m_conversation);
        QVERIFY(record);
        QCOMPARE(record->messages.size(), 7); // every branch
        const Result<qint64> copy = m_store->importRecord(*record);
        QVERIFY2(copy, qPrintable(copy.error()));
        const QList<StoredMessage> original = m_store->messages(m_conversation).valueOr({});
        const QList<StoredMessage> copied = m_store->messages(*copy).valueOr({});
        QCOMPARE(copied.size(), original.size());
        QHash<qint64, qint64> copyOf;
        for (qsizetype i = 0; i < original.size(); ++i)
            copyOf.insert(original[i].id, copied[i].id);
        for (qsizetype i = 0; i < original.size(); ++i)
            QCOMPARE(copied[i].parentId, copyOf.value(original[i].parentId));
        QCOMPARE(m_store->conversation(*copy)->currentLeafId, copyOf.value(m_ids[u"a1"_s]));
        QCOMPARE(tree.branch(*copy).valueOr({}).size(), 2);
    }

    void originIsImportedOnce()
    {
        ConversationRecord record;
        record.conversation.title = u"From elsewhere"_s;
        record.conversation.origin = u"chatgpt:abc-123"_s;
        StoredMessage question;
        question.id = 1;
        question.role = u"user"_s;
        question.content = u"Hello"_s;
        record.messages = { question };
        const Result<qint64> first = m_store->importRecord(record);
        QVERIFY2(first, qPrintable(first.error()));
        QCOMPARE(m_store->conversation(*first)->origin, u"chatgpt:abc-123"_s);
        QCOMPARE(m_store->conversation(m_conversation)->origin, QString()); // made in Detour
        const int before = int(m_store->conversations().valueOr({}).size());
        const Result<qint64> again = m_store->importRecord(record);
        QVERIFY(!again);
        QVERIFY2(again.error().contains(u"chatgpt:abc-123"_s), qPrintable(again.error()));
        QCOMPARE(int(m_store->conversations().valueOr({}).size()), before);
    }
};

QTEST_GUILESS_MAIN(TestConversationTree)
#include "test_conversation_tree.moc"
