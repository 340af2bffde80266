// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretStore.h"

#include <QHash>

namespace detour {

// Keeps secrets in memory only: for tests, and for trying Detour without a keyring.
// setFailure() makes every later call fail the way a real keyring can.
class MemorySecretStore final : public SecretStore {
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    void read(const QString &account) override;
    void write(const QString &account, const QString &secret) override;
    void remove(const QString &account) override;
    bool isPersistent() const override { return false; }

    void setFailure(const SecretError &error) { m_failure = error; }
    // Synchronous view for tests.
    QHash<QString, QString> contents() const { return m_secrets; }

private:
    QHash<QString, QString> m_secrets;
    SecretError m_failure;
};

} // namespace detour
