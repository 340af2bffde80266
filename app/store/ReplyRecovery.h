// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QSet>
#include <QSqlDatabase>

namespace detour {

class WriterRegistry;

// Start-up recovery after a crash: every message still streaming whose writer
// (see WriterRegistry) is gone, or that names no writer, becomes interrupted,
// keeping its text; a message whose writer is alive is left alone. One
// transaction. ConversationStore::recoverInterrupted announces the result.
class ReplyRecovery final {
public:
    struct Recovered {
        int messages = 0;
        QSet<qint64> conversations; // that hold one of them
    };

    ReplyRecovery(const QSqlDatabase &db, const WriterRegistry &writers);

    Result<Recovered> run() const;

private:
    QSqlDatabase m_db;
    const WriterRegistry &m_writers;
};

} // namespace detour
