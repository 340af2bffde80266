// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CatalogModalities.h"

#include "Catalog.h"
#include "CatalogCache.h"

namespace detour {

ModalityLookup CatalogModalities::lookup(const Catalog *catalog)
{
    QPointer<const Catalog> guarded(catalog);
    return [guarded](const Endpoint &endpoint, const QString &model) -> QStringList {
        if (!guarded || endpoint.kind != EndpointKind::OpenRouter
            || CatalogCache::normalizedBaseUrl(endpoint.baseUrl)
                != CatalogCache::normalizedBaseUrl(guarded->baseUrl()))
            return {};
        const std::optional<ModelInfo> info = guarded->model(model);
        return info ? info->inputModalities : QStringList();
    };
}

} // namespace detour
