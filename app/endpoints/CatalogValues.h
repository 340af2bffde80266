// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QVariant>
#include <limits>
#include <optional>

// How the catalog's item models show and sort values that may be unknown.
namespace detour::catalogvalues {

inline QString unknownText()
{
    return QStringLiteral("\u2014");
} // em dash

inline QVariant variant(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

// Unknown values sort after every known one (prices) or before (uptime, throughput).
inline double highWhenUnknown(const std::optional<double> &value)
{
    return value ? *value : std::numeric_limits<double>::infinity();
}

inline double lowWhenUnknown(const std::optional<double> &value)
{
    return value ? *value : -std::numeric_limits<double>::infinity();
}

} // namespace detour::catalogvalues
