// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SettingsFile.h"
#include "route/ProxyChoice.h"

#include <QByteArray>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <memory>

namespace detour {

class RouteLibrary;

// Detour's settings, typed, over an INI file (SettingsFile), by default
// `<AppConfigLocation>/detour.ini`; tests pass their own path. Values are read
// once at construction and written through on every change; each has its
// change signal, emitted only when the value really changes. The routes live
// in routeLibrary().
//
// Keys are never stored here, by construction: routes carry only the name of
// the environment variable that holds an endpoint's key, whatever could carry
// a key is scrubbed, and every text written passes through Redactor's
// process-wide set. A file that cannot be trusted is reported by file() and
// kept aside before anything is saved.
class Settings final : public QObject {
    Q_OBJECT

public:
    // Automatic: the simulator when no key is configured, else the real servers.
    enum class SimulatedMode { Automatic, On, Off };
    Q_ENUM(SimulatedMode)

    // System: the palette of the platform theme (KDE, qt6ct, ...); Light and Dark override it.
    enum class ColorScheme { System, Light, Dark };
    Q_ENUM(ColorScheme)

    explicit Settings(QObject *parent = nullptr);
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;

    static QString defaultFilePath();
    const SettingsFile &file() const { return *m_file; }
    RouteLibrary &routeLibrary() { return *m_routes; }
    const RouteLibrary &routeLibrary() const { return *m_routes; }

    // sendWithEnter false: Ctrl+Enter sends, Enter inserts a newline.
    bool sendWithEnter() const { return m_sendWithEnter; }
    void setSendWithEnter(bool sendWithEnter);
    // A locale name such as "de" or "pt_BR"; empty = the system's language.
    QString language() const { return m_language; }
    void setLanguage(const QString &language);
    SimulatedMode simulatedMode() const { return m_simulatedMode; }
    void setSimulatedMode(SimulatedMode mode);
    // Whether turns go to the built-in simulator, given whether a key is configured.
    bool useSimulator(bool haveKey) const;
    QByteArray windowGeometry() const { return m_windowGeometry; }
    void setWindowGeometry(const QByteArray &geometry);
    // The window's panels as last arranged on a screen of `screenSize` (each size has its own,
    // so a laptop's layout does not cramp the desktop's); empty when never saved there.
    QByteArray windowLayout(const QSize &screenSize) const;
    void setWindowLayout(const QSize &screenSize, const QByteArray &layout);
    ColorScheme colorScheme() const { return m_colorScheme; }
    void setColorScheme(ColorScheme scheme);
    // The quick switcher's recent picks, newest first ("route:NAME", "model:ID"), at most
    // maxRecentPicks; notePick moves (or adds) one to the front.
    static constexpr int maxRecentPicks = 8;
    QStringList recentPicks() const { return m_recentPicks; }
    void notePick(const QString &pick);
    // The proxy of Connection settings, without its password (that is in the keychain:
    // ProxyPassword); the password of `proxy` is never written.
    ProxyChoice proxy() const { return m_proxy; }
    void setProxy(const ProxyChoice &proxy);

Q_SIGNALS:
    void sendWithEnterChanged(bool sendWithEnter);
    void languageChanged(const QString &language);
    void simulatedModeChanged(detour::Settings::SimulatedMode mode);
    void colorSchemeChanged(detour::Settings::ColorScheme scheme);
    void recentPicksChanged(const QStringList &picks);
    void proxyChanged();

private:
    void load();

    std::unique_ptr<SettingsFile> m_file;
    std::unique_ptr<RouteLibrary> m_routes;
    // Every default, in one place.
    bool m_sendWithEnter = false;
    QString m_language;
    SimulatedMode m_simulatedMode = SimulatedMode::Automatic;
    QByteArray m_windowGeometry;
    ColorScheme m_colorScheme = ColorScheme::System;
    QStringList m_recentPicks;
    ProxyChoice m_proxy; // System
};

} // namespace detour
