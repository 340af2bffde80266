// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Outcome.h"

#include <QColor>
#include <QPalette>

namespace detour {

// The colours of outcomes, for the inspector's table and the attempts line under a
// reply: green served, amber rate-limited, red failed, grey skipped. Always beside a
// symbol and words (colour is never the only cue), and chosen per scheme so that they
// meet WCAG contrast on what they are drawn on (test_contrast).
class OutcomeColors final {
public:
    // For symbols and words drawn on the palette's Base (and on a bubble's AlternateBase):
    // at least 4.5:1 there.
    static QColor foreground(Outcome outcome, const QPalette &palette);
    // A cell's background tint, already laid over Base; Text on it keeps 4.5:1.
    // Rows OpenRouter reported (server-side) get a lighter tint. Invalid for in-flight.
    static QColor tint(Outcome outcome, const QPalette &palette, bool serverSide = false);
    static bool isDark(const QPalette &palette);
};

} // namespace detour
