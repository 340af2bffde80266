// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EndpointSecrets.h"

#include "Redactor.h"
#include "SecretStore.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &url) {
        return url.port(url.scheme() == "https"_L1 ? 443 : url.scheme() == "http"_L1 ? 80 : -1);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

QString entryOf(const QString &account)
{
    const QString prefix = EndpointParam::keychainAccount(QString());
    return account.startsWith(prefix) ? account.mid(prefix.size()) : QString();
}

} // namespace

EndpointSecrets::EndpointSecrets(SecretStore *keychain, QObject *parent)
    : QObject(parent)
    , m_keychain(keychain)
{
    if (m_keychain) {
        connect(m_keychain, &SecretStore::readFinished, this, &EndpointSecrets::onRead);
        connect(m_keychain, &SecretStore::writeFinished, this, &EndpointSecrets::onWritten);
    }
}

EndpointSecrets::~EndpointSecrets() = default;

void EndpointSecrets::setEndpoints(const QList<Endpoint> &endpoints)
{
    m_endpoints = endpoints;
    reload();
}

void EndpointSecrets::reload()
{
    for (const Endpoint &endpoint : std::as_const(m_endpoints)) {
        for (const EndpointParams *params : { &endpoint.headers, &endpoint.query }) {
            for (const EndpointParam &param : *params) {
                if (param.source == EndpointParam::Source::Environment) {
                    // Learnt now, so that logs are redacted before the first request.
                    const QString value = EndpointRequest::paramFromEnvironment(endpoint, param);
                    if (!value.isEmpty())
                        Redactor::remember(value);
                } else if (param.source == EndpointParam::Source::Keyring && m_keychain
                    && !m_reading.contains(param.value)) {
                    m_reading.insert(param.value);
                    m_keychain->read(EndpointParam::keychainAccount(param.value));
                }
            }
        }
    }
}

void EndpointSecrets::onRead(const QString &account, const QString &secret, const SecretError &)
{
    const QString entry = entryOf(account);
    if (entry.isEmpty() || !m_reading.remove(entry))
        return; // someone else's read (an endpoint's key, the proxy's password)
    const QString value = secret.trimmed();
    if (value.isEmpty()) {
        m_entries.remove(entry);
    } else {
        Redactor::remember(value);
        m_entries.insert(entry, value);
    }
    Q_EMIT entryLoaded(entry);
}

void EndpointSecrets::storeEntry(const QString &entry, const QString &value)
{
    const QString trimmed = value.trimmed();
    Redactor::remember(trimmed);
    if (!m_keychain) {
        QMetaObject::invokeMethod(
            this,
            [this, entry] {
                Q_EMIT entryStored(entry,
                    { SecretError::Kind::Unavailable,
                        tr("Detour has no keyring to save this value in; take it from an "
                           "environment variable instead.") });
            },
            Qt::QueuedConnection);
        return;
    }
    m_writing[entry].append(trimmed);
    m_keychain->write(EndpointParam::keychainAccount(entry), trimmed);
}

void EndpointSecrets::onWritten(const QString &account, const SecretError &error)
{
    const QString entry = entryOf(account);
    const auto pending = m_writing.find(entry);
    if (entry.isEmpty() || pending == m_writing.end())
        return;
    const QString value = pending->takeFirst();
    if (pending->isEmpty())
        m_writing.erase(pending);
    if (!error.isError())
        m_entries.insert(entry, value);
    Q_EMIT entryStored(entry, error);
}

bool EndpointSecrets::isRegistered(const Endpoint &endpoint, const EndpointParam &param) const
{
    for (const Endpoint &known : m_endpoints) {
        if (known.id == endpoint.id && sameOrigin(known.baseUrl, endpoint.baseUrl)
            && (known.headers.contains(param) || known.query.contains(param)))
            return true;
    }
    return false;
}

QString EndpointSecrets::valueFor(const Endpoint &endpoint, const EndpointParam &param) const
{
    if (!isRegistered(endpoint, param))
        return {};
    switch (param.source) {
    case EndpointParam::Source::Value:
        return param.value;
    case EndpointParam::Source::Environment:
        return EndpointRequest::paramFromEnvironment(endpoint, param);
    case EndpointParam::Source::Keyring:
        return m_entries.value(param.value);
    }
    return {};
}

bool EndpointSecrets::hasEntry(const QString &entry) const
{
    return m_entries.contains(entry);
}

ParamResolver EndpointSecrets::resolver()
{
    return [secrets = QPointer<EndpointSecrets>(this)](
               const Endpoint &endpoint, const EndpointParam &param) {
        return secrets ? secrets->valueFor(endpoint, param) : QString();
    };
}

} // namespace detour
