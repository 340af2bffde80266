// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"
#include "route/RoutePlan.h"

#include <QAbstractListModel>

namespace detour {

class ChatSession;
class RouteLibrary;
class RouteStepsModel;

// The routes a person can chat on, and which one is active. Rows: the built-in
// route (the demo route on the simulator, "free first" on OpenRouter) and the
// saved routes; Qt::DisplayRole is the label, NameRole the route's name. The
// active route is the steps model's plan: every edit of it is saved to the
// library at once, and the session gets it (redirected to the simulator there).
class RouteChoices final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { NameRole = Qt::UserRole + 1 };

    RouteChoices(RouteLibrary *library, RouteStepsModel *steps, ChatSession *session,
        const Endpoint &openRouter, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString &name) const;

    // Where turns go: the simulator at `baseUrl`, or (empty) the real servers. Going live
    // leaves the demo route, which exists only on the simulator.
    void setSimulator(const QUrl &baseUrl);
    bool isSimulated() const { return !m_simulator.isEmpty(); }
    RoutePlan builtInRoute() const;
    const RoutePlan &activeRoute() const;
    // The active route as turns are sent: on the simulator, redirected there.
    RoutePlan routeAsSent() const;
    // Route `name` (a row's NameRole; empty: the built-in one), and as turns would be sent
    // on it (on the simulator, redirected there): what a comparison sends to.
    RoutePlan route(const QString &name) const;
    RoutePlan routeAsSent(const QString &name) const;

    // Makes `name` the active route (the built-in one when empty or there is no such route).
    void select(const QString &name);
    // The conversation on screen (0: a new chat); a stored one gets the route it was last
    // chatted on, if that route still exists.
    void setConversation(qint64 conversationId);
    // The person picked `name`: the conversation keeps it, and it becomes the default too.
    void choose(const QString &name);

    // The person picked a catalog model (quick switcher): Only makes a one-step route of it,
    // InFront puts it before the active route's steps. The route made is kept in the library
    // (named "MODEL" or "MODEL → ROUTE", so the same pick twice gives the same route) and
    // becomes this conversation's route, not the default one; its name is returned.
    enum class ModelUse { Only, InFront };
    Result<QString> chooseModel(const QString &modelId, ModelUse use);
    // What chooseModel would make, without keeping it.
    RoutePlan routeWithModel(const QString &modelId, ModelUse use) const;

    Result<> saveAs(const QString &name);
    // Adds the route in `path` to the library and makes it active; returns its name.
    Result<QString> importFile(const QString &path);
    Result<> exportFile(const QString &path, bool asRequestBody) const;

Q_SIGNALS:
    // The active route changed (selected or edited) and the session has it.
    void activeRouteChanged(const detour::RoutePlan &plan);
    void saveFailed(const QString &reason);

private:
    void apply(const RoutePlan &plan);
    RoutePlan stored(const QString &name) const; // as the library (or the built-in) has it
    void reload();
    void keepForConversation(const QString &name);

    RouteLibrary *m_library;
    RouteStepsModel *m_steps;
    ChatSession *m_session;
    Endpoint m_openRouter;
    QUrl m_simulator;
    QStringList m_names;
    qint64 m_conversation = 0;
    QString m_pendingRoute; // picked for a new chat; kept once it is stored
};

} // namespace detour
