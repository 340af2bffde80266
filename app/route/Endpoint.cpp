// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Endpoint.h"

#include <QHostAddress>

namespace detour {

using namespace Qt::StringLiterals;

bool isLoopbackUrl(const QUrl &url)
{
    QString host = url.host().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host == "localhost"_L1 || host.endsWith(".localhost"_L1))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace detour
