// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "ProxyChoice.h"

#include <QObject>

class QNetworkAccessManager;

namespace detour {

// Where the engine's requests leave from. Qt sets a proxy per manager, not per
// request, so there are two: the shared one with the proxy of Connection settings,
// and a direct one for endpoints marked "proxy": "direct" in the route. Chat,
// catalog and generation-stats requests all pick their manager here.
class NetworkAccess final : public QObject {
    Q_OBJECT

public:
    explicit NetworkAccess(QObject *parent = nullptr);
    ~NetworkAccess() override;

    // Applies to requests made from now on; those in flight keep their way.
    void setProxy(const ProxyChoice &choice);
    const ProxyChoice &proxy() const { return m_choice; }

    // The manager with the configured proxy.
    QNetworkAccessManager *shared() const { return m_shared; }
    QNetworkAccessManager *forEndpoint(const Endpoint &endpoint) const;

    // Which way a request to `endpoint` goes, for the inspector: "direct",
    // "HTTP proxy host:port", "SOCKS5 proxy host:port", or for the system's
    // settings "system: http://host:port" / "system: direct". Never a password.
    QString routeText(const Endpoint &endpoint) const;

private:
    ProxyChoice m_choice;
    QNetworkAccessManager *m_shared;
    QNetworkAccessManager *m_direct;
};

} // namespace detour
