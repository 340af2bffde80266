// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <memory>

namespace detour {

class ConversationStore;
class CooldownRows;
class Database;
class HistoryKeeper;
class ProviderHealthQuery;
class RouteEngine;

// The history as the window keeps it: the database file, the conversation
// store on it, the keeper that writes each turn as it streams (and retries a
// failed write), and the per-provider history that client-side sorting reads.
// When open() fails, chatting goes on and nothing is kept: every part is null.
class ConversationHistory final {
public:
    ConversationHistory();
    ~ConversationHistory(); // the keeper's last writes find the store alive

    // `path` empty: Database::defaultPath(). Replies a crash left unfinished are marked
    // interrupted (recovered() says how many).
    Result<> open(const QString &path);

    ConversationStore *store() const { return m_store.get(); }
    HistoryKeeper *keeper() const { return m_keeper.get(); }
    ProviderHealthQuery *providerHealth() const { return m_providerHealth.get(); }
    CooldownRows *cooldowns() const { return m_cooldowns.get(); }
    // Lets `engine` sort steps by this history and keep its cooldowns in this database.
    // The engine must be gone, or served by no history, before this closes.
    void serve(RouteEngine &engine) const;
    // One sentence when a broken file had to be moved aside; empty otherwise.
    QString notice() const;
    int recovered() const { return m_recovered; }

private:
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<HistoryKeeper> m_keeper;
    std::unique_ptr<ProviderHealthQuery> m_providerHealth;
    std::unique_ptr<CooldownRows> m_cooldowns;
    int m_recovered = 0;
};

} // namespace detour
