// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "QuickSwitchModel.h"

#include "RouteChoices.h"
#include "endpoints/Catalog.h"
#include "endpoints/ModelCatalogModel.h"
#include "settings/Settings.h"

#include <QHash>

namespace detour {

using namespace Qt::StringLiterals;

QuickSwitchModel::QuickSwitchModel(RouteChoices *routes, Settings *settings, QObject *parent)
    : QAbstractListModel(parent)
    , m_routes(routes)
    , m_settings(settings)
{
    connect(m_routes, &QAbstractItemModel::modelReset, this, &QuickSwitchModel::rebuild);
    connect(m_settings, &Settings::recentPicksChanged, this, &QuickSwitchModel::rebuild);
    rebuild();
}

void QuickSwitchModel::setCatalog(Catalog *catalog)
{
    if (catalog == m_catalog)
        return;
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    if (m_catalog) {
        connect(
            m_catalog, &Catalog::modelsChanged, this, [this] { setModels(m_catalog->models()); });
        connect(m_catalog, &Catalog::endpointsChanged, this, [this](const QString &modelId) {
            for (int row = 0; row < m_entries.size(); ++row) {
                if (m_entries[row].kind == Kind::Model && m_entries[row].name == modelId)
                    Q_EMIT dataChanged(index(row), index(row));
            }
        });
    }
    setModels(m_catalog ? m_catalog->models() : QList<ModelInfo>());
}

void QuickSwitchModel::setModels(const QList<ModelInfo> &models)
{
    m_models = models;
    rebuild();
}

void QuickSwitchModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    rebuild();
}

QString QuickSwitchModel::pickKey(Kind kind, const QString &name)
{
    return (kind == Kind::Route ? u"route:"_s : u"model:"_s) + name;
}

void QuickSwitchModel::notePicked(Kind kind, const QString &name)
{
    m_settings->notePick(pickKey(kind, name));
}

void QuickSwitchModel::rebuild()
{
    QList<Entry> all;
    for (int row = 0; row < m_routes->rowCount(); ++row) {
        const QModelIndex route = m_routes->index(row);
        all.append({ Kind::Route, route.data(RouteChoices::NameRole).toString(),
            route.data(Qt::DisplayRole).toString(), std::nullopt, false });
    }
    for (const ModelInfo &model : std::as_const(m_models))
        all.append({ Kind::Model, model.id, model.name, model, false });

    const QStringList words = m_filter.split(u' ', Qt::SkipEmptyParts);
    const auto matches = [&words](const Entry &entry) {
        for (const QString &word : words) {
            if (!entry.title.contains(word, Qt::CaseInsensitive)
                && !entry.name.contains(word, Qt::CaseInsensitive))
                return false;
        }
        return true;
    };
    QHash<QString, int> recency; // pick key -> place, newest 0
    const QStringList recent = m_settings->recentPicks();
    for (int place = 0; place < recent.size(); ++place)
        recency.insert(recent[place], place);

    QList<Entry> recentEntries(recent.size());
    QList<Entry> rest;
    for (Entry &entry : all) {
        if (!matches(entry))
            continue;
        const auto place = recency.constFind(pickKey(entry.kind, entry.name));
        if (place != recency.constEnd() && recentEntries[*place].name.isEmpty()) {
            entry.recent = true;
            recentEntries[*place] = std::move(entry);
        } else {
            rest.append(std::move(entry));
        }
    }
    QList<Entry> entries;
    for (Entry &entry : recentEntries) {
        if (!entry.name.isEmpty())
            entries.append(std::move(entry));
    }
    entries.append(rest);

    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int QuickSwitchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

std::optional<int> QuickSwitchModel::providerCount(const Entry &entry) const
{
    if (!entry.model || !m_catalog || !m_catalog->hasEndpoints(entry.name))
        return std::nullopt;
    return int(m_catalog->endpoints(entry.name).size());
}

QString QuickSwitchModel::details(const Entry &entry) const
{
    if (!entry.model)
        return entry.recent ? tr("Route · recent") : tr("Route");
    const ModelInfo &model = *entry.model;
    QStringList parts;
    if (entry.recent)
        parts << tr("recent");
    if (const std::optional<int> providers = providerCount(entry))
        parts << tr("%n provider(s)", nullptr, *providers);
    parts << tr("%1 context").arg(ModelCatalogModel::formatTokens(model.contextLength));
    parts << tr("%1 in / %2 out per M tokens")
                 .arg(ModelCatalogModel::formatPrice(model.promptPricePerMillion()),
                     ModelCatalogModel::formatPrice(model.completionPricePerMillion()));
    parts << (model.isFree() ? tr("free") : tr("paid"));
    parts << (model.inputModalities.isEmpty()
            ? tr("accepts: unknown")
            : tr("accepts: %1").arg(model.inputModalities.join(u", "_s)));
    return parts.join(u" · "_s);
}

QVariant QuickSwitchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry &entry = m_entries[index.row()];
    const auto price = [](const std::optional<double> &perMillion) {
        return perMillion ? QVariant(*perMillion) : QVariant();
    };
    switch (role) {
    case Qt::DisplayRole:
        return entry.model ? u"%1  (%2)\n%3"_s.arg(entry.title, entry.name, details(entry))
                           : u"%1\n%2"_s.arg(entry.title, details(entry));
    case Qt::ToolTipRole:
        return entry.model ? entry.model->description : QVariant();
    case KindRole:
        return QVariant::fromValue(entry.kind);
    case NameRole:
        return entry.name;
    case TitleRole:
        return entry.title;
    case DetailsRole:
        return details(entry);
    case RecentRole:
        return entry.recent;
    case ProviderCountRole:
        if (const std::optional<int> providers = providerCount(entry))
            return *providers;
        return {};
    case ContextLengthRole:
        return entry.model ? entry.model->contextLength : 0;
    case PromptPriceRole:
        return entry.model ? price(entry.model->promptPricePerMillion()) : QVariant();
    case CompletionPriceRole:
        return entry.model ? price(entry.model->completionPricePerMillion()) : QVariant();
    case IsFreeRole:
        return entry.model && entry.model->isFree();
    case InputModalitiesRole:
        return entry.model ? entry.model->inputModalities : QStringList();
    default:
        return {};
    }
}

QHash<int, QByteArray> QuickSwitchModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({ { KindRole, "kind" }, { NameRole, "name" }, { TitleRole, "title" },
        { DetailsRole, "details" }, { RecentRole, "recent" },
        { ProviderCountRole, "providerCount" }, { ContextLengthRole, "contextLength" },
        { PromptPriceRole, "promptPrice" }, { CompletionPriceRole, "completionPrice" },
        { IsFreeRole, "isFree" }, { InputModalitiesRole, "inputModalities" } });
    return names;
}

} // namespace detour
