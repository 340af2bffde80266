// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FuzzCheck.h"
#include "FuzzTargets.h"
#include "store/ChatGptExport.h"
#include "store/Database.h"
#include "store/HistoryWriter.h"
#include "store/JanThreads.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <array>

using namespace Qt::StringLiterals;

namespace detour::fuzz {

namespace {

// One database for the whole run (opening one migrates it: too slow per input),
// emptied after each input.
Database &database()
{
    if (!QCoreApplication::instance()) { // under libFuzzer: the SQL driver is a plugin
        static int argc = 1;
        static char name[] = "fuzz_history_import";
        static char *argv[] = { name, nullptr };
        static QCoreApplication application(argc, argv);
    }
    static QTemporaryDir folder;
    // Never destroyed: closing it at exit would come after QtSql's own statics are gone.
    static Database *opened = new Database;
    if (!opened->isOpen()) {
        const Result<> ready = opened->open(folder.filePath(u"fuzz.sqlite3"_s));
        FUZZ_CHECK(ready.hasValue(), u"the database does not open: "_s + ready.error());
    }
    return *opened;
}

std::array<qint64, 3> rowCounts(const QSqlDatabase &db)
{
    std::array<qint64, 3> counts {};
    const std::array tables { u"conversations"_s, u"messages"_s, u"message_attachments"_s };
    for (std::size_t i = 0; i < tables.size(); ++i) {
        QSqlQuery query(db);
        FUZZ_CHECK(query.exec(u"SELECT count(*) FROM "_s + tables[i]) && query.next(),
            u"cannot count "_s + tables[i]);
        counts[i] = query.value(0).toLongLong();
    }
    return counts;
}

// The shape every importer promises: unique keys, parents before children, the
// current leaf one of the messages, every message something to show.
void checkShape(const ImportedHistory &history)
{
    QSet<QString> origins;
    for (const ImportedConversation &conversation : history.conversations) {
        FUZZ_CHECK(!conversation.origin.isEmpty(), u"a conversation without an origin"_s);
        FUZZ_CHECK(
            !conversation.messages.isEmpty(), u"an empty conversation: "_s + conversation.origin);
        origins.insert(conversation.origin);
        QSet<QString> seen;
        for (const ImportedMessage &message : conversation.messages) {
            FUZZ_CHECK(!message.key.isEmpty() && !seen.contains(message.key),
                u"a message key empty or twice: "_s + message.key);
            FUZZ_CHECK(message.parentKey.isEmpty() || seen.contains(message.parentKey),
                u"a parent after its child, or missing: "_s + message.parentKey);
            FUZZ_CHECK(message.role == "user"_L1 || message.role == "assistant"_L1
                    || message.role == "system"_L1,
                u"a role Detour does not store: "_s + message.role);
            FUZZ_CHECK(!message.content.trimmed().isEmpty() || !message.attachments.isEmpty(),
                u"an empty message kept"_s);
            seen.insert(message.key);
        }
        FUZZ_CHECK(seen.contains(conversation.currentLeafKey),
            u"the current leaf is not a message: "_s + conversation.currentLeafKey);
        FUZZ_CHECK(conversation.branchCount() >= 1, u"no branch"_s);
        FUZZ_CHECK(conversation.currentPath().constLast().key == conversation.currentLeafKey,
            u"the current path does not end at the current leaf"_s);
    }
    for (const ImportSkip &skip : history.skipped)
        FUZZ_CHECK(!skip.reason.isEmpty(), u"skipped without a reason at "_s + skip.where);
}

} // namespace

void checkHistoryImport(QByteArrayView input)
{
    // ChatGPT's conversations.json is a list; anything else is read as a Jan messages.jsonl.
    const bool chatGpt = input.trimmed().startsWith('[');
    Result<ImportedHistory> history = ImportedHistory {};
    if (chatGpt) {
        history = ChatGptExport::read(input);
    } else {
        history->source = u"Jan"_s;
        if (Result<> read = JanThreads::readThread({}, input, u"fuzz"_s, *history); !read)
            history = Error(read.error());
    }
    if (!history) {
        FUZZ_CHECK(!history.error().isEmpty(), u"refused without saying why"_s);
        return;
    }
    checkShape(*history);

    // Written whole or not at all; a second time, nothing.
    const QSqlDatabase db = database().connection();
    const std::array<qint64, 3> before = rowCounts(db);
    const Result<ImportOutcome> written = HistoryWriter(db).write(*history);
    const std::array<qint64, 3> after = rowCounts(db);
    if (!written) {
        FUZZ_CHECK(after == before, u"a failed import changed the database: "_s + written.error());
    } else {
        FUZZ_CHECK(after[0] - before[0] == written->conversations,
            u"conversations written and counted differ"_s);
        FUZZ_CHECK(
            after[1] - before[1] == written->messages, u"messages written and counted differ"_s);
        const Result<ImportOutcome> again = HistoryWriter(db).write(*history);
        FUZZ_CHECK(again.hasValue(), u"the second import failed: "_s + again.error());
        FUZZ_CHECK(again->conversations == 0 && rowCounts(db) == after,
            u"the second import wrote something"_s);
    }
    QSqlQuery empty(db);
    FUZZ_CHECK(empty.exec(u"DELETE FROM conversations"_s), u"cannot empty the database"_s);
}

} // namespace detour::fuzz
