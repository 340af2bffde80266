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
//
// Two steps, so that a search as you type stays fast on a year of history:
// first the ids of the newest `limit` matching messages (the index walked
// newest first, nothing but ids read), then the text and highlight of only
// those hits that are kept. Highlighting and cutting a snippet out of a
// message is what costs; a common word matches tens of thousands of them.
class MessageSearch final {
public:
    enum class Hits {
        Every, // every matching message among the newest `limit`
        NewestPerConversation, // of those, only each conversation's newest (the list's rows)
    };

    explicit MessageSearch(const QSqlDatabase &db);

    Result<QList<SearchHit>> find(
        const QString &text, int limit = 100, Hits hits = Hits::Every) const;

private:
    QSqlDatabase m_db;
};

} // namespace detour
