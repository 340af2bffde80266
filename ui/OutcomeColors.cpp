// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "OutcomeColors.h"

#include "Contrast.h"

namespace detour {

namespace {

enum class Kind { Served, RateLimited, Failed, Skipped };

Kind kindOf(Outcome outcome)
{
    if (outcome == Outcome::Served)
        return Kind::Served;
    if (outcome == Outcome::Skipped)
        return Kind::Skipped;
    return isRateLimit(outcome) ? Kind::RateLimited : Kind::Failed;
}

// The hues of the table's tints (as before), and text colours dark enough for a light
// base or light enough for a dark one.
QColor hue(Kind kind)
{
    switch (kind) {
    case Kind::Served:
        return { 46, 160, 67 };
    case Kind::RateLimited:
        return { 219, 154, 4 };
    case Kind::Failed:
        return { 207, 34, 46 };
    case Kind::Skipped:
        break;
    }
    return { 128, 128, 128 };
}

QColor onLight(Kind kind)
{
    switch (kind) {
    case Kind::Served:
        return { 26, 127, 55 }; // 5.1:1 on white
    case Kind::RateLimited:
        return { 145, 95, 0 }; // 5.3:1
    case Kind::Failed:
        return { 192, 28, 40 }; // 6.0:1
    case Kind::Skipped:
        break;
    }
    return { 96, 100, 108 }; // 6.0:1
}

QColor onDark(Kind kind)
{
    switch (kind) {
    case Kind::Served:
        return { 87, 201, 107 };
    case Kind::RateLimited:
        return { 230, 178, 60 };
    case Kind::Failed:
        return { 255, 123, 114 };
    case Kind::Skipped:
        break;
    }
    return { 160, 166, 174 };
}

} // namespace

bool OutcomeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor OutcomeColors::foreground(Outcome outcome, const QPalette &palette)
{
    return isDark(palette) ? onDark(kindOf(outcome)) : onLight(kindOf(outcome));
}

QColor OutcomeColors::tint(Outcome outcome, const QPalette &palette, bool serverSide)
{
    QColor over = hue(kindOf(outcome));
    over.setAlpha(serverSide ? 28 : 56);
    return Contrast::composite(over, palette.color(QPalette::Base));
}

} // namespace detour
