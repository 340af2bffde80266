// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "NumberText.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(NumberText)
};

// Drops trailing zeros after the locale's decimal separator, and the separator itself
// when nothing is left after it; at least `keep` decimals stay.
QString chopZeros(QString text, const QLocale &locale, int keep = 0)
{
    const qsizetype point = text.indexOf(locale.decimalPoint());
    if (point < 0)
        return text;
    const qsizetype minimum = point + (keep > 0 ? keep + 1 : 0);
    while (text.size() > minimum && text.endsWith(locale.zeroDigit()))
        text.chop(locale.zeroDigit().size());
    if (text.size() == point + locale.decimalPoint().size())
        text.truncate(point);
    return text;
}

} // namespace

QString NumberText::decimal(double value, int decimals, const QLocale &locale)
{
    return locale.toString(value, 'f', decimals);
}

QString NumberText::trimmed(double value, int maxDecimals, const QLocale &locale)
{
    return chopZeros(locale.toString(value, 'f', maxDecimals), locale);
}

QString NumberText::seconds(double seconds, int decimals, const QLocale &locale)
{
    return Text::tr("%1 s").arg(decimal(seconds, decimals, locale));
}

QString NumberText::trimmedSeconds(double seconds, int maxDecimals, const QLocale &locale)
{
    return Text::tr("%1 s").arg(trimmed(seconds, maxDecimals, locale));
}

QString NumberText::milliseconds(qint64 ms, const QLocale &locale)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return Text::tr("%1 ms").arg(locale.toString(ms));
    return seconds(double(ms) / 1000.0, 1, locale);
}

QString NumberText::dollars(double cost, const QLocale &locale)
{
    if (cost == 0)
        return u"$0"_s;
    const int magnitude = int(std::floor(std::log10(std::abs(cost))));
    const int decimals = std::clamp(1 - magnitude, 2, 10);
    return u'$' + chopZeros(locale.toString(cost, 'f', decimals), locale, 2);
}

} // namespace detour
