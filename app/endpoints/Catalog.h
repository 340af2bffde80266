// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Credits.h"
#include "KeyInfo.h"
#include "ModelInfo.h"
#include "ProviderEndpointInfo.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>
#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace detour {

class CatalogCache;

// What an OpenRouter endpoint (or the simulator) offers: its models, each
// model's provider endpoints, and what the key in use may do (key info,
// credits). Everything is cached on disk per base URL, so load() gives the
// last known catalog at once, offline too; the refresh*() calls fetch
// asynchronously and report through the *Changed signals or errorOccurred
// (one sentence; the data already held is kept).
//
// The key, when set, is sent only to this catalog's base URL: every request
// is built from it and redirects are never followed.
class Catalog final : public QObject {
    Q_OBJECT

public:
    enum class Resource { Models, Endpoints, Key, Credits };
    Q_ENUM(Resource)

    static constexpr std::chrono::seconds defaultMaxAge = std::chrono::hours(1);
    static constexpr int transferTimeoutMs = 30'000;

    // `baseUrl` as in Endpoint::baseUrl (e.g. https://openrouter.ai/api/v1);
    // `key` may be empty; an empty `cacheDirectory` means CatalogCache::defaultDirectory().
    Catalog(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &key,
        const QString &cacheDirectory = {}, QObject *parent = nullptr);
    ~Catalog() override;

    // Certificate authorities trusted in addition to the system's (the endpoint's ca_file).
    void setAuthorities(const QList<QSslCertificate> &authorities) { m_authorities = authorities; }
    QUrl baseUrl() const { return m_baseUrl; }
    bool hasKey() const { return !m_key.isEmpty(); }
    // Replaces the key: requests for the key information and credits in flight
    // are dropped, and what is cached for the new key (if anything) is loaded.
    void setKey(const QString &key);
    const CatalogCache &cache() const { return *m_cache; }

    // Reads whatever the cache holds for this base URL (and key) and emits the
    // *Changed signals for it. Never touches the network.
    void load();

    void refreshModels();
    // Refused with errorOccurred (and no request) unless ModelInfo::isValidId(modelId).
    void refreshEndpoints(const QString &modelId);
    void refreshKey();
    void refreshCredits();
    // Refreshes the model list if it is older than maxAge (or missing), and with
    // a key set, the key information and credits too.
    void ensureFresh(std::chrono::seconds maxAge = defaultMaxAge);
    void ensureEndpointsFresh(const QString &modelId, std::chrono::seconds maxAge = defaultMaxAge);

    const QList<ModelInfo> &models() const { return m_models; }
    std::optional<ModelInfo> model(const QString &id) const;
    QList<ProviderEndpointInfo> endpoints(const QString &modelId) const;
    bool hasEndpoints(const QString &modelId) const { return m_endpoints.contains(modelId); }
    std::optional<KeyInfo> keyInfo() const { return m_keyInfo; }
    std::optional<Credits> credits() const { return m_credits; }

    // When the data was fetched from the server (UTC); invalid when there is none.
    QDateTime fetchedAt(Resource resource, const QString &modelId = {}) const;
    QDateTime modelsFetchedAt() const { return fetchedAt(Resource::Models); }
    QDateTime endpointsFetchedAt(const QString &modelId) const
    {
        return fetchedAt(Resource::Endpoints, modelId);
    }
    QDateTime keyFetchedAt() const { return fetchedAt(Resource::Key); }
    QDateTime creditsFetchedAt() const { return fetchedAt(Resource::Credits); }

    // Missing, older than maxAge, or fetched in the future (a clock that jumped).
    bool isStale(Resource resource, std::chrono::seconds maxAge = defaultMaxAge,
        const QString &modelId = {}) const;
    bool isRefreshing(Resource resource, const QString &modelId = {}) const;

    static QString resourceName(Resource resource); // "models", "endpoints", "key", "credits"

Q_SIGNALS:
    void modelsChanged();
    void endpointsChanged(const QString &modelId);
    void keyChanged();
    void creditsChanged();
    void refreshingChanged(
        detour::Catalog::Resource resource, const QString &modelId, bool refreshing);
    // One sentence for the person; never fatal. For Resource::Endpoints the
    // sentence names the model.
    void errorOccurred(detour::Catalog::Resource resource, const QString &sentence);

private:
    struct Pending {
        Resource resource = Resource::Models;
        QString modelId;
        QPointer<QNetworkReply> reply;
        QByteArray body;
        bool tooLarge = false;
    };

    static QString pendingKey(Resource resource, const QString &modelId);
    QString server() const;
    QString subject(Resource resource, const QString &modelId) const;
    QNetworkRequest networkRequest(const QString &path) const;
    void fetch(Resource resource, const QString &modelId, const QString &path);
    void onReadyRead(const QString &key);
    void onFinished(const QString &key);
    QString failureSentence(const Pending &pending, QNetworkReply *reply, int status) const;
    void fail(Resource resource, const QString &sentence);
    // Parses `body` and makes it current; the reason when it is not understood.
    Result<> apply(Resource resource, const QString &modelId, const nlohmann::json &body,
        const QDateTime &fetchedAt);
    void loadResource(Resource resource, const QString &resourceName, const QString &modelId);
    QString cacheResource(Resource resource, const QString &modelId) const;
    bool dependsOnKey(Resource resource) const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QList<QSslCertificate> m_authorities;
    QString m_key;
    std::unique_ptr<CatalogCache> m_cache; // behind a pointer: keeps JSON out of this header
    bool m_loaded = false;

    QList<ModelInfo> m_models;
    QDateTime m_modelsFetchedAt;
    struct EndpointList {
        QList<ProviderEndpointInfo> endpoints;
        QDateTime fetchedAt;
    };
    QHash<QString, EndpointList> m_endpoints;
    std::optional<KeyInfo> m_keyInfo;
    QDateTime m_keyFetchedAt;
    std::optional<Credits> m_credits;
    QDateTime m_creditsFetchedAt;

    QHash<QString, Pending> m_pending;
};

} // namespace detour
