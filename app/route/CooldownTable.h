#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace detour {

// Which (endpoint, model, provider) triples are resting after a rate limit.
// A step is skipped while any provider of its (endpoint, model) cools down:
// OpenRouter only answers an upstream 429 once its own fallbacks are exhausted.
class CooldownTable final {
public:
    struct Entry {
        QString endpointId;
        QString model;
        QString provider; // may be empty (unknown, or not behind OpenRouter)
        QDateTime until;
    };

    void coolDown(const QString &endpointId, const QString &model, const QString &provider,
        const QDateTime &until);
    // The latest end among active entries for (endpoint, model); invalid when none.
    QDateTime coolingUntil(
        const QString &endpointId, const QString &model, const QDateTime &now) const;
    QList<Entry> active(const QDateTime &now) const;
    void clear();
    void clear(const QString &endpointId, const QString &model);

private:
    QHash<QString, Entry> m_entries; // keyed by endpoint + '\n' + model + '\n' + provider
};

} // namespace detour
