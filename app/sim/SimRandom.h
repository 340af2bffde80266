// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>
#include <random>

namespace detour {

// The simulator's seeded random source: one stream per provider, so that the
// n-th request reaching a provider behaves the same on every simulator started
// with the same scenario and seed, whatever else its client asked in between.
// The draws are written out here (not std::uniform_*_distribution, whose
// results differ between standard libraries), so a seed means the same run
// everywhere.
class SimRandom final {
public:
    SimRandom() = default;
    SimRandom(quint64 seed, const QString &stream);

    // Uniform in [lo, hi]; whole numbers (both ends included) when both ends are whole.
    double uniform(double lo, double hi);
    // An index into `weights` (non-negative, not all zero), each as likely as its weight.
    qsizetype pick(const QList<double> &weights);

private:
    double unit(); // [0, 1)

    std::mt19937_64 m_engine;
};

} // namespace detour
