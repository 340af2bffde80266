// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "protocol/Diagnosis.h"

#include <QNetworkReply>
#include <QStringList>
#include <optional>

class QNetworkRequest;

namespace detour {

// Failures of the way to an endpoint rather than of its answer: no network, an unusable
// certificate authority file, a proxy that refuses, a certificate that is not trusted, a
// connection that broke. Each is diagnosed so that the endpoint is not blamed for it.
class ConnectionTrouble final {
public:
    // Before a request goes out: why it must not (offline for a remote endpoint, the
    // endpoint's ca_file unusable), or nothing, with the file's authorities added to
    // `request`. The file is read on every call: it may have been replaced since the
    // route was read.
    static std::optional<Diagnosis> beforeSending(
        const Endpoint &endpoint, bool offline, QNetworkRequest &request);

    // What a finished reply said of the way there.
    struct Reply {
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorText;
        int httpStatus = 0;
        QString proxy; // "host:port" of the proxy it went through; empty if direct
        QStringList certificateProblems; // why the server's certificate was refused
        bool offline = false; // the machine lost its network while waiting
    };
    // The diagnosis when the trouble was on the way (a proxy's refusal or 407, or no
    // HTTP status at all); nothing when the endpoint answered and its answer decides.
    static std::optional<Diagnosis> afterReply(const Reply &reply, EndpointKind kind);
};

} // namespace detour
