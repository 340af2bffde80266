// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownTable.h"

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

namespace {
QString keyOf(const QString &endpointId, const QString &model, const QString &provider)
{
    return endpointId + u'\n' + model + u'\n' + provider;
}
} // namespace

void CooldownTable::coolDown(const QString &endpointId, const QString &model,
    const QString &provider, const QDateTime &until, Outcome reason)
{
    Entry &entry = m_entries[keyOf(endpointId, model, provider)];
    if (entry.until.isValid() && entry.until > until)
        return; // never shorten a longer cooldown
    entry = { endpointId, model, provider, until, reason };
    Q_EMIT changed();
}

QDateTime CooldownTable::coolingUntil(
    const QString &endpointId, const QString &model, const QDateTime &now) const
{
    QDateTime latest;
    for (const Entry &entry : m_entries) {
        if (entry.endpointId == endpointId && entry.model == model && entry.until > now
            && (!latest.isValid() || entry.until > latest))
            latest = entry.until;
    }
    return latest;
}

QList<CooldownTable::Entry> CooldownTable::active(const QDateTime &now) const
{
    QList<Entry> list;
    for (const Entry &entry : m_entries) {
        if (entry.until > now)
            list.append(entry);
    }
    std::sort(list.begin(), list.end(), [](const Entry &a, const Entry &b) {
        return std::tie(a.until, a.endpointId, a.model, a.provider)
            < std::tie(b.until, b.endpointId, b.model, b.provider);
    });
    return list;
}

void CooldownTable::clear()
{
    if (m_entries.isEmpty())
        return;
    m_entries.clear();
    Q_EMIT changed();
}

void CooldownTable::clear(const QString &endpointId, const QString &model)
{
    if (m_entries.removeIf([&](const auto &item) {
            return item.value().endpointId == endpointId && item.value().model == model;
        }))
        Q_EMIT changed();
}

void CooldownTable::clear(const QString &endpointId, const QString &model, const QString &provider)
{
    if (m_entries.remove(keyOf(endpointId, model, provider)))
        Q_EMIT changed();
}

} // namespace detour
