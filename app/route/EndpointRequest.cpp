// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointRequest.h"

#include <QCoreApplication>
#include <QNetworkRequest>
#include <QUrl>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(EndpointRequest)
};

Diagnosis refused(const QString &summary)
{
    // The route's own setting (or the environment) is wrong: retrying cannot help;
    // setting the value or moving on can.
    Diagnosis d;
    d.outcome = Outcome::Auth;
    d.party = Party::You;
    d.fixes = { Fix::MoveStepDown };
    d.summary = summary;
    return d;
}

QString missing(const Endpoint &endpoint, const EndpointParam &param)
{
    if (param.source == EndpointParam::Source::Environment) {
        return Text::tr("Endpoint \"%1\" takes \"%2\" from the environment variable %3, which is "
                        "not set, so Detour sent nothing; set it and start Detour again.")
            .arg(endpoint.id, param.name, param.value);
    }
    return Text::tr("Endpoint \"%1\" takes \"%2\" from the keyring entry \"%3\", which Detour "
                    "could not read, so it sent nothing; save the value in the route editor "
                    "(Headers and query…).")
        .arg(endpoint.id, param.name, param.value);
}

} // namespace

std::optional<Diagnosis> EndpointRequest::addParams(
    QNetworkRequest &request, const Endpoint &endpoint, const ParamResolver &secrets)
{
    const QUrl base = endpoint.baseUrl;
    const bool insecure =
        base.scheme().compare("http"_L1, Qt::CaseInsensitive) == 0 && !isLoopbackUrl(base);
    const auto value = [&](const EndpointParam &param) -> std::optional<QString> {
        if (!param.isSecret())
            return param.value;
        if (insecure)
            return std::nullopt;
        QString secret = secrets ? secrets(endpoint, param) : QString();
        if (secret.isEmpty())
            return std::nullopt;
        return secret;
    };

    QList<std::pair<QByteArray, QByteArray>> headers;
    for (const EndpointParam &param : endpoint.headers) {
        const auto text = value(param);
        if (!text) {
            if (insecure) {
                return refused(Text::tr("Detour does not send the secret header \"%1\" over "
                                        "plain http:// to %2; use https://.")
                                   .arg(param.name, base.host()));
            }
            return refused(missing(endpoint, param));
        }
        headers.append({ param.name.toLatin1(), text->toUtf8() });
    }
    QString query;
    for (const EndpointParam &param : endpoint.query) {
        const auto text = value(param);
        if (!text) {
            if (insecure) {
                return refused(Text::tr("Detour does not send the secret query parameter \"%1\" "
                                        "over plain http:// to %2; use https://.")
                                   .arg(param.name, base.host()));
            }
            return refused(missing(endpoint, param));
        }
        if (!query.isEmpty())
            query += u'&';
        query += QString::fromLatin1(QUrl::toPercentEncoding(param.name)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(*text));
    }
    for (const auto &[name, text] : std::as_const(headers))
        request.setRawHeader(name, text);
    if (!query.isEmpty()) {
        QUrl url = request.url();
        const QString existing = url.query(QUrl::FullyEncoded);
        url.setQuery(
            existing.isEmpty() ? query : QString(existing + u'&' + query), QUrl::StrictMode);
        request.setUrl(url);
    }
    return std::nullopt;
}

QString EndpointRequest::paramFromEnvironment(const Endpoint &, const EndpointParam &param)
{
    if (param.source != EndpointParam::Source::Environment || param.value.isEmpty())
        return {};
    return qEnvironmentVariable(param.value.toLocal8Bit().constData()).trimmed();
}

QString EndpointRequest::simulatedParam(const Endpoint &, const EndpointParam &)
{
    return u"[simulated]"_s;
}

} // namespace detour
