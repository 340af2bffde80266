// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConnectionController.h"

#include "RouteChoices.h"
#include "endpoints/Catalog.h"
#include "endpoints/CatalogModalities.h"
#include "endpoints/ProviderEligibility.h"
#include "protocol/AuthorityFile.h"
#include "route/RouteEngine.h"
#include "route/RouteStepsModel.h"
#include "settings/KeyRing.h"
#include "settings/LocalServerPresets.h"
#include "settings/LocalServerProbe.h"
#include "settings/ProxyKeeper.h"
#include "settings/Settings.h"

namespace detour {

ConnectionController::ConnectionController(RouteEngine *engine, KeyRing *keyRing,
    Settings *settings, RouteChoices *routes, RouteStepsModel *steps, const Places &places,
    QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_keyRing(keyRing)
    , m_settings(settings)
    , m_proxy(new ProxyKeeper(settings, keyRing->keychain(), engine->access(), this))
    , m_routes(routes)
    , m_steps(steps)
    , m_places(places)
    , m_simulated(routes->isSimulated())
{
    connect(m_routes, &RouteChoices::activeRouteChanged, this, &ConnectionController::routeChanged);
    connect(m_keyRing, &KeyRing::loaded, this, [this] {
        if (m_catalog && !m_simulated)
            m_catalog->setKey(m_keyRing->keyFor(m_steps->plan().endpoints.value(0)));
    });
    connect(m_proxy, &ProxyKeeper::problem, this, &ConnectionController::message);
    // The catalog asks the way the chat goes: it starts again with a new proxy.
    connect(m_proxy, &ProxyKeeper::applied, this, [this] {
        if (m_catalog)
            startCatalog();
    });
    m_proxy->apply();
    applyMode();
    routeChanged();
    startCatalog();
}

ConnectionController::~ConnectionController() = default;

void ConnectionController::setSimulated(bool simulated)
{
    if (simulated == m_simulated)
        return;
    m_simulated = simulated;
    if (!simulated)
        m_settings->setSimulatedMode(Settings::SimulatedMode::Off);
    applyMode();
    m_routes->setSimulator(simulated ? m_places.simulator : QUrl());
    startCatalog();
    Q_EMIT modeChanged(simulated);
    Q_EMIT message(simulated ? tr("Now on the simulated OpenRouter.")
                             : tr("Now on the real OpenRouter and your servers."));
    if (!simulated)
        askForKeyIfMissing();
}

void ConnectionController::keepSimulated()
{
    setSimulated(true);
    m_settings->setSimulatedMode(Settings::SimulatedMode::On);
}

void ConnectionController::adoptStoredKey()
{
    if (!m_simulated || m_settings->simulatedMode() == Settings::SimulatedMode::On)
        return;
    m_keyRing->setEndpoints({ m_places.openRouter });
    connect(
        m_keyRing, &KeyRing::loaded, this,
        [this] {
            if (!m_simulated)
                return;
            if (!m_keyRing->keyFor(m_places.openRouter).isEmpty())
                setSimulated(false);
            else
                Q_EMIT keyNeeded();
        },
        Qt::SingleShotConnection);
}

void ConnectionController::addLocalServer(const LocalServerPreset &preset)
{
    auto *probe = new LocalServerProbe(this);
    Q_EMIT message(
        tr("Looking for %1 at %2…").arg(preset.name, preset.endpoint.baseUrl.toString()));
    connect(probe, &LocalServerProbe::finished, this,
        [this, probe, preset](const QList<LocalServerProbe::Result> &results) {
            probe->deleteLater();
            const LocalServerProbe::Result result = results.value(0);
            if (!result.answering) {
                Q_EMIT localServerMissing(result.message);
                return;
            }
            RoutePlan plan = m_steps->plan();
            if (!plan.endpoint(preset.endpoint.id))
                plan.endpoints.append(preset.endpoint);
            plan.steps.append({ preset.endpoint.id, { result.models.value(0), {}, {} }, true });
            m_steps->setPlan(plan);
            Q_EMIT localServerAdded(int(plan.steps.size()) - 1);
            Q_EMIT message(tr("%1 answers; added as the last step with model \"%2\".")
                               .arg(preset.name, result.models.value(0)));
        });
    probe->start({ preset.endpoint });
}

void ConnectionController::applyMode()
{
    m_engine->setKeyResolver(m_simulated ? KeyResolver([](const Endpoint &) { return QString(); })
                                         : m_keyRing->resolver());
    // The simulator stands in for every endpoint: it hears that a secret header is there,
    // never the secret.
    m_engine->setParamResolver(m_simulated ? ParamResolver(&EndpointRequest::simulatedParam)
                                           : m_keyRing->secrets()->resolver());
}

void ConnectionController::routeChanged()
{
    if (!m_simulated)
        m_keyRing->setEndpoints(m_steps->plan().endpoints);
}

void ConnectionController::askForKeyIfMissing()
{
    const auto check = [this] {
        const Endpoint first = m_steps->plan().endpoints.value(0);
        if (!m_simulated && first.kind == EndpointKind::OpenRouter
            && m_keyRing->keyFor(first).isEmpty())
            Q_EMIT keyNeeded();
    };
    if (m_keyRing->isLoaded())
        check();
    else
        connect(m_keyRing, &KeyRing::loaded, this, check, Qt::SingleShotConnection);
}

void ConnectionController::startCatalog()
{
    // On the simulator the catalog follows the route there.
    const Endpoint endpoint = m_routes->routeAsSent().endpoints.value(0);
    m_steps->setProviderCheck({});
    m_engine->setModalityLookup({}); // every step is tried until a catalog says otherwise
    if (endpoint.kind != EndpointKind::OpenRouter) {
        m_catalog.reset();
        Q_EMIT catalogChanged(nullptr);
        return;
    }
    // The way chat requests to this endpoint take: its proxy (or none) and its ca_file.
    m_catalog =
        std::make_unique<Catalog>(m_engine->access()->forEndpoint(endpoint), endpoint.baseUrl,
            m_simulated ? QString() : m_keyRing->keyFor(endpoint), m_places.cacheDirectory);
    Catalog *catalog = m_catalog.get();
    if (!endpoint.caFile.isEmpty())
        catalog->setAuthorities(AuthorityFile::load(endpoint.caFile).valueOr({}));
    // A step whose model cannot take a message's attachments is skipped (AttachmentFit).
    m_engine->setModalityLookup(CatalogModalities::lookup(catalog));
    connect(catalog, &Catalog::modelsChanged, m_steps, [this, catalog] {
        QStringList ids;
        for (const ModelInfo &model : catalog->models())
            ids << model.id;
        m_steps->setKnownModels(ids);
    });
    m_steps->setProviderCheck(
        [catalog](const QString &model, const ProviderPreferences &preferences) {
            return ProviderEligibility::problem(model, preferences, catalog->endpoints(model));
        });
    connect(catalog, &Catalog::endpointsChanged, m_steps, &RouteStepsModel::providersChanged);
    // Endpoint errors are shown in the route editor's provider panel, where they belong.
    connect(catalog, &Catalog::errorOccurred, this,
        [this](Catalog::Resource resource, const QString &sentence) {
            if (resource != Catalog::Resource::Endpoints)
                Q_EMIT message(sentence);
        });
    Q_EMIT catalogChanged(catalog);
    catalog->load(); // offline: whatever the cache holds
    catalog->ensureFresh();
    if (m_simulated)
        catalog->refreshKey();
}

} // namespace detour
