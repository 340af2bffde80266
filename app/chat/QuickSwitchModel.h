// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "endpoints/ModelInfo.h"

#include <QAbstractListModel>
#include <QPointer>
#include <optional>

namespace detour {

class Catalog;
class RouteChoices;
class Settings;

// The quick switcher's list (Ctrl+K): the routes a person can chat on and the
// catalog's models, together, filtered by words typed (each must appear in the
// name, the route name or the model id, case-insensitively). Recent picks come
// first, newest first (kept in Settings), then the routes, then the models in
// the catalog's order. DisplayRole is two lines: the name, then for a model its
// provider count (when known), context, prices per million tokens, free or
// paid and what it accepts.
class QuickSwitchModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum class Kind { Route, Model };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        NameRole, // QString: the route's name or the model's id
        TitleRole, // QString: the first line
        DetailsRole, // QString: the second line
        RecentRole, // bool
        ProviderCountRole, // int; invalid when unknown
        ContextLengthRole, // qint64, 0 = unknown
        PromptPriceRole, // double, USD per million tokens; invalid when unknown
        CompletionPriceRole, // double, USD per million tokens; invalid when unknown
        IsFreeRole, // bool
        InputModalitiesRole, // QStringList
    };
    Q_ENUM(Role)

    QuickSwitchModel(RouteChoices *routes, Settings *settings, QObject *parent = nullptr);

    // The catalog whose models are listed (and whose provider endpoints, when fetched,
    // give the provider count); null lists routes only.
    void setCatalog(Catalog *catalog);
    // The models listed, without a catalog (or until it changes).
    void setModels(const QList<ModelInfo> &models);
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // What Settings::notePick keeps for the row: "route:NAME" or "model:ID".
    static QString pickKey(Kind kind, const QString &name);
    // Remembers a pick: it comes first from now on.
    void notePicked(Kind kind, const QString &name);

private:
    struct Entry {
        Kind kind = Kind::Route;
        QString name;
        QString title;
        std::optional<ModelInfo> model;
        bool recent = false;
    };

    void rebuild();
    QString details(const Entry &entry) const;
    std::optional<int> providerCount(const Entry &entry) const;

    RouteChoices *m_routes;
    Settings *m_settings;
    QPointer<Catalog> m_catalog;
    QList<ModelInfo> m_models;
    QString m_filter;
    QList<Entry> m_entries;
};

} // namespace detour
