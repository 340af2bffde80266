// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MemorySecretStore.h"

namespace detour {

void MemorySecretStore::read(const QString &account)
{
    if (m_failure.isError())
        finishReadLater(account, QString(), m_failure);
    else
        finishReadLater(account, m_secrets.value(account), {});
}

void MemorySecretStore::write(const QString &account, const QString &secret)
{
    if (!m_failure.isError())
        m_secrets.insert(account, secret);
    finishWriteLater(account, m_failure);
}

void MemorySecretStore::remove(const QString &account)
{
    if (!m_failure.isError())
        m_secrets.remove(account);
    finishRemoveLater(account, m_failure);
}

} // namespace detour
