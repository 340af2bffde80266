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

// Reads ChatGPT's data export (Settings > Data controls > Export data): the
// `conversations.json` of the zip, a list of conversations whose messages form a
// tree through `mapping` (node id -> {message, parent, children}) and
// `current_node` (the branch shown last). The format is not documented by
// OpenAI; this follows its public descriptions (e.g. mitkury/chatgpt-export-parser
// docs/chatgpt-data-export-format.md) and the exports people publish.
//
// Every branch is kept. Text is kept as it is; `code` becomes a fenced block with
// its language; `multimodal_text` keeps its text and its pictures, read from the
// files beside conversations.json (the zip names them after the asset id,
// "file-AbC…-name.png", also in one level of subfolders): a picture whose file is
// not there is skipped with the reason. Left out, each said in `skipped`:
// messages ChatGPT marks hidden (its own system prompt and context), custom
// instructions (`user_editable_context`), tool messages (browsing, code it ran,
// image generation: Detour has no tool messages), the model's thinking summaries
// and web quotes. A message left out does not cut its branch: its children hang
// from the nearest message kept above it.
//
// A document that is not the export, or that breaks (bad JSON, a node whose parent
// is missing, a cycle, a field of the wrong type) is refused whole, with the place.
class ChatGptExport final {
    Q_DECLARE_TR_FUNCTIONS(detour::ChatGptExport)

public:
    // `folder`: where the export's files are (the pictures); empty: none are read.
    static Result<ImportedHistory> read(QByteArrayView json, const QString &folder = {});
};

} // namespace detour
