// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationHistory.h"

#include "ConversationStore.h"
#include "CooldownRows.h"
#include "Database.h"
#include "HistoryKeeper.h"
#include "ProviderHealthQuery.h"
#include "route/RouteEngine.h"

namespace detour {

ConversationHistory::ConversationHistory() = default;

ConversationHistory::~ConversationHistory()
{
    // Recorders still settling flush on destruction: before the store goes.
    m_keeper.reset();
    m_providerHealth.reset();
    m_cooldowns.reset();
    m_store.reset();
}

Result<> ConversationHistory::open(const QString &path)
{
    auto database = std::make_unique<Database>();
    if (const Result<> opened = database->open(path.isEmpty() ? Database::defaultPath() : path);
        !opened)
        return opened;
    m_database = std::move(database);
    m_store = std::make_unique<ConversationStore>(*m_database);
    m_keeper = std::make_unique<HistoryKeeper>(m_store.get());
    m_providerHealth = std::make_unique<ProviderHealthQuery>(*m_database);
    m_cooldowns = std::make_unique<CooldownRows>(*m_database);
    m_recovered = m_store->recoverInterrupted().valueOr(0);
    return {};
}

void ConversationHistory::serve(RouteEngine &engine) const
{
    engine.setStepHistory(m_providerHealth.get());
    engine.cooldowns().setStore(m_cooldowns.get());
}

QString ConversationHistory::notice() const
{
    return m_database ? m_database->notice() : QString();
}

} // namespace detour
