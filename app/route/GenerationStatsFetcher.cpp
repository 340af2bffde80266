// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "GenerationStatsFetcher.h"

#include "protocol/AuthorityFile.h"
#include "protocol/RequestBuilder.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace detour {

using namespace Qt::StringLiterals;

GenerationStatsFetcher::GenerationStatsFetcher(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &GenerationStatsFetcher::sendRequest);
}

GenerationStatsFetcher::~GenerationStatsFetcher()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void GenerationStatsFetcher::fetch(
    const Endpoint &endpoint, const QString &key, const QString &generationId)
{
    m_url = RequestBuilder::endpointUrl(endpoint.baseUrl, u"generation"_s);
    // Unusable now, it was usable for the chat request a moment ago: then the
    // system's authorities alone decide, and the fetch fails as the reply did not.
    m_authorities = endpoint.caFile.isEmpty() ? QList<QSslCertificate>()
                                              : AuthorityFile::load(endpoint.caFile).valueOr({});
    QUrlQuery query;
    query.addQueryItem(u"id"_s, generationId);
    m_url.setQuery(query);
    m_authorization = key.isEmpty() ? QByteArray() : "Bearer " + key.toUtf8();
    m_tries = 0;
    sendRequest();
}

void GenerationStatsFetcher::sendRequest()
{
    QNetworkRequest request(m_url);
    RequestBuilder::setUserAgent(request);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(10'000);
    if (!m_authorities.isEmpty())
        RequestBuilder::trustAuthorities(request, m_authorities);
    ++m_tries;
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &GenerationStatsFetcher::onFinished);
}

void GenerationStatsFetcher::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString reason;
    if (status == 200) {
        Result<GenerationStats> stats = GenerationStats::fromJson(reply->readAll());
        if (stats) {
            Q_EMIT received(*stats);
            return;
        }
        reason = stats.error();
    } else {
        reason = status ? u"HTTP %1"_s.arg(status) : reply->errorString();
    }
    // Only "not there yet" and passing trouble are worth asking again.
    const bool retryable = status == 0 || status == 404 || status == 429 || status >= 500;
    const QList<int> delays = retryDelaysMs();
    if (!retryable || m_tries > delays.size()) {
        Q_EMIT failed(reason);
        return;
    }
    m_retryTimer.start(delays[m_tries - 1]);
}

} // namespace detour
