// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimRandom.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace detour {

SimRandom::SimRandom(quint64 seed, const QString &stream)
{
    // FNV-1a over the stream's name, mixed with the seed: stable across runs and
    // Qt versions (qHash is not).
    quint64 hash = 14695981039346656037ULL;
    for (const char byte : stream.toUtf8()) {
        hash ^= quint8(byte);
        hash *= 1099511628211ULL;
    }
    m_engine.seed(seed ^ hash);
}

double SimRandom::unit()
{
    return double(m_engine() >> 11) * 0x1.0p-53;
}

double SimRandom::uniform(double lo, double hi)
{
    if (hi < lo)
        std::swap(lo, hi);
    if (std::floor(lo) == lo && std::floor(hi) == hi)
        return std::min(hi, lo + std::floor(unit() * (hi - lo + 1)));
    return lo + unit() * (hi - lo);
}

qsizetype SimRandom::pick(const QList<double> &weights)
{
    double total = 0;
    for (const double weight : weights)
        total += std::max(0.0, weight);
    double point = unit() * total;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        const double weight = std::max(0.0, weights.at(i));
        if (point < weight)
            return i;
        point -= weight;
    }
    // Rounding at the very end: the last choice with a weight.
    for (qsizetype i = weights.size() - 1; i > 0; --i) {
        if (weights.at(i) > 0)
            return i;
    }
    return 0;
}

} // namespace detour
