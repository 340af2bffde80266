// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LinkPolicy.h"

namespace detour {

using namespace Qt::StringLiterals;

bool LinkPolicy::mayOpen(const QUrl &url)
{
    if (!url.isValid())
        return false;
    const QString scheme = url.scheme();
    if (scheme == "http"_L1 || scheme == "https"_L1)
        return !url.host().isEmpty();
    return scheme == "mailto"_L1 && !url.path().isEmpty();
}

QString LinkPolicy::confirmation(const QUrl &url)
{
    return tr("Open this address in your browser?\n\n%1").arg(url.toDisplayString());
}

QString LinkPolicy::refusal(const QUrl &url)
{
    return url.scheme().isEmpty()
        ? tr("Not opened: the link has no scheme (http, https or mailto).")
        : tr("Not opened: %1 links are not allowed.").arg(url.scheme());
}

} // namespace detour
