// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretError.h"
#include "route/ProxyChoice.h"

#include <QObject>
#include <QPointer>

namespace detour {

class NetworkAccess;
class SecretStore;
class Settings;

// Keeps the proxy of Connection settings: the choice in Settings, its password in the
// keychain (the same store as the keys, under its own account), and both applied to
// the engine's NetworkAccess. The window and `detour --ask` use it alike.
class ProxyKeeper final : public QObject {
    Q_OBJECT

public:
    // The keychain account of the proxy's password (no endpoint id looks like it).
    static QString account();

    // `keychain` may be null (no password can be kept); none is owned, all must outlive it.
    ProxyKeeper(Settings *settings, SecretStore *keychain, NetworkAccess *network,
        QObject *parent = nullptr);

    // Applies the saved choice, reading its password from the keychain first when it
    // has a user. Answered by `applied` (also when the keychain failed: then without
    // the password, and `problem` says why).
    void apply();
    // Saves `choice` (its password in the keychain; an empty one is removed) and applies it.
    void change(const ProxyChoice &choice);
    // The choice in use, with its password.
    ProxyChoice current() const;

Q_SIGNALS:
    void applied();
    void problem(const QString &sentence);

private:
    void onRead(const QString &account, const QString &secret, const SecretError &error);
    void onWritten(const QString &account, const SecretError &error);
    void use(const ProxyChoice &choice);

    Settings *m_settings;
    QPointer<SecretStore> m_keychain;
    NetworkAccess *m_network;
    bool m_reading = false;
};

} // namespace detour
