// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownTable.h"

#include "CooldownStore.h"
#include "RouteLog.h"

#include <algorithm>

namespace detour {

std::chrono::milliseconds CooldownTable::restAfter(std::optional<double> retryAfterS,
    std::chrono::milliseconds byDefault, std::chrono::milliseconds cap)
{
    using std::chrono::milliseconds;
    if (!retryAfterS)
        return std::clamp(byDefault, milliseconds(0), cap);
    // Capped before converting: a double beyond qint64 does not convert.
    return milliseconds(qint64(std::clamp(*retryAfterS * 1000.0, 0.0, double(cap.count()))));
}

void CooldownTable::setStore(CooldownStore *store)
{
    m_store = store;
    refresh();
}

void CooldownTable::refresh()
{
    if (!m_store)
        return;
    Result<QList<Cooldown>> stored = m_store->active(QDateTime::currentDateTimeUtc());
    if (!stored) {
        // The ones in memory still hold; the next refresh tries again.
        qCWarning(lcRoute) << "cannot read the cooldowns:" << stored.error();
        return;
    }
    if (*stored == m_entries)
        return;
    m_entries = std::move(*stored);
    Q_EMIT changed();
}

void CooldownTable::coolDown(const Cooldown &cooldown)
{
    const auto same = std::find_if(m_entries.begin(), m_entries.end(),
        [&](const Cooldown &entry) { return entry.sameRest(cooldown); });
    if (same != m_entries.end()) {
        if (same->endsAfter(cooldown) || *same == cooldown)
            return; // never shorten a longer cooldown
        *same = cooldown;
    } else {
        m_entries.append(cooldown);
    }
    if (m_store) {
        if (const Result<> put = m_store->put(cooldown); !put)
            qCWarning(lcRoute) << "cannot keep a cooldown:" << put.error();
    }
    Q_EMIT changed();
}

void CooldownTable::coolDown(const QString &endpointId, const QString &model,
    const QString &provider, const QDateTime &until, Outcome reason)
{
    Cooldown cooldown;
    cooldown.scope = Cooldown::Scope::ProviderModel;
    cooldown.endpointId = endpointId;
    cooldown.model = model;
    cooldown.provider = provider;
    cooldown.until = until;
    cooldown.reason = reason;
    coolDown(cooldown);
}

std::optional<Cooldown> CooldownTable::covering(
    const Cooldown::Target &target, const QDateTime &now) const
{
    std::optional<Cooldown> latest;
    for (const Cooldown &entry : m_entries) {
        if (entry.covers(target, now) && (!latest || entry.endsAfter(*latest)))
            latest = entry;
    }
    return latest;
}

QDateTime CooldownTable::coolingUntil(
    const QString &endpointId, const QString &model, const QDateTime &now) const
{
    QDateTime latest;
    for (const Cooldown &entry : m_entries) {
        if (entry.until.isValid() && entry.covers({ endpointId, {}, model, {} }, now)
            && (!latest.isValid() || entry.until > latest))
            latest = entry.until;
    }
    return latest;
}

QList<CooldownTable::Entry> CooldownTable::active(const QDateTime &now) const
{
    QList<Entry> list;
    for (const Entry &entry : m_entries) {
        if (entry.isActive(now))
            list.append(entry);
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) {
        if (a.until.isValid() != b.until.isValid())
            return a.until.isValid();
        return std::tie(a.until, a.endpointId, a.model, a.provider)
            < std::tie(b.until, b.endpointId, b.model, b.provider);
    });
    return list;
}

void CooldownTable::clear()
{
    int removed = 0;
    if (m_store) {
        const Result<int> cleared = m_store->removeAll();
        if (!cleared)
            qCWarning(lcRoute) << "cannot clear the cooldowns:" << cleared.error();
        removed = cleared.valueOr(0);
    }
    if (m_entries.isEmpty() && removed == 0)
        return;
    m_entries.clear();
    Q_EMIT changed();
}

void CooldownTable::clear(const Cooldown &cooldown)
{
    removeWhere([&](const Cooldown &entry) { return entry.sameRest(cooldown); });
}

void CooldownTable::clear(const QString &endpointId, const QString &model)
{
    removeWhere([&](const Cooldown &entry) {
        return entry.endpointId == endpointId && entry.model == model;
    });
}

void CooldownTable::clear(const QString &endpointId, const QString &model, const QString &provider)
{
    removeWhere([&](const Cooldown &entry) {
        return entry.scope == Cooldown::Scope::ProviderModel && entry.endpointId == endpointId
            && entry.model == model && entry.provider == provider;
    });
}

void CooldownTable::served(const Cooldown::Target &target)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    removeWhere([&](const Cooldown &entry) {
        return entry.scope != Cooldown::Scope::ProviderModel && entry.covers(target, now);
    });
}

void CooldownTable::removeWhere(const std::function<bool(const Cooldown &)> &which)
{
    QList<Cooldown> gone;
    m_entries.removeIf([&](const Cooldown &entry) {
        if (!which(entry))
            return false;
        gone.append(entry);
        return true;
    });
    if (gone.isEmpty())
        return;
    for (const Cooldown &entry : std::as_const(gone)) {
        if (!m_store)
            break;
        if (const Result<> removed = m_store->remove(entry); !removed)
            qCWarning(lcRoute) << "cannot clear a cooldown:" << removed.error();
    }
    Q_EMIT changed();
}

} // namespace detour
