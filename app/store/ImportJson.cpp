// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ImportJson.h"

#include "protocol/JsonUtil.h"

#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

Result<Json> ImportJson::parse(QByteArrayView bytes, const QString &name, int firstLine)
{
    if (bytes.trimmed().isEmpty())
        return Error(tr("%1 is empty.").arg(name));
    if (json::nestsDeeperThan(bytes, json::maxDepth))
        return Error(
            tr("%1 nests lists and objects deeper than %2 levels.").arg(name).arg(json::maxDepth));
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error &error) {
        // error.byte is 1-based: the byte the parser stopped at.
        const qsizetype offset = std::clamp<qsizetype>(qsizetype(error.byte) - 1, 0, bytes.size());
        auto [line, column] = lineAndColumn(bytes, offset);
        line += firstLine - 1;
        const QString what = QString::fromUtf8(error.what());
        const qsizetype at = what.indexOf(u"- "_s);
        const QString detail = at >= 0 ? what.mid(at + 2) : what;
        if (offset >= bytes.size())
            return Error(tr("%1 ends too early, at line %2, column %3: is it truncated?")
                             .arg(name)
                             .arg(line)
                             .arg(column));
        return Error(tr("%1 is not valid JSON at line %2, column %3 (%4).")
                         .arg(name)
                         .arg(line)
                         .arg(column)
                         .arg(detail));
    }
}

std::pair<int, int> ImportJson::lineAndColumn(QByteArrayView bytes, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return { line, column };
}

QDateTime ImportJson::time(const Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return {};
    const double value = it->get<double>();
    // Before 2001-09 in milliseconds means seconds; after 5138 in seconds is no time.
    constexpr double secondsLimit = 1e11;
    constexpr double millisecondsLimit = 1e14;
    if (!std::isfinite(value) || value <= 0 || value >= millisecondsLimit)
        return {};
    const auto milliseconds = qint64(value < secondsLimit ? value * 1000 : value);
    return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
}

QString ImportJson::string(const Json &object, const char *key)
{
    return json::stringAt(object, key);
}

} // namespace detour
