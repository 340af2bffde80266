// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretStore.h"
#include "route/Endpoint.h"

#include <QList>

namespace detour {

// Keys from environment variables; read-only. Accounts are endpoint ids:
// an endpoint's key is its own `key_env` variable, and for endpoints on
// openrouter.ai (over https) also OPENROUTER_API_KEY. Unknown accounts and
// unset variables read as "nothing stored".
class EnvironmentSecretStore final : public SecretStore {
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void setEndpoints(const QList<Endpoint> &endpoints) { m_endpoints = endpoints; }
    const QList<Endpoint> &endpoints() const { return m_endpoints; }

    void read(const QString &account) override;
    void write(const QString &account, const QString &secret) override;
    void remove(const QString &account) override;
    bool isPersistent() const override { return false; }
    bool isWritable() const override { return false; }

    static QString openRouterVariable(); // "OPENROUTER_API_KEY"
    // The variable that supplies `endpoint`'s key right now; empty when none is set.
    static QString variableFor(const Endpoint &endpoint);
    static QString keyFor(const Endpoint &endpoint);
    // https://openrouter.ai or a subdomain: the only place OPENROUTER_API_KEY goes on its own.
    static bool isOpenRouterService(const QUrl &url);

private:
    QList<Endpoint> m_endpoints;
};

} // namespace detour
