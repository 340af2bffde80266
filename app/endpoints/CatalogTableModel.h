// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <algorithm>

namespace detour {

class Catalog;

// A table over part of the catalog that follows the catalog's changes: the
// catalog it reads, swapped or cleared at any time (null: keeps the current
// rows). Subclasses say which change concerns them and how to reload.
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

    // Replaces `rows` with `fresh`. When they hold the same keys in the same
    // order (`sameKey`), the rows are kept and dataChanged is emitted, so that
    // selections survive a refresh; otherwise the model is reset.
    template<typename Row, typename SameKey>
    void replaceRows(QList<Row> &rows, const QList<Row> &fresh, SameKey sameKey)
    {
        const bool sameRows = fresh.size() == rows.size()
            && std::equal(fresh.cbegin(), fresh.cend(), rows.cbegin(), sameKey);
        if (!sameRows) {
            beginResetModel();
            rows = fresh;
            endResetModel();
        } else if (fresh != rows) {
            rows = fresh;
            if (!rows.isEmpty())
                Q_EMIT dataChanged(index(0, 0), index(int(rows.size()) - 1, columnCount() - 1));
        }
    }

private:
    QPointer<Catalog> m_catalog;
};

} // namespace detour
