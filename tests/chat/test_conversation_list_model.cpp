// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversations list model over a real store in a temporary database:
// order, rename, delete and undo, search by title and by message text, and
// following the store's changes without resets.
#include "chat/ConversationListModel.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

class TestConversationListModel final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ConversationListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    qint64 conversation(const QString &title, const QStringList &userMessages = {})
    {
        const auto id = m_store->createConversation(title);
        if (!id)
            qFatal("createConversation: %s", qPrintable(id.error()));
        for (const QString &text : userMessages) {
            if (const auto added = m_store->addUserMessage(*id, text); !added)
                qFatal("addUserMessage: %s", qPrintable(added.error()));
        }
        QTest::qWait(2); // distinct updated_at (milliseconds)
        return *id;
    }

    QList<qint64> ids() const
    {
        QList<qint64> list;
        for (int row = 0; row < m_model->rowCount(); ++row)
            list << m_model->data(m_model->index(row), ConversationListModel::IdRole).toLongLong();
        return list;
    }

    QString title(int row) const { return m_model->data(m_model->index(row)).toString(); }

    void makeModel()
    {
        m_model = std::make_unique<ConversationListModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(
            QRegularExpression(u".*"_s)); // checkIndex, the model tester, the store
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = std::make_unique<Database>();
        const Result<> opened = m_db->open(m_dir->filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(*m_db);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void emptyStore()
    {
        makeModel();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->idAt(0), 0);
        QCOMPARE(m_model->rowOf(1), -1);
        QVERIFY(!m_model->canUndoRemove());
        QVERIFY(!m_model->undoRemove());
    }

    void newestFirstWithRoles()
    {
        const qint64 a = conversation(u"Alpha"_s);
        const qint64 b = conversation(u"Bravo"_s);
        const qint64 c = conversation(u"Charlie"_s);
        makeModel();
        QCOMPARE(ids(), (QList<qint64> { c, b, a }));
        QCOMPARE(title(0), u"Charlie"_s);
        QCOMPARE(m_model->rowOf(a), 2);
        QCOMPARE(m_model->idAt(1), b);
        QCOMPARE(m_model->idAt(3), 0);
        QCOMPARE(m_model->idAt(-1), 0);
        const QModelIndex first = m_model->index(0);
        QCOMPARE(first.data(ConversationListModel::UpdatedRole).toDateTime(),
            m_store->conversation(c)->updatedAt);
        QVERIFY(!first.data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(first.data(ConversationListModel::SnippetRole).toString().isEmpty());
        QVERIFY(first.flags() & Qt::ItemIsEditable);
        QVERIFY(m_model->roleNames().contains(ConversationListModel::IdRole));

        // A message makes its conversation the newest: one move, no reset.
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QPersistentModelIndex alpha = m_model->index(2);
        QVERIFY(m_store->addUserMessage(a, u"Back to alpha"_s));
        QCOMPARE(ids(), (QList<qint64> { a, c, b }));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(alpha.row(), 0); // a view's selection follows the conversation
    }

    void untitledConversationHasADisplayName()
    {
        conversation(QString());
        makeModel();
        QVERIFY(!title(0).isEmpty());
        QCOMPARE(m_model->data(m_model->index(0), Qt::EditRole).toString(), QString());
    }

    void newConversationAppearsAtTheTop()
    {
        const qint64 a = conversation(u"Alpha"_s);
        makeModel();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        const qint64 b = conversation(u"Bravo"_s);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 0);
        QCOMPARE(ids(), (QList<qint64> { b, a }));
    }

    void rename_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("stored");
        QTest::addRow("plain") << u"Trip planning"_s << true << u"Trip planning"_s;
        QTest::addRow("simplified") << u"  Trip \n planning "_s << true << u"Trip planning"_s;
        QTest::addRow("empty") << QString() << false << u"Original"_s;
        QTest::addRow("blank") << u" \t "_s << false << u"Original"_s;
        QTest::addRow("unchanged") << u"Original"_s << true << u"Original"_s;
    }

    void rename()
    {
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        QFETCH(QString, stored);
        const qint64 older = conversation(u"Original"_s);
        const qint64 newer = conversation(u"Newer"_s);
        makeModel();
        const int row = m_model->rowOf(older);
        QCOMPARE(m_model->setData(m_model->index(row), typed, Qt::EditRole), accepted);
        QCOMPARE(m_store->conversation(older)->title, stored);
        QCOMPARE(title(m_model->rowOf(older)), stored);
        QCOMPARE(m_model->rowCount(), 2);
        QVERIFY(m_model->rowOf(newer) >= 0);
        // Only EditRole renames.
        QVERIFY(!m_model->setData(m_model->index(m_model->rowOf(older)), u"X"_s, Qt::DisplayRole));
        // setData is rename(), which says why it refused.
        const Result<> again = m_model->rename(m_model->rowOf(older), typed);
        QCOMPARE(again.hasValue(), accepted);
        QCOMPARE(again.error().isEmpty(), accepted);
        QVERIFY(!m_model->rename(m_model->rowCount(), u"Out of range"_s).error().isEmpty());
    }

    void removeAndUndo()
    {
        const qint64 a = conversation(u"Alpha"_s, { u"first"_s });
        const qint64 b = conversation(u"Bravo"_s, { u"second"_s });
        const qint64 c = conversation(u"Charlie"_s);
        makeModel();
        QSignalSpy removed(m_model.get(), &ConversationListModel::removed);
        QSignalSpy restored(m_model.get(), &ConversationListModel::restored);
        QSignalSpy undoAvailable(m_model.get(), &ConversationListModel::undoAvailableChanged);

        QVERIFY(m_model->remove(m_model->rowOf(b)));
        QCOMPARE(ids(), (QList<qint64> { c, a }));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed[0][0].toLongLong(), b);
        QCOMPARE(removed[0][1].toString(), u"Bravo"_s);
        QVERIFY(m_store->conversation(b)->deletedAt.isValid()); // soft
        QVERIFY(m_model->remove(m_model->rowOf(c)));
        QCOMPARE(ids(), (QList<qint64> { a }));
        QCOMPARE(undoAvailable.size(), 1);
        QVERIFY(!m_model->remove(5).error().isEmpty());

        // A stack: the most recent delete comes back first, same id, same place.
        QCOMPARE(m_model->undoRemove().valueOr(0), c);
        QCOMPARE(ids(), (QList<qint64> { c, a }));
        QCOMPARE(m_model->undoRemove().valueOr(0), b);
        QCOMPARE(ids(), (QList<qint64> { c, b, a }));
        QCOMPARE(restored.size(), 2);
        QCOMPARE(restored[1][0].toLongLong(), b);
        QVERIFY(!m_model->canUndoRemove());
        QCOMPARE(undoAvailable.size(), 2);
        QCOMPARE(undoAvailable[1][0].toBool(), false);
        QVERIFY(!m_model->undoRemove());
        QCOMPARE(m_store->messages(b).valueOr({}).size(), 1);
    }

    void undoAfterPurgeFails()
    {
        const qint64 a = conversation(u"Alpha"_s);
        makeModel();
        QVERIFY(m_model->remove(0));
        QCOMPARE(m_store->purgeDeleted(QDateTime::currentDateTimeUtc().addSecs(1)).valueOr(-1), 1);
        const Result<qint64> undone = m_model->undoRemove();
        QVERIFY(!undone);
        QVERIFY(!undone.error().isEmpty());
        QVERIFY(!m_model->canUndoRemove());
        QCOMPARE(m_model->rowOf(a), -1);
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("titles"); // newest first
        QTest::addColumn<bool>("snippet"); // the first row carries a snippet with <b>
        QTest::addRow("title, any case")
            << u"TRIP"_s << QStringList { u"Trip to Lisbon"_s } << false;
        QTest::addRow("message text") << u"sourdough"_s << QStringList { u"Baking"_s } << true;
        QTest::addRow("title and message")
            << u"lisbon"_s << QStringList { u"Notes"_s, u"Trip to Lisbon"_s } << true;
        QTest::addRow("word prefix") << u"sourd"_s << QStringList { u"Baking"_s } << true;
        QTest::addRow("nothing") << u"zebra"_s << QStringList {} << false;
        QTest::addRow("blank is everything")
            << u"   "_s << QStringList { u"Notes"_s, u"Baking"_s, u"Trip to Lisbon"_s } << false;
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, titles);
        QFETCH(bool, snippet);
        conversation(u"Trip to Lisbon"_s, { u"What should I pack?"_s });
        conversation(u"Baking"_s, { u"My sourdough starter is sluggish."_s });
        conversation(u"Notes"_s, { u"Remember: the flight to Lisbon leaves at 9."_s });
        makeModel();
        QSignalSpy changed(m_model.get(), &ConversationListModel::searchTextChanged);
        const Result<> searched = m_model->setSearchText(text);
        QVERIFY2(searched, qPrintable(searched.error()));
        QCOMPARE(m_model->isSearching(), !text.trimmed().isEmpty());
        QCOMPARE(changed.size(), text.trimmed().isEmpty() ? 0 : 1);
        QStringList shown;
        for (int row = 0; row < m_model->rowCount(); ++row)
            shown << title(row);
        QCOMPARE(shown, titles);
        if (snippet) {
            const QString html =
                m_model->index(0).data(ConversationListModel::SnippetRole).toString();
            QVERIFY2(html.contains(u"<b>"_s), qPrintable(html));
        }

        m_model->setSearchText(QString());
        QCOMPARE(m_model->rowCount(), 3);
        QVERIFY(m_model->index(0).data(ConversationListModel::SnippetRole).toString().isEmpty());
    }

    void searchSnippetIsTheNewestHit()
    {
        const qint64 id = conversation(u"Chat"_s, { u"old kiwi"_s, u"new kiwi fruit"_s });
        makeModel();
        m_model->setSearchText(u"kiwi"_s);
        QCOMPARE(ids(), QList<qint64> { id });
        const QString html = m_model->index(0).data(ConversationListModel::SnippetRole).toString();
        QVERIFY2(html.contains(u"fruit"_s), qPrintable(html));
        QVERIFY(html.contains(u"<b>kiwi</b>"_s));
    }

    // The row knows its hit: which message, and which words, to open the conversation at.
    void searchRowsCarryTheHit()
    {
        const qint64 id = conversation(u"Chat"_s, { u"old kiwi"_s, u"new kiwi fruit"_s });
        const qint64 titled = conversation(u"Kiwi recipes"_s, { u"nothing here"_s });
        const QList<StoredMessage> messages = m_store->messages(id).valueOr({});
        QCOMPARE(messages.size(), 2);
        makeModel();
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setSearchText(u"kiwi"_s);
        const QModelIndex hit = m_model->index(m_model->rowOf(id));
        QCOMPARE(hit.data(ConversationListModel::HitMessageRole).toLongLong(), messages[1].id);
        QCOMPARE(hit.data(ConversationListModel::HitTermsRole).toStringList(),
            QStringList { u"kiwi"_s });
        // Found by its title alone: no message to land on.
        const QModelIndex byTitle = m_model->index(m_model->rowOf(titled));
        QVERIFY(byTitle.isValid());
        QCOMPARE(byTitle.data(ConversationListModel::HitMessageRole).toLongLong(), 0);
        QVERIFY(byTitle.data(ConversationListModel::HitTermsRole).toStringList().isEmpty());
        QVERIFY(
            m_model->roleNames().value(ConversationListModel::HitMessageRole) == "hitMessageId");
        QVERIFY(m_model->roleNames().value(ConversationListModel::HitTermsRole) == "hitTerms");

        m_model->setSearchText(u"fruit \"new kiwi\""_s);
        QCOMPARE(ids(), QList<qint64> { id });
        QCOMPARE(m_model->index(0).data(ConversationListModel::HitTermsRole).toStringList(),
            (QStringList { u"fruit"_s, u"new kiwi"_s }));

        // Another search that hits an older message changes the row in place.
        changed.clear();
        m_model->setSearchText(u"old"_s);
        QCOMPARE(ids(), QList<qint64> { id });
        QCOMPARE(m_model->index(0).data(ConversationListModel::HitMessageRole).toLongLong(),
            messages[0].id);
        QCOMPARE(m_model->index(0).data(ConversationListModel::HitTermsRole).toStringList(),
            QStringList { u"old"_s });
        QVERIFY(!changed.isEmpty());

        m_model->setSearchText(QString());
        for (int row = 0; row < m_model->rowCount(); ++row)
            QCOMPARE(
                m_model->index(row).data(ConversationListModel::HitMessageRole).toLongLong(), 0);
    }

    void searchIsLiteral_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("quote") << u"\""_s;
        QTest::addRow("unbalanced quote") << u"\"what"_s;
        QTest::addRow("operators") << u"a AND OR NOT b"_s;
        QTest::addRow("near") << u"NEAR(a b)"_s;
        QTest::addRow("star") << u"*"_s;
        QTest::addRow("column") << u"content:foo"_s;
        QTest::addRow("parentheses") << u"(x"_s;
        QTest::addRow("caret and minus") << u"^-+"_s;
        QTest::addRow("percent underscore") << u"100%_"_s;
        QTest::addRow("html") << u"<b>x</b>"_s;
    }

    void searchIsLiteral()
    {
        QFETCH(QString, text);
        conversation(u"Symbols"_s, { u"Literal: "_s + text });
        conversation(u"Other"_s, { u"nothing special here"_s });
        makeModel();
        const Result<> searched = m_model->setSearchText(text);
        QVERIFY2(searched, qPrintable(searched.error()));
        QVERIFY(m_model->rowCount() <= 1);
        if (m_model->rowCount() == 1)
            QCOMPARE(title(0), u"Symbols"_s);
    }

    void searchFollowsTheStore()
    {
        const qint64 a = conversation(u"Alpha"_s, { u"about apples"_s });
        const qint64 b = conversation(u"Bravo"_s, { u"about bananas"_s });
        makeModel();
        m_model->setSearchText(u"cherries"_s);
        QCOMPARE(m_model->rowCount(), 0);

        QVERIFY(m_store->addUserMessage(b, u"and cherries"_s)); // conversationsChanged
        QCOMPARE(ids(), QList<qint64> { b });

        // A reply is searched once it stops streaming; the store then only says
        // messagesChanged: picked up shortly, coalesced.
        const auto reply = m_store->beginAssistantMessage(a);
        QVERIFY(reply);
        QVERIFY(m_store->updateAssistantText(*reply, u"cher"_s));
        QVERIFY(m_store->updateAssistantText(*reply, u"cherries, ripe"_s));
        QVERIFY(m_store->markInterrupted(*reply));
        QTRY_COMPARE(m_model->rowCount(), 2);
        QVERIFY(ids().contains(a));

        QVERIFY(m_store->renameConversation(b, u"Bravo cherries"_s));
        QCOMPARE(title(m_model->rowOf(b)), u"Bravo cherries"_s);
        QVERIFY(m_store->deleteConversation(a));
        QCOMPARE(ids(), QList<qint64> { b });
    }

    void manyChangesKeepTheModelConsistent()
    {
        QList<qint64> created;
        for (int i = 0; i < 12; ++i)
            created << conversation(u"Chat %1"_s.arg(i), { u"message %1"_s.arg(i % 3) });
        makeModel();
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setSearchText(u"message 1"_s);
        QCOMPARE(m_model->rowCount(), 4);
        m_model->setSearchText(u"Chat 1"_s); // Chat 1, Chat 10, Chat 11
        QCOMPARE(m_model->rowCount(), 3);
        m_model->setSearchText(QString());
        QCOMPARE(ids().size(), 12);
        for (int i = 0; i < 12; i += 2)
            QVERIFY(m_store->addUserMessage(created[i], u"bump"_s));
        QCOMPARE(ids().mid(0, 6),
            (QList<qint64> {
                created[10], created[8], created[6], created[4], created[2], created[0] }));
        QCOMPARE(reset.size(), 0);
        QList<qint64> expected = ids();
        QVERIFY(m_model->remove(3));
        expected.removeAt(3);
        QCOMPARE(ids(), expected);
    }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "test_conversation_list_model.moc"
