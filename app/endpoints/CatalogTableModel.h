// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace detour {

class Catalog;

// A table over part of the catalog that follows the catalog's changes: the
// catalog it reads, swapped or cleared at any time (null: keeps the current
// rows). Subclasses say which change concerns them and how to reload; the
// rows themselves are CatalogRowsModel's.
class CatalogTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    void setCatalog(Catalog *catalog);
    Catalog *catalog() const;

protected:
    using QAbstractTableModel::QAbstractTableModel;

    // Connects to the catalog's signal about these rows (with this as context,
    // so that setCatalog can disconnect it) and loads them.
    virtual void followCatalog(Catalog &catalog) = 0;

private:
    QPointer<Catalog> m_catalog;
};

} // namespace detour
