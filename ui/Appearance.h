// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "settings/Settings.h"

#include <QPalette>

namespace detour {

// Light and dark for the whole application. Widgets use palette roles only,
// so a palette change restyles everything that is already on screen.
// Qt 6.4 cannot ask the platform whether it is in dark mode, so System keeps
// the platform theme's palette (KDE, qt6ct, ...), and Light and Dark replace it.
class Appearance final {
public:
    static void apply(Settings::ColorScheme scheme); // installs the style first if need be
    // ContrastStyle over the platform's style. Before the first widget is made (main.cpp):
    // installed later, every widget there is restyled.
    static void installStyle();
    static QPalette lightPalette(); // the style's own, with text colours that meet WCAG AA
    static QPalette darkPalette();
};

} // namespace detour
