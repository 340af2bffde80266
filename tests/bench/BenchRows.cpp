#include "BenchRows.h"

#include <QFile>
#include <QTextStream>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace detour {

using Json = nlohmann::ordered_json; // fields in the order the protocol lists them
using namespace Qt::StringLiterals;

BenchRows::BenchRows(QString benchmark, QString subject)
    : m_benchmark(std::move(benchmark))
    , m_subject(std::move(subject))
{
}

bool BenchRows::add(
    const QString &measure, double value, const QString &unit, const QString &target, bool pass)
{
    // Two significant decimals are plenty for every figure these programs measure.
    const double rounded = std::round(value * 100) / 100;
    QTextStream(stdout) << u"%1 | %2 | %3 | %4 %5 | %6 | %7\n"_s.arg(m_benchmark, measure,
        m_subject, QString::number(rounded, 'f', 2), unit, target.isEmpty() ? u"-"_s : target,
        pass ? u"pass"_s : u"MISSED"_s);
    std::fflush(stdout); // in order with what the programs they run print
    if (!pass)
        ++m_failures;
    const QString path = qEnvironmentVariable("DETOUR_BENCH_ROWS");
    if (path.isEmpty())
        return pass;
    const Json row { { "benchmark", m_benchmark.toStdString() },
        { "measure", measure.toStdString() }, { "subject", m_subject.toStdString() },
        { "value", rounded }, { "unit", unit.toStdString() }, { "target", target.toStdString() },
        { "pass", pass } };
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)
        || file.write(QByteArray::fromStdString(row.dump() + '\n')) < 0) {
        QTextStream(stderr) << u"cannot append to %1: %2\n"_s.arg(path, file.errorString());
        ++m_failures; // a row that cannot be reported is a failed run, not a silent one
        return false;
    }
    return pass;
}

void BenchRows::add(const QString &measure, double value, const QString &unit)
{
    add(measure, value, unit, QString(), true);
}

void BenchRows::note(const QString &text)
{
    QTextStream(stdout) << u"  "_s << text << u'\n';
    std::fflush(stdout);
}

} // namespace detour
