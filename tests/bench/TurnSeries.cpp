// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnSeries.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour {

TurnSeries TurnSeries::fromPeer(const nlohmann::json &result)
{
    TurnSeries series;
    series.subject = QString::fromStdString(result.value("subject", std::string("peer")));
    for (const auto &value : result.value("ttft_ms", nlohmann::json::array())) {
        if (value.is_number())
            series.ttftMs.append(value.get<double>());
    }
    series.failed = result.value("failed", 0);
    if (const auto error = result.find("first_error"); error != result.end() && error->is_string())
        series.firstError = QString::fromStdString(error->get<std::string>());
    const auto counts = [&result](const char *key) {
        QMap<QString, qint64> byModel;
        const nlohmann::json object = result.value(key, nlohmann::json::object());
        for (const auto &[model, count] : object.items()) {
            if (count.is_number_integer())
                byModel.insert(QString::fromStdString(model), count.get<qint64>());
        }
        return byModel;
    };
    series.requests = counts("requests");
    series.served = counts("served");
    series.ok = true;
    return series;
}

qint64 TurnSeries::totalRequests() const
{
    qint64 total = 0;
    for (const qint64 count : requests)
        total += count;
    return total;
}

double TurnSeries::medianTtftMs() const
{
    if (ttftMs.isEmpty())
        return 0;
    QList<double> sorted = ttftMs;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype middle = sorted.size() / 2;
    return sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

} // namespace detour
