// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Settings.h"

#include "Redactor.h"
#include "RouteLibrary.h"
#include "protocol/EnumNames.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// INI keys.
const QString kSendWithEnter = u"ui/send_with_enter"_s;
const QString kLanguage = u"ui/language"_s;
const QString kSimulatedMode = u"ui/simulated_mode"_s;
const QString kWindowGeometry = u"ui/window_geometry"_s;
// One per screen size: "ui/layout_1280x800".
QString windowLayoutKey(const QSize &screenSize)
{
    return u"ui/layout_%1x%2"_s.arg(screenSize.width()).arg(screenSize.height());
}
const QString kColorScheme = u"ui/color_scheme"_s;
const QString kRecentPicks = u"ui/recent_picks"_s;
const QString kProxyMode = u"network/proxy"_s; // system | none | manual
const QString kProxyType = u"network/proxy_type"_s; // http | socks5
const QString kProxyHost = u"network/proxy_host"_s;
const QString kProxyPort = u"network/proxy_port"_s;
const QString kProxyUser = u"network/proxy_user"_s;

constexpr EnumNames simulatedModeNames { std::array {
    std::pair { Settings::SimulatedMode::Automatic, "auto"_L1 },
    std::pair { Settings::SimulatedMode::On, "on"_L1 },
    std::pair { Settings::SimulatedMode::Off, "off"_L1 },
} };

constexpr EnumNames colorSchemeNames { std::array {
    std::pair { Settings::ColorScheme::System, "system"_L1 },
    std::pair { Settings::ColorScheme::Light, "light"_L1 },
    std::pair { Settings::ColorScheme::Dark, "dark"_L1 },
} };

std::optional<bool> boolean(const QVariant &value)
{
    const QString text = value.toString().trimmed().toLower();
    if (text == "true"_L1 || text == "1"_L1)
        return true;
    if (text == "false"_L1 || text == "0"_L1)
        return false;
    return std::nullopt;
}

} // namespace

Settings::Settings(QObject *parent)
    : Settings(defaultFilePath(), parent)
{
}

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_file(std::make_unique<SettingsFile>(filePath))
    , m_routes(std::make_unique<RouteLibrary>(*m_file))
{
    load();
}

Settings::~Settings() = default;

QString Settings::defaultFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"detour.ini"_s);
}

void Settings::load()
{
    QSettings *store = m_file->values();
    if (!store)
        return;
    if (const auto value = boolean(store->value(kSendWithEnter)))
        m_sendWithEnter = *value;
    m_language = store->value(kLanguage).toString().trimmed();
    m_simulatedMode =
        simulatedModeNames.value(store->value(kSimulatedMode).toString()).value_or(m_simulatedMode);
    m_windowGeometry = store->value(kWindowGeometry).toByteArray();
    m_colorScheme =
        colorSchemeNames.value(store->value(kColorScheme).toString()).value_or(m_colorScheme);
    m_recentPicks = store->value(kRecentPicks).toStringList().mid(0, maxRecentPicks);
    m_proxy.mode =
        ProxyChoice::modeFromName(store->value(kProxyMode).toString()).value_or(m_proxy.mode);
    m_proxy.type =
        ProxyChoice::typeFromName(store->value(kProxyType).toString()).value_or(m_proxy.type);
    m_proxy.host = store->value(kProxyHost).toString().trimmed();
    const uint port = store->value(kProxyPort).toUInt();
    m_proxy.port = port <= 65535 ? quint16(port) : 0;
    m_proxy.user = store->value(kProxyUser).toString();
}

void Settings::setSendWithEnter(bool sendWithEnter)
{
    if (sendWithEnter == m_sendWithEnter)
        return;
    m_sendWithEnter = sendWithEnter;
    m_file->save(
        [sendWithEnter](QSettings &store) { store.setValue(kSendWithEnter, sendWithEnter); });
    Q_EMIT sendWithEnterChanged(sendWithEnter);
}

void Settings::setLanguage(const QString &language)
{
    const QString trimmed = language.trimmed();
    if (trimmed == m_language)
        return;
    m_language = trimmed;
    m_file->save([&trimmed](QSettings &store) {
        // Text on its way to disk: no known key and nothing shaped like a credential.
        store.setValue(kLanguage, Redactor::global().redact(trimmed));
    });
    Q_EMIT languageChanged(trimmed);
}

void Settings::setSimulatedMode(SimulatedMode mode)
{
    if (mode == m_simulatedMode)
        return;
    m_simulatedMode = mode;
    m_file->save([mode](QSettings &store) {
        store.setValue(kSimulatedMode, simulatedModeNames.name(mode));
    });
    Q_EMIT simulatedModeChanged(mode);
}

bool Settings::useSimulator(bool haveKey) const
{
    switch (m_simulatedMode) {
    case SimulatedMode::On:
        return true;
    case SimulatedMode::Off:
        return false;
    case SimulatedMode::Automatic:
        break;
    }
    return !haveKey;
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    if (geometry == m_windowGeometry)
        return;
    m_windowGeometry = geometry;
    m_file->save([&geometry](QSettings &store) { store.setValue(kWindowGeometry, geometry); });
}

QByteArray Settings::windowLayout(const QSize &screenSize) const
{
    const QSettings *store = m_file->values();
    return store ? store->value(windowLayoutKey(screenSize)).toByteArray() : QByteArray();
}

void Settings::setWindowLayout(const QSize &screenSize, const QByteArray &layout)
{
    if (layout == windowLayout(screenSize))
        return;
    m_file->save([&](QSettings &store) { store.setValue(windowLayoutKey(screenSize), layout); });
}

void Settings::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_colorScheme)
        return;
    m_colorScheme = scheme;
    m_file->save([scheme](QSettings &store) {
        store.setValue(kColorScheme, colorSchemeNames.name(scheme));
    });
    Q_EMIT colorSchemeChanged(scheme);
}

void Settings::notePick(const QString &pick)
{
    QStringList picks = m_recentPicks;
    picks.removeAll(pick);
    picks.prepend(pick);
    picks = picks.mid(0, maxRecentPicks);
    if (picks == m_recentPicks)
        return;
    m_recentPicks = picks;
    m_file->save([&picks](QSettings &store) {
        // Route names and model ids, on their way to disk: nothing shaped like a credential.
        QStringList redacted;
        for (const QString &item : picks)
            redacted << Redactor::global().redact(item);
        store.setValue(kRecentPicks, redacted);
    });
    Q_EMIT recentPicksChanged(picks);
}

void Settings::setProxy(const ProxyChoice &proxy)
{
    ProxyChoice kept = proxy;
    kept.host = kept.host.trimmed();
    kept.password.clear(); // the keychain's
    if (kept == m_proxy)
        return;
    m_proxy = kept;
    m_file->save([&kept](QSettings &store) {
        store.setValue(kProxyMode, ProxyChoice::modeName(kept.mode));
        store.setValue(kProxyType, ProxyChoice::typeName(kept.type));
        store.setValue(kProxyHost, kept.host);
        store.setValue(kProxyPort, kept.port);
        store.setValue(kProxyUser, kept.user);
    });
    Q_EMIT proxyChanged();
}

} // namespace detour
