// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <nlohmann/json.hpp>

namespace detour {

// What the history importers share: one JSON document read with the place it
// breaks at (line and column) when it does, and the small readings of values.
class ImportJson final {
    Q_DECLARE_TR_FUNCTIONS(detour::ImportJson)

public:
    // `name` says which file (or line of one) in the error: "conversations.json".
    // Refuses nesting deeper than json::maxDepth before parsing. `firstLine`: the line
    // of a bigger file `bytes` begin at (one line of a JSON Lines file).
    static Result<nlohmann::json> parse(
        QByteArrayView bytes, const QString &name, int firstLine = 1);
    // 1-based line and column of byte `offset` (0-based) of `bytes`.
    static std::pair<int, int> lineAndColumn(QByteArrayView bytes, qsizetype offset);
    // A Unix time in seconds (ChatGPT: a float) or milliseconds (Jan), as UTC; invalid
    // when absent, null or not a plausible number.
    static QDateTime time(const nlohmann::json &object, const char *key);
    static QString string(const nlohmann::json &object, const char *key);
};

} // namespace detour
