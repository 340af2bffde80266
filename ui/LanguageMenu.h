// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMenu>

namespace detour {

class Settings;

// View ▸ Language: the system's language, English or Deutsch, stored in
// Settings::language(). Translators are installed once at start-up, so the
// choice applies when Detour restarts; the menu says so.
class LanguageMenu final : public QMenu {
    Q_OBJECT

public:
    explicit LanguageMenu(Settings *settings, QWidget *parent = nullptr);
};

} // namespace detour
