// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Attachment.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace detour {

// What an importer read from another client's history (ChatGptExport, JanThreads),
// in a shape of its own that knows neither the source's format nor the database:
// conversations as trees of messages linked by their source keys, and everything
// left out, each with its reason. HistoryWriter writes it; ImportReport tells it.

struct ImportedMessage {
    QString key; // the source's id for it, unique within its conversation
    QString parentKey; // empty for a root
    QString role; // "user" | "assistant" | "system"
    QString content; // Markdown (code as a fenced block)
    QList<Attachment> attachments {}; // only those whose bytes were there to read
    QDateTime createdAt; // invalid when the source gave none
};

struct ImportedConversation {
    QString
        origin; // where it came from, e.g. "chatgpt:<conversation id>": the same on every import
    QString title;
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<ImportedMessage> messages; // every parent before its children
    QString currentLeafKey; // the branch the source showed last (empty: no messages)

    // How many branches: paths from a root to a leaf (1 for a conversation without edits).
    int branchCount() const;
    // The messages from the root to the current leaf, oldest first.
    QList<ImportedMessage> currentPath() const;
};

struct ImportSkip {
    QString where; // 'conversation 2 ("Title"), node abc'
    QString reason; // one sentence: what it was and why it is left out
};

struct ImportedHistory {
    QString source; // "ChatGPT" | "Jan"
    QList<ImportedConversation> conversations;
    QList<ImportSkip> skipped;

    int messageCount() const;
    int branchCount() const;
    // Drops the last pictures of a message while they are together above
    // AttachmentLoader::maximumMessageTotal (the store refuses such a message), each
    // said in `skipped`.
    void keepAttachmentsWithinLimit();
};

} // namespace detour
