// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ImportedHistory.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace detour {

// What an import wrote (or, for a preview, would write).
struct ImportOutcome {
    int conversations = 0; // new ones
    int messages = 0;
    int branches = 0;
    int alreadyImported = 0; // conversations left alone: an earlier import brought them
    qint64 firstConversationId = 0; // the first new one, to open; 0 if none
};

// Writes what an importer read (ImportedHistory) into the conversation database:
// the whole file in one transaction, or nothing. Idempotent: each conversation
// carries its origin ("chatgpt:<id>"), and one whose origin is already there
// (from an earlier import of the same file, or an overlapping later export) is
// left as it is. Every message keeps its parent, so every branch is kept, and
// the conversation opens on the source's current leaf.
// Written beside ConversationStore like RecordImporter: the caller announces the
// change (ConversationStore::conversationsChanged).
class HistoryWriter final {
    Q_DECLARE_TR_FUNCTIONS(detour::HistoryWriter)

public:
    explicit HistoryWriter(const QSqlDatabase &db);

    Result<ImportOutcome> write(const ImportedHistory &history) const;
    // What write() would do now, without writing: for the preview.
    Result<ImportOutcome> preview(const ImportedHistory &history) const;

private:
    Result<bool> isImported(const QString &origin) const;
    static void count(const ImportedConversation &conversation, ImportOutcome &outcome);

    QSqlDatabase m_db;
};

} // namespace detour
