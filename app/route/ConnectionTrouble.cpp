// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConnectionTrouble.h"

#include "protocol/AuthorityFile.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/RequestBuilder.h"

#include <QNetworkRequest>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// QNetworkReply's proxy errors (the 101-199 range): the proxy failed, not the
// endpoint. Through a proxy, a refused connection or an unknown host are the
// proxy's too: Qt connects to the proxy alone (the proxy reaches the endpoint,
// and answers 502 when that fails), and Qt reports a refusing HTTP proxy for
// a plain http request as ConnectionRefusedError, and one refusing the CONNECT
// of an https request as UnknownNetworkError ("Proxy connection refused", Qt 6.4).
bool isProxyFailure(QNetworkReply::NetworkError error, bool throughProxy)
{
    if (error >= QNetworkReply::ProxyConnectionRefusedError
        && error <= QNetworkReply::UnknownProxyError)
        return true;
    return throughProxy
        && (error == QNetworkReply::ConnectionRefusedError
            || error == QNetworkReply::HostNotFoundError
            || error == QNetworkReply::UnknownNetworkError);
}

} // namespace

std::optional<Diagnosis> ConnectionTrouble::beforeSending(
    const Endpoint &endpoint, bool offline, QNetworkRequest &request)
{
    if (offline)
        return ErrorClassifier::offline(endpoint.kind);
    if (endpoint.caFile.isEmpty())
        return std::nullopt;
    const Result<QList<QSslCertificate>> authorities = AuthorityFile::load(endpoint.caFile);
    if (!authorities)
        return ErrorClassifier::authorityFileUnusable(authorities.error());
    RequestBuilder::trustAuthorities(request, *authorities);
    return std::nullopt;
}

std::optional<Diagnosis> ConnectionTrouble::afterReply(const Reply &reply, EndpointKind kind)
{
    // Before the status: a 407 is the proxy's answer, not the endpoint's.
    if (isProxyFailure(reply.error, !reply.proxy.isEmpty())) {
        return ErrorClassifier::proxyRefused(reply.proxy, reply.errorText,
            reply.error == QNetworkReply::ProxyAuthenticationRequiredError
                || reply.httpStatus == 407,
            kind);
    }
    if (reply.httpStatus != 0)
        return std::nullopt;
    if (reply.error == QNetworkReply::SslHandshakeFailedError
        || !reply.certificateProblems.isEmpty()) {
        const bool untrusted = !reply.certificateProblems.isEmpty();
        return ErrorClassifier::insecureConnection(
            untrusted ? reply.certificateProblems.join(u"; "_s) : reply.errorText, untrusted, kind);
    }
    if (reply.offline)
        return ErrorClassifier::offline(kind); // the network went first, not the endpoint
    return ErrorClassifier::network(reply.errorText, kind);
}

} // namespace detour
