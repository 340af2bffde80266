// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// File > Import history…: read in the background, a preview before anything is
// written, Import writes and opens the first conversation, Cancel writes nothing,
// a broken file is said in one sentence.
#include "Fixtures.h"
#include "HistoryImportActions.h"
#include "StoreTestSupport.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

qint64 conversationCount(ConversationStore *store)
{
    const Result<QList<Conversation>> conversations = store->conversations();
    return conversations ? conversations->size() : -1;
}

} // namespace

class TestHistoryImportActions final : public QObject {
    Q_OBJECT

    // Reads `path` and waits for its preview.
    static HistoryImportDialog *previewOf(HistoryImportActions &actions, const QString &path)
    {
        QSignalSpy shown(&actions, &HistoryImportActions::previewShown);
        actions.importFile(path);
        if (!shown.wait(10'000))
            return nullptr;
        return actions.dialog();
    }

private slots:
    void previewThenImport_data();
    void previewThenImport();
    void cancelWritesNothing();
    void importedBeforeOffersNothing();
    void brokenFileIsSaidInOneSentence();
    void failedWriteKeepsThePreviewOpen();
    void withoutHistoryTheActionIsOff();
};

void TestHistoryImportActions::previewThenImport_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<int>("conversations");
    QTest::addRow("ChatGPT") << u"import/chatgpt/conversations.json"_s
                             << u"Will import 3 conversations, 13 messages, 5 branches."_s << 3;
    QTest::addRow("Jan thread") << u"import/jan/threads/jan_1725440000/messages.jsonl"_s
                                << u"Will import 1 conversation, 3 messages, 1 branch."_s << 1;
}

void TestHistoryImportActions::previewThenImport()
{
    QFETCH(QString, path);
    QFETCH(QString, summary);
    QFETCH(int, conversations);
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QMainWindow window;
    HistoryImportActions actions(temp.store(), &window);
    QVERIFY(actions.action()->isEnabled());
    QSignalSpy imported(&actions, &HistoryImportActions::imported);
    QSignalSpy listChanged(temp.store(), &ConversationStore::conversationsChanged);

    HistoryImportDialog *dialog = previewOf(actions, fixtures::path(path));
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(u"importSummary"_s)->text(), summary);
    auto *details = dialog->findChild<QPlainTextEdit *>(u"importDetails"_s);
    QVERIFY(details);
    QVERIFY2(details->toPlainText().contains(u"Skipped "_s), qPrintable(details->toPlainText()));
    // Nothing is written before Import.
    QCOMPARE(conversationCount(temp.store()), 0);

    auto *importButton = dialog->findChild<QPushButton *>(u"importButton"_s);
    QVERIFY(importButton && importButton->isEnabled());
    QTest::mouseClick(importButton, Qt::LeftButton);
    QVERIFY(imported.wait(5000));
    QCOMPARE(conversationCount(temp.store()), conversations);
    QVERIFY(imported.constFirst().constFirst().toLongLong() > 0);
    QCOMPARE(listChanged.size(), 1);
    QTRY_VERIFY(!actions.dialog());
}

void TestHistoryImportActions::cancelWritesNothing()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QMainWindow window;
    HistoryImportActions actions(temp.store(), &window);
    QSignalSpy imported(&actions, &HistoryImportActions::imported);
    HistoryImportDialog *dialog = previewOf(actions, fixtures::path(u"import/chatgpt"_s));
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!actions.dialog());
    QCOMPARE(conversationCount(temp.store()), 0);
    QCOMPARE(imported.size(), 0);
}

void TestHistoryImportActions::importedBeforeOffersNothing()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QMainWindow window;
    HistoryImportActions actions(temp.store(), &window);
    const QString path = fixtures::path(u"import/jan"_s);
    HistoryImportDialog *first = previewOf(actions, path);
    QVERIFY(first);
    QTest::mouseClick(first->findChild<QPushButton *>(u"importButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!actions.dialog());
    QCOMPARE(conversationCount(temp.store()), 2);

    HistoryImportDialog *again = previewOf(actions, path);
    QVERIFY(again);
    QVERIFY2(again->findChild<QLabel *>(u"importSummary"_s)->text().startsWith(u"Nothing new"_s),
        qPrintable(again->findChild<QLabel *>(u"importSummary"_s)->text()));
    QVERIFY(!again->findChild<QPushButton *>(u"importButton"_s)->isEnabled());
    QVERIFY(again->findChild<QPlainTextEdit *>(u"importDetails"_s)
                ->toPlainText()
                .contains(u"2 conversations imported before"_s));
    again->reject();
    QCOMPARE(conversationCount(temp.store()), 2);
}

void TestHistoryImportActions::brokenFileIsSaidInOneSentence()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"conversations.json"_s);
    storetest::writeFile(path, fixtures::read(u"import/chatgpt/conversations.json"_s).left(5000));
    QMainWindow window;
    HistoryImportActions actions(temp.store(), &window);
    QSignalSpy failed(&actions, &HistoryImportActions::failed);
    actions.importFile(path);
    QVERIFY(failed.wait(10'000));
    const QString sentence = failed.constFirst().constFirst().toString();
    QVERIFY2(sentence.contains(u"was not imported"_s) && sentence.contains(u"ends too early"_s),
        qPrintable(sentence));
    QVERIFY(!actions.dialog());
    QCOMPARE(conversationCount(temp.store()), 0);
}

void TestHistoryImportActions::failedWriteKeepsThePreviewOpen()
{
    storetest::TempStore temp;
    QVERIFY2(temp.opened(), qPrintable(temp.opened().error()));
    QSqlQuery trigger(temp.database().connection());
    QVERIFY(trigger.exec(u"CREATE TEMP TRIGGER refuse BEFORE INSERT ON messages BEGIN SELECT "
                         "RAISE(ABORT, 'the disk is full'); END"_s));
    QMainWindow window;
    HistoryImportActions actions(temp.store(), &window);
    QSignalSpy failed(&actions, &HistoryImportActions::failed);
    HistoryImportDialog *dialog = previewOf(actions, fixtures::path(u"import/chatgpt"_s));
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"importButton"_s), Qt::LeftButton);
    QVERIFY(failed.wait(5000));
    QVERIFY(actions.dialog());
    auto *error = dialog->findChild<QLabel *>(u"importError"_s);
    QVERIFY(error->isVisibleTo(dialog));
    QVERIFY2(error->text().startsWith(u"Nothing was imported"_s), qPrintable(error->text()));
    QVERIFY(error->text().contains(u"the disk is full"_s));
    QCOMPARE(conversationCount(temp.store()), 0);
}

void TestHistoryImportActions::withoutHistoryTheActionIsOff()
{
    QMainWindow window;
    HistoryImportActions actions(nullptr, &window);
    QVERIFY(!actions.action()->isEnabled());
    QCOMPARE(actions.action()->objectName(), u"importHistoryAction"_s);
}

QTEST_MAIN(TestHistoryImportActions)
#include "test_history_import_actions.moc"
