// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteSort.h"

#include "protocol/EnumNames.h"

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames sortNames { std::array {
    std::pair { RouteSort::None, "none"_L1 },
    std::pair { RouteSort::Throughput, "throughput"_L1 },
    std::pair { RouteSort::Latency, "latency"_L1 },
    std::pair { RouteSort::SuccessRate, "success_rate"_L1 },
} };

} // namespace

QString routeSortName(RouteSort sort)
{
    return sortNames.name(sort);
}

std::optional<RouteSort> routeSortFromName(const QString &name)
{
    return sortNames.value(name);
}

} // namespace detour
