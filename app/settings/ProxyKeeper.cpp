// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProxyKeeper.h"

#include "Redactor.h"
#include "SecretStore.h"
#include "Settings.h"
#include "route/NetworkAccess.h"

namespace detour {

using namespace Qt::StringLiterals;

QString ProxyKeeper::account()
{
    return u"network-proxy-password"_s;
}

ProxyKeeper::ProxyKeeper(
    Settings *settings, SecretStore *keychain, NetworkAccess *network, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_keychain(keychain)
    , m_network(network)
{
    if (keychain) {
        connect(keychain, &SecretStore::readFinished, this, &ProxyKeeper::onRead);
        connect(keychain, &SecretStore::writeFinished, this, &ProxyKeeper::onWritten);
        connect(keychain, &SecretStore::removeFinished, this, &ProxyKeeper::onWritten);
    }
}

void ProxyKeeper::apply()
{
    const ProxyChoice saved = m_settings->proxy();
    if (saved.mode == ProxyChoice::Mode::Manual && !saved.user.isEmpty() && m_keychain) {
        m_reading = true;
        m_keychain->read(account());
        return;
    }
    use(saved);
}

void ProxyKeeper::change(const ProxyChoice &choice)
{
    m_reading = false; // what the person typed wins over a read still under way
    m_settings->setProxy(choice);
    const bool keeps = choice.mode == ProxyChoice::Mode::Manual && !choice.user.isEmpty();
    if (m_keychain) {
        if (keeps && !choice.password.isEmpty())
            m_keychain->write(account(), choice.password);
        else
            m_keychain->remove(account());
    } else if (keeps && !choice.password.isEmpty()) {
        Q_EMIT problem(tr("The proxy password is used until Detour quits: there is no keychain "
                          "to keep it in."));
    }
    use(choice);
}

ProxyChoice ProxyKeeper::current() const
{
    return m_network->proxy();
}

void ProxyKeeper::onRead(const QString &account, const QString &secret, const SecretError &error)
{
    if (account != ProxyKeeper::account() || !m_reading)
        return;
    m_reading = false;
    ProxyChoice saved = m_settings->proxy();
    if (error.isError()) {
        Q_EMIT problem(
            tr("The proxy password could not be read from the keychain: %1").arg(error.message));
    }
    saved.password = secret;
    use(saved);
}

void ProxyKeeper::onWritten(const QString &account, const SecretError &error)
{
    if (account == ProxyKeeper::account() && error.isError()) {
        Q_EMIT problem(
            tr("The proxy password could not be saved in the keychain: %1").arg(error.message));
    }
}

void ProxyKeeper::use(const ProxyChoice &choice)
{
    if (!choice.password.isEmpty())
        Redactor::remember(choice.password); // never in a log or an export
    m_network->setProxy(choice);
    Q_EMIT applied();
}

} // namespace detour
