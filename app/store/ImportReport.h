// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "HistoryWriter.h"
#include "ImportedHistory.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace detour {

// Says what an import read, wrote and left out: the preview of File > Import…
// and the output of `detour --import` (text, or one JSON object with --json).
class ImportReport final {
    Q_DECLARE_TR_FUNCTIONS(detour::ImportReport)

public:
    // Everything left out for one reason, with where each was.
    struct SkipGroup {
        QString reason;
        QStringList where;
    };
    // In the order each reason first appears.
    static QList<SkipGroup> skippedByReason(const QList<ImportSkip> &skipped);

    // "3 conversations, 14 messages, 5 branches".
    static QString counts(const ImportOutcome &outcome);
    // The lines after the counts: conversations already imported, then each reason
    // something is left out, with how many and (up to `examples`) where.
    static QStringList details(
        const ImportedHistory &history, const ImportOutcome &outcome, int examples = 3);
    // {"source", "file", "conversations", "messages", "branches", "already_imported",
    //  "skipped": [{"reason", "count", "where": [...]}]}, one line.
    static QByteArray json(
        const QString &file, const ImportedHistory &history, const ImportOutcome &outcome);
};

} // namespace detour
