// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CatalogRowsModel.h"
#include "ModelInfo.h"

namespace detour {

class Catalog;

// The catalog's models as a table for the route editor's model picker. Every
// role answers in every column; DisplayRole is formatted per column, SortRole
// gives the column's raw value (prices per million tokens, unknown prices as
// +infinity so they sort last). Put a ModelFilterModel on top to filter and sort.
class ModelCatalogModel final : public CatalogRowsModel<ModelInfo> {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        NameColumn,
        ContextColumn,
        PromptPriceColumn, // USD per million prompt tokens
        CompletionPriceColumn, // USD per million completion tokens
        FreeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // QString
        NameRole, // QString
        DescriptionRole, // QString
        ContextLengthRole, // qint64, 0 = unknown
        MaxCompletionTokensRole, // qint64, 0 = unknown
        PromptPriceRole, // double, USD per million tokens; invalid QVariant when unknown
        CompletionPriceRole, // double, USD per million tokens; invalid QVariant when unknown
        IsFreeRole, // bool
        SupportedParametersRole, // QStringList
        CreatedRole, // QDateTime (UTC), invalid when unknown
        SortRole, // the raw value of the index's column
    };
    Q_ENUM(Role)

    // Given a catalog (here or by setCatalog), the rows follow its modelsChanged.
    explicit ModelCatalogModel(QObject *parent = nullptr);
    explicit ModelCatalogModel(Catalog *catalog, QObject *parent = nullptr);

    // Replaces the rows; when only values changed (same ids in the same order)
    // the rows are kept and dataChanged is emitted, so selections survive a refresh.
    void setModels(const QList<ModelInfo> &models);
    const QList<ModelInfo> &models() const { return rows(); }
    std::optional<ModelInfo> modelAt(int row) const { return rowAt(row); }
    int rowOf(const QString &id) const; // -1 when absent

    QHash<int, QByteArray> roleNames() const override;

    // "$0.60", "$0.0015", "$0"; "—" when unknown.
    static QString formatPrice(const std::optional<double> &perMillion);
    // "131K", "1.05M", "512"; "—" when 0 (unknown).
    static QString formatTokens(qint64 tokens);

protected:
    void followCatalog(Catalog &catalog) override;
    QVariant cellData(const ModelInfo &model, int column, int role) const override;
    QVariant columnHeader(int column, int role) const override;

private:
    QVariant displayData(const ModelInfo &model, int column) const;
    static QVariant sortData(const ModelInfo &model, int column);
};

} // namespace detour
