// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimScenarioReader.h"

#include "protocol/JsonUtil.h"

#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

void SimScenarioReader::fail(const QString &where, const QString &what)
{
    if (m_error.isEmpty())
        m_error = where % u": "_s % what;
}

std::optional<double> SimScenarioReader::number(
    const nlohmann::json &object, const char *key, const QString &where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number()) {
        fail(where, u"\"%1\" must be a number"_s.arg(QLatin1StringView(key)));
        return std::nullopt;
    }
    const double value = it->get<double>();
    if (!std::isfinite(value)) {
        fail(where, u"\"%1\" must be finite"_s.arg(QLatin1StringView(key)));
        return std::nullopt;
    }
    return value;
}

std::optional<double> SimScenarioReader::nonNegative(
    const nlohmann::json &object, const char *key, const QString &where)
{
    const auto value = number(object, key, where);
    if (value && *value < 0) {
        fail(where, u"\"%1\" must not be negative"_s.arg(QLatin1StringView(key)));
        return std::nullopt;
    }
    return value;
}

std::optional<SimScenario::Range> SimScenarioReader::range(
    const nlohmann::json &object, const char *key, const QString &where)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array()) {
        const auto value = nonNegative(object, key, where);
        if (!value)
            return std::nullopt;
        return SimScenario::Range { *value, *value };
    }
    const auto bad = [&] {
        fail(where,
            u"\"%1\" must be a number or a range [lo, hi] of non-negative numbers"_s.arg(
                QLatin1StringView(key)));
        return std::nullopt;
    };
    if (it->size() != 2 || !it->at(0).is_number() || !it->at(1).is_number())
        return bad();
    const double lo = it->at(0).get<double>();
    const double hi = it->at(1).get<double>();
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo < 0 || hi < lo)
        return bad();
    return SimScenario::Range { lo, hi };
}

std::optional<QString> SimScenarioReader::string(
    const nlohmann::json &object, const char *key, const QString &where)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_string()) {
        fail(where, u"\"%1\" must be a string"_s.arg(QLatin1StringView(key)));
        return std::nullopt;
    }
    return json::toQt(it->get<std::string>());
}

QString SimScenarioReader::price(
    const nlohmann::json &pricing, const char *key, const QString &where)
{
    const auto it = pricing.find(key);
    if (it == pricing.end() || it->is_null())
        return u"0"_s;
    if (it->is_string()) {
        const QString text = json::toQt(it->get<std::string>());
        bool ok = false;
        text.toDouble(&ok);
        if (!ok)
            fail(where, u"price \"%1\" is not a number"_s.arg(text));
        return text;
    }
    if (it->is_number()) {
        QString text = QString::number(it->get<double>(), 'f', 12);
        while (text.contains(u'.') && (text.endsWith(u'0') || text.endsWith(u'.')))
            text.chop(1);
        return text;
    }
    fail(where, u"pricing.%1 must be a string or a number"_s.arg(QLatin1StringView(key)));
    return u"0"_s;
}

} // namespace detour
