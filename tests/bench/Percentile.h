// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <algorithm>
#include <cmath>

namespace detour::bench {

// The nearest-rank percentile (0 < share <= 1) of `values`, as the store's provider
// health counts them; NaN when there are none, so that no target passes on nothing.
inline double nearestRank(QList<double> values, double share)
{
    if (values.isEmpty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(share * double(values.size())));
    return values[std::clamp<qsizetype>(rank, 1, values.size()) - 1];
}

} // namespace detour::bench
