// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QLocale>
#include <QString>

namespace detour {

// The languages the window speaks, and the translators that make it speak them.
// Source strings are English. German is translations/detour_de.ts; English has a
// catalogue too, holding only plural forms ("1 reply", "2 replies"). The build
// embeds both as :/i18n/detour_<code>.qm in the `detour` executable.
class Translations final {
public:
    struct Language {
        QString code; // what Settings::language() holds; empty = the system's language
        QString name; // in that language itself, as language pickers show it
    };

    // The choices a language picker offers: the system's, then every catalogue.
    static QList<Language> choices();
    // The locale for a Settings::language() value; the system's when empty.
    static QLocale locale(const QString &code);
    // Installs Detour's catalogue and Qt's own (qtbase_<code>.qm: dialog buttons,
    // context menus) for `code` on the running application, which owns them.
    // A chosen language also becomes the default locale, so numbers and dates
    // match the words. Returns false when Detour has no catalogue for the
    // language: its English source strings are shown.
    static bool install(const QString &code, const QString &directory = defaultDirectory());
    static QString defaultDirectory();
};

} // namespace detour
