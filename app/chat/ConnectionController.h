// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/Endpoint.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace detour {

class Catalog;
class KeyRing;
class RouteChoices;
class RouteEngine;
class RouteStepsModel;
class ProxyKeeper;
class Settings;
struct LocalServerPreset;

// Where turns go: the built-in simulator (no key is ever looked up, every
// remote server is replaced by the simulator) or the real servers (keys from
// the environment or the keychain, each only for its own endpoint). Also keeps
// the model catalog of the active route's OpenRouter endpoint, on either side.
class ConnectionController final : public QObject {
    Q_OBJECT

public:
    struct Places {
        QUrl simulator; // the built-in simulator's base URL
        Endpoint openRouter; // the real OpenRouter, for the key and the built-in route
        QString cacheDirectory; // the catalog's cache; empty: the XDG cache folder
    };

    ConnectionController(RouteEngine *engine, KeyRing *keyRing, Settings *settings,
        RouteChoices *routes, RouteStepsModel *steps, const Places &places,
        QObject *parent = nullptr);
    ~ConnectionController() override;

    const Places &places() const { return m_places; }
    bool isSimulated() const { return m_simulated; }
    // Switches between the simulator and the real servers; the conversation stays. Going live
    // without an OpenRouter key asks for one (keyNeeded).
    void setSimulated(bool simulated);
    // The person chose the simulator: it stays on at the next start, with no question.
    void keepSimulated();
    // A start without a key on the command line: a stored OpenRouter key is used when there is
    // one, else keyNeeded. Unless the person chose the simulator for good.
    void adoptStoredKey();
    Catalog *catalog() const { return m_catalog.get(); } // null when the route has no OpenRouter
    // The proxy of Connection settings (applied to the engine at construction).
    ProxyKeeper *proxy() const { return m_proxy; }
    // Asks the server first (a step nobody answers would only add a failed attempt to every
    // turn); when it answers, it becomes the route's last step.
    void addLocalServer(const LocalServerPreset &preset);

Q_SIGNALS:
    void modeChanged(bool simulated);
    void catalogChanged(detour::Catalog *catalog);
    void keyNeeded(); // live on OpenRouter with no key: the person should add one
    void message(const QString &text); // for the status bar
    void localServerAdded(int step);
    void localServerMissing(const QString &sentence); // it did not answer: why, what to do

private:
    void applyMode();
    void startCatalog();
    void routeChanged();
    void askForKeyIfMissing();

    RouteEngine *m_engine;
    KeyRing *m_keyRing;
    Settings *m_settings;
    ProxyKeeper *m_proxy;
    RouteChoices *m_routes;
    RouteStepsModel *m_steps;
    Places m_places;
    bool m_simulated = true;
    std::unique_ptr<Catalog> m_catalog;
};

} // namespace detour
