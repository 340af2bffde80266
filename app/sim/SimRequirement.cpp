// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimRequirement.h"

#include "SimResponses.h"
#include "protocol/JsonUtil.h"

#include <QUrlQuery>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

std::optional<QString> readWanted(const nlohmann::json &object, const char *key,
    QList<std::pair<QString, std::optional<QString>>> &wanted)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_object())
        return u"require.%1 must be an object"_s.arg(QLatin1StringView(key));
    for (const auto &[name, value] : it->items()) {
        if (value.is_null())
            wanted.append({ json::toQt(name), std::nullopt });
        else if (value.is_string())
            wanted.append({ json::toQt(name), json::toQt(value.get<std::string>()) });
        else
            return u"require.%1.%2 must be a string or null"_s.arg(
                QLatin1StringView(key), json::toQt(name));
    }
    return std::nullopt;
}

} // namespace

Result<SimRequirement> SimRequirement::fromJson(const nlohmann::json &object)
{
    if (!object.is_object())
        return Error(u"scenario: \"require\" must be an object"_s);
    SimRequirement requirement;
    if (const auto problem = readWanted(object, "headers", requirement.m_headers))
        return Error(u"scenario: "_s + *problem);
    if (const auto problem = readWanted(object, "query", requirement.m_query))
        return Error(u"scenario: "_s + *problem);
    if (const auto status = object.find("status"); status != object.end()) {
        if (!status->is_number_integer() || status->get<int>() < 400 || status->get<int>() > 599)
            return Error(u"scenario: require.status must be an HTTP error status"_s);
        requirement.m_status = status->get<int>();
    }
    requirement.m_body = json::stringAt(object, "body").toUtf8();
    return requirement;
}

std::optional<SimHttpResponse> SimRequirement::check(const SimRequest &request) const
{
    const auto refuse = [this](const QString &what) {
        if (m_body.isEmpty())
            return SimResponses::error(m_status, what);
        return SimHttpResponse { m_status,
            { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") } },
            m_body };
    };
    for (const auto &[name, value] : m_headers) {
        const auto sent = headerValue(request.headers, name.toLatin1());
        if (!sent)
            return refuse(u"Missing header %1"_s.arg(name));
        if (value && QString::fromUtf8(*sent) != *value)
            return refuse(u"Wrong value for header %1"_s.arg(name));
    }
    const qsizetype mark = request.target.indexOf('?');
    const QUrlQuery query(mark < 0 ? QString() : QString::fromLatin1(request.target.mid(mark + 1)));
    for (const auto &[name, value] : m_query) {
        if (!query.hasQueryItem(name))
            return refuse(u"Missing query parameter %1"_s.arg(name));
        if (value && query.queryItemValue(name, QUrl::FullyDecoded) != *value)
            return refuse(u"Wrong value for query parameter %1"_s.arg(name));
    }
    return std::nullopt;
}

} // namespace detour
