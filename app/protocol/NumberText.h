// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLocale>
#include <QString>

namespace detour {

// The one rule for numbers a person reads: seconds, dollars, percentages and prices
// alike are written in the UI locale (QLocale(), which Translations sets to the chosen
// language), so "0,5 s" never stands beside "$0.00017". Files and exports pass
// QLocale::c() and get the same text with a decimal point.
class NumberText final {
public:
    // `decimals` digits after the separator: "1.30" (en), "1,30" (de).
    static QString decimal(double value, int decimals, const QLocale &locale = QLocale());
    // At most `maxDecimals` digits, trailing zeros dropped: "0.5", "12".
    static QString trimmed(double value, int maxDecimals, const QLocale &locale = QLocale());
    // "1.3 s": the badge's and the tables' durations.
    static QString seconds(double seconds, int decimals = 1, const QLocale &locale = QLocale());
    // "0.25 s", "3 s": waits the server named (Retry-After), as precise as they were given.
    static QString trimmedSeconds(
        double seconds, int maxDecimals = 2, const QLocale &locale = QLocale());
    // "850 ms" below a second, "1.3 s" from there on; "" for a negative (unknown) time.
    static QString milliseconds(qint64 ms, const QLocale &locale = QLocale());
    // Two significant digits, so small costs stay readable: "$0.0003", not "$0.00" or
    // "3e-04"; at least two decimals ("$1.25"); "$0" for nothing.
    static QString dollars(double cost, const QLocale &locale = QLocale());
};

} // namespace detour
