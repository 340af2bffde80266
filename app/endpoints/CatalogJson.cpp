// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CatalogJson.h"

#include "protocol/JsonUtil.h"
#include "protocol/ResponseParser.h"

#include <QCoreApplication>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(detour::CatalogJson)
};

} // namespace

Result<Json> CatalogJson::parseObject(QByteArrayView bytes, const QString &subject)
{
    if (bytes.size() > maxBodyBytes)
        return Error(Text::tr("%1 is larger than %2 MiB").arg(subject).arg(maxBodyBytes >> 20));
    if (json::nestsDeeperThan(bytes, maxDepth))
        return Error(Text::tr("%1 nests more than %2 levels deep").arg(subject).arg(maxDepth));
    return ResponseParser::parseObject(bytes, subject);
}

Result<const Json *> CatalogJson::data(const Json &root, bool wantArray, const QString &subject)
{
    const auto fail = [](const QString &why) { return Error(why); };
    if (!root.is_object())
        return fail(Text::tr("%1 is not a JSON object").arg(subject));
    const auto it = root.find("data");
    if (it != root.end() && (wantArray ? it->is_array() : it->is_object()))
        return Result<const Json *>(&*it);
    if (const auto error = root.find("error"); error != root.end()) {
        QString message = error->is_object() ? json::stringAt(*error, "message") : QString();
        if (message.isEmpty() && error->is_string())
            message = json::toQt(error->get<std::string>());
        if (!message.isEmpty())
            return fail(Text::tr("%1 is an error instead of data: %2").arg(subject, message));
    }
    if (it == root.end())
        return fail(Text::tr("%1 has no \"data\" member").arg(subject));
    return fail(wantArray
            ? Text::tr("%1 has a \"data\" member that is not an array").arg(subject)
            : Text::tr("%1 has a \"data\" member that is not an object").arg(subject));
}

std::optional<double> CatalogJson::finiteAt(const Json &object, const char *key)
{
    const std::optional<double> value = json::numberAt(object, key);
    if (!value || !std::isfinite(*value))
        return std::nullopt;
    return value;
}

qint64 CatalogJson::countAt(const Json &object, const char *key, qint64 fallback)
{
    const std::optional<double> value = finiteAt(object, key);
    if (!value || *value < 0 || *value > 1e15)
        return fallback;
    return qRound64(*value);
}

std::optional<double> CatalogJson::priceAt(const Json &pricing, const char *key)
{
    const std::optional<double> value = finiteAt(pricing, key);
    if (!value || *value < 0)
        return std::nullopt;
    return value;
}

std::optional<double> CatalogJson::statisticAt(const Json &object, const char *key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (it->is_object())
        return finiteAt(*it, "p50");
    return finiteAt(object, key);
}

QByteArray CatalogJson::dump(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace detour
