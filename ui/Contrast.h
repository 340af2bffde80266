// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>

namespace detour {

// WCAG 2.x contrast: text needs 4.5:1 against what it is drawn on (AA), large or
// bold text, icons and the edges of controls 3:1. Pure arithmetic on colours, for the
// palettes and the outcome colours alike (test_contrast).
class Contrast final {
public:
    static constexpr double text = 4.5;
    static constexpr double largeText = 3.0; // and symbols, icons, control edges

    static double relativeLuminance(const QColor &color);
    static double ratio(const QColor &a, const QColor &b); // 1 .. 21, either order
    // `over` drawn on `background` at its alpha: what the eye sees.
    static QColor composite(const QColor &over, const QColor &background);
    // `share` (0..1) of the way from `from` to `to`.
    static QColor mix(const QColor &from, const QColor &to, double share);
};

} // namespace detour
