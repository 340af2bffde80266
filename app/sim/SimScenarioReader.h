// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimScenario.h"

#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Reads the values of a scenario (SimScenario's format), remembering the first
// problem with its location ("providers.A.script[2]: ...").
class SimScenarioReader final {
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(const QString &where, const QString &what);

    std::optional<double> number(
        const nlohmann::json &object, const char *key, const QString &where);
    std::optional<double> nonNegative(
        const nlohmann::json &object, const char *key, const QString &where);
    // A non-negative number, or a range [lo, hi] of them (lo <= hi).
    std::optional<SimScenario::Range> range(
        const nlohmann::json &object, const char *key, const QString &where);
    std::optional<QString> string(
        const nlohmann::json &object, const char *key, const QString &where);
    // A price: "0.0000006" or 6e-7, kept as OpenRouter writes it (a decimal string).
    QString price(const nlohmann::json &pricing, const char *key, const QString &where);

private:
    QString m_error;
};

} // namespace detour
