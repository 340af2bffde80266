// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "KeyInfo.h"

#include "CatalogJson.h"
#include "protocol/JsonUtil.h"

#include <QCoreApplication>
#include <nlohmann/json.hpp>

namespace detour {

namespace {

using Json = nlohmann::json;

QString subject()
{
    return QCoreApplication::translate("detour::KeyInfo", "The key information");
}

} // namespace

Result<KeyInfo> KeyInfo::fromJson(const Json &root)
{
    const Result<const Json *> found = CatalogJson::data(root, /*wantArray=*/false, subject());
    if (!found)
        return Error(found.error());
    const Json *data = *found;
    KeyInfo key;
    key.label = json::stringAt(*data, "label");
    key.limit = CatalogJson::finiteAt(*data, "limit");
    key.usage = CatalogJson::finiteAt(*data, "usage").value_or(0);
    key.limitRemaining = CatalogJson::finiteAt(*data, "limit_remaining");
    key.isFreeTier = json::boolAt(*data, "is_free_tier").value_or(false);
    key.isProvisioningKey = json::boolAt(*data, "is_provisioning_key").value_or(false);
    if (const auto rate = data->find("rate_limit"); rate != data->end() && rate->is_object()) {
        if (const auto requests = CatalogJson::finiteAt(*rate, "requests");
            requests && *requests >= 0)
            key.rateLimitRequests = qRound64(*requests);
        key.rateLimitInterval = json::stringAt(*rate, "interval");
    }
    return key;
}

Result<KeyInfo> KeyInfo::fromBody(QByteArrayView body)
{
    const Result<Json> root = CatalogJson::parseObject(body, subject());
    if (!root)
        return Error(root.error());
    return fromJson(*root);
}

} // namespace detour
