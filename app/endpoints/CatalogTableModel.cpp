// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CatalogTableModel.h"

#include "Catalog.h"

namespace detour {

void CatalogTableModel::setCatalog(Catalog *catalog)
{
    if (m_catalog == catalog)
        return;
    if (m_catalog)
        m_catalog->disconnect(this);
    m_catalog = catalog;
    if (catalog)
        followCatalog(*catalog);
}

Catalog *CatalogTableModel::catalog() const
{
    return m_catalog.data();
}

} // namespace detour
