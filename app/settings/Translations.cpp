// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(detour::Translations)
};

// Loads `prefix`_<language>.qm for the locale's UI languages in order of
// preference (LANGUAGE=de:en, then LC_ALL / LC_MESSAGES / LANG) and installs it.
bool installCatalogue(const QLocale &locale, const QString &prefix, const QString &directory)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(locale, prefix, u"_"_s, directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

QList<Translations::Language> Translations::choices()
{
    return { { QString(), Text::tr("System language") }, { u"en"_s, u"English"_s },
        { u"de"_s, u"Deutsch"_s } };
}

QLocale Translations::locale(const QString &code)
{
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

QString Translations::defaultDirectory()
{
    return u":/i18n"_s;
}

bool Translations::install(const QString &code, const QString &directory)
{
    const QLocale chosen = locale(code);
    if (!code.isEmpty())
        QLocale::setDefault(chosen);
    installCatalogue(chosen, u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installCatalogue(chosen, u"detour"_s, directory);
}

} // namespace detour
