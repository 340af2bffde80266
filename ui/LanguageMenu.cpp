// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LanguageMenu.h"

#include "settings/Settings.h"
#include "settings/Translations.h"

#include <QActionGroup>

using namespace Qt::StringLiterals;

namespace detour {

LanguageMenu::LanguageMenu(Settings *settings, QWidget *parent)
    : QMenu(tr("&Language"), parent)
{
    setObjectName(u"languageMenu"_s);
    auto *group = new QActionGroup(this);
    for (const Translations::Language &language : Translations::choices()) {
        QAction *action = addAction(language.name);
        action->setCheckable(true);
        action->setChecked(language.code == settings->language());
        action->setData(language.code);
        group->addAction(action);
        connect(action, &QAction::triggered, settings,
            [settings, code = language.code] { settings->setLanguage(code); });
    }
    addSeparator();
    addAction(tr("Applies when Detour restarts"))->setEnabled(false);
}

} // namespace detour
