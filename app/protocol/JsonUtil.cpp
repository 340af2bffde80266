// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "JsonUtil.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour::json {

std::optional<nlohmann::json> parse(QByteArrayView bytes)
{
    // nlohmann parses deep documents fine, but copying, comparing or printing a
    // value recurses once per level: a hostile document would overflow the stack.
    if (nestsDeeperThan(bytes, maxDepth))
        return std::nullopt;
    nlohmann::json value = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr,
        /*allow_exceptions=*/false);
    if (value.is_discarded())
        return std::nullopt;
    return value;
}

bool nestsDeeperThan(QByteArrayView bytes, int limit)
{
    if (bytes.size() <= limit)
        return false; // each level takes a byte: short documents need no scan
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : bytes) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit)
                return true;
        } else if (c == '}' || c == ']') {
            depth = std::max(0, depth - 1);
        }
    }
    return false;
}

QString stringAt(const nlohmann::json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return toQt(it->get<std::string>());
}

QString scalarText(const nlohmann::json &value)
{
    if (value.is_string())
        return toQt(value.get<std::string>());
    if (value.is_number_integer())
        return QString::number(value.get<qint64>());
    if (value.is_number())
        return QString::number(value.get<double>());
    return {};
}

std::optional<double> numberAt(const nlohmann::json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    double value = 0;
    if (it->is_number()) {
        value = it->get<double>();
    } else if (it->is_string()) {
        bool ok = false;
        value = toQt(it->get<std::string>()).toDouble(&ok);
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    // "inf" and "nan" in a string (or 1e400) are no amount of anything.
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<bool> boolAt(const nlohmann::json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_boolean())
        return std::nullopt;
    return it->get<bool>();
}

QStringList stringListAt(const nlohmann::json &object, const char *key)
{
    QStringList list;
    if (!object.is_object())
        return list;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array())
        return list;
    for (const auto &item : *it) {
        if (item.is_string())
            list.append(toQt(item.get<std::string>()));
    }
    return list;
}

nlohmann::json fromStringList(const QStringList &list)
{
    auto array = nlohmann::json::array();
    for (const QString &item : list)
        array.push_back(toStd(item));
    return array;
}

} // namespace detour::json
