// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ModelCatalogModel.h"

#include "Catalog.h"
#include "CatalogValues.h"
#include "protocol/NumberText.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

QString trimmedNumber(double value, int decimals)
{
    return NumberText::trimmed(value, decimals);
}

} // namespace

ModelCatalogModel::ModelCatalogModel(QObject *parent)
    : CatalogRowsModel(ColumnCount, parent)
{
}

ModelCatalogModel::ModelCatalogModel(Catalog *catalog, QObject *parent)
    : CatalogRowsModel(ColumnCount, parent)
{
    setCatalog(catalog);
}

void ModelCatalogModel::followCatalog(Catalog &catalog)
{
    connect(
        &catalog, &Catalog::modelsChanged, this, [this, &catalog] { setModels(catalog.models()); });
    setModels(catalog.models());
}

void ModelCatalogModel::setModels(const QList<ModelInfo> &models)
{
    setRows(models, [](const ModelInfo &a, const ModelInfo &b) { return a.id == b.id; });
}

int ModelCatalogModel::rowOf(const QString &id) const
{
    for (qsizetype row = 0; row < rows().size(); ++row) {
        if (rows().at(row).id == id)
            return int(row);
    }
    return -1;
}

QVariant ModelCatalogModel::cellData(const ModelInfo &model, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return displayData(model, column);
    case Qt::ToolTipRole: {
        QString tip = model.name + u" ("_s + model.id + u')';
        if (model.contextLength > 0)
            tip += u'\n' + tr("%1 tokens of context").arg(model.contextLength);
        if (model.promptPrice || model.completionPrice)
            tip += u'\n'
                + tr("%1 prompt, %2 completion per million tokens")
                      .arg(displayData(model, PromptPriceColumn).toString(),
                          displayData(model, CompletionPriceColumn).toString());
        if (model.isFree())
            tip += u'\n' + tr("Free variant: shared capacity, often rate-limited upstream");
        if (!model.description.isEmpty())
            tip += u"\n\n"_s + model.description;
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (column == ContextColumn || column == PromptPriceColumn
            || column == CompletionPriceColumn) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return {};
    case IdRole:
        return model.id;
    case NameRole:
        return model.name;
    case DescriptionRole:
        return model.description;
    case ContextLengthRole:
        return model.contextLength;
    case MaxCompletionTokensRole:
        return model.maxCompletionTokens;
    case PromptPriceRole:
        return catalogvalues::variant(model.promptPricePerMillion());
    case CompletionPriceRole:
        return catalogvalues::variant(model.completionPricePerMillion());
    case IsFreeRole:
        return model.isFree();
    case SupportedParametersRole:
        return model.supportedParameters;
    case CreatedRole:
        return model.created;
    case SortRole:
        return sortData(model, column);
    default:
        return {};
    }
}

QVariant ModelCatalogModel::displayData(const ModelInfo &model, int column) const
{
    switch (column) {
    case IdColumn:
        return model.id;
    case NameColumn:
        return model.name;
    case ContextColumn:
        return formatTokens(model.contextLength);
    case PromptPriceColumn:
        return formatPrice(model.promptPricePerMillion());
    case CompletionPriceColumn:
        return formatPrice(model.completionPricePerMillion());
    case FreeColumn:
        return model.isFree() ? tr("free") : QString();
    default:
        return {};
    }
}

QVariant ModelCatalogModel::sortData(const ModelInfo &model, int column)
{
    switch (column) {
    case IdColumn:
        return model.id;
    case NameColumn:
        return model.name;
    case ContextColumn:
        return model.contextLength;
    case PromptPriceColumn:
        return catalogvalues::highWhenUnknown(model.promptPricePerMillion());
    case CompletionPriceColumn:
        return catalogvalues::highWhenUnknown(model.completionPricePerMillion());
    case FreeColumn:
        return model.isFree() ? 1 : 0;
    default:
        return {};
    }
}

QVariant ModelCatalogModel::columnHeader(int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case IdColumn:
            return tr("Model");
        case NameColumn:
            return tr("Name");
        case ContextColumn:
            return tr("Context");
        case PromptPriceColumn:
            return tr("Prompt $/M");
        case CompletionPriceColumn:
            return tr("Completion $/M");
        case FreeColumn:
            return tr("Free");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == PromptPriceColumn)
            return tr("US dollars per million prompt tokens");
        if (column == CompletionPriceColumn)
            return tr("US dollars per million completion tokens");
        if (column == ContextColumn)
            return tr("Context window in tokens");
    }
    return {};
}

QHash<int, QByteArray> ModelCatalogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("modelId"));
    names.insert(NameRole, QByteArrayLiteral("name"));
    names.insert(DescriptionRole, QByteArrayLiteral("description"));
    names.insert(ContextLengthRole, QByteArrayLiteral("contextLength"));
    names.insert(MaxCompletionTokensRole, QByteArrayLiteral("maxCompletionTokens"));
    names.insert(PromptPriceRole, QByteArrayLiteral("promptPrice"));
    names.insert(CompletionPriceRole, QByteArrayLiteral("completionPrice"));
    names.insert(IsFreeRole, QByteArrayLiteral("isFree"));
    names.insert(SupportedParametersRole, QByteArrayLiteral("supportedParameters"));
    names.insert(CreatedRole, QByteArrayLiteral("created"));
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    return names;
}

QString ModelCatalogModel::formatPrice(const std::optional<double> &perMillion)
{
    if (!perMillion || *perMillion < 0)
        return catalogvalues::unknownText();
    const double value = *perMillion;
    if (value == 0)
        return u"$0"_s;
    if (value < 0.01)
        return u'$' + trimmedNumber(value, 6);
    return u'$' + NumberText::decimal(value, 2);
}

QString ModelCatalogModel::formatTokens(qint64 tokens)
{
    if (tokens <= 0)
        return catalogvalues::unknownText();
    if (tokens < 1000)
        return QString::number(tokens);
    if (tokens < 1'000'000)
        return QString::number(qRound64(double(tokens) / 1e3)) + u'K';
    return trimmedNumber(double(tokens) / 1e6, 2) + u'M';
}

} // namespace detour
