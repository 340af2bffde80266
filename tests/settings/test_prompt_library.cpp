// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "settings/PromptLibrary.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace detour;

// The prompt library: its rows, its file (written atomically, read back), the starter prompts
// of a first run, undo of a delete, and a file it cannot read, which is never lost.
class TestPromptLibrary final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path() const { return m_dir.filePath(u"prompts.json"_s); }

    static QByteArray fileText(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files))
            QFile::remove(m_dir.filePath(name));
    }

    void pathIsBesideTheSettings()
    {
        QCOMPARE(PromptLibrary::pathBeside(u"/home/a/.config/detour/detour.ini"_s),
            u"/home/a/.config/detour/prompts.json"_s);
    }

    void firstRunOffersStartersWithoutWriting()
    {
        PromptLibrary library(path());
        QAbstractItemModelTester tester(
            &library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(library.prompts(), PromptLibrary::starterPrompts());
        QCOMPARE(library.rowCount(), 3);
        QVERIFY(library.loadError().isEmpty());
        QVERIFY(!QFile::exists(path())); // written with the first change only
    }

    void createEditRenameDuplicateDelete()
    {
        PromptLibrary library(path());
        QAbstractItemModelTester tester(
            &library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&library, &PromptLibrary::changed);
        const int starters = library.rowCount();

        const Result<int> added = library.save(u"Pirate"_s, u"Talk like a pirate."_s);
        QVERIFY(added);
        QCOMPARE(*added, starters);
        QCOMPARE(library.data(library.index(*added), Qt::DisplayRole).toString(), u"Pirate"_s);
        QCOMPARE(library.data(library.index(*added), PromptLibrary::TextRole).toString(),
            u"Talk like a pirate."_s);

        // Saving under a name that exists edits that prompt.
        QCOMPARE(*library.save(u"Pirate"_s, u"Arr."_s), starters);
        QCOMPARE(library.rowCount(), starters + 1);
        QCOMPARE(library.prompts().at(starters).text, u"Arr."_s);

        QVERIFY(library.rename(starters, u"Buccaneer"_s));
        QCOMPARE(library.indexOf(u"Pirate"_s), -1);
        const Result<> taken = library.rename(starters, library.prompts().first().name);
        QVERIFY(!taken);
        QVERIFY(taken.error().contains(library.prompts().first().name));
        QVERIFY(!library.rename(starters, u"  "_s));

        QCOMPARE(*library.duplicate(starters), starters + 1);
        QCOMPARE(*library.duplicate(starters), starters + 2);
        QCOMPARE(library.prompts().at(starters + 1).name, u"Buccaneer (copy)"_s);
        QCOMPARE(library.prompts().at(starters + 2).name, u"Buccaneer (copy 2)"_s);
        QCOMPARE(library.prompts().at(starters + 2).text, u"Arr."_s);

        QVERIFY(library.remove(0));
        QCOMPARE(library.rowCount(), starters + 2);
        QCOMPARE(changed.count(), 6); // the refused renames changed nothing

        // Everything is on disk, and read back alike.
        PromptLibrary reread(path());
        QCOMPARE(reread.prompts(), library.prompts());
        QVERIFY(fileText(path()).contains("\"format\": \"detour.prompts\""));
    }

    void deleteCanBeUndone()
    {
        PromptLibrary library(path());
        QAbstractItemModelTester tester(
            &library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const PromptLibrary::Prompt second = library.prompts().at(1);
        QVERIFY(!library.canUndoRemove());
        QVERIFY(!library.undoRemove());
        QVERIFY(library.remove(1));
        QVERIFY(library.canUndoRemove());
        QCOMPARE(library.lastRemovedName(), second.name);
        QCOMPARE(library.indexOf(second.name), -1);
        const Result<int> back = library.undoRemove();
        QVERIFY(back);
        QCOMPARE(*back, 1);
        QCOMPARE(library.prompts().at(1), second);
        QVERIFY(!library.canUndoRemove());
        QCOMPARE(PromptLibrary(path()).prompts().at(1), second);

        // A new prompt that took the name meanwhile keeps it; the restored one is renamed.
        QVERIFY(library.remove(1));
        QVERIFY(library.save(second.name, u"new"_s));
        QVERIFY(library.undoRemove());
        QCOMPARE(library.prompts().at(1).name, u"%1 (copy)"_s.arg(second.name));
        QCOMPARE(library.prompts().at(1).text, second.text);
    }

    void unreadableFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addRow("not JSON") << QByteArray("{\"prompts\": [");
        QTest::addRow("not an object") << QByteArray("[1, 2]");
        QTest::addRow("another format") << QByteArray(R"({"format":"x","version":1,"prompts":[]})");
        QTest::addRow("newer version")
            << QByteArray(R"({"format":"detour.prompts","version":99,"prompts":[]})");
        QTest::addRow("prompts not a list")
            << QByteArray(R"({"format":"detour.prompts","version":1,"prompts":{}})");
        QTest::addRow("a prompt without a name")
            << QByteArray(R"({"format":"detour.prompts","version":1,"prompts":[{"text":"x"}]})");
    }

    void unreadableFile()
    {
        QFETCH(QByteArray, content);
        writeFile(path(), content);
        PromptLibrary library(path());
        QAbstractItemModelTester tester(
            &library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!library.loadError().isEmpty());
        QVERIFY(library.loadError().contains(u"prompts.json"_s));
        QCOMPARE(library.rowCount(), 0); // no starters over a file the person had
        QCOMPARE(fileText(path()), content); // reading changes nothing

        // The first change puts the unreadable file aside, once.
        QVERIFY(library.save(u"New"_s, u"text"_s));
        QCOMPARE(library.backupPath(), path() + u".unreadable"_s);
        QCOMPARE(fileText(library.backupPath()), content);
        QVERIFY(library.save(u"Newer"_s, u"text"_s));
        QVERIFY(!QFile::exists(path() + u".unreadable-2"_s));
        PromptLibrary reread(path());
        QVERIFY(reread.loadError().isEmpty());
        QCOMPARE(reread.rowCount(), 2);
    }

    void aFileThatCannotBeWrittenSaysSo()
    {
        PromptLibrary library(m_dir.filePath(u"no/such/prompts.json"_s));
        writeFile(m_dir.filePath(u"no"_s), "a file where the folder should be");
        const Result<int> saved = library.save(u"x"_s, u"y"_s);
        QVERIFY(!saved);
        QVERIFY(!saved.error().isEmpty());
        QCOMPARE(library.rowCount(), 3); // unchanged
    }
};

QTEST_GUILESS_MAIN(TestPromptLibrary)
#include "test_prompt_library.moc"
