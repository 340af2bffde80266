// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

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

Result<Credits> Credits::fromJson(const Json &root)
{
    const Result<const Json *> found = CatalogJson::data(root, /*wantArray=*/false, subject());
    if (!found)
        return Error(found.error());
    const Json *data = *found;
    Credits credits;
    credits.totalCredits = CatalogJson::finiteAt(*data, "total_credits").value_or(0);
    credits.totalUsage = CatalogJson::finiteAt(*data, "total_usage").value_or(0);
    return credits;
}

Result<Credits> Credits::fromBody(QByteArrayView body)
{
    const Result<Json> root = CatalogJson::parseObject(body, subject());
    if (!root)
        return Error(root.error());
    return fromJson(*root);
}

} // namespace detour
