// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "KeyDescription.h"

#include "protocol/NumberText.h"

#include <QStringList>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QString dollars(double value)
{
    return u"$"_s + NumberText::decimal(value, 2);
}

} // namespace

QString KeyDescription::text(const KeyInfo &key)
{
    QStringList lines;
    lines << (key.label.isEmpty() ? tr("The key works.") : tr("The key %1 works.").arg(key.label));
    if (key.isFreeTier)
        lines << tr("Free tier: %1 requests a day on :free models (%2 a minute); buy %3 credits to "
                    "raise it to %4 a day.")
                     .arg(freeRequestsPerDay)
                     .arg(freeRequestsPerMinute)
                     .arg(creditsThreshold)
                     .arg(freeRequestsPerDayWithCredits);
    else
        lines << tr("Credits bought: :free models allow %1 requests a day once %2 credits were "
                    "bought in all (%3 below that), %4 a minute.")
                     .arg(freeRequestsPerDayWithCredits)
                     .arg(creditsThreshold)
                     .arg(freeRequestsPerDay)
                     .arg(freeRequestsPerMinute);
    if (key.limit)
        lines << tr("Spent %1 of this key's %2 limit (%3 left).")
                     .arg(dollars(key.usage), dollars(*key.limit),
                         dollars(key.limitRemaining.value_or(*key.limit - key.usage)));
    else
        lines << tr("Spent %1; this key has no spending limit.").arg(dollars(key.usage));
    if (key.rateLimitRequests && !key.rateLimitInterval.isEmpty())
        lines << tr("Request rate: %1 per %2.")
                     .arg(*key.rateLimitRequests)
                     .arg(key.rateLimitInterval);
    return lines.join(u'\n');
}

} // namespace detour
