// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SecretStore.h"

namespace detour {

SecretStore::~SecretStore() = default;

void SecretStore::finishReadLater(
    const QString &account, const QString &secret, const SecretError &error)
{
    QMetaObject::invokeMethod(
        this, [this, account, secret, error] { Q_EMIT readFinished(account, secret, error); },
        Qt::QueuedConnection);
}

void SecretStore::finishWriteLater(const QString &account, const SecretError &error)
{
    QMetaObject::invokeMethod(
        this, [this, account, error] { Q_EMIT writeFinished(account, error); },
        Qt::QueuedConnection);
}

void SecretStore::finishRemoveLater(const QString &account, const SecretError &error)
{
    QMetaObject::invokeMethod(
        this, [this, account, error] { Q_EMIT removeFinished(account, error); },
        Qt::QueuedConnection);
}

} // namespace detour
