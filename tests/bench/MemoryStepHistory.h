// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Attempt.h"
#include "route/StepHistory.h"

#include <QHash>
#include <QList>
#include <QString>

namespace detour {

// A step history kept in memory: what the store's ProviderHealthQuery answers as a
// StepHistory, counted the same way from the attempts of the turns added (tries are
// requests that reached a server; skipped and cancelled ones do not count, nor does a
// request that lost a hedged race, whose time to first token is never known;
// percentiles nearest-rank). The tail benchmark uses it for hedge_after_ms "auto"
// without a database on disk.
class MemoryStepHistory final : public StepHistory {
public:
    void add(const TurnResult &result);

    std::optional<StepRecord> record(
        const QString &endpointId, const QString &model) const override;

private:
    struct Sums {
        int tries = 0;
        int served = 0;
        QList<qint64> timesToFirstToken;
    };
    QHash<QString, Sums> m_steps; // by endpoint id + '\n' + requested model
};

} // namespace detour
