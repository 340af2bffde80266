// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// The conversations list, offscreen, over a real store in a temporary database.
#include "ConversationListWidget.h"
#include "chat/ConversationListModel.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace detour;

class TestConversationListWidget final : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ConversationListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<ConversationListWidget> m_widget;
    qint64 m_trip = 0;
    qint64 m_baking = 0;
    qint64 m_notes = 0;

    qint64 conversation(const QString &title, const QString &message)
    {
        const auto id = m_store->createConversation(title);
        if (!id)
            qFatal("store: %s", qPrintable(id.error()));
        if (const auto added = m_store->addUserMessage(*id, message); !added)
            qFatal("store: %s", qPrintable(added.error()));
        QTest::qWait(2);
        return *id;
    }

    QListView *list() const { return m_widget->findChild<QListView *>(u"conversationList"_s); }
    QLineEdit *search() const { return m_widget->findChild<QLineEdit *>(u"conversationSearch"_s); }
    QLabel *hint() const { return m_widget->findChild<QLabel *>(u"conversationListHint"_s); }
    QLabel *notice() const { return m_widget->findChild<QLabel *>(u"undoNotice"_s); }

    // The inline title editor of the current row, while it is open.
    QLineEdit *editor() const
    {
        return qobject_cast<QLineEdit *>(list()->indexWidget(list()->currentIndex()));
    }

    qint64 currentId() const
    {
        return list()->currentIndex().data(ConversationListModel::IdRole).toLongLong();
    }

    void show()
    {
        m_widget = std::make_unique<ConversationListWidget>(m_model.get());
        m_widget->resize(320, 480);
        m_widget->show();
        QVERIFY(QTest::qWaitForWindowActive(m_widget.get()));
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(u"checkindex|QAbstractItemModelTester"_s));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = std::make_unique<Database>();
        const Result<> opened = m_db->open(m_dir->filePath(u"detour.sqlite3"_s));
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_trip = conversation(u"Trip to Lisbon"_s, u"What should I pack?"_s);
        m_baking = conversation(u"Baking"_s, u"My sourdough starter is sluggish."_s);
        m_notes = conversation(u"Notes"_s, u"The flight to Lisbon leaves at 9."_s);
        m_model = std::make_unique<ConversationListModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        show();
    }

    void cleanup()
    {
        m_widget.reset();
        m_tester.reset();
        m_model.reset();
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void controlsAreNamed()
    {
        const QStringList names { u"conversationSearch"_s, u"conversationList"_s,
            u"conversationListHint"_s, u"undoNotice"_s, u"undoButton"_s, u"newChatButton"_s,
            u"renameButton"_s, u"deleteButton"_s };
        for (const QString &name : names) {
            auto *widget = m_widget->findChild<QWidget *>(name);
            QVERIFY2(widget, qPrintable(name));
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
        }
        QCOMPARE(search()->placeholderText(), u"Search titles and messages (Ctrl+F)"_s);
        QVERIFY(search()->isClearButtonEnabled());
        QVERIFY(!notice()->isVisible());
        QVERIFY(!hint()->isVisible());
        QCOMPARE(list()->model()->rowCount(), 3);
    }

    void typingFilters()
    {
        m_widget->focusSearch();
        QVERIFY(search()->hasFocus());
        QTest::keyClicks(search(), u"lisbon"_s);
        QTRY_COMPARE(list()->model()->rowCount(), 2);
        QCOMPARE(m_model->searchText(), u"lisbon"_s);
        QVERIFY(m_model->index(0)
                    .data(ConversationListModel::SnippetRole)
                    .toString()
                    .contains(u"<b>"_s));

        QTest::keyClicks(search(), u"zzz"_s);
        QTRY_COMPARE(list()->model()->rowCount(), 0);
        QVERIFY(hint()->isVisible());
        QCOMPARE(hint()->text(), u"Nothing matches “lisbonzzz”."_s);

        QTest::keyClick(search(), Qt::Key_Escape); // clears at once
        QCOMPARE(search()->text(), QString());
        QCOMPARE(list()->model()->rowCount(), 3);
        QVERIFY(!hint()->isVisible());
    }

    void searchKeepsTheActiveConversation()
    {
        QSignalSpy activated(m_widget.get(), &ConversationListWidget::conversationActivated);
        m_widget->selectConversation(m_baking);
        QCOMPARE(currentId(), m_baking);
        QTest::keyClicks(search(), u"lisbon"_s);
        QTRY_COMPARE(list()->model()->rowCount(), 2);
        QVERIFY(!list()->currentIndex().isValid()); // hidden, not replaced
        QCOMPARE(m_widget->currentConversation(), m_baking);
        search()->clear();
        QCOMPARE(currentId(), m_baking);
        QCOMPARE(activated.size(), 0);
    }

    void selectionActivates()
    {
        QSignalSpy activated(m_widget.get(), &ConversationListWidget::conversationActivated);
        const int row = m_model->rowOf(m_baking);
        const QRect rect = list()->visualRect(m_model->index(row));
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].toLongLong(), m_baking);
        QCOMPARE(m_widget->currentConversation(), m_baking);

        QTest::keyClick(list(), Qt::Key_Down);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated[1][0].toLongLong(), m_model->idAt(row + 1));

        // Programmatic selection does not emit; a new conversation on top keeps it selected.
        m_widget->selectConversation(m_notes);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(currentId(), m_notes);
        const auto fresh = m_store->createConversation(u"Fresh"_s);
        QVERIFY(fresh);
        QCOMPARE(m_model->idAt(0), *fresh);
        QCOMPARE(currentId(), m_notes);
        QCOMPARE(activated.size(), 2);
    }

    void deleteKeyThenUndo()
    {
        QSignalSpy activated(m_widget.get(), &ConversationListWidget::conversationActivated);
        m_widget->selectConversation(m_baking);
        list()->setFocus();
        QVERIFY(list()->hasFocus());
        QTest::keyClick(list(), Qt::Key_Delete);
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->rowOf(m_baking), -1);
        QVERIFY(notice()->isVisible());
        QCOMPARE(notice()->text(), u"“Baking” deleted."_s);
        // Its neighbour takes over.
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].toLongLong(), m_trip);
        QCOMPARE(currentId(), m_trip);

        auto *undo = m_widget->findChild<QPushButton *>(u"undoButton"_s);
        QVERIFY(undo->isVisible());
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->rowOf(m_baking), 1); // same id, same place
        QVERIFY(!notice()->isVisible());
        QCOMPARE(currentId(), m_baking);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated[1][0].toLongLong(), m_baking);
    }

    void ctrlZUndoes()
    {
        m_widget->selectConversation(m_notes);
        list()->setFocus();
        m_widget->findChild<QToolButton *>(u"deleteButton"_s)->click();
        QCOMPARE(m_model->rowOf(m_notes), -1);
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_model->rowOf(m_notes), 0);
        QCOMPARE(currentId(), m_notes);
    }

    void noticeGoesAway()
    {
        m_widget->selectConversation(m_notes);
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Delete);
        QVERIFY(notice()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!notice()->isVisible(), ConversationListWidget::noticeMs + 3000);
        QVERIFY(m_model->canUndoRemove()); // Ctrl+Z still works
    }

    void emptyState()
    {
        QSignalSpy newChat(m_widget.get(), &ConversationListWidget::newChatRequested);
        m_widget->selectConversation(m_notes);
        list()->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(list(), Qt::Key_Delete);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(hint()->isVisible());
        QVERIFY(!list()->isVisible());
        QCOMPARE(hint()->text(), u"No conversations yet. Your first message starts one."_s);
        QCOMPARE(newChat.size(), 1); // the last one went: start afresh
        QCOMPARE(m_widget->currentConversation(), 0);
        QTest::mouseClick(m_widget->findChild<QPushButton *>(u"undoButton"_s), Qt::LeftButton);
        QCOMPARE(m_model->rowCount(), 1);
        QVERIFY(list()->isVisible());
        QVERIFY(!hint()->isVisible());
    }

    void f2StartsEditing()
    {
        m_widget->selectConversation(m_trip);
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_F2);
        QTRY_VERIFY(this->editor());
        QLineEdit *editor = this->editor();
        QTRY_VERIFY(editor->hasFocus());
        QCOMPARE(editor->text(), u"Trip to Lisbon"_s);
        editor->selectAll();
        QTest::keyClicks(editor, u"Porto weekend"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_store->conversation(m_trip)->title, u"Porto weekend"_s);
        QCOMPARE(currentId(), m_trip); // moved to the top, still selected
        QCOMPARE(m_model->rowOf(m_trip), 0);
    }

    void emptyRenameIsRefused()
    {
        m_widget->selectConversation(m_trip);
        m_widget->findChild<QToolButton *>(u"renameButton"_s)->click();
        QTRY_VERIFY(this->editor());
        QLineEdit *editor = this->editor();
        QTRY_VERIFY(editor->hasFocus());
        editor->clear();
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!this->editor());
        QCOMPARE(m_store->conversation(m_trip)->title, u"Trip to Lisbon"_s);
    }

    void newChatButton()
    {
        QSignalSpy newChat(m_widget.get(), &ConversationListWidget::newChatRequested);
        QTest::mouseClick(m_widget->findChild<QToolButton *>(u"newChatButton"_s), Qt::LeftButton);
        QCOMPARE(newChat.size(), 1);
    }

    void enterOpensTheFirstResult()
    {
        QSignalSpy activated(m_widget.get(), &ConversationListWidget::conversationActivated);
        QSignalSpy hits(m_widget.get(), &ConversationListWidget::searchHitActivated);
        m_widget->focusSearch();
        QTest::keyClicks(search(), u"sourdough"_s);
        QTest::keyClick(search(), Qt::Key_Return);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated[0][0].toLongLong(), m_baking);
        QVERIFY(list()->hasFocus());
        // ... at its hit, and Enter on the result lands there again.
        const qint64 message =
            m_model->index(0).data(ConversationListModel::HitMessageRole).toLongLong();
        QVERIFY(message != 0);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0][0].toLongLong(), m_baking);
        QCOMPARE(hits[0][1].toLongLong(), message);
        QCOMPARE(hits[0][2].toStringList(), QStringList { u"sourdough"_s });
        QTest::keyClick(list(), Qt::Key_Return);
        QCOMPARE(hits.size(), 2);
        QCOMPARE(activated.size(), 1);
    }
};

QTEST_MAIN(TestConversationListWidget)
#include "test_conversation_list_widget.moc"
