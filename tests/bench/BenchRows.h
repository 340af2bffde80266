#pragma once

#include <QString>

namespace detour {

// The rows a benchmark program reports. Each row is printed as a readable line
// and, when DETOUR_BENCH_ROWS names a file, appended to it as one JSON object
// per line ({"benchmark", "measure", "subject", "value", "unit", "target",
// "pass"}) so that `make bench` can print every program's rows as one table.
// A row without a target is informative and always passes.
class BenchRows final {
public:
    explicit BenchRows(QString benchmark, QString subject = QStringLiteral("Detour"));

    // Returns `pass` so that callers can explain a miss right away.
    bool add(const QString &measure, double value, const QString &unit, const QString &target,
        bool pass);
    void add(const QString &measure, double value, const QString &unit); // informative
    // Prints a line that is not a row (context, a reason for a miss).
    static void note(const QString &text);

    bool allPassed() const { return m_failures == 0; }
    int exitCode() const { return m_failures == 0 ? 0 : 1; }

private:
    QString m_benchmark;
    QString m_subject;
    int m_failures = 0;
};

} // namespace detour
