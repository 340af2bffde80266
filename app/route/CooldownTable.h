// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Outcome.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <chrono>
#include <optional>

namespace detour {

// Which (endpoint, model, provider) triples are resting after a rate limit.
// A step is skipped while any provider of its (endpoint, model) cools down:
// OpenRouter only answers an upstream 429 once its own fallbacks are exhausted.
// `changed` says when entries were added, extended or cleared; entries simply
// stop being active when their time is up (CooldownModel watches the clock).
class CooldownTable final : public QObject {
    Q_OBJECT

public:
    struct Entry {
        QString endpointId;
        QString model;
        QString provider; // may be empty (unknown, or not behind OpenRouter)
        QDateTime until;
        Outcome reason = Outcome::RateLimitedUpstream; // what started the rest
    };

    using QObject::QObject;

    // How long a rate limit rests its step: the server's Retry-After when it gave one,
    // else `byDefault`; never less than nothing nor more than `cap`.
    static std::chrono::milliseconds restAfter(std::optional<double> retryAfterS,
        std::chrono::milliseconds byDefault, std::chrono::milliseconds cap);

    void coolDown(const QString &endpointId, const QString &model, const QString &provider,
        const QDateTime &until, Outcome reason);
    // The latest end among active entries for (endpoint, model); invalid when none.
    QDateTime coolingUntil(
        const QString &endpointId, const QString &model, const QDateTime &now) const;
    QList<Entry> active(const QDateTime &now) const; // soonest end first
    void clear();
    void clear(const QString &endpointId, const QString &model);
    void clear(const QString &endpointId, const QString &model, const QString &provider);

Q_SIGNALS:
    void changed();

private:
    QHash<QString, Entry> m_entries; // keyed by endpoint + '\n' + model + '\n' + provider
};

} // namespace detour
