// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderEndpointInfo.h"

#include "CatalogJson.h"
#include "protocol/JsonUtil.h"

#include <QCoreApplication>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(detour::ProviderEndpointInfo)
};

std::optional<double> perMillion(const std::optional<double> &perToken)
{
    if (!perToken)
        return std::nullopt;
    return *perToken * 1e6;
}

std::optional<double> nonNegative(std::optional<double> value)
{
    if (value && *value < 0)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<double> ProviderEndpointInfo::promptPricePerMillion() const
{
    return perMillion(promptPrice);
}

std::optional<double> ProviderEndpointInfo::completionPricePerMillion() const
{
    return perMillion(completionPrice);
}

Result<ProviderEndpointInfo> ProviderEndpointInfo::fromJson(const Json &object)
{
    const auto fail = [](const QString &why) { return Error(why); };
    if (!object.is_object())
        return fail(Text::tr("An endpoint entry is a JSON %1, not an object")
                        .arg(QString::fromUtf8(object.type_name())));
    ProviderEndpointInfo endpoint;
    endpoint.providerName = json::stringAt(object, "provider_name").trimmed();
    endpoint.name = json::stringAt(object, "name").trimmed();
    if (endpoint.providerName.isEmpty()) {
        // Older bodies only name the endpoint "Provider | model".
        endpoint.providerName = endpoint.name.section(u'|', 0, 0).trimmed();
    }
    if (endpoint.providerName.isEmpty())
        return fail(Text::tr("An endpoint entry names no provider"));
    endpoint.tag = json::stringAt(object, "tag");
    endpoint.contextLength = CatalogJson::countAt(object, "context_length");
    endpoint.maxCompletionTokens = CatalogJson::countAt(object, "max_completion_tokens");
    endpoint.maxPromptTokens = CatalogJson::countAt(object, "max_prompt_tokens");
    if (const auto pricing = object.find("pricing");
        pricing != object.end() && pricing->is_object()) {
        endpoint.promptPrice = CatalogJson::priceAt(*pricing, "prompt");
        endpoint.completionPrice = CatalogJson::priceAt(*pricing, "completion");
    }
    endpoint.quantization = json::stringAt(object, "quantization");
    if (const auto status = object.find("status"); status != object.end())
        endpoint.status = json::scalarText(*status);
    endpoint.uptimeLast30m = nonNegative(CatalogJson::statisticAt(object, "uptime_last_30m"));
    endpoint.latencyLast30m = nonNegative(CatalogJson::statisticAt(object, "latency_last_30m"));
    endpoint.throughputLast30m =
        nonNegative(CatalogJson::statisticAt(object, "throughput_last_30m"));
    endpoint.supportedParameters = json::stringListAt(object, "supported_parameters");
    return endpoint;
}

Result<ProviderEndpointInfo::List> ProviderEndpointInfo::listFromJson(
    const Json &root, int *skipped)
{
    const QString subject = Text::tr("The endpoint list");
    const Result<const Json *> found = CatalogJson::data(root, /*wantArray=*/false, subject);
    if (!found)
        return Error(found.error());
    const Json *data = *found;
    const auto items = data->find("endpoints");
    if (items == data->end() || !items->is_array())
        return Error(Text::tr("%1 has no \"endpoints\" array").arg(subject));
    List list;
    list.modelId = json::stringAt(*data, "id");
    int bad = 0;
    for (const Json &item : *items) {
        if (auto endpoint = fromJson(item))
            list.endpoints.append(std::move(*endpoint));
        else
            ++bad;
    }
    if (skipped)
        *skipped = bad;
    return list;
}

Result<ProviderEndpointInfo::List> ProviderEndpointInfo::listFromBody(
    QByteArrayView body, int *skipped)
{
    const Result<Json> root = CatalogJson::parseObject(body, Text::tr("The endpoint list"));
    if (!root)
        return Error(root.error());
    return listFromJson(*root, skipped);
}

} // namespace detour
