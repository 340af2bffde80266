// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SecretStore.h"

#include <chrono>

namespace QKeychain {
class Job;
}

namespace detour {

// Keys in the system keyring through QtKeychain (Secret Service / KWallet on
// Linux, Keychain on macOS, Credential Manager on Windows): service "Detour",
// one account per endpoint id. QtKeychain's plain-text fallback is always off:
// without a keyring the calls fail with one clear sentence and nothing is
// written anywhere.
class KeychainSecretStore final : public SecretStore {
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    QString service() const { return m_service; }
    // A keyring that does not answer within this time (no main loop for its
    // callbacks, a forgotten unlock prompt) is reported unavailable; its late
    // answer is ignored. Default: 60 s, enough to answer an unlock prompt.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void read(const QString &account) override;
    void write(const QString &account, const QString &secret) override;
    void remove(const QString &account) override;
    bool isPersistent() const override { return true; }

    static QString defaultService(); // "Detour"
    static QString unavailableMessage();

private:
    enum class Operation { Read, Write, Remove };
    void run(QKeychain::Job *job, Operation operation, const QString &account);
    static QString failureMessage(Operation operation, const QString &detail);

    QString m_service;
    std::chrono::milliseconds m_timeout { 60'000 };
};

} // namespace detour
