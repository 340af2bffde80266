// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "KeychainSecretStore.h"

#include "SettingsLog.h"

#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// QtKeychain reports a missing Secret Service / D-Bus / KWallet mostly as
// OtherError with the backend's own words; these are the words it uses.
bool soundsUnavailable(const QString &detail)
{
    static const QLatin1StringView hints[] = {
        "d-bus"_L1,
        "dbus"_L1,
        "autolaunch"_L1,
        "org.freedesktop.secrets"_L1,
        "secret service"_L1,
        "not provided by any"_L1,
        "could not connect"_L1,
        "no keychain service"_L1,
        "no keyring daemon"_L1,
        "wallet"_L1,
        "unknown error"_L1,
    };
    const QString lower = detail.toLower();
    for (QLatin1StringView hint : hints) {
        if (lower.contains(hint))
            return true;
    }
    return false;
}

} // namespace

QString KeychainSecretStore::failureMessage(Operation operation, const QString &detail)
{
    const QString reason = detail.isEmpty() ? tr("no details") : detail;
    switch (operation) {
    case Operation::Read:
        return tr("The system keyring could not read the key (%1).").arg(reason);
    case Operation::Write:
        return tr("The system keyring could not save the key (%1).").arg(reason);
    case Operation::Remove:
        break;
    }
    return tr("The system keyring could not remove the key (%1).").arg(reason);
}

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(defaultService(), parent)
{
}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::defaultService()
{
    return u"Detour"_s;
}

QString KeychainSecretStore::unavailableMessage()
{
    return tr("No system keyring is running, so Detour cannot store keys; set "
              "OPENROUTER_API_KEY (or the variable the endpoint names) instead.");
}

void KeychainSecretStore::read(const QString &account)
{
    run(new QKeychain::ReadPasswordJob(m_service), Operation::Read, account);
}

void KeychainSecretStore::write(const QString &account, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    run(job, Operation::Write, account);
}

void KeychainSecretStore::remove(const QString &account)
{
    run(new QKeychain::DeletePasswordJob(m_service), Operation::Remove, account);
}

void KeychainSecretStore::run(QKeychain::Job *job, Operation operation, const QString &account)
{
    // Never a plain-text file in place of the keyring.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(account);

    // The job is not parented to the store: QtKeychain's backends keep a
    // pointer to it until they call back, so it must outlive us and delete itself.
    auto settled = std::make_shared<bool>(false);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);

    const auto finish = [this, operation, account](
                            const QString &secret, const SecretError &error) {
        switch (operation) {
        case Operation::Read:
            Q_EMIT readFinished(account, secret, error);
            break;
        case Operation::Write:
            Q_EMIT writeFinished(account, error);
            break;
        case Operation::Remove:
            Q_EMIT removeFinished(account, error);
            break;
        }
    };

    connect(job, &QKeychain::Job::finished, this,
        [operation, settled, timer, finish](QKeychain::Job *done) {
            if (*settled)
                return;
            *settled = true;
            timer->deleteLater();

            const QKeychain::Error code = done->error();
            if (code == QKeychain::NoError) {
                const auto *reader = qobject_cast<QKeychain::ReadPasswordJob *>(done);
                finish(reader ? reader->textData() : QString(), {});
                return;
            }
            if (code == QKeychain::EntryNotFound && operation != Operation::Write) {
                finish(QString(), {}); // nothing stored, or nothing left to remove
                return;
            }
            const QString detail = done->errorString().trimmed();
            SecretError error;
            switch (code) {
            case QKeychain::NoBackendAvailable:
            case QKeychain::NotImplemented:
                error = { SecretError::Kind::Unavailable,
                    KeychainSecretStore::unavailableMessage() };
                break;
            case QKeychain::AccessDenied:
            case QKeychain::AccessDeniedByUser:
                error = { SecretError::Kind::Denied,
                    tr("The system keyring is locked or refused access, so Detour cannot use "
                       "its keys; unlock it, or set OPENROUTER_API_KEY (or the variable the "
                       "endpoint names) instead.") };
                break;
            default:
                if (soundsUnavailable(detail))
                    error = { SecretError::Kind::Unavailable,
                        KeychainSecretStore::unavailableMessage() };
                else
                    error = { SecretError::Kind::Failed, failureMessage(operation, detail) };
                break;
            }
            qCWarning(lcSettings).noquote() << "keyring:" << error.message;
            finish(QString(), error);
        });

    connect(timer, &QTimer::timeout, this, [this, settled, timer, finish] {
        if (*settled)
            return;
        *settled = true;
        timer->deleteLater();
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count();
        finish(QString(),
            { SecretError::Kind::Unavailable,
                tr("The system keyring did not answer within %1 seconds; unlock it, or set "
                   "OPENROUTER_API_KEY (or the variable the endpoint names) instead.")
                    .arg(seconds) });
    });

    timer->start(m_timeout);
    job->start();
}

} // namespace detour
