#include "CooldownTable.h"

namespace detour {

namespace {
QString keyOf(const QString &endpointId, const QString &model, const QString &provider)
{
    return endpointId + u'\n' + model + u'\n' + provider;
}
} // namespace

void CooldownTable::coolDown(const QString &endpointId, const QString &model,
    const QString &provider, const QDateTime &until)
{
    Entry &entry = m_entries[keyOf(endpointId, model, provider)];
    if (entry.until.isValid() && entry.until > until)
        return; // never shorten a longer cooldown
    entry = { endpointId, model, provider, until };
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
    return list;
}

void CooldownTable::clear()
{
    m_entries.clear();
}

void CooldownTable::clear(const QString &endpointId, const QString &model)
{
    m_entries.removeIf([&](const auto &item) {
        return item.value().endpointId == endpointId && item.value().model == model;
    });
}

} // namespace detour
