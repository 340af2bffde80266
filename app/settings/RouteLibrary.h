// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/RoutePlan.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <optional>

namespace detour {

class SettingsFile;

// The person's named routes, the default one, and which route each
// conversation uses, kept in the settings file as route-file JSON (RouteFile).
// Every change is written at once; a route is scrubbed of anything that could
// carry a key before it is kept (SecretScrubber).
class RouteLibrary final : public QObject {
    Q_OBJECT

public:
    // Reads what `file` holds; `file` must outlive the library.
    explicit RouteLibrary(SettingsFile &file, QObject *parent = nullptr);

    QList<RoutePlan> routes() const { return m_routes; }
    QStringList routeNames() const;
    std::optional<RoutePlan> route(const QString &name) const;
    // Adds or replaces the route with plan.name; a route must have a name and be valid.
    Result<> setRoute(const RoutePlan &plan);
    Result<> removeRoute(const QString &name);
    // Also moves the default route and the conversations that used it.
    Result<> renameRoute(const QString &from, const QString &to);

    QString defaultRouteName() const { return m_defaultRoute; }
    void setDefaultRouteName(const QString &name);
    // The route a conversation uses; empty = the default route.
    QString conversationRoute(const QString &conversationId) const;
    void setConversationRoute(const QString &conversationId, const QString &routeName);
    // The conversation's route if it still exists, else the default route if
    // it exists, else empty.
    QString effectiveRouteName(const QString &conversationId) const;

Q_SIGNALS:
    void routesChanged();
    void defaultRouteNameChanged(const QString &name);
    void conversationRouteChanged(const QString &conversationId, const QString &routeName);

private:
    void load();
    void saveRoutes();
    void saveConversationRoutes();
    qsizetype routeIndex(const QString &name) const;

    SettingsFile &m_file;
    QList<RoutePlan> m_routes;
    QString m_defaultRoute;
    QHash<QString, QString> m_conversationRoutes; // conversation id -> route name
};

} // namespace detour
