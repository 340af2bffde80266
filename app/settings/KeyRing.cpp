// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "KeyRing.h"

#include "Redactor.h"
#include "SecretStore.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &url) {
        return url.port(url.scheme() == "https"_L1 ? 443 : url.scheme() == "http"_L1 ? 80 : -1);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && defaultPort(a) == defaultPort(b);
}

} // namespace

KeyRing::KeyRing(SecretStore *keychain, QObject *parent)
    : QObject(parent)
    , m_secrets(keychain)
    , m_keychain(keychain)
{
    connect(&m_environment, &SecretStore::readFinished, this,
        [this](const QString &account, const QString &secret, const SecretError &) {
            onEnvironmentRead(account, secret);
        });
    if (m_keychain) {
        connect(m_keychain, &SecretStore::readFinished, this, &KeyRing::onKeychainRead);
        connect(m_keychain, &SecretStore::writeFinished, this, &KeyRing::onKeychainWritten);
        connect(m_keychain, &SecretStore::removeFinished, this, &KeyRing::onKeychainRemoved);
    }
}

KeyRing::~KeyRing() = default;

bool KeyRing::isLoopback(const QUrl &url)
{
    return isLoopbackUrl(url);
}

bool KeyRing::isInsecure(const QUrl &url)
{
    return url.scheme().compare("http"_L1, Qt::CaseInsensitive) == 0 && !isLoopback(url);
}

void KeyRing::setEndpoints(const QList<Endpoint> &endpoints)
{
    QStringList order;
    QStringList toLoad;
    QHash<QString, Entry> entries;
    for (const Endpoint &endpoint : endpoints) {
        if (endpoint.id.isEmpty() || entries.contains(endpoint.id))
            continue;
        order.append(endpoint.id);
        const auto existing = m_entries.constFind(endpoint.id);
        if (existing != m_entries.constEnd() && existing->endpoint == endpoint) {
            entries.insert(endpoint.id, *existing);
            continue;
        }
        Entry entry;
        entry.endpoint = endpoint;
        if (existing != m_entries.constEnd()) {
            // Results of reads already under way still arrive; only the last one counts.
            entry.pendingEnvironment = existing->pendingEnvironment;
            entry.pendingKeychain = existing->pendingKeychain;
            // A confirmation was for that origin only.
            entry.insecureConfirmed = existing->insecureConfirmed
                && sameOrigin(existing->endpoint.baseUrl, endpoint.baseUrl);
        }
        entries.insert(endpoint.id, entry);
        toLoad.append(endpoint.id);
    }
    m_entries = entries;
    m_order = order;
    m_environment.setEndpoints(endpoints);
    m_secrets.setEndpoints(endpoints);
    for (const QString &id : std::as_const(toLoad))
        load(id);
    QMetaObject::invokeMethod(this, &KeyRing::checkLoaded, Qt::QueuedConnection);
}

QList<Endpoint> KeyRing::endpoints() const
{
    QList<Endpoint> list;
    for (const QString &id : m_order)
        list.append(m_entries.value(id).endpoint);
    return list;
}

void KeyRing::reload()
{
    m_secrets.reload();
    for (const QString &id : std::as_const(m_order))
        load(id);
    QMetaObject::invokeMethod(this, &KeyRing::checkLoaded, Qt::QueuedConnection);
}

bool KeyRing::isLoaded() const
{
    return m_loaded;
}

void KeyRing::load(const QString &endpointId)
{
    Entry &entry = m_entries[endpointId];
    setStatus(entry, KeyStatus::Loading);
    m_loaded = false;
    ++entry.pendingEnvironment;
    m_environment.read(endpointId);
}

void KeyRing::onEnvironmentRead(const QString &account, const QString &secret)
{
    const auto it = m_entries.find(account);
    if (it == m_entries.end() || it->pendingEnvironment == 0)
        return;
    if (--it->pendingEnvironment > 0)
        return; // a newer read is under way
    if (!secret.isEmpty()) {
        Redactor::remember(secret);
        it->key = secret;
        it->variable = EnvironmentSecretStore::variableFor(it->endpoint);
        it->message.clear();
        setStatus(*it, KeyStatus::Environment);
    } else if (m_keychain) {
        ++it->pendingKeychain;
        m_keychain->read(account);
        return;
    } else {
        it->key.clear();
        setStatus(*it, KeyStatus::None);
    }
    checkLoaded();
}

void KeyRing::onKeychainRead(
    const QString &account, const QString &secret, const SecretError &error)
{
    const auto it = m_entries.find(account);
    if (it == m_entries.end() || it->pendingKeychain == 0)
        return; // someone else's read
    if (--it->pendingKeychain > 0 || it->pendingEnvironment > 0)
        return;
    if (it->status != KeyStatus::Loading)
        return; // settled meanwhile (a key was saved, or the environment has one)
    it->variable.clear();
    if (error.isError()) {
        it->key.clear();
        it->message = error.message;
        setStatus(*it, KeyStatus::KeychainUnavailable);
    } else {
        const QString key = secret.trimmed();
        if (!key.isEmpty())
            Redactor::remember(key);
        it->key = key;
        it->message.clear();
        setStatus(*it, key.isEmpty() ? KeyStatus::None : KeyStatus::Keychain);
    }
    checkLoaded();
}

void KeyRing::storeKey(const QString &endpointId, const QString &key)
{
    const QString trimmed = key.trimmed();
    Redactor::remember(trimmed);
    if (!m_keychain) {
        QMetaObject::invokeMethod(
            this,
            [this, endpointId] {
                Q_EMIT keyStored(endpointId,
                    { SecretError::Kind::Unavailable,
                        tr("Detour has no keyring to save keys in; set OPENROUTER_API_KEY (or "
                           "the variable the endpoint names) instead.") });
            },
            Qt::QueuedConnection);
        return;
    }
    m_pendingWrites[endpointId].append(trimmed);
    m_keychain->write(endpointId, trimmed);
}

void KeyRing::onKeychainWritten(const QString &account, const SecretError &error)
{
    const auto pending = m_pendingWrites.find(account);
    if (pending == m_pendingWrites.end())
        return;
    const QString key = pending->takeFirst();
    if (pending->isEmpty())
        m_pendingWrites.erase(pending);
    const auto it = m_entries.find(account);
    if (!error.isError() && it != m_entries.end() && it->status != KeyStatus::Environment) {
        it->key = key;
        it->message.clear();
        setStatus(*it, key.isEmpty() ? KeyStatus::None : KeyStatus::Keychain);
    }
    Q_EMIT keyStored(account, error);
}

void KeyRing::removeKey(const QString &endpointId)
{
    if (!m_keychain) {
        QMetaObject::invokeMethod(
            this, [this, endpointId] { Q_EMIT keyRemoved(endpointId, {}); }, Qt::QueuedConnection);
        return;
    }
    ++m_pendingRemovals[endpointId];
    m_keychain->remove(endpointId);
}

void KeyRing::onKeychainRemoved(const QString &account, const SecretError &error)
{
    const auto pending = m_pendingRemovals.find(account);
    if (pending == m_pendingRemovals.end())
        return;
    if (--*pending == 0)
        m_pendingRemovals.erase(pending);
    const auto it = m_entries.find(account);
    if (!error.isError() && it != m_entries.end() && it->status == KeyStatus::Keychain) {
        it->key.clear();
        setStatus(*it, KeyStatus::None);
    }
    Q_EMIT keyRemoved(account, error);
}

void KeyRing::setStatus(Entry &entry, KeyStatus status)
{
    if (entry.status == status)
        return;
    entry.status = status;
    Q_EMIT statusChanged(entry.endpoint.id, status);
}

void KeyRing::checkLoaded()
{
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.status == KeyStatus::Loading) {
            m_loaded = false;
            return;
        }
    }
    if (m_loaded)
        return;
    m_loaded = true;
    Q_EMIT loaded();
}

const KeyRing::Entry *KeyRing::entryFor(const Endpoint &endpoint) const
{
    const auto it = m_entries.constFind(endpoint.id);
    if (it == m_entries.constEnd() || it->key.isEmpty())
        return nullptr;
    if (!sameOrigin(it->endpoint.baseUrl, endpoint.baseUrl))
        return nullptr; // the same id on another server: not this key's endpoint
    return &*it;
}

QString KeyRing::keyFor(const Endpoint &endpoint) const
{
    const Entry *entry = entryFor(endpoint);
    if (!entry || (isInsecure(endpoint.baseUrl) && !entry->insecureConfirmed))
        return {};
    return entry->key;
}

bool KeyRing::needsInsecureConfirmation(const Endpoint &endpoint) const
{
    const Entry *entry = entryFor(endpoint);
    return entry && isInsecure(endpoint.baseUrl) && !entry->insecureConfirmed;
}

bool KeyRing::confirmInsecure(const QString &endpointId)
{
    const auto it = m_entries.find(endpointId);
    if (it == m_entries.end())
        return false;
    it->insecureConfirmed = true;
    return true;
}

QString KeyRing::resolve(const Endpoint &endpoint)
{
    if (needsInsecureConfirmation(endpoint)) {
        const QString id = endpoint.id;
        // Reported from the event loop: the engine is in the middle of sending.
        QMetaObject::invokeMethod(
            this, [this, id] { Q_EMIT keyWithheld(id); }, Qt::QueuedConnection);
        return {};
    }
    return keyFor(endpoint);
}

KeyResolver KeyRing::resolver()
{
    return [ring = QPointer<KeyRing>(this)](
               const Endpoint &endpoint) { return ring ? ring->resolve(endpoint) : QString(); };
}

KeyRing::KeyStatus KeyRing::status(const QString &endpointId) const
{
    const auto it = m_entries.constFind(endpointId);
    return it == m_entries.constEnd() ? KeyStatus::None : it->status;
}

QString KeyRing::environmentVariable(const QString &endpointId) const
{
    return m_entries.value(endpointId).variable;
}

QString KeyRing::statusMessage(const QString &endpointId) const
{
    const auto it = m_entries.constFind(endpointId);
    if (it == m_entries.constEnd())
        return tr("Detour does not know endpoint \"%1\", so it sends it no key.").arg(endpointId);
    switch (it->status) {
    case KeyStatus::Loading:
        return tr("Detour is still looking for the key of \"%1\".").arg(endpointId);
    case KeyStatus::None:
        return tr("No key is set for \"%1\"; that is fine for a local server.").arg(endpointId);
    case KeyStatus::Environment:
        return tr("The key of \"%1\" comes from the environment variable %2.")
            .arg(endpointId, it->variable);
    case KeyStatus::Keychain:
        return tr("The key of \"%1\" is in the system keyring.").arg(endpointId);
    case KeyStatus::KeychainUnavailable:
        break;
    }
    return it->message;
}

} // namespace detour
