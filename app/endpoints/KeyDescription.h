// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "KeyInfo.h"

#include <QCoreApplication>

namespace detour {

// What OpenRouter's /key answer means for the person, in words: the free-model
// limits their tier gets and what they have spent. The limits are OpenRouter's
// published ones (docs: "Free Variant" and "Limits"): every `:free` request
// counts against 20 a minute and, per UTC day, 50 until at least 10 credits
// were bought in all, 1000 after.
class KeyDescription final {
    Q_DECLARE_TR_FUNCTIONS(detour::KeyDescription)

public:
    static constexpr int freeRequestsPerMinute = 20;
    static constexpr int freeRequestsPerDay = 50;
    static constexpr int freeRequestsPerDayWithCredits = 1000;
    static constexpr int creditsThreshold = 10;

    // Sentences, one per line: the key, its free-model limits, its spending.
    static QString text(const KeyInfo &key);
};

} // namespace detour
