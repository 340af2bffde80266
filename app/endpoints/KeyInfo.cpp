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

std::optional<KeyInfo> KeyInfo::fromJson(const Json &root, QString *errorString)
{
    const Json *data = CatalogJson::data(root, /*wantArray=*/false, subject(), errorString);
    if (!data)
        return std::nullopt;
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

std::optional<KeyInfo> KeyInfo::fromBody(QByteArrayView body, QString *errorString)
{
    const auto root = CatalogJson::parseObject(body, subject(), errorString);
    if (!root)
        return std::nullopt;
    return fromJson(*root, errorString);
}

} // namespace detour
