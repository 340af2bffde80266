// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CatalogTableModel.h"

#include <QList>
#include <algorithm>
#include <optional>

namespace detour {

// A CatalogTableModel whose rows are a list of `Row`s (ModelInfo,
// ProviderEndpointInfo), `columns` wide. It keeps the rows and answers what
// does not depend on what a row holds: the counts, index checks, the header's
// range, and a refresh that keeps selections. A subclass gives one cell's data
// per role (cellData) and one column's header per role (columnHeader).
template<typename Row> class CatalogRowsModel : public CatalogTableModel {
public:
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_columns;
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return cellData(m_rows.at(index.row()), index.column(), role);
    }

    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || section < 0 || section >= m_columns)
            return {};
        return columnHeader(section, role);
    }

protected:
    CatalogRowsModel(int columns, QObject *parent)
        : CatalogTableModel(parent)
        , m_columns(columns)
    {
    }

    virtual QVariant cellData(const Row &row, int column, int role) const = 0;
    virtual QVariant columnHeader(int column, int role) const = 0;

    const QList<Row> &rows() const { return m_rows; }

    std::optional<Row> rowAt(int row) const
    {
        if (row < 0 || row >= m_rows.size())
            return std::nullopt;
        return m_rows.at(row);
    }

    // Replaces the rows with `fresh`. When they hold the same keys in the same
    // order (`sameKey`), the rows are kept and dataChanged is emitted, so that
    // selections survive a refresh; otherwise the model is reset.
    template<typename SameKey> void setRows(const QList<Row> &fresh, SameKey sameKey)
    {
        const bool sameRows = fresh.size() == m_rows.size()
            && std::equal(fresh.cbegin(), fresh.cend(), m_rows.cbegin(), sameKey);
        if (!sameRows) {
            resetRows(fresh);
        } else if (fresh != m_rows) {
            m_rows = fresh;
            if (!m_rows.isEmpty())
                Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, m_columns - 1));
        }
    }

    void resetRows(const QList<Row> &fresh)
    {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
    }

private:
    int m_columns;
    QList<Row> m_rows;
};

} // namespace detour
