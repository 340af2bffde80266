// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>

namespace detour {

// The rows a benchmark program reports. Each row is printed as a readable line
// and, when DETOUR_BENCH_ROWS names a file, appended to it as one JSON object
// per line ({"benchmark", "measure", "subject", "value", "unit", "target",
// "pass", and "ratio" on a peer's row}) so that `make bench` can print every
// program's rows as one table. A row without a target is informative and
// always passes.
class BenchRows final {
public:
    explicit BenchRows(QString benchmark, QString subject = QStringLiteral("Detour"));

    // Returns `pass` so that callers can explain a miss right away.
    bool add(const QString &measure, double value, const QString &unit, const QString &target,
        bool pass);
    void add(const QString &measure, double value, const QString &unit); // informative
    // A peer's figure for a measure of Detour's, printed under it. `ratio` is how
    // many times better Detour's figure is than the peer's (peer ÷ Detour for
    // times and counts, Detour ÷ peer for throughput); none when undefined.
    void addPeer(const QString &subject, const QString &measure, double value, const QString &unit,
        std::optional<double> ratio);
    // Prints a line that is not a row (context, a reason for a miss).
    static void note(const QString &text);

    bool allPassed() const { return m_failures == 0; }
    int exitCode() const { return m_failures == 0 ? 0 : 1; }

private:
    bool write(const QString &subject, const QString &measure, double value, const QString &unit,
        const QString &target, bool pass, std::optional<double> ratio);

    QString m_benchmark;
    QString m_subject;
    int m_failures = 0;
};

} // namespace detour
