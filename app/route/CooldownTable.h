// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Cooldown.h"
#include "protocol/Outcome.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <chrono>
#include <functional>
#include <optional>

namespace detour {

class CooldownStore;

// The cooldowns in force, each with its scope (Cooldown): a step is skipped while
// any active cooldown covers it. With a store (setStore), every change is written
// through to it and refresh() reads what other processes wrote; without one, they
// last as long as the table. `changed` says when entries were added, extended or
// cleared; entries simply stop being active when their time is up (CooldownModel
// watches the clock).
class CooldownTable final : public QObject {
    Q_OBJECT

public:
    using Entry = Cooldown;

    using QObject::QObject;

    // How long a rate limit rests its step: the server's Retry-After when it gave one,
    // else `byDefault`; never less than nothing nor more than `cap`.
    static std::chrono::milliseconds restAfter(std::optional<double> retryAfterS,
        std::chrono::milliseconds byDefault, std::chrono::milliseconds cap);

    // Keeps the cooldowns in `store` from now on (null: in memory only), and reads
    // it at once. `store` must outlive the table or be unset first.
    void setStore(CooldownStore *store);
    CooldownStore *store() const { return m_store; }
    // Reads the store again (another window or `detour --ask` may have written).
    void refresh();

    // Adds a cooldown, or lengthens the same rest; never shortens one.
    void coolDown(const Cooldown &cooldown);
    // An upstream rate limit: `provider` (may be empty) for `model` at the endpoint.
    void coolDown(const QString &endpointId, const QString &model, const QString &provider,
        const QDateTime &until, Outcome reason);

    // Of the cooldowns covering `target` at `now`, the one that ends last; none when
    // the target may be tried.
    std::optional<Cooldown> covering(const Cooldown::Target &target, const QDateTime &now) const;
    // The latest end among active cooldowns with an end covering (endpoint, model);
    // invalid when none.
    QDateTime coolingUntil(
        const QString &endpointId, const QString &model, const QDateTime &now) const;
    QList<Entry> active(const QDateTime &now) const; // soonest end first, endless ones last

    void clear();
    void clear(const Cooldown &cooldown); // the same rest
    void clear(const QString &endpointId, const QString &model);
    void clear(const QString &endpointId, const QString &model, const QString &provider);
    // A turn was served at `target`: the cooldowns covering it were wrong or are over,
    // except a rest of one provider (another may have served).
    void served(const Cooldown::Target &target);

Q_SIGNALS:
    void changed();

private:
    void removeWhere(const std::function<bool(const Cooldown &)> &which);

    QList<Cooldown> m_entries;
    CooldownStore *m_store = nullptr;
};

} // namespace detour
