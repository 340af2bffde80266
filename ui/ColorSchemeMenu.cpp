// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ColorSchemeMenu.h"

#include "Appearance.h"
#include "settings/Settings.h"

#include <QActionGroup>

namespace detour {

ColorSchemeMenu::ColorSchemeMenu(Settings *settings, QWidget *parent)
    : QMenu(tr("&Colour scheme"), parent)
{
    auto *group = new QActionGroup(this);
    const std::pair<Settings::ColorScheme, QString> choices[] = {
        { Settings::ColorScheme::System, tr("Follow the &system") },
        { Settings::ColorScheme::Light, tr("&Light") },
        { Settings::ColorScheme::Dark, tr("&Dark") },
    };
    for (const auto &[scheme, label] : choices) {
        QAction *action = addAction(label);
        group->addAction(action);
        action->setCheckable(true);
        action->setChecked(scheme == settings->colorScheme());
        connect(action, &QAction::triggered, settings,
            [settings, choice = scheme] { settings->setColorScheme(choice); });
    }
    connect(settings, &Settings::colorSchemeChanged, this, &Appearance::apply);
    Appearance::apply(settings->colorScheme());
}

} // namespace detour
