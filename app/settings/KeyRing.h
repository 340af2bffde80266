// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "EndpointSecrets.h"
#include "EnvironmentSecretStore.h"
#include "SecretError.h"
#include "route/Endpoint.h"
#include "route/TurnRunner.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace detour {

class SecretStore;

// The keys the engine uses, held in memory. setEndpoints() loads each
// endpoint's key asynchronously (its environment variable first, then the
// keychain); resolver() then answers synchronously for RouteEngine.
//
// A key belongs to one endpoint: it is only returned for a request whose
// endpoint has the same id *and* the same origin (scheme, host, port) as the
// endpoint it was loaded for, so a route that reuses an id for another server
// gets no key. Over plain http:// to a host that is not loopback, the key is
// withheld until confirmInsecure() (the window asks the person first).
// Every key learned is added to Redactor's process-wide set.
class KeyRing final : public QObject {
    Q_OBJECT

public:
    enum class KeyStatus {
        Loading,
        None, // no key anywhere (fine for local servers)
        Environment,
        Keychain,
        KeychainUnavailable, // no key from the environment and the keychain failed
    };
    Q_ENUM(KeyStatus)

    // `keychain` may be null (environment only); it is not owned and must outlive the ring.
    explicit KeyRing(SecretStore *keychain, QObject *parent = nullptr);
    ~KeyRing() override;

    // Registers the endpoints keys may be sent to (the trusted ones from
    // Settings) and (re)loads the keys of new or changed ones. Endpoints no
    // longer listed lose their key.
    void setEndpoints(const QList<Endpoint> &endpoints);
    QList<Endpoint> endpoints() const;
    // Reads every key again.
    void reload();
    bool isLoaded() const;

    // For RouteEngine::setKeyResolver. Safe to keep after the ring is gone (then: no key).
    KeyResolver resolver();
    // The values of the endpoints' secret headers and query parameters, loaded with the
    // keys by setEndpoints() (RouteEngine::setParamResolver).
    EndpointSecrets *secrets() { return &m_secrets; }
    // What the resolver returns, without side effects.
    QString keyFor(const Endpoint &endpoint) const;

    KeyStatus status(const QString &endpointId) const;
    // One sentence for the status bar's tooltip.
    QString statusMessage(const QString &endpointId) const;
    // The environment variable that supplied the key (Environment status only).
    QString environmentVariable(const QString &endpointId) const;

    // http:// to a host other than 127.0.0.0/8, ::1 or localhost.
    static bool isInsecure(const QUrl &url);
    static bool isLoopback(const QUrl &url);
    // True when `endpoint` has a key that is withheld because it would travel unencrypted.
    bool needsInsecureConfirmation(const Endpoint &endpoint) const;
    // The person agreed to send this endpoint's key over http://; lapses when
    // the endpoint's origin changes. False for an unknown endpoint.
    bool confirmInsecure(const QString &endpointId);

    // The keychain the keys are kept in (null when there is none); other secrets of
    // Detour (the proxy's password) are kept there too, under their own accounts.
    SecretStore *keychain() const { return m_keychain; }

    // Saves a key in the keychain; once saved it is used (unless the
    // environment supplies one, which wins). Answered by keyStored.
    void storeKey(const QString &endpointId, const QString &key);
    // Removes the keychain's key. Answered by keyRemoved.
    void removeKey(const QString &endpointId);

Q_SIGNALS:
    // Every registered endpoint has its key status (emitted after each load).
    void loaded();
    void statusChanged(const QString &endpointId, detour::KeyRing::KeyStatus status);
    void keyStored(const QString &endpointId, const detour::SecretError &error);
    void keyRemoved(const QString &endpointId, const detour::SecretError &error);
    // A request went without its key because the endpoint is insecure and unconfirmed.
    void keyWithheld(const QString &endpointId);

private:
    struct Entry {
        Endpoint endpoint;
        QString key;
        KeyStatus status = KeyStatus::Loading;
        QString message; // the keychain's sentence when it failed
        QString variable; // environment variable of an Environment key
        bool insecureConfirmed = false;
        int pendingEnvironment = 0;
        int pendingKeychain = 0;
    };

    void load(const QString &endpointId);
    void onEnvironmentRead(const QString &account, const QString &secret);
    void onKeychainRead(const QString &account, const QString &secret, const SecretError &error);
    void onKeychainWritten(const QString &account, const SecretError &error);
    void onKeychainRemoved(const QString &account, const SecretError &error);
    void setStatus(Entry &entry, KeyStatus status);
    void checkLoaded();
    QString resolve(const Endpoint &endpoint);
    const Entry *entryFor(const Endpoint &endpoint) const;

    EnvironmentSecretStore m_environment;
    EndpointSecrets m_secrets;
    QPointer<SecretStore> m_keychain;
    QHash<QString, Entry> m_entries;
    QStringList m_order; // endpoint ids in registration order
    QHash<QString, QStringList> m_pendingWrites; // endpoint id -> keys being saved, oldest first
    QHash<QString, int> m_pendingRemovals;
    bool m_loaded = false;
};

} // namespace detour
