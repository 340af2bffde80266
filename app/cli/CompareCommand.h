// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ConversationSettings.h"
#include "route/RoutePlan.h"

#include <QObject>
#include <QStringList>
#include <memory>

class QTextStream;

namespace detour {

class ProxyKeeper;
class RouteComparison;
class RouteEngine;
class SecretStore;
class Settings;
class SimServer;
class SystemReachability;
struct Attempt;

// `detour --ask TEXT --route A.json --route B.json [--route …] [--simulate [SCENARIO]]
//  [--json] [--system TEXT] [--set NAME=VALUE]... [--attach FILE]... [--trace-file FILE]`:
// one question to two to four routes at once, through one engine (a cooldown one route
// learns is seen by the others). Each route's attempts go to stderr as they happen,
// marked with the route's name. Once all have finished, without --json each route's
// answer is printed under its name with its badge, then the summary; with --json one
// object:
//
//   {"type": "comparison", "question": TEXT,
//    "routes": [{"route": NAME, "route_file": PATH, "first_token_ms": N|null,
//                "tokens_per_second": X|null, "cost": X|null,
//                ...every field of --ask's turn object, with "attempts" the array of
//                attempt objects (as in --trace-file)}, ...],   // in --route order
//    "summary": {"first_token": NAME|null, "fastest": NAME|null, "cheapest": NAME|null,
//                "text": SENTENCE},
//    "served": N, "routes_count": M}
//
// Exit status: 0 every route served, 4 some did, 2 none did, 1 usage error. A comparison
// is not recorded in the conversation history (--db and --no-history do not apply).
class CompareCommand final : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString text;
        QStringList routeFiles; // two to four
        bool simulate = false;
        QString scenario; // built-in name or file; empty: "demo"
        bool json = false;
        QString systemPrompt;
        QStringList assignments; // NAME=VALUE (ConversationSettings::set), in order
        QStringList attachPaths {};
        QString traceFile {}; // when set, each route's turn is appended as one JSON line
        QString settingsPath {}; // the window's settings file (the proxy); empty: the default
    };
    enum ExitCode { AllServed = 0, UsageError = 1, NoneServed = 2, SomeServed = 4 };

    CompareCommand(
        const Options &options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~CompareCommand() override;

    // Starts the comparison; `done` follows. Returns false (having printed why) on a usage
    // error.
    bool start();
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    bool readRoutes();
    bool readSettings(); // --system, --set and --attach (AskCommand's readers); false having said why
    void begin();
    void printAttempt(int column, const Attempt &attempt);
    void onFinished();

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    QList<RoutePlan> m_plans;
    ConversationSettings m_settings;
    QList<Attachment> m_attachments;
    std::unique_ptr<SimServer> m_simulator;
    std::unique_ptr<SystemReachability> m_reachability; // before the engine: its turns ask it
    std::unique_ptr<Settings> m_appSettings;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<RouteEngine> m_engine;
    std::unique_ptr<ProxyKeeper> m_proxy;
    std::unique_ptr<RouteComparison> m_comparison;
};

} // namespace detour
