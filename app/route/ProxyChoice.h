// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QNetworkProxy>
#include <QString>
#include <optional>

namespace detour {

// The proxy requests go through, as chosen in Connection settings: the system's
// (the environment's http_proxy / https_proxy / no_proxy, as before there was a
// choice), none, or one named by hand (HTTP or SOCKS5, optionally with a user and
// password). The password lives in the keychain; Settings never writes it.
struct ProxyChoice {
    enum class Mode { System, None, Manual };
    enum class Type { Http, Socks5 };

    Mode mode = Mode::System;
    Type type = Type::Http;
    QString host;
    quint16 port = 0;
    QString user;
    QString password;

    bool operator==(const ProxyChoice &) const = default;

    // Manual with a host and a port; System and None always are.
    bool isComplete() const;
    // The proxy for Qt: DefaultProxy (the application's / system's) for System,
    // NoProxy for None. A SOCKS5 proxy is asked to resolve host names itself
    // (socks5h), so that names only the proxy knows still work.
    QNetworkProxy networkProxy() const;

    static QString modeName(Mode mode); // "system" | "none" | "manual"
    static std::optional<Mode> modeFromName(QStringView name);
    static QString typeName(Type type); // "http" | "socks5"
    static std::optional<Type> typeFromName(QStringView name);
};

} // namespace detour
