// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace detour {

// Which proxy a request to `url` goes through, as "host:port" for sentences:
// the manager's own proxy when one is set, else what the application's or
// the system's configuration (http_proxy, https_proxy, no_proxy) picks.
// Empty when the request goes direct or the proxy is not known.
class ProxyDescription final {
public:
    static QString forRequest(const QNetworkAccessManager &network, const QUrl &url);
};

} // namespace detour
