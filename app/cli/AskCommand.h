// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ChatRequest.h"
#include "protocol/ConversationSettings.h"
#include "route/Attempt.h"
#include "route/RoutePlan.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QTextStream;

namespace detour {

class Catalog;
class ConversationStore;
class CooldownRows;
class Database;
class ProxyKeeper;
class SecretStore;
class Settings;
class RouteEngine;
class SystemReachability;
class SimServer;
class TurnRecorder;
class TurnRunner;
struct ChatRequest;
struct RoutePlan;

// `detour --ask TEXT [--route FILE] [--simulate [SCENARIO]] [--json] [--db FILE | --no-history]
//  [--system TEXT] [--set NAME=VALUE]... [--attach FILE]... [--trace-file FILE]`:
// runs one turn, streams the reply to stdout and the trace to stderr (or, with
// --json, one JSON object per attempt and a final one for the turn on stdout).
// Unless --no-history, the turn is recorded in the conversation store (a new
// conversation titled from the question): the question is committed before the
// request is sent and the reply is saved as it streams. The cooldowns in that
// database are respected and added to (with --no-history: this run's only).
// Attached files are read (and refused with the loader's sentence) before
// anything is sent; with an image or a PDF, the model list of the route's
// OpenRouter endpoint is fetched first so that a step whose model cannot take
// them is skipped (AttachmentFit).
class AskCommand final : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString text;
        QString routeFile; // empty: the demo route on the built-in simulator
        bool simulate = false;
        QString scenario; // built-in name or file; empty: "demo"
        bool json = false;
        bool history = true;
        QString databasePath; // empty: Database::defaultPath()
        QString systemPrompt; // sent first; kept with the conversation
        QStringList assignments; // NAME=VALUE (ConversationSettings::set), in order
        QString traceFile; // when set, the turn is appended as one JSON line (TraceJson)
        QStringList attachPaths {}; // --attach, in order
        // The window's settings file, for the proxy of Connection settings;
        // empty: Settings::defaultFilePath().
        QString settingsPath = {};
    };
    enum ExitCode { Served = 0, UsageError = 1, AllFailed = 2, Interrupted = 3 };

    AskCommand(
        const Options &options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~AskCommand() override;

    // Starts the turn; `done` follows. Returns false (having printed why) on a usage error.
    bool start();
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

public:
    // The built-in simulated OpenRouter for --simulate, playing `scenario` (a built-in name
    // or a file; "" = demo), listening on 127.0.0.1; null, having said why on `err`.
    static std::unique_ptr<SimServer> startSimulator(const QString &scenario, QTextStream &err);
    // --system and --set as settings; nullopt, having said why on `err`, on a bad one.
    static std::optional<ConversationSettings> readSettings(
        const QString &systemPrompt, const QStringList &assignments, QTextStream &err);
    // The --attach files; nullopt, having said why on `err`, on a bad one or too many bytes.
    static std::optional<QList<Attachment>> readAttachments(
        const QStringList &paths, QTextStream &err);

private:
    // With an image or a PDF attached: fetches the catalog of the route's OpenRouter
    // endpoint, then starts the turn; otherwise starts it at once.
    void startAfterCatalog();
    void startTurn();
    bool startHistory(const RoutePlan &plan);
    void printAttempt(const Attempt &attempt);
    void onSettled();

    Options m_options;
    ConversationSettings m_settings;
    QList<Attachment> m_attachments;
    RoutePlan m_plan;
    ChatRequest m_request;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<SimServer> m_simulator;
    std::unique_ptr<SystemReachability> m_reachability; // before the engine: its turns ask it
    std::unique_ptr<Settings> m_appSettings; // the window's: the proxy
    std::unique_ptr<SecretStore> m_keychain; // the proxy's password
    std::unique_ptr<RouteEngine> m_engine;
    std::unique_ptr<Catalog> m_catalog; // what the models read, with attachments only
    std::unique_ptr<ProxyKeeper> m_proxy; // after the engine, the settings and the keychain
    QPointer<TurnRunner> m_runner;
    TurnResult m_result;
    // Declared after the engine: destroyed first, the recorder flushing before the store closes.
    std::unique_ptr<Database> m_database;
    std::unique_ptr<CooldownRows> m_cooldowns; // the engine's cooldowns, with the history
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<TurnRecorder> m_recorder;
    qint64 m_conversationId = 0;
    qint64 m_userMessageId = 0;
};

} // namespace detour
