// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

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
    return write(m_subject, measure, value, unit, target, pass, std::nullopt);
}

void BenchRows::addPeer(const QString &subject, const QString &measure, double value,
    const QString &unit, std::optional<double> ratio)
{
    write(subject, measure, value, unit, QString(), true, ratio.value_or(std::nan("")));
}

bool BenchRows::write(const QString &subject, const QString &measure, double value,
    const QString &unit, const QString &target, bool pass, std::optional<double> ratio)
{
    // Two significant decimals are plenty for every figure these programs measure.
    const auto round = [](double figure) { return std::round(figure * 100) / 100; };
    const double rounded = round(value);
    QString line = u"%1 | %2 | %3 | %4 %5 | %6 | %7"_s.arg(m_benchmark, measure, subject,
        QString::number(rounded, 'f', 2), unit, target.isEmpty() ? u"-"_s : target,
        pass ? u"pass"_s : u"MISSED"_s);
    if (ratio && std::isfinite(*ratio))
        line += u" | Detour %1× better"_s.arg(QString::number(*ratio, 'f', 1));
    QTextStream(stdout) << line << u'\n';
    std::fflush(stdout); // in order with what the programs they run print
    if (!pass)
        ++m_failures;
    const QString path = qEnvironmentVariable("DETOUR_BENCH_ROWS");
    if (path.isEmpty())
        return pass;
    Json row { { "benchmark", m_benchmark.toStdString() }, { "measure", measure.toStdString() },
        { "subject", subject.toStdString() }, { "value", rounded }, { "unit", unit.toStdString() },
        { "target", target.toStdString() }, { "pass", pass } };
    if (ratio) // a peer's row: null when there is no ratio to give
        row["ratio"] = std::isfinite(*ratio) ? Json(round(*ratio)) : Json(nullptr);
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
