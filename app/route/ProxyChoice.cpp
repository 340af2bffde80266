// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ProxyChoice.h"

#include "protocol/EnumNames.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

constexpr EnumNames modeNames { std::array {
    std::pair { ProxyChoice::Mode::System, "system"_L1 },
    std::pair { ProxyChoice::Mode::None, "none"_L1 },
    std::pair { ProxyChoice::Mode::Manual, "manual"_L1 },
} };

constexpr EnumNames typeNames { std::array {
    std::pair { ProxyChoice::Type::Http, "http"_L1 },
    std::pair { ProxyChoice::Type::Socks5, "socks5"_L1 },
} };

} // namespace

bool ProxyChoice::isComplete() const
{
    return mode != Mode::Manual || (!host.trimmed().isEmpty() && port != 0);
}

QNetworkProxy ProxyChoice::networkProxy() const
{
    switch (mode) {
    case Mode::System:
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case Mode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case Mode::Manual:
        break;
    }
    QNetworkProxy proxy(
        type == Type::Socks5 ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
        host.trimmed(), port, user, password);
    if (type == Type::Socks5) {
        proxy.setCapabilities(proxy.capabilities() | QNetworkProxy::HostNameLookupCapability);
    }
    return proxy;
}

QString ProxyChoice::modeName(Mode mode)
{
    return modeNames.name(mode);
}

std::optional<ProxyChoice::Mode> ProxyChoice::modeFromName(QStringView name)
{
    return modeNames.value(name);
}

QString ProxyChoice::typeName(Type type)
{
    return typeNames.name(type);
}

std::optional<ProxyChoice::Type> ProxyChoice::typeFromName(QStringView name)
{
    return typeNames.value(name);
}

} // namespace detour
