// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

// Small bridges between Qt strings and nlohmann::json, which speaks UTF-8 std::string.
namespace detour::json {

inline std::string toStd(const QString &text)
{
    return text.toStdString();
}
inline QString toQt(const std::string &text)
{
    return QString::fromStdString(text);
}

// Deepest nesting of arrays and objects that parse() accepts.
inline constexpr int maxDepth = 512;

// Parses without throwing; nullopt for anything that is not well-formed JSON
// or that nests deeper than maxDepth.
std::optional<nlohmann::json> parse(QByteArrayView bytes);

// True when brackets outside strings nest deeper than `limit`: checked before
// parsing untrusted bodies, so a hostile document cannot exhaust the stack.
bool nestsDeeperThan(QByteArrayView bytes, int limit);

// The string at `key` of an object, or an empty string when absent or not a string.
QString stringAt(const nlohmann::json &object, const char *key);

// A string, or a number written as text (error codes come as both), or empty.
QString scalarText(const nlohmann::json &value);

// A finite number, or a string holding one ("12.5"); nullopt otherwise.
std::optional<double> numberAt(const nlohmann::json &object, const char *key);
std::optional<bool> boolAt(const nlohmann::json &object, const char *key);
QStringList stringListAt(const nlohmann::json &object, const char *key);
nlohmann::json fromStringList(const QStringList &list);

} // namespace detour::json
