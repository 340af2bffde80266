// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QSqlDatabase>

namespace detour {

// Full-text search over message content in conversations that are not
// deleted, newest first. Words match by prefix, accents ignored; "quoted
// text" matches as a phrase; Chinese, Japanese, Korean, Thai... match as
// substrings. Whatever the text, it is searched literally (never FTS syntax:
// see SearchQuery). A reply is searchable once it has stopped streaming.
class MessageSearch final {
public:
    explicit MessageSearch(const QSqlDatabase &db);

    Result<QList<SearchHit>> find(const QString &text, int limit = 100) const;

private:
    QSqlDatabase m_db;
};

} // namespace detour
