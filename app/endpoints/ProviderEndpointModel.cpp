// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProviderEndpointModel.h"

#include "Catalog.h"
#include "CatalogValues.h"
#include "ModelCatalogModel.h"
#include "protocol/NumberText.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace detour {

ProviderEndpointModel::ProviderEndpointModel(QObject *parent)
    : CatalogRowsModel(ColumnCount, parent)
{
}

ProviderEndpointModel::ProviderEndpointModel(Catalog *catalog, QObject *parent)
    : CatalogRowsModel(ColumnCount, parent)
{
    setCatalog(catalog);
}

void ProviderEndpointModel::followCatalog(Catalog &catalog)
{
    connect(&catalog, &Catalog::endpointsChanged, this, [this, &catalog](const QString &modelId) {
        if (modelId == m_modelId)
            setEndpoints(catalog.endpoints(m_modelId));
    });
    setEndpoints(catalog.endpoints(m_modelId));
}

void ProviderEndpointModel::setModelId(const QString &modelId)
{
    if (modelId == m_modelId)
        return;
    m_modelId = modelId;
    resetRows(catalog() ? catalog()->endpoints(modelId) : QList<ProviderEndpointInfo>());
}

void ProviderEndpointModel::setEndpoints(const QList<ProviderEndpointInfo> &endpoints)
{
    setRows(endpoints, [](const ProviderEndpointInfo &a, const ProviderEndpointInfo &b) {
        return a.providerName == b.providerName && a.tag == b.tag;
    });
}

QVariant ProviderEndpointModel::cellData(
    const ProviderEndpointInfo &endpoint, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return displayData(endpoint, column);
    case Qt::ToolTipRole:
        return endpoint.name.isEmpty() ? endpoint.providerName : endpoint.name;
    case Qt::TextAlignmentRole:
        if (column != ProviderColumn && column != QuantizationColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case ProviderNameRole:
        return endpoint.providerName;
    case EndpointNameRole:
        return endpoint.name;
    case TagRole:
        return endpoint.tag;
    case UptimeRole:
        return catalogvalues::variant(endpoint.uptimeLast30m);
    case LatencyRole:
        return catalogvalues::variant(endpoint.latencyLast30m);
    case ThroughputRole:
        return catalogvalues::variant(endpoint.throughputLast30m);
    case ContextLengthRole:
        return endpoint.contextLength;
    case MaxCompletionTokensRole:
        return endpoint.maxCompletionTokens;
    case PromptPriceRole:
        return catalogvalues::variant(endpoint.promptPricePerMillion());
    case CompletionPriceRole:
        return catalogvalues::variant(endpoint.completionPricePerMillion());
    case QuantizationRole:
        return endpoint.quantization;
    case StatusRole:
        return endpoint.status;
    case SupportedParametersRole:
        return endpoint.supportedParameters;
    case SortRole:
        return sortData(endpoint, column);
    default:
        return {};
    }
}

QVariant ProviderEndpointModel::displayData(const ProviderEndpointInfo &endpoint, int column) const
{
    switch (column) {
    case ProviderColumn:
        return endpoint.providerName;
    case UptimeColumn:
        return formatUptime(endpoint.uptimeLast30m);
    case LatencyColumn:
        return formatLatency(endpoint.latencyLast30m);
    case ThroughputColumn:
        return formatThroughput(endpoint.throughputLast30m);
    case ContextColumn:
        return ModelCatalogModel::formatTokens(endpoint.contextLength);
    case PromptPriceColumn:
        return ModelCatalogModel::formatPrice(endpoint.promptPricePerMillion());
    case CompletionPriceColumn:
        return ModelCatalogModel::formatPrice(endpoint.completionPricePerMillion());
    case QuantizationColumn:
        return endpoint.quantization.isEmpty() ? catalogvalues::unknownText()
                                               : endpoint.quantization;
    default:
        return {};
    }
}

QVariant ProviderEndpointModel::sortData(const ProviderEndpointInfo &endpoint, int column)
{
    switch (column) {
    case ProviderColumn:
        return endpoint.providerName;
    case UptimeColumn:
        return catalogvalues::lowWhenUnknown(endpoint.uptimeLast30m);
    case LatencyColumn:
        return catalogvalues::highWhenUnknown(endpoint.latencyLast30m);
    case ThroughputColumn:
        return catalogvalues::lowWhenUnknown(endpoint.throughputLast30m);
    case ContextColumn:
        return endpoint.contextLength;
    case PromptPriceColumn:
        return catalogvalues::highWhenUnknown(endpoint.promptPricePerMillion());
    case CompletionPriceColumn:
        return catalogvalues::highWhenUnknown(endpoint.completionPricePerMillion());
    case QuantizationColumn:
        return endpoint.quantization;
    default:
        return {};
    }
}

QVariant ProviderEndpointModel::columnHeader(int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ProviderColumn:
            return tr("Provider");
        case UptimeColumn:
            return tr("Uptime");
        case LatencyColumn:
            return tr("Latency");
        case ThroughputColumn:
            return tr("Throughput");
        case ContextColumn:
            return tr("Context");
        case PromptPriceColumn:
            return tr("Prompt $/M");
        case CompletionPriceColumn:
            return tr("Completion $/M");
        case QuantizationColumn:
            return tr("Quantization");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case UptimeColumn:
            return tr("Share of successful requests over the last 30 minutes");
        case LatencyColumn:
            return tr("Median time to the first token over the last 30 minutes");
        case ThroughputColumn:
            return tr("Median tokens per second over the last 30 minutes");
        case PromptPriceColumn:
            return tr("US dollars per million prompt tokens");
        case CompletionPriceColumn:
            return tr("US dollars per million completion tokens");
        }
    }
    return {};
}

QHash<int, QByteArray> ProviderEndpointModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ProviderNameRole, QByteArrayLiteral("providerName"));
    names.insert(EndpointNameRole, QByteArrayLiteral("endpointName"));
    names.insert(TagRole, QByteArrayLiteral("tag"));
    names.insert(UptimeRole, QByteArrayLiteral("uptime"));
    names.insert(LatencyRole, QByteArrayLiteral("latency"));
    names.insert(ThroughputRole, QByteArrayLiteral("throughput"));
    names.insert(ContextLengthRole, QByteArrayLiteral("contextLength"));
    names.insert(MaxCompletionTokensRole, QByteArrayLiteral("maxCompletionTokens"));
    names.insert(PromptPriceRole, QByteArrayLiteral("promptPrice"));
    names.insert(CompletionPriceRole, QByteArrayLiteral("completionPrice"));
    names.insert(QuantizationRole, QByteArrayLiteral("quantization"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(SupportedParametersRole, QByteArrayLiteral("supportedParameters"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    return names;
}

QString ProviderEndpointModel::formatUptime(const std::optional<double> &percent)
{
    if (!percent)
        return catalogvalues::unknownText();
    return tr("%1 %").arg(NumberText::decimal(*percent, 1));
}

QString ProviderEndpointModel::formatLatency(const std::optional<double> &ms)
{
    if (!ms)
        return catalogvalues::unknownText();
    if (*ms >= 1000)
        return tr("%1 s").arg(NumberText::decimal(*ms / 1000, 1));
    return tr("%1 ms").arg(qRound64(*ms));
}

QString ProviderEndpointModel::formatThroughput(const std::optional<double> &tokensPerSecond)
{
    if (!tokensPerSecond)
        return catalogvalues::unknownText();
    return tr("%1 tok/s").arg(qRound64(*tokensPerSecond));
}

} // namespace detour
