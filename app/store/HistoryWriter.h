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
    int branchesLeftOut = 0; // a database without trees keeps only each current branch
    qint64 firstConversationId = 0; // the first new one, to open; 0 if none
};

// Writes what an importer read (ImportedHistory) into the conversation database:
// the whole file in one transaction, or nothing. Idempotent: each conversation
// carries its origin ("chatgpt:<id>"), and one whose origin is already there
// (from an earlier import of the same file, or an overlapping later export) is
// left as it is. Every message keeps its parent, so every branch is kept, and
// the conversation opens on the source's current leaf.
//
// A database from before conversations were trees (no messages.parent_id) keeps
// only each conversation's current branch, and the origins in a table of this
// class's own (imported_origins); the outcome counts the branches left out.
class HistoryWriter final {
    Q_DECLARE_TR_FUNCTIONS(detour::HistoryWriter)

public:
    explicit HistoryWriter(const QSqlDatabase &db);

    Result<ImportOutcome> write(const ImportedHistory &history) const;
    // What write() would do now, without writing: for the preview.
    Result<ImportOutcome> preview(const ImportedHistory &history) const;

private:
    Result<bool> isImported(const QString &origin) const;
    // What this database keeps of `conversation`: every message, or its current branch.
    QList<ImportedMessage> kept(const ImportedConversation &conversation) const;
    void count(const ImportedConversation &conversation, ImportOutcome &outcome) const;

    QSqlDatabase m_db;
    bool m_trees; // messages have parents, conversations an origin and a current leaf
};

} // namespace detour
