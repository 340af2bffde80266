#include "Credits.h"

#include "CatalogJson.h"

#include <QCoreApplication>
#include <nlohmann/json.hpp>

namespace detour {

namespace {

using Json = nlohmann::json;

QString subject()
{
    return QCoreApplication::translate("detour::Credits", "The credits");
}

} // namespace

std::optional<Credits> Credits::fromJson(const Json &root, QString *errorString)
{
    const Json *data = CatalogJson::data(root, /*wantArray=*/false, subject(), errorString);
    if (!data)
        return std::nullopt;
    Credits credits;
    credits.totalCredits = CatalogJson::finiteAt(*data, "total_credits").value_or(0);
    credits.totalUsage = CatalogJson::finiteAt(*data, "total_usage").value_or(0);
    return credits;
}

std::optional<Credits> Credits::fromBody(QByteArrayView body, QString *errorString)
{
    const auto root = CatalogJson::parseObject(body, subject(), errorString);
    if (!root)
        return std::nullopt;
    return fromJson(*root, errorString);
}

} // namespace detour
