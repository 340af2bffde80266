// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCoreApplication>
#include <QString>

class QTextStream;

namespace detour {

// `detour --cooldowns [--db FILE]` prints the cooldowns in force in the database,
// one line each ("all :free models on openrouter until 18:00 (OpenRouter's free-model
// limit)"); `detour --clear-cooldowns [--db FILE]` clears them all, as the Cooldowns
// panel's "Clear all" does, so that every step may be tried again at once.
class CooldownsCommand final {
    Q_DECLARE_TR_FUNCTIONS(CooldownsCommand)

public:
    enum class Action { List, Clear };
    // 0 on success, 1 when the database cannot be opened or read.
    static int run(Action action, const QString &databasePath, QTextStream &out, QTextStream &err);
};

} // namespace detour
