// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteChoices.h"

#include "ChatSession.h"
#include "endpoints/ModelInfo.h"
#include "route/RouteFile.h"
#include "route/RouteStepsModel.h"
#include "route/SimulatorRedirect.h"
#include "settings/RouteLibrary.h"
#include "settings/RouteTransfer.h"

#include <QFileInfo>
#include <utility>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// With a key and no saved route: the free model first, its paid twin when it is limited.
RoutePlan freeFirstRoute(const Endpoint &openRouter)
{
    RoutePlan plan;
    plan.name = u"free first"_s;
    plan.endpoints.append(openRouter);
    plan.steps.append({ openRouter.id, { u"moonshotai/kimi-k2:free"_s, {}, {} }, true });
    plan.steps.append({ openRouter.id, { u"moonshotai/kimi-k2"_s, {}, {} }, true });
    return plan;
}

} // namespace

RouteChoices::RouteChoices(RouteLibrary *library, RouteStepsModel *steps, ChatSession *session,
    const Endpoint &openRouter, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
    , m_steps(steps)
    , m_session(session)
    , m_openRouter(openRouter)
{
    connect(m_steps, &RouteStepsModel::planChanged, this, &RouteChoices::apply);
    connect(m_library, &RouteLibrary::routesChanged, this, &RouteChoices::reload);
    reload();
}

int RouteChoices::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant RouteChoices::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QString &name = m_names[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return isSimulated() && name == builtInRoute().name ? tr("Demo route (simulated)") : name;
    case NameRole:
        return name;
    default:
        return {};
    }
}

int RouteChoices::rowOf(const QString &name) const
{
    return int(m_names.indexOf(name));
}

void RouteChoices::setSimulator(const QUrl &baseUrl)
{
    if (baseUrl == m_simulator)
        return;
    const bool leavesDemo = baseUrl.isEmpty() && activeRoute().name == RouteFile::demo({}).name;
    m_simulator = baseUrl;
    m_steps->setSimulatorUrl(baseUrl);
    reload();
    if (leavesDemo) {
        const QString fallback = m_library->defaultRouteName();
        select(fallback != activeRoute().name ? fallback : QString());
    } else {
        apply(activeRoute()); // the same route now goes elsewhere
    }
}

RoutePlan RouteChoices::builtInRoute() const
{
    return isSimulated() ? RouteFile::demo(m_simulator) : freeFirstRoute(m_openRouter);
}

const RoutePlan &RouteChoices::activeRoute() const
{
    return m_steps->plan();
}

RoutePlan RouteChoices::routeAsSent() const
{
    // On the simulator a saved route can be tried safely: only servers on this computer stay.
    return SimulatorRedirect(m_simulator).applied(activeRoute());
}

RoutePlan RouteChoices::route(const QString &name) const
{
    // The active route as it stands (edits included) rather than as last saved.
    return !name.isEmpty() && name == activeRoute().name ? activeRoute() : stored(name);
}

RoutePlan RouteChoices::stored(const QString &name) const
{
    // The demo route exists only on the simulator; edited, it is kept in the library, and its
    // server is always today's simulator.
    const QString wanted = name.isEmpty() ? builtInRoute().name : name;
    const bool demo = wanted == RouteFile::demo({}).name;
    RoutePlan plan =
        (demo && !isSimulated() ? std::nullopt : m_library->route(wanted)).value_or(builtInRoute());
    if (demo && isSimulated()) {
        const Endpoint simulator = builtInRoute().endpoints.value(0);
        for (Endpoint &endpoint : plan.endpoints) {
            if (endpoint.id == simulator.id)
                endpoint.baseUrl = simulator.baseUrl;
        }
    }
    return plan;
}

RoutePlan RouteChoices::routeAsSent(const QString &name) const
{
    return SimulatorRedirect(m_simulator).applied(route(name));
}

void RouteChoices::select(const QString &name)
{
    m_steps->setPlan(stored(name));
}

void RouteChoices::setConversation(qint64 conversationId)
{
    m_conversation = conversationId;
    const QString pending = std::exchange(m_pendingRoute, QString());
    const QString remembered = m_library->conversationRoute(QString::number(conversationId));
    if (conversationId && rowOf(remembered) >= 0)
        select(remembered);
    else if (conversationId && !pending.isEmpty() && pending == activeRoute().name)
        keepForConversation(pending); // a model picked in the new chat before it was stored
}

void RouteChoices::choose(const QString &name)
{
    select(name);
    m_library->setDefaultRouteName(activeRoute().name);
    if (m_conversation)
        m_library->setConversationRoute(QString::number(m_conversation), activeRoute().name);
}

RoutePlan RouteChoices::routeWithModel(const QString &modelId, ModelUse use) const
{
    // The model is the catalog's, which is the built-in route's endpoint (OpenRouter, or the
    // simulator standing in for it).
    const Endpoint catalogEndpoint = builtInRoute().endpoints.value(0);
    const RouteStep step { catalogEndpoint.id, { modelId, {}, {} }, true };
    RoutePlan plan;
    if (use == ModelUse::InFront) {
        plan = activeRoute();
        if (plan.steps.value(0) == step)
            return plan;
        plan.name = u"%1 → %2"_s.arg(modelId, plan.name);
        plan.steps.prepend(step);
    } else {
        plan.name = modelId;
        plan.steps = { step };
    }
    if (!plan.endpoint(catalogEndpoint.id))
        plan.endpoints.prepend(catalogEndpoint);
    return plan;
}

Result<QString> RouteChoices::chooseModel(const QString &modelId, ModelUse use)
{
    if (const Result<> valid = ModelInfo::isValidId(modelId); !valid)
        return Error(valid.error());
    const RoutePlan plan = routeWithModel(modelId, use);
    if (plan.name != activeRoute().name) {
        if (const Result<> saved = m_library->setRoute(plan); !saved)
            return Error(saved.error());
    }
    select(plan.name);
    keepForConversation(plan.name);
    return plan.name;
}

void RouteChoices::keepForConversation(const QString &name)
{
    if (m_conversation)
        m_library->setConversationRoute(QString::number(m_conversation), name);
    else
        m_pendingRoute = name;
}

Result<> RouteChoices::saveAs(const QString &name)
{
    RoutePlan plan = activeRoute();
    plan.name = name.trimmed();
    if (const Result<> saved = m_library->setRoute(plan); !saved)
        return saved;
    choose(plan.name);
    return {};
}

Result<QString> RouteChoices::importFile(const QString &path)
{
    Result<RoutePlan> plan = RouteTransfer::importFile(path);
    if (!plan)
        return Error(plan.error());
    if (plan->name.isEmpty())
        plan->name = QFileInfo(path).completeBaseName();
    if (const Result<> saved = m_library->setRoute(*plan); !saved)
        return Error(saved.error());
    select(plan->name);
    return plan->name;
}

Result<> RouteChoices::exportFile(const QString &path, bool asRequestBody) const
{
    return asRequestBody ? RouteTransfer::exportRequestBody(activeRoute(), path)
                         : RouteTransfer::exportRouteFile(activeRoute(), path);
}

void RouteChoices::apply(const RoutePlan &plan)
{
    m_session->setPlan(routeAsSent());
    if (!plan.name.isEmpty() && plan.validate().isEmpty()) {
        if (const Result<> saved = m_library->setRoute(plan); !saved)
            Q_EMIT saveFailed(saved.error());
    }
    Q_EMIT activeRouteChanged(plan);
}

void RouteChoices::reload()
{
    QStringList names = m_library->routeNames();
    if (!isSimulated())
        names.removeAll(RouteFile::demo({}).name);
    if (const QString builtIn = builtInRoute().name; !names.contains(builtIn))
        names.prepend(builtIn);
    if (names == m_names)
        return;
    beginResetModel();
    m_names = names;
    endResetModel();
}

} // namespace detour
