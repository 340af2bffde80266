// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Contrast.h"

#include <algorithm>
#include <cmath>

namespace detour {

double Contrast::relativeLuminance(const QColor &color)
{
    // sRGB channels to linear light (WCAG 2.x, with its 0.03928 threshold).
    const auto linear = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF())
        + 0.0722 * linear(rgb.blueF());
}

double Contrast::ratio(const QColor &a, const QColor &b)
{
    // Two named values, not std::minmax over temporaries (whose references dangle).
    const double first = relativeLuminance(a);
    const double second = relativeLuminance(b);
    return (std::max(first, second) + 0.05) / (std::min(first, second) + 0.05);
}

QColor Contrast::composite(const QColor &over, const QColor &background)
{
    QColor opaque = mix(background, over, over.alphaF());
    opaque.setAlphaF(1);
    return opaque;
}

QColor Contrast::mix(const QColor &from, const QColor &to, double share)
{
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    const auto channel = [share](float x, float y) { return float(x + (y - x) * share); };
    return QColor::fromRgbF(channel(a.redF(), b.redF()), channel(a.greenF(), b.greenF()),
        channel(a.blueF(), b.blueF()));
}

} // namespace detour
