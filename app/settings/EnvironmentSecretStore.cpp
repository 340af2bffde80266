// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EnvironmentSecretStore.h"

#include <QCoreApplication>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QString environmentValue(const QString &variable)
{
    if (variable.isEmpty())
        return {};
    return qEnvironmentVariable(variable.toLocal8Bit().constData()).trimmed();
}

} // namespace

QString EnvironmentSecretStore::openRouterVariable()
{
    return u"OPENROUTER_API_KEY"_s;
}

bool EnvironmentSecretStore::isOpenRouterService(const QUrl &url)
{
    const QString host = url.host().toLower();
    return url.scheme() == "https"_L1
        && (host == "openrouter.ai"_L1 || host.endsWith(".openrouter.ai"_L1));
}

QString EnvironmentSecretStore::variableFor(const Endpoint &endpoint)
{
    if (!environmentValue(endpoint.keyEnv).isEmpty())
        return endpoint.keyEnv;
    // OPENROUTER_API_KEY on its own only ever goes to OpenRouter itself, never
    // to an endpoint that merely speaks its dialect (the simulator, a gateway).
    if (endpoint.kind == EndpointKind::OpenRouter && isOpenRouterService(endpoint.baseUrl)
        && !environmentValue(openRouterVariable()).isEmpty())
        return openRouterVariable();
    return {};
}

QString EnvironmentSecretStore::keyFor(const Endpoint &endpoint)
{
    return environmentValue(variableFor(endpoint));
}

void EnvironmentSecretStore::read(const QString &account)
{
    QString secret;
    for (const Endpoint &endpoint : std::as_const(m_endpoints)) {
        if (endpoint.id == account) {
            secret = keyFor(endpoint);
            break;
        }
    }
    finishReadLater(account, secret, {});
}

void EnvironmentSecretStore::write(const QString &account, const QString &secret)
{
    Q_UNUSED(secret)
    finishWriteLater(account,
        { SecretError::Kind::ReadOnly,
            QCoreApplication::translate("EnvironmentSecretStore",
                "Keys from environment variables cannot be changed from Detour; change the "
                "variable in your environment instead.") });
}

void EnvironmentSecretStore::remove(const QString &account)
{
    finishRemoveLater(account,
        { SecretError::Kind::ReadOnly,
            QCoreApplication::translate("EnvironmentSecretStore",
                "Keys from environment variables cannot be removed from Detour; unset the "
                "variable in your environment instead.") });
}

} // namespace detour
