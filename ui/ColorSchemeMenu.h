// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMenu>

namespace detour {

class Settings;

// View ▸ Colour scheme: follow the system, light or dark, stored in
// Settings::colorScheme() and applied at once (Appearance).
class ColorSchemeMenu final : public QMenu {
    Q_OBJECT

public:
    explicit ColorSchemeMenu(Settings *settings, QWidget *parent = nullptr);
};

} // namespace detour
