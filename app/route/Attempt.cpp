// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Attempt.h"

#include "protocol/EnumNames.h"

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames turnStatusNames { std::array {
    std::pair { TurnResult::Status::Served, "served"_L1 },
    std::pair { TurnResult::Status::Interrupted, "interrupted"_L1 },
    std::pair { TurnResult::Status::Failed, "failed"_L1 },
    std::pair { TurnResult::Status::Cancelled, "cancelled"_L1 },
} };

} // namespace

int fallbackCount(const QList<Attempt> &attempts, int servedAttempt)
{
    if (attempts.isEmpty())
        return 0;
    const bool served = servedAttempt >= 0 && servedAttempt < attempts.size();
    const Attempt &last = served ? attempts[servedAttempt] : attempts.constLast();
    QList<int> passedOver;
    for (const Attempt &attempt : attempts) {
        if (&attempt == &last)
            break;
        if (attempt.lostRace())
            continue; // raced beside the one that served (hedging), not passed over
        if (attempt.stepIndex != last.stepIndex && !passedOver.contains(attempt.stepIndex))
            passedOver.append(attempt.stepIndex);
    }
    int count = int(passedOver.size());
    if (served) {
        for (const ServerAttempt &server : last.serverAttempts)
            count += server.status != 200 ? 1 : 0;
    }
    return count;
}

QString turnStatusName(TurnResult::Status status)
{
    return turnStatusNames.name(status);
}

std::optional<TurnResult::Status> turnStatusFromName(const QString &name)
{
    return turnStatusNames.value(name);
}

} // namespace detour
