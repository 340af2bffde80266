// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

class QTextStream;

namespace detour {

// `detour --import FILE [--json] [--db FILE]`: reads another client's history
// (HistoryImport: ChatGPT's conversations.json or Jan's threads), writes it into
// the conversation database in one transaction (HistoryWriter) and prints what it
// imported: counts, conversations imported before, what was skipped and why; with
// --json one JSON object (ImportReport::json). Errors go to stderr in one sentence.
class ImportCommand final {
public:
    enum Exit {
        Imported = 0, // written (or everything was imported before: nothing new to write)
        UsageError = 1, // FILE does not exist
        NotImportable = 2, // not a history Detour reads, or broken: nothing was written
        NotWritten = 3, // the database could not be opened or written: nothing was written
    };

    static int run(const QString &path, bool json, const QString &databasePath, QTextStream &out,
        QTextStream &err);
};

} // namespace detour
