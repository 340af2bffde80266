// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "EndpointParam.h"
#include "protocol/EndpointKind.h"

#include <QString>
#include <QUrl>

namespace detour {

// A base URL + API style + where its key comes from. A key is only ever sent
// to the endpoint it belongs to.
struct Endpoint {
    QString id;
    EndpointKind kind = EndpointKind::OpenRouter;
    QUrl baseUrl; // e.g. https://openrouter.ai/api/v1
    QString keyEnv; // environment variable holding the key; empty for keyless local servers
    // A PEM file of certificate authorities trusted for this endpoint in addition
    // to the system's (a company authority that inspects TLS); empty for none.
    QString caFile = {};
    // "proxy": "direct" in the route file: never through the configured proxy
    // (a server on this computer or in the office network).
    bool direct = false;
    // Headers and query parameters sent with every request to this endpoint (a
    // gateway's own: "x-portkey-provider", Azure's "api-version"); see EndpointParam.
    EndpointParams headers = {};
    EndpointParams query = {};

    bool operator==(const Endpoint &) const = default;
};

// True for a URL on this machine: a host in 127.0.0.0/8, ::1 or localhost (and
// *.localhost). Requests to it never leave the computer.
bool isLoopbackUrl(const QUrl &url);

} // namespace detour
