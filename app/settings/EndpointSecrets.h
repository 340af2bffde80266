// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretError.h"
#include "route/EndpointRequest.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace detour {

class SecretStore;

// The secret values of endpoints' headers and query parameters ({"env": "VAR"},
// {"keyring": "entry"}), held in memory like KeyRing holds keys: setEndpoints()
// reads the keyring entries the endpoints name (asynchronously); resolver() then
// answers synchronously for RouteEngine. A value is only returned for a request
// whose endpoint has the same id and origin as a registered one that names this
// very header or parameter, and every value learned is added to Redactor's set.
// Keyring entries live under their own accounts (EndpointParam::keychainAccount),
// never an endpoint's key account.
class EndpointSecrets final : public QObject {
    Q_OBJECT

public:
    // `keychain` may be null (environment only); it is not owned.
    explicit EndpointSecrets(SecretStore *keychain, QObject *parent = nullptr);
    ~EndpointSecrets() override;

    void setEndpoints(const QList<Endpoint> &endpoints);
    // Reads every keyring entry again.
    void reload();

    // For RouteEngine::setParamResolver. Safe to keep after this object is gone.
    ParamResolver resolver();
    QString valueFor(const Endpoint &endpoint, const EndpointParam &param) const;
    // Whether a keyring entry has a value (the editor shows "saved" / "not saved").
    bool hasEntry(const QString &entry) const;

    // Saves a keyring entry's value; answered by entryStored.
    void storeEntry(const QString &entry, const QString &value);

Q_SIGNALS:
    void entryLoaded(const QString &entry);
    void entryStored(const QString &entry, const detour::SecretError &error);

private:
    void onRead(const QString &account, const QString &secret, const SecretError &error);
    void onWritten(const QString &account, const SecretError &error);
    bool isRegistered(const Endpoint &endpoint, const EndpointParam &param) const;

    QPointer<SecretStore> m_keychain;
    QList<Endpoint> m_endpoints;
    QHash<QString, QString> m_entries; // keyring entry -> value
    QSet<QString> m_reading; // entries being read
    QHash<QString, QStringList> m_writing; // entry -> values being saved, oldest first
};

} // namespace detour
