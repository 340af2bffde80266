// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteLibrary.h"

#include "Redactor.h"
#include "SecretScrubber.h"
#include "SettingsFile.h"
#include "route/RouteFile.h"

#include <QSettings>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// INI keys.
const QString kRoutes = u"routes"_s;
const QString kRouteJson = u"json"_s;
const QString kDefaultRoute = u"default_route"_s;
const QString kConversationRoutes = u"conversation_routes"_s;
const QString kConversation = u"conversation"_s;
const QString kRoute = u"route"_s;

// Text on its way to disk: no known key and nothing shaped like a credential.
QString safeText(const QString &text)
{
    return Redactor::global().redact(text);
}

} // namespace

RouteLibrary::RouteLibrary(SettingsFile &file, QObject *parent)
    : QObject(parent)
    , m_file(file)
{
    load();
}

void RouteLibrary::load()
{
    QSettings *store = m_file.values();
    if (!store)
        return;
    const int routeCount = store->beginReadArray(kRoutes);
    for (int i = 0; i < routeCount; ++i) {
        store->setArrayIndex(i);
        const auto plan = RouteFile::read(store->value(kRouteJson).toString().toUtf8());
        if (!plan || plan->name.isEmpty() || routeIndex(plan->name) >= 0)
            continue; // a damaged or nameless entry is dropped, the others kept
        m_routes.append(SecretScrubber::scrubbed(*plan));
    }
    store->endArray();
    m_defaultRoute = store->value(kDefaultRoute).toString();

    const int mapCount = store->beginReadArray(kConversationRoutes);
    for (int i = 0; i < mapCount; ++i) {
        store->setArrayIndex(i);
        const QString conversation = store->value(kConversation).toString();
        const QString route = store->value(kRoute).toString();
        if (!conversation.isEmpty() && !route.isEmpty())
            m_conversationRoutes.insert(conversation, route);
    }
    store->endArray();
}

qsizetype RouteLibrary::routeIndex(const QString &name) const
{
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        if (m_routes[i].name == name)
            return i;
    }
    return -1;
}

QStringList RouteLibrary::routeNames() const
{
    QStringList names;
    for (const RoutePlan &plan : m_routes)
        names.append(plan.name);
    return names;
}

std::optional<RoutePlan> RouteLibrary::route(const QString &name) const
{
    const qsizetype index = routeIndex(name);
    if (index < 0)
        return std::nullopt;
    return m_routes[index];
}

Result<> RouteLibrary::setRoute(const RoutePlan &plan)
{
    const RoutePlan clean = SecretScrubber::scrubbed(plan);
    if (clean.name.trimmed().isEmpty())
        return Error(tr("A route needs a name before it can be saved."));
    if (const QStringList problems = clean.validate(); !problems.isEmpty())
        return Error(problems.first());
    const qsizetype index = routeIndex(clean.name);
    if (index >= 0 && m_routes[index] == clean)
        return {};
    if (index >= 0)
        m_routes[index] = clean;
    else
        m_routes.append(clean);
    saveRoutes();
    Q_EMIT routesChanged();
    return {};
}

Result<> RouteLibrary::removeRoute(const QString &name)
{
    const qsizetype index = routeIndex(name);
    if (index < 0)
        return Error(tr("There is no route named \"%1\".").arg(name));
    m_routes.removeAt(index);
    saveRoutes();
    Q_EMIT routesChanged();
    return {};
}

Result<> RouteLibrary::renameRoute(const QString &from, const QString &to)
{
    const qsizetype index = routeIndex(from);
    if (index < 0)
        return Error(tr("There is no route named \"%1\".").arg(from));
    if (to.trimmed().isEmpty())
        return Error(tr("A route needs a name before it can be saved."));
    if (from == to)
        return {};
    if (routeIndex(to) >= 0)
        return Error(tr("A route named \"%1\" already exists.").arg(to));
    m_routes[index].name = to;
    saveRoutes();
    Q_EMIT routesChanged();
    if (m_defaultRoute == from)
        setDefaultRouteName(to);
    QStringList moved;
    for (auto it = m_conversationRoutes.begin(); it != m_conversationRoutes.end(); ++it) {
        if (it.value() == from) {
            it.value() = to;
            moved.append(it.key());
        }
    }
    if (!moved.isEmpty()) {
        saveConversationRoutes();
        for (const QString &conversation : std::as_const(moved))
            Q_EMIT conversationRouteChanged(conversation, to);
    }
    return {};
}

void RouteLibrary::saveRoutes()
{
    m_file.save([this](QSettings &store) {
        store.remove(kRoutes);
        store.beginWriteArray(kRoutes, int(m_routes.size()));
        for (int i = 0; i < m_routes.size(); ++i) {
            store.setArrayIndex(i);
            store.setValue(
                kRouteJson, safeText(QString::fromUtf8(RouteFile::write(m_routes[i])).trimmed()));
        }
        store.endArray();
    });
}

void RouteLibrary::setDefaultRouteName(const QString &name)
{
    if (name == m_defaultRoute)
        return;
    m_defaultRoute = name;
    m_file.save([&name](QSettings &store) { store.setValue(kDefaultRoute, safeText(name)); });
    Q_EMIT defaultRouteNameChanged(name);
}

QString RouteLibrary::conversationRoute(const QString &conversationId) const
{
    return m_conversationRoutes.value(conversationId);
}

void RouteLibrary::setConversationRoute(const QString &conversationId, const QString &routeName)
{
    if (conversationId.isEmpty() || conversationRoute(conversationId) == routeName)
        return;
    if (routeName.isEmpty())
        m_conversationRoutes.remove(conversationId);
    else
        m_conversationRoutes.insert(conversationId, routeName);
    saveConversationRoutes();
    Q_EMIT conversationRouteChanged(conversationId, routeName);
}

void RouteLibrary::saveConversationRoutes()
{
    // Sorted, so that the file does not churn with the hash order.
    QStringList conversations = m_conversationRoutes.keys();
    conversations.sort();
    m_file.save([this, &conversations](QSettings &store) {
        store.remove(kConversationRoutes);
        store.beginWriteArray(kConversationRoutes, int(conversations.size()));
        for (int i = 0; i < conversations.size(); ++i) {
            store.setArrayIndex(i);
            store.setValue(kConversation, safeText(conversations[i]));
            store.setValue(kRoute, safeText(m_conversationRoutes.value(conversations[i])));
        }
        store.endArray();
    });
}

QString RouteLibrary::effectiveRouteName(const QString &conversationId) const
{
    const QString own = conversationRoute(conversationId);
    if (!own.isEmpty() && routeIndex(own) >= 0)
        return own;
    if (routeIndex(m_defaultRoute) >= 0)
        return m_defaultRoute;
    return {};
}

} // namespace detour
