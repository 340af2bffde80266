// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Cooldown.h"
#include "protocol/Result.h"

#include <QList>

namespace detour {

// Where CooldownTable keeps its cooldowns beyond one process, so that a restart, a
// second window and `detour --ask` respect them. The store implements it on the
// conversation database (CooldownRows); tests may use their own.
class CooldownStore {
public:
    virtual ~CooldownStore() = default;
    // The cooldowns active at `now`; the ones that ended are dropped on the way.
    virtual Result<QList<Cooldown>> active(const QDateTime &now) = 0;
    // Adds a cooldown, or lengthens the same rest (Cooldown::sameRest); never shortens one.
    virtual Result<> put(const Cooldown &cooldown) = 0;
    virtual Result<> remove(const Cooldown &cooldown) = 0; // the same rest, whatever its end
    virtual Result<int> removeAll() = 0; // how many were active or not
};

} // namespace detour
