// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SecretScrubber.h"

#include "Redactor.h"

#include <QRegularExpression>

namespace detour {

using namespace Qt::StringLiterals;

bool SecretScrubber::isVariableName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z_][A-Za-z0-9_]{0,127}$"_s);
    return pattern.match(name).hasMatch();
}

QUrl SecretScrubber::scrubbedUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

Endpoint SecretScrubber::scrubbed(const Endpoint &endpoint)
{
    Endpoint clean = endpoint;
    clean.baseUrl = scrubbedUrl(endpoint.baseUrl);
    if (!isVariableName(clean.keyEnv) || Redactor::global().containsSecret(clean.keyEnv))
        clean.keyEnv.clear();
    return clean;
}

RoutePlan SecretScrubber::scrubbed(const RoutePlan &plan)
{
    RoutePlan clean = plan;
    for (Endpoint &endpoint : clean.endpoints)
        endpoint = scrubbed(endpoint);
    return clean;
}

} // namespace detour
