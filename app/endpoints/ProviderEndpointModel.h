// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "CatalogRowsModel.h"
#include "ProviderEndpointInfo.h"

namespace detour {

class Catalog;

// The provider endpoints of one model as a table (which providers serve it,
// how reliably, how fast, at what price). Every role answers in every column;
// DisplayRole is formatted per column, SortRole gives the column's raw value
// (unknown uptime and throughput sort lowest, unknown latency and prices
// highest).
class ProviderEndpointModel final : public CatalogRowsModel<ProviderEndpointInfo> {
    Q_OBJECT

public:
    enum Column {
        ProviderColumn,
        UptimeColumn, // percent over the last 30 minutes
        LatencyColumn, // ms to the first token, last 30 minutes
        ThroughputColumn, // tokens/s, last 30 minutes
        ContextColumn,
        PromptPriceColumn, // USD per million tokens
        CompletionPriceColumn, // USD per million tokens
        QuantizationColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        ProviderNameRole = Qt::UserRole + 1, // QString, "Groq"
        EndpointNameRole, // QString, "Groq | moonshotai/kimi-k2"
        TagRole, // QString
        UptimeRole, // double percent; invalid QVariant when unknown
        LatencyRole, // double ms; invalid when unknown
        ThroughputRole, // double tokens/s; invalid when unknown
        ContextLengthRole, // qint64, 0 = unknown
        MaxCompletionTokensRole, // qint64, 0 = unknown
        PromptPriceRole, // double USD per million tokens; invalid when unknown
        CompletionPriceRole, // double USD per million tokens; invalid when unknown
        QuantizationRole, // QString
        StatusRole, // QString ("0" = normal)
        SupportedParametersRole, // QStringList
        SortRole, // the raw value of the index's column
    };
    Q_ENUM(Role)

    // Given a catalog (here or by setCatalog), the rows follow its endpointsChanged
    // for modelId(); it does not fetch: call Catalog::ensureEndpointsFresh for that.
    explicit ProviderEndpointModel(QObject *parent = nullptr);
    explicit ProviderEndpointModel(Catalog *catalog, QObject *parent = nullptr);

    void setModelId(const QString &modelId);
    QString modelId() const { return m_modelId; }
    void setEndpoints(const QList<ProviderEndpointInfo> &endpoints);
    const QList<ProviderEndpointInfo> &endpoints() const { return rows(); }
    std::optional<ProviderEndpointInfo> endpointAt(int row) const { return rowAt(row); }

    QHash<int, QByteArray> roleNames() const override;

    static QString formatUptime(const std::optional<double> &percent); // "99.6 %"
    static QString formatLatency(const std::optional<double> &ms); // "250 ms", "1.3 s"
    static QString formatThroughput(const std::optional<double> &tokensPerSecond); // "120 tok/s"

protected:
    void followCatalog(Catalog &catalog) override;
    QVariant cellData(const ProviderEndpointInfo &endpoint, int column, int role) const override;
    QVariant columnHeader(int column, int role) const override;

private:
    QVariant displayData(const ProviderEndpointInfo &endpoint, int column) const;
    static QVariant sortData(const ProviderEndpointInfo &endpoint, int column);

    QString m_modelId;
};

} // namespace detour
