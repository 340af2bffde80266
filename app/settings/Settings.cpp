#include "Settings.h"

#include "Redactor.h"
#include "SecretScrubber.h"
#include "route/RouteFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStringDecoder>

namespace detour {

using namespace Qt::StringLiterals;

// Every default, in one place.
struct Settings::Values {
    QList<Endpoint> endpoints = Settings::defaultEndpoints();
    QList<RoutePlan> routes;
    QString defaultRoute;
    QHash<QString, QString> conversationRoutes; // conversation id -> route name
    RoutePolicy policy;
    bool sendWithEnter = false;
    QString language;
    SimulatedMode simulatedMode = SimulatedMode::Automatic;
    QByteArray windowGeometry;
    QByteArray windowState;
    QByteArray dockLayout;
    ColorScheme colorScheme = ColorScheme::System;
};

namespace {

constexpr int formatVersion = 1;

// INI keys.
const QString kFormat = u"format"_s;
const QString kEndpoints = u"endpoints"_s;
const QString kId = u"id"_s;
const QString kKind = u"kind"_s;
const QString kBaseUrl = u"base_url"_s;
const QString kKeyEnv = u"key_env"_s;
const QString kRoutes = u"routes"_s;
const QString kRouteJson = u"json"_s;
const QString kDefaultRoute = u"default_route"_s;
const QString kConversationRoutes = u"conversation_routes"_s;
const QString kConversation = u"conversation"_s;
const QString kRoute = u"route"_s;
const QString kPolicy = u"policy"_s;
const QString kSendWithEnter = u"ui/send_with_enter"_s;
const QString kLanguage = u"ui/language"_s;
const QString kSimulatedMode = u"ui/simulated_mode"_s;
const QString kWindowGeometry = u"ui/window_geometry"_s;
const QString kWindowState = u"ui/window_state"_s;
const QString kDockLayout = u"ui/dock_layout"_s;
const QString kColorScheme = u"ui/color_scheme"_s;

QString simulatedModeName(Settings::SimulatedMode mode)
{
    switch (mode) {
    case Settings::SimulatedMode::On:
        return u"on"_s;
    case Settings::SimulatedMode::Off:
        return u"off"_s;
    case Settings::SimulatedMode::Automatic:
        break;
    }
    return u"auto"_s;
}

QString colorSchemeName(Settings::ColorScheme scheme)
{
    switch (scheme) {
    case Settings::ColorScheme::Light:
        return u"light"_s;
    case Settings::ColorScheme::Dark:
        return u"dark"_s;
    case Settings::ColorScheme::System:
        break;
    }
    return u"system"_s;
}

// Text on its way to disk: no known key and nothing shaped like a credential.
QString safeText(const QString &text)
{
    return Redactor::global().redact(text);
}

bool isUsableEndpoint(const Endpoint &endpoint)
{
    const QString scheme = endpoint.baseUrl.scheme();
    return !endpoint.id.isEmpty() && endpoint.baseUrl.isValid()
        && !endpoint.baseUrl.host().isEmpty() && (scheme == "http"_L1 || scheme == "https"_L1);
}

// QSettings reads almost anything as INI without complaint; this is the
// stricter look Detour takes before trusting a file. Returns the 1-based
// number of the first line that is not INI, 0 when the file is fine, -1 when
// it is not text at all.
int firstBadLine(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return -1;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return -1;
    const QStringList lines = text.split(u'\n');
    bool continued = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        const bool wasContinued = continued;
        continued = line.endsWith(u'\\');
        if (wasContinued || line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']'))
                return int(i + 1);
            continue;
        }
        if (line.indexOf(u'=') <= 0)
            return int(i + 1);
    }
    return 0;
}

std::optional<qint64> nonNegative(const QVariant &value)
{
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < 0)
        return std::nullopt;
    return number;
}

std::optional<bool> boolean(const QVariant &value)
{
    const QString text = value.toString().trimmed().toLower();
    if (text == "true"_L1 || text == "1"_L1)
        return true;
    if (text == "false"_L1 || text == "0"_L1)
        return false;
    return std::nullopt;
}

RoutePolicy readPolicy(QSettings &store)
{
    RoutePolicy policy;
    store.beginGroup(kPolicy);
    if (const auto value = nonNegative(store.value(u"max_retries"_s)))
        policy.maxRetries = int(qMin<qint64>(*value, 1000));
    if (const auto value = boolean(store.value(u"retry_every_step"_s)))
        policy.retryEveryStep = *value;
    if (const auto value = boolean(store.value(u"key_failures_fall_through"_s)))
        policy.keyFailuresFallThroughToOtherEndpoints = *value;
    if (store.contains(u"fall_through"_s)) {
        QList<Outcome> outcomes;
        bool ok = true;
        // Written as one quoted string; an edited file may hold an INI list.
        const QStringList names = store.value(u"fall_through"_s)
                                      .toStringList()
                                      .join(u',')
                                      .split(u',', Qt::SkipEmptyParts);
        for (const QString &name : names) {
            if (const auto outcome = outcomeFromName(name.trimmed()))
                outcomes.append(*outcome);
            else
                ok = false;
        }
        if (ok)
            policy.fallThrough = outcomes;
    }
    const struct {
        const char *key;
        std::chrono::milliseconds RoutePolicy::*member;
    } durations[] = {
        { "backoff_base_ms", &RoutePolicy::backoffBase },
        { "backoff_cap_ms", &RoutePolicy::backoffCap },
        { "connect_timeout_ms", &RoutePolicy::connectTimeout },
        { "first_token_timeout_ms", &RoutePolicy::firstTokenTimeout },
        { "idle_timeout_ms", &RoutePolicy::idleTimeout },
        { "total_timeout_ms", &RoutePolicy::totalTimeout },
        { "cooldown_ms", &RoutePolicy::cooldownDefault },
        { "cooldown_cap_ms", &RoutePolicy::cooldownCap },
    };
    for (const auto &duration : durations) {
        if (const auto value = nonNegative(store.value(QLatin1StringView(duration.key))))
            policy.*duration.member = std::chrono::milliseconds(*value);
    }
    store.endGroup();
    return policy;
}

void writePolicy(QSettings &store, const RoutePolicy &policy)
{
    store.remove(kPolicy);
    store.beginGroup(kPolicy);
    store.setValue(u"max_retries"_s, policy.maxRetries);
    store.setValue(u"retry_every_step"_s, policy.retryEveryStep);
    store.setValue(u"key_failures_fall_through"_s, policy.keyFailuresFallThroughToOtherEndpoints);
    QStringList names;
    for (Outcome outcome : policy.fallThrough)
        names.append(outcomeName(outcome));
    store.setValue(u"fall_through"_s, names.join(u','));
    store.setValue(u"backoff_base_ms"_s, qint64(policy.backoffBase.count()));
    store.setValue(u"backoff_cap_ms"_s, qint64(policy.backoffCap.count()));
    store.setValue(u"connect_timeout_ms"_s, qint64(policy.connectTimeout.count()));
    store.setValue(u"first_token_timeout_ms"_s, qint64(policy.firstTokenTimeout.count()));
    store.setValue(u"idle_timeout_ms"_s, qint64(policy.idleTimeout.count()));
    store.setValue(u"total_timeout_ms"_s, qint64(policy.totalTimeout.count()));
    store.setValue(u"cooldown_ms"_s, qint64(policy.cooldownDefault.count()));
    store.setValue(u"cooldown_cap_ms"_s, qint64(policy.cooldownCap.count()));
    store.endGroup();
}

QList<Endpoint> cleanEndpoints(const QList<Endpoint> &endpoints)
{
    QList<Endpoint> clean;
    QSet<QString> ids;
    for (const Endpoint &endpoint : endpoints) {
        const Endpoint scrubbed = SecretScrubber::scrubbed(endpoint);
        if (!isUsableEndpoint(scrubbed) || ids.contains(scrubbed.id))
            continue;
        ids.insert(scrubbed.id);
        clean.append(scrubbed);
    }
    return clean;
}

} // namespace

Settings::Settings(QObject *parent)
    : Settings(defaultFilePath(), parent)
{
}

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
    , m_values(std::make_unique<Values>())
{
    open();
}

Settings::~Settings() = default;

QString Settings::defaultFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"detour.ini"_s);
}

QList<Endpoint> Settings::defaultEndpoints()
{
    return { { u"openrouter"_s, EndpointKind::OpenRouter, QUrl(u"https://openrouter.ai/api/v1"_s),
        u"OPENROUTER_API_KEY"_s } };
}

void Settings::open()
{
    const QFileInfo info(m_filePath);
    if (info.exists() || info.isSymLink()) {
        QFile file(m_filePath);
        if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
            m_mustKeepOldFile = true;
            setStatus(Status::Unreadable,
                tr("Detour could not read its settings file %1, so it started with default "
                   "settings and will keep the old file as a copy before saving anything.")
                    .arg(QDir::toNativeSeparators(m_filePath)));
            return;
        }
        const int badLine = firstBadLine(file.readAll());
        if (badLine != 0) {
            m_mustKeepOldFile = true;
            const QString path = QDir::toNativeSeparators(m_filePath);
            setStatus(Status::Malformed,
                badLine < 0
                    ? tr("The settings file %1 is not a text file, so Detour started with "
                         "default settings and will keep the old file as a copy before saving "
                         "anything.")
                          .arg(path)
                    : tr("The settings file %1 is damaged (line %2), so Detour started with "
                         "default settings and will keep the old file as a copy before saving "
                         "anything.")
                          .arg(path, QString::number(badLine)));
            return;
        }
    }
    m_store = std::make_unique<QSettings>(m_filePath, QSettings::IniFormat);
    if (m_store->status() != QSettings::NoError) {
        m_store.reset();
        m_mustKeepOldFile = true;
        setStatus(Status::Malformed,
            tr("The settings file %1 is damaged, so Detour started with default settings and "
               "will keep the old file as a copy before saving anything.")
                .arg(QDir::toNativeSeparators(m_filePath)));
        return;
    }
    load(*m_store);
}

void Settings::load(QSettings &store)
{
    Values &values = *m_values;

    if (store.contains(kEndpoints + u"/size"_s)) {
        QList<Endpoint> endpoints;
        const int count = store.beginReadArray(kEndpoints);
        for (int i = 0; i < count; ++i) {
            store.setArrayIndex(i);
            Endpoint endpoint;
            endpoint.id = store.value(kId).toString().trimmed();
            const auto kind = endpointKindFromName(store.value(kKind).toString());
            if (!kind)
                continue;
            endpoint.kind = *kind;
            endpoint.baseUrl = QUrl(store.value(kBaseUrl).toString(), QUrl::StrictMode);
            endpoint.keyEnv = store.value(kKeyEnv).toString().trimmed();
            endpoints.append(endpoint);
        }
        store.endArray();
        values.endpoints = cleanEndpoints(endpoints);
    }

    const int routeCount = store.beginReadArray(kRoutes);
    for (int i = 0; i < routeCount; ++i) {
        store.setArrayIndex(i);
        QString error;
        const auto plan = RouteFile::read(store.value(kRouteJson).toString().toUtf8(), &error);
        if (!plan || plan->name.isEmpty() || routeIndex(plan->name) >= 0)
            continue; // a damaged or nameless entry is dropped, the others kept
        values.routes.append(SecretScrubber::scrubbed(*plan));
    }
    store.endArray();
    values.defaultRoute = store.value(kDefaultRoute).toString();

    const int mapCount = store.beginReadArray(kConversationRoutes);
    for (int i = 0; i < mapCount; ++i) {
        store.setArrayIndex(i);
        const QString conversation = store.value(kConversation).toString();
        const QString route = store.value(kRoute).toString();
        if (!conversation.isEmpty() && !route.isEmpty())
            values.conversationRoutes.insert(conversation, route);
    }
    store.endArray();

    values.policy = readPolicy(store);

    if (const auto value = boolean(store.value(kSendWithEnter)))
        values.sendWithEnter = *value;
    values.language = store.value(kLanguage).toString().trimmed();
    const QString mode = store.value(kSimulatedMode).toString();
    for (SimulatedMode candidate : { SimulatedMode::On, SimulatedMode::Off }) {
        if (mode == simulatedModeName(candidate))
            values.simulatedMode = candidate;
    }
    values.windowGeometry = store.value(kWindowGeometry).toByteArray();
    values.windowState = store.value(kWindowState).toByteArray();
    values.dockLayout = store.value(kDockLayout).toByteArray();
    const QString scheme = store.value(kColorScheme).toString();
    for (ColorScheme candidate : { ColorScheme::Light, ColorScheme::Dark }) {
        if (scheme == colorSchemeName(candidate))
            values.colorScheme = candidate;
    }
}

QSettings *Settings::writableStore()
{
    if (m_store)
        return m_store.get();
    if (m_mustKeepOldFile) {
        const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        QString backup = m_filePath + u".bad-"_s + stamp;
        for (int n = 1; QFileInfo::exists(backup) || QFileInfo(backup).isSymLink(); ++n)
            backup = m_filePath + u".bad-"_s + stamp + u'-' + QString::number(n);
        // Renaming keeps the old bytes exactly, even those Detour cannot read.
        if (!QDir().rename(m_filePath, backup)) {
            setStatus(Status::NotSaved,
                tr("Detour could not keep a copy of its unusable settings file %1, so it will "
                   "not overwrite it and changes last only until Detour quits.")
                    .arg(QDir::toNativeSeparators(m_filePath)));
            return nullptr;
        }
        m_backupPath = backup;
        m_mustKeepOldFile = false;
        setStatus(m_status,
            tr("The settings file %1 could not be used, so Detour started with default "
               "settings; the old file was kept as %2.")
                .arg(QDir::toNativeSeparators(m_filePath), QDir::toNativeSeparators(backup)));
    }
    m_store = std::make_unique<QSettings>(m_filePath, QSettings::IniFormat);
    return m_store.get();
}

void Settings::save(const std::function<void(QSettings &)> &write)
{
    QSettings *store = writableStore();
    if (!store)
        return;
    store->setValue(kFormat, formatVersion);
    write(*store);
    store->sync();
    if (store->status() != QSettings::NoError)
        setStatus(Status::NotSaved,
            tr("Detour could not save its settings to %1, so changes last only until Detour "
               "quits.")
                .arg(QDir::toNativeSeparators(m_filePath)));
    else if (m_status == Status::NotSaved)
        setStatus(Status::Ok, QString());
}

void Settings::setStatus(Status status, const QString &message)
{
    const bool changed = status != m_status || message != m_statusMessage;
    m_status = status;
    m_statusMessage = message;
    if (changed)
        Q_EMIT statusChanged(status);
}

// --- endpoints -------------------------------------------------------------

QList<Endpoint> Settings::endpoints() const
{
    return m_values->endpoints;
}

std::optional<Endpoint> Settings::endpoint(const QString &id) const
{
    for (const Endpoint &candidate : std::as_const(m_values->endpoints)) {
        if (candidate.id == id)
            return candidate;
    }
    return std::nullopt;
}

void Settings::setEndpoints(const QList<Endpoint> &endpoints)
{
    const QList<Endpoint> clean = cleanEndpoints(endpoints);
    if (clean == m_values->endpoints)
        return;
    m_values->endpoints = clean;
    save([&clean](QSettings &store) {
        store.remove(kEndpoints);
        store.beginWriteArray(kEndpoints, int(clean.size()));
        for (int i = 0; i < clean.size(); ++i) {
            const Endpoint &endpoint = clean[i];
            store.setArrayIndex(i);
            store.setValue(kId, safeText(endpoint.id));
            store.setValue(kKind, endpointKindName(endpoint.kind));
            // Fully encoded, like route files: read back in strict mode.
            store.setValue(kBaseUrl, safeText(endpoint.baseUrl.toString(QUrl::FullyEncoded)));
            store.setValue(kKeyEnv, safeText(endpoint.keyEnv));
        }
        store.endArray();
    });
    Q_EMIT endpointsChanged();
}

// --- routes ----------------------------------------------------------------

qsizetype Settings::routeIndex(const QString &name) const
{
    for (qsizetype i = 0; i < m_values->routes.size(); ++i) {
        if (m_values->routes[i].name == name)
            return i;
    }
    return -1;
}

QList<RoutePlan> Settings::routes() const
{
    return m_values->routes;
}

QStringList Settings::routeNames() const
{
    QStringList names;
    for (const RoutePlan &plan : std::as_const(m_values->routes))
        names.append(plan.name);
    return names;
}

std::optional<RoutePlan> Settings::route(const QString &name) const
{
    const qsizetype index = routeIndex(name);
    if (index < 0)
        return std::nullopt;
    return m_values->routes[index];
}

bool Settings::setRoute(const RoutePlan &plan, QString *errorString)
{
    const RoutePlan clean = SecretScrubber::scrubbed(plan);
    if (clean.name.trimmed().isEmpty()) {
        if (errorString)
            *errorString = tr("A route needs a name before it can be saved.");
        return false;
    }
    if (const QStringList problems = clean.validate(); !problems.isEmpty()) {
        if (errorString)
            *errorString = problems.first();
        return false;
    }
    const qsizetype index = routeIndex(clean.name);
    if (index >= 0 && m_values->routes[index] == clean)
        return true;
    if (index >= 0)
        m_values->routes[index] = clean;
    else
        m_values->routes.append(clean);
    saveRoutes();
    Q_EMIT routesChanged();
    return true;
}

bool Settings::removeRoute(const QString &name)
{
    const qsizetype index = routeIndex(name);
    if (index < 0)
        return false;
    m_values->routes.removeAt(index);
    saveRoutes();
    Q_EMIT routesChanged();
    return true;
}

bool Settings::renameRoute(const QString &from, const QString &to, QString *errorString)
{
    const qsizetype index = routeIndex(from);
    if (index < 0 || to.trimmed().isEmpty() || (from != to && routeIndex(to) >= 0)) {
        if (errorString)
            *errorString = index < 0     ? tr("There is no route named \"%1\".").arg(from)
                : to.trimmed().isEmpty() ? tr("A route needs a name before it can be saved.")
                                         : tr("A route named \"%1\" already exists.").arg(to);
        return false;
    }
    if (from == to)
        return true;
    m_values->routes[index].name = to;
    saveRoutes();
    Q_EMIT routesChanged();
    if (m_values->defaultRoute == from)
        setDefaultRouteName(to);
    QStringList moved;
    for (auto it = m_values->conversationRoutes.begin(); it != m_values->conversationRoutes.end();
         ++it) {
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
    return true;
}

void Settings::saveRoutes()
{
    const QList<RoutePlan> &routes = m_values->routes;
    save([&routes](QSettings &store) {
        store.remove(kRoutes);
        store.beginWriteArray(kRoutes, int(routes.size()));
        for (int i = 0; i < routes.size(); ++i) {
            store.setArrayIndex(i);
            store.setValue(
                kRouteJson, safeText(QString::fromUtf8(RouteFile::write(routes[i])).trimmed()));
        }
        store.endArray();
    });
}

QString Settings::defaultRouteName() const
{
    return m_values->defaultRoute;
}

void Settings::setDefaultRouteName(const QString &name)
{
    if (name == m_values->defaultRoute)
        return;
    m_values->defaultRoute = name;
    save([&name](QSettings &store) { store.setValue(kDefaultRoute, safeText(name)); });
    Q_EMIT defaultRouteNameChanged(name);
}

QString Settings::conversationRoute(const QString &conversationId) const
{
    return m_values->conversationRoutes.value(conversationId);
}

void Settings::setConversationRoute(const QString &conversationId, const QString &routeName)
{
    if (conversationId.isEmpty() || conversationRoute(conversationId) == routeName)
        return;
    if (routeName.isEmpty())
        m_values->conversationRoutes.remove(conversationId);
    else
        m_values->conversationRoutes.insert(conversationId, routeName);
    saveConversationRoutes();
    Q_EMIT conversationRouteChanged(conversationId, routeName);
}

void Settings::saveConversationRoutes()
{
    // Sorted, so that the file does not churn with the hash order.
    QStringList conversations = m_values->conversationRoutes.keys();
    conversations.sort();
    const QHash<QString, QString> &map = m_values->conversationRoutes;
    save([&conversations, &map](QSettings &store) {
        store.remove(kConversationRoutes);
        store.beginWriteArray(kConversationRoutes, int(conversations.size()));
        for (int i = 0; i < conversations.size(); ++i) {
            store.setArrayIndex(i);
            store.setValue(kConversation, safeText(conversations[i]));
            store.setValue(kRoute, safeText(map.value(conversations[i])));
        }
        store.endArray();
    });
}

QString Settings::effectiveRouteName(const QString &conversationId) const
{
    const QString own = conversationRoute(conversationId);
    if (!own.isEmpty() && routeIndex(own) >= 0)
        return own;
    if (routeIndex(m_values->defaultRoute) >= 0)
        return m_values->defaultRoute;
    return {};
}

// --- policy ----------------------------------------------------------------

RoutePolicy Settings::policyDefaults() const
{
    return m_values->policy;
}

void Settings::setPolicyDefaults(const RoutePolicy &policy)
{
    if (policy == m_values->policy)
        return;
    m_values->policy = policy;
    save([&policy](QSettings &store) { writePolicy(store, policy); });
    Q_EMIT policyDefaultsChanged();
}

// --- UI preferences ----------------------------------------------------------

bool Settings::sendWithEnter() const
{
    return m_values->sendWithEnter;
}

void Settings::setSendWithEnter(bool sendWithEnter)
{
    if (sendWithEnter == m_values->sendWithEnter)
        return;
    m_values->sendWithEnter = sendWithEnter;
    save([sendWithEnter](QSettings &store) { store.setValue(kSendWithEnter, sendWithEnter); });
    Q_EMIT sendWithEnterChanged(sendWithEnter);
}

QString Settings::language() const
{
    return m_values->language;
}

void Settings::setLanguage(const QString &language)
{
    const QString trimmed = language.trimmed();
    if (trimmed == m_values->language)
        return;
    m_values->language = trimmed;
    save([&trimmed](QSettings &store) { store.setValue(kLanguage, safeText(trimmed)); });
    Q_EMIT languageChanged(trimmed);
}

Settings::SimulatedMode Settings::simulatedMode() const
{
    return m_values->simulatedMode;
}

void Settings::setSimulatedMode(SimulatedMode mode)
{
    if (mode == m_values->simulatedMode)
        return;
    m_values->simulatedMode = mode;
    save([mode](QSettings &store) { store.setValue(kSimulatedMode, simulatedModeName(mode)); });
    Q_EMIT simulatedModeChanged(mode);
}

bool Settings::useSimulator(bool haveKey) const
{
    switch (m_values->simulatedMode) {
    case SimulatedMode::On:
        return true;
    case SimulatedMode::Off:
        return false;
    case SimulatedMode::Automatic:
        break;
    }
    return !haveKey;
}

QByteArray Settings::windowGeometry() const
{
    return m_values->windowGeometry;
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    if (geometry == m_values->windowGeometry)
        return;
    m_values->windowGeometry = geometry;
    save([&geometry](QSettings &store) { store.setValue(kWindowGeometry, geometry); });
}

QByteArray Settings::windowState() const
{
    return m_values->windowState;
}

void Settings::setWindowState(const QByteArray &state)
{
    if (state == m_values->windowState)
        return;
    m_values->windowState = state;
    save([&state](QSettings &store) { store.setValue(kWindowState, state); });
}

QByteArray Settings::dockLayout() const
{
    return m_values->dockLayout;
}

void Settings::setDockLayout(const QByteArray &layout)
{
    if (layout == m_values->dockLayout)
        return;
    m_values->dockLayout = layout;
    save([&layout](QSettings &store) { store.setValue(kDockLayout, layout); });
}

Settings::ColorScheme Settings::colorScheme() const
{
    return m_values->colorScheme;
}

void Settings::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_values->colorScheme)
        return;
    m_values->colorScheme = scheme;
    save([scheme](QSettings &store) { store.setValue(kColorScheme, colorSchemeName(scheme)); });
    Q_EMIT colorSchemeChanged(scheme);
}

} // namespace detour
