// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Catalog.h"

#include "CatalogCache.h"
#include "CatalogJson.h"
#include "EndpointsLog.h"
#include "protocol/ErrorBody.h"
#include "protocol/RequestBuilder.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <nlohmann/json.hpp>
#include <utility>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

// A clock that jumped back must not make a cached catalog look fresh forever.
constexpr qint64 futureToleranceSecs = 5 * 60;

// A reason written as a sentence ("The model list has ...") made into a
// clause for the middle of another sentence.
QString clause(QString text)
{
    if (text.size() > 1 && text.at(0).isUpper() && text.at(1).isLower())
        text[0] = text.at(0).toLower();
    return text;
}

QString pathSegment(QStringView part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part.toString(), QByteArrayLiteral(":")));
}

} // namespace

Catalog::Catalog(QNetworkAccessManager *network, const QUrl &baseUrl, const QString &key,
    const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(baseUrl)
    , m_key(key)
    , m_cache(std::make_unique<CatalogCache>(cacheDirectory))
{
}

Catalog::~Catalog()
{
    for (Pending &pending : m_pending) {
        if (QNetworkReply *reply = pending.reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }
}

QString Catalog::resourceName(Resource resource)
{
    switch (resource) {
    case Resource::Models:
        return u"models"_s;
    case Resource::Endpoints:
        return u"endpoints"_s;
    case Resource::Key:
        return u"key"_s;
    case Resource::Credits:
        return u"credits"_s;
    }
    return {};
}

QString Catalog::pendingKey(Resource resource, const QString &modelId)
{
    return resourceName(resource) + u'\n' + modelId;
}

QString Catalog::server() const
{
    QString text = m_baseUrl.host();
    if (m_baseUrl.port() > 0)
        text += u':' + QString::number(m_baseUrl.port());
    return text.isEmpty() ? m_baseUrl.toDisplayString(QUrl::RemoveUserInfo) : text;
}

QString Catalog::subject(Resource resource, const QString &modelId) const
{
    switch (resource) {
    case Resource::Models:
        return tr("the model list");
    case Resource::Endpoints:
        return tr("the providers of %1").arg(modelId);
    case Resource::Key:
        return tr("the key information");
    case Resource::Credits:
        return tr("the credits");
    }
    return {};
}

bool Catalog::dependsOnKey(Resource resource) const
{
    return resource == Resource::Key || resource == Resource::Credits;
}

QString Catalog::cacheResource(Resource resource, const QString &modelId) const
{
    switch (resource) {
    case Resource::Models:
        return CatalogCache::modelsResource();
    case Resource::Endpoints:
        return CatalogCache::endpointsResource(modelId);
    case Resource::Key:
        return CatalogCache::keyResource();
    case Resource::Credits:
        return CatalogCache::creditsResource();
    }
    return {};
}

void Catalog::setKey(const QString &key)
{
    if (key == m_key)
        return;
    for (const Resource resource : { Resource::Key, Resource::Credits }) {
        const auto it = m_pending.find(pendingKey(resource, {}));
        if (it == m_pending.end())
            continue;
        const QPointer<QNetworkReply> reply = it->reply;
        m_pending.erase(it);
        if (reply) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
        Q_EMIT refreshingChanged(resource, {}, false);
    }
    m_key = key;
    m_keyInfo.reset();
    m_keyFetchedAt = {};
    m_credits.reset();
    m_creditsFetchedAt = {};
    if (m_loaded) {
        loadResource(Resource::Key, CatalogCache::keyResource(), {});
        loadResource(Resource::Credits, CatalogCache::creditsResource(), {});
    }
    if (!m_keyInfo)
        Q_EMIT keyChanged();
    if (!m_credits)
        Q_EMIT creditsChanged();
}

// ---- reading the cache -------------------------------------------------------

void Catalog::load()
{
    m_loaded = true;
    loadResource(Resource::Models, CatalogCache::modelsResource(), {});
    loadResource(Resource::Key, CatalogCache::keyResource(), {});
    loadResource(Resource::Credits, CatalogCache::creditsResource(), {});
    const QStringList endpointFiles =
        m_cache->resourcesIn(m_baseUrl, CatalogCache::endpointsFolder());
    for (const QString &name : endpointFiles) {
        const QString modelId = QUrl::fromPercentEncoding(
            name.sliced(CatalogCache::endpointsFolder().size() + 1).toLatin1());
        if (!ModelInfo::isValidId(modelId)) {
            fail(Resource::Endpoints,
                m_cache->setAside(
                    m_cache->filePath(m_baseUrl, name), tr("its name is not a valid model id")));
            continue;
        }
        loadResource(Resource::Endpoints, name, modelId);
    }
}

void Catalog::loadResource(Resource resource, const QString &resourceName, const QString &modelId)
{
    const Result<std::optional<CatalogCache::Entry>> read = m_cache->read(m_baseUrl, resourceName);
    if (!read) {
        fail(resource, read.error());
        return;
    }
    const std::optional<CatalogCache::Entry> &entry = *read;
    if (!entry)
        return;
    if (dependsOnKey(resource) && entry->keyFingerprint != CatalogCache::keyFingerprint(m_key))
        return; // cached for another key
    if (const Result<> applied = apply(resource, modelId, entry->body, entry->fetchedAt); !applied)
        fail(resource, m_cache->setAside(entry->path, clause(applied.error())));
}

Result<> Catalog::apply(
    Resource resource, const QString &modelId, const Json &body, const QDateTime &fetchedAt)
{
    switch (resource) {
    case Resource::Models: {
        auto models = ModelInfo::listFromJson(body);
        if (!models)
            return Error(models.error());
        m_models = std::move(*models);
        m_modelsFetchedAt = fetchedAt;
        Q_EMIT modelsChanged();
        return {};
    }
    case Resource::Endpoints: {
        auto list = ProviderEndpointInfo::listFromJson(body);
        if (!list)
            return Error(list.error());
        m_endpoints.insert(modelId, { std::move(list->endpoints), fetchedAt });
        Q_EMIT endpointsChanged(modelId);
        return {};
    }
    case Resource::Key: {
        auto key = KeyInfo::fromJson(body);
        if (!key)
            return Error(key.error());
        m_keyInfo = std::move(*key);
        m_keyFetchedAt = fetchedAt;
        Q_EMIT keyChanged();
        return {};
    }
    case Resource::Credits: {
        auto credits = Credits::fromJson(body);
        if (!credits)
            return Error(credits.error());
        m_credits = *credits;
        m_creditsFetchedAt = fetchedAt;
        Q_EMIT creditsChanged();
        return {};
    }
    }
    return Error(QString()); // not reached: the switch covers every Resource
}

// ---- fetching -----------------------------------------------------------------

void Catalog::refreshModels()
{
    fetch(Resource::Models, {}, u"models"_s);
}

void Catalog::refreshEndpoints(const QString &modelId)
{
    if (const Result<> valid = ModelInfo::isValidId(modelId); !valid) {
        fail(Resource::Endpoints,
            tr("Did not ask for the providers of \"%1\": %2.").arg(modelId, valid.error()));
        return;
    }
    const qsizetype slash = modelId.indexOf(u'/');
    const QString path = u"models/"_s + pathSegment(QStringView(modelId).first(slash)) + u'/'
        + pathSegment(QStringView(modelId).sliced(slash + 1)) + u"/endpoints"_s;
    fetch(Resource::Endpoints, modelId, path);
}

void Catalog::refreshKey()
{
    fetch(Resource::Key, {}, u"key"_s);
}

void Catalog::refreshCredits()
{
    fetch(Resource::Credits, {}, u"credits"_s);
}

void Catalog::ensureFresh(std::chrono::seconds maxAge)
{
    if (isStale(Resource::Models, maxAge))
        refreshModels();
    if (!hasKey())
        return;
    if (isStale(Resource::Key, maxAge))
        refreshKey();
    if (isStale(Resource::Credits, maxAge))
        refreshCredits();
}

void Catalog::ensureEndpointsFresh(const QString &modelId, std::chrono::seconds maxAge)
{
    if (isStale(Resource::Endpoints, maxAge, modelId))
        refreshEndpoints(modelId);
}

QNetworkRequest Catalog::networkRequest(const QString &path) const
{
    QNetworkRequest request(RequestBuilder::endpointUrl(m_baseUrl, path));
    request.setRawHeader("Accept", "application/json");
    RequestBuilder::setUserAgent(request);
    if (!m_key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_key.toUtf8());
    // A redirect must never carry the key elsewhere: catalog requests do not follow any.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(transferTimeoutMs);
    if (!m_authorities.isEmpty())
        RequestBuilder::trustAuthorities(request, m_authorities);
    return request;
}

void Catalog::fetch(Resource resource, const QString &modelId, const QString &path)
{
    const QString key = pendingKey(resource, modelId);
    if (m_pending.contains(key))
        return; // already on its way
    const QString scheme = m_baseUrl.scheme().toLower();
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()
        || (scheme != "http"_L1 && scheme != "https"_L1)) {
        fail(resource,
            tr("Could not update %1: \"%2\" is not an http or https base URL.")
                .arg(subject(resource, modelId), m_baseUrl.toDisplayString(QUrl::RemoveUserInfo)));
        return;
    }
    if (!m_network) {
        fail(resource,
            tr("Could not update %1: there is no network access.").arg(subject(resource, modelId)));
        return;
    }
    QNetworkReply *reply = m_network->get(networkRequest(path));
    m_pending.insert(key, { resource, modelId, reply, {}, false });
    connect(reply, &QNetworkReply::readyRead, this, [this, key] { onReadyRead(key); });
    connect(reply, &QNetworkReply::finished, this, [this, key] { onFinished(key); });
    Q_EMIT refreshingChanged(resource, modelId, true);
}

void Catalog::onReadyRead(const QString &key)
{
    const auto it = m_pending.find(key);
    if (it == m_pending.end() || !it->reply || it->tooLarge)
        return;
    it->body += it->reply->readAll();
    if (it->body.size() > CatalogJson::maxBodyBytes) {
        it->tooLarge = true;
        it->body.clear();
        it->reply->abort(); // finishes (synchronously) through onFinished
    }
}

void Catalog::onFinished(const QString &key)
{
    const auto it = m_pending.find(key);
    if (it == m_pending.end())
        return;
    Pending pending = std::move(*it);
    m_pending.erase(it);
    QNetworkReply *reply = pending.reply;
    Q_EMIT refreshingChanged(pending.resource, pending.modelId, false);
    if (!reply)
        return;
    reply->disconnect(this);
    reply->deleteLater();
    if (!pending.tooLarge)
        pending.body += reply->readAll();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (pending.tooLarge || status != 200 || reply->error() != QNetworkReply::NoError) {
        fail(pending.resource, failureSentence(pending, reply, status));
        return;
    }

    const Resource resource = pending.resource;
    const QString what = subject(resource, pending.modelId);
    const Result<Json> root = CatalogJson::parseObject(pending.body, tr("The answer"));
    const QDateTime fetchedAt = QDateTime::currentDateTimeUtc();
    const Result<> applied =
        root ? apply(resource, pending.modelId, *root, fetchedAt) : Result<>(Error(root.error()));
    if (!applied) {
        fail(resource,
            tr("Could not update %1 from %2: %3.").arg(what, server(), clause(applied.error())));
        return;
    }
    const QString fingerprint =
        dependsOnKey(resource) ? CatalogCache::keyFingerprint(m_key) : QString();
    if (const Result<> written = m_cache->write(
            m_baseUrl, cacheResource(resource, pending.modelId), *root, fetchedAt, fingerprint);
        !written) {
        fail(resource, written.error());
    }
}

QString Catalog::failureSentence(const Pending &pending, QNetworkReply *reply, int status) const
{
    const QString what = subject(pending.resource, pending.modelId);
    if (pending.tooLarge) {
        return tr("Could not update %1 from %2: the answer is larger than %3 MiB.")
            .arg(what, server())
            .arg(CatalogJson::maxBodyBytes >> 20);
    }
    if (status == 0) {
        if (reply->error() == QNetworkReply::OperationCanceledError)
            return tr("Could not update %1 from %2: the request was cancelled.")
                .arg(what, server());
        if (reply->error() == QNetworkReply::TimeoutError) {
            return tr("Could not update %1 from %2: no answer within %3 s.")
                .arg(what, server())
                .arg(transferTimeoutMs / 1000);
        }
        return tr("Could not reach %1 to update %2: %3.").arg(server(), what, reply->errorString());
    }
    if (status == 200) { // the headers came, then the connection broke
        return tr("Could not update %1 from %2: the answer was cut off (%3).")
            .arg(what, server(), reply->errorString());
    }
    if (status >= 300 && status < 400) {
        const QString location = QString::fromUtf8(reply->rawHeader("Location"));
        return tr("Could not update %1: %2 answered with a redirect (HTTP %3) to \"%4\", which "
                  "catalog requests do not follow.")
            .arg(what, server(), QString::number(status), location);
    }

    const ErrorBody error = ErrorBody::fromBody(pending.body);
    QString message = error.message.simplified();
    if (message.isEmpty())
        message = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    while (message.endsWith(u'.'))
        message.chop(1);
    const QString http = message.isEmpty()
        ? u"HTTP %1"_s.arg(status)
        : u"HTTP "_s + QString::number(status) + u": "_s + message.left(300);

    if (status == 401 || status == 403) {
        if (m_key.isEmpty()) {
            return tr("Reading %1 from %2 needs an API key, and none is set (%3).")
                .arg(what, server(), http);
        }
        return tr("This key cannot read %1 at %2 (%3).").arg(what, server(), http);
    }
    if (status == 404 && pending.resource == Resource::Endpoints) {
        return tr("%1 lists no providers for %2 (%3).").arg(server(), pending.modelId, http);
    }
    if (status == 429) {
        return tr("Could not update %1: %2 is limiting requests, try again shortly (%3).")
            .arg(what, server(), http);
    }
    return tr("Could not update %1 from %2 (%3).").arg(what, server(), http);
}

void Catalog::fail(Resource resource, const QString &sentence)
{
    qCDebug(lcEndpoints).noquote() << sentence;
    Q_EMIT errorOccurred(resource, sentence);
}

// ---- accessors ----------------------------------------------------------------

std::optional<ModelInfo> Catalog::model(const QString &id) const
{
    for (const ModelInfo &model : m_models) {
        if (model.id == id)
            return model;
    }
    return std::nullopt;
}

QList<ProviderEndpointInfo> Catalog::endpoints(const QString &modelId) const
{
    return m_endpoints.value(modelId).endpoints;
}

QDateTime Catalog::fetchedAt(Resource resource, const QString &modelId) const
{
    switch (resource) {
    case Resource::Models:
        return m_modelsFetchedAt;
    case Resource::Endpoints:
        return m_endpoints.value(modelId).fetchedAt;
    case Resource::Key:
        return m_keyFetchedAt;
    case Resource::Credits:
        return m_creditsFetchedAt;
    }
    return {};
}

bool Catalog::isStale(Resource resource, std::chrono::seconds maxAge, const QString &modelId) const
{
    const QDateTime when = fetchedAt(resource, modelId);
    if (!when.isValid())
        return true;
    const qint64 age = when.secsTo(QDateTime::currentDateTimeUtc());
    return age > maxAge.count() || age < -futureToleranceSecs;
}

bool Catalog::isRefreshing(Resource resource, const QString &modelId) const
{
    return m_pending.contains(pendingKey(resource, modelId));
}

} // namespace detour
