// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LocalServerProbe.h"

#include "LocalServerPresets.h"
#include "protocol/JsonUtil.h"
#include "protocol/RequestBuilder.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {
constexpr qint64 maxBodySize = 4 * 1024 * 1024;
}

LocalServerProbe::LocalServerProbe(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Local servers: a system proxy must not see (or answer for) them.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setAutoDeleteReplies(false);
}

LocalServerProbe::~LocalServerProbe()
{
    cancel();
}

void LocalServerProbe::start()
{
    start(LocalServerPresets::endpoints());
}

void LocalServerProbe::start(const QList<Endpoint> &endpoints)
{
    cancel();
    ++m_generation;
    m_results.clear();
    m_replies.clear();
    for (const Endpoint &endpoint : endpoints) {
        Result result;
        result.endpoint = endpoint;
        m_results.append(result);
        m_replies.append(nullptr);
    }
    m_pending = int(m_results.size());
    if (m_pending == 0) {
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    Q_EMIT finished(m_results);
            },
            Qt::QueuedConnection);
        return;
    }
    for (qsizetype i = 0; i < m_results.size(); ++i)
        probe(i);
}

void LocalServerProbe::cancel()
{
    ++m_generation;
    const QList<QNetworkReply *> replies = m_replies;
    m_replies.clear();
    m_pending = 0;
    for (QNetworkReply *reply : replies) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void LocalServerProbe::probe(qsizetype index)
{
    const Endpoint &endpoint = m_results[index].endpoint;
    QNetworkRequest request(RequestBuilder::endpointUrl(endpoint.baseUrl, u"models"_s));
    request.setRawHeader("Accept", "application/json");
    RequestBuilder::setUserAgent(request);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply *reply = m_network->get(request);
    m_replies[index] = reply;

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, index, reply] { settle(index, reply, true); });
    timer->start(m_timeout);

    connect(reply, &QNetworkReply::readyRead, this, [this, index, reply] {
        if (reply->bytesAvailable() > maxBodySize)
            settle(index, reply, false);
    });
    connect(reply, &QNetworkReply::finished, this,
        [this, index, reply] { settle(index, reply, false); });
}

void LocalServerProbe::settle(qsizetype index, QNetworkReply *reply, bool timedOut)
{
    if (index >= m_replies.size() || m_replies[index] != reply)
        return; // already settled
    m_replies[index] = nullptr;
    reply->disconnect(this);

    Result &result = m_results[index];
    const QString url = RequestBuilder::endpointUrl(result.endpoint.baseUrl, u"models"_s)
                            .toString(QUrl::RemoveUserInfo);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool tooLarge = !timedOut && reply->isRunning();
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorString = reply->errorString();
    QByteArray body;
    if (!timedOut && !tooLarge)
        body = reply->readAll();
    reply->abort();
    reply->deleteLater();

    if (timedOut) {
        result.message =
            tr("Nothing answered at %1 within %2 ms.").arg(url, QString::number(m_timeout.count()));
    } else if (tooLarge) {
        result.message = tr("The server at %1 sent more than 4 MiB for its model list, so "
                            "Detour ignores it.")
                             .arg(url);
    } else if (error != QNetworkReply::NoError && status == 0) {
        result.message = error == QNetworkReply::ConnectionRefusedError
            ? tr("Nothing is listening at %1.").arg(url)
            : tr("%1 could not be reached (%2).").arg(url, errorString);
    } else if (status != 200) {
        result.message = tr("The server at %1 answered with HTTP %2 instead of a model list.")
                             .arg(url, QString::number(status));
    } else {
        const std::optional<Json> document = json::parse(body);
        const Json *data = nullptr;
        if (document && document->is_object()) {
            if (const auto it = document->find("data"); it != document->end() && it->is_array())
                data = &*it;
        }
        if (!data) {
            result.message = tr("The server at %1 answered, but not with an OpenAI-compatible "
                                "model list.")
                                 .arg(url);
        } else {
            for (const Json &model : *data) {
                const QString id = model.is_object() ? json::stringAt(model, "id") : QString();
                if (!id.isEmpty())
                    result.models.append(id);
            }
            result.answering = true;
            result.message = tr("The server at %1 answered with its model list (%2 models).")
                                 .arg(url, QString::number(result.models.size()));
        }
    }

    const quint64 generation = m_generation;
    const Result settled = result; // a slot may start another probe
    --m_pending;
    Q_EMIT probed(settled);
    if (generation == m_generation && m_pending == 0)
        Q_EMIT finished(m_results);
}

} // namespace detour
