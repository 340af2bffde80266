// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace detour {

// Writes a whole ConversationRecord (an export read back, or a copy) as a new
// conversation: new ids, the record's own times and states, every turn,
// attempt and server attempt. All of it in one transaction, or nothing.
// The messages' tree and current leaf are kept (ids of `record.messages`;
// parent 0: a first message; a current leaf not among them: the last message).
// A record with an origin is refused when a conversation of that origin is
// already there (importing the same thing twice adds nothing).
class RecordImporter final {
    Q_DECLARE_TR_FUNCTIONS(RecordImporter)

public:
    explicit RecordImporter(const QSqlDatabase &db);

    // The new conversation's id.
    Result<qint64> insert(const ConversationRecord &record) const;

private:
    QSqlDatabase m_db;
};

} // namespace detour
