// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ImportedHistory.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QString>

namespace detour {

// Reads another client's history from what a person points at, working out which
// client it is: ChatGPT's conversations.json (or the unzipped export's folder that
// holds it; the pictures beside it come too) or Jan's threads (a thread's folder or
// one of its two files, Jan's threads folder, or Jan's data folder). The zip of
// ChatGPT's export is not read: Qt has no public zip reader, and unzipping first
// costs the person one step, not a new dependency. Nothing is written here.
class HistoryImport final {
    Q_DECLARE_TR_FUNCTIONS(detour::HistoryImport)

public:
    static Result<ImportedHistory> read(const QString &path);
};

} // namespace detour
