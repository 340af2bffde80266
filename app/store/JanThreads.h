// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ImportedHistory.h"
#include "protocol/Result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace detour {

// Reads Jan's conversations (jan.ai, an open-source desktop client for local and
// remote models). Jan keeps them as plain files in its data folder, documented at
// https://www.jan.ai/docs/data-folder ("threads/"): one folder per thread, with
// `thread.json` (id, title, created, updated, the assistant and model) and
// `messages.jsonl`, one OpenAI-style thread message per line ({id, role,
// content: [{type: "text", text: {value}} | {type: "image_url", image_url: {url}}],
// status, created_at in milliseconds}). Older versions wrote `created` instead.
//
// A thread is linear: each message's parent is the one on the line before. Text
// is kept; a picture is kept when its bytes are in the file (a data: URL), else
// skipped with the reason, as are tool messages and replies Jan marked failed.
// The assistant's instructions are not imported (they belong to Jan's assistant,
// not the conversation). A line that is not JSON is refused with its line and column.
class JanThreads final {
    Q_DECLARE_TR_FUNCTIONS(detour::JanThreads)

public:
    // One thread from its two files' bytes (`threadJson` may be empty when the file is
    // absent); `folderName` names it in errors and is its id when thread.json has none.
    static Result<> readThread(QByteArrayView threadJson, QByteArrayView messagesJsonl,
        const QString &folderName, ImportedHistory &history);
    // A thread folder, Jan's threads folder (a folder per thread), or Jan's data folder.
    static Result<ImportedHistory> readFolder(const QString &path);
    // Whether `path` is a folder holding a thread (thread.json or messages.jsonl).
    static bool isThreadFolder(const QString &path);
};

} // namespace detour
