// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AskCommand.h"

#include "endpoints/Catalog.h"
#include "endpoints/CatalogModalities.h"
#include "route/RouteEngine.h"
#include "route/RouteFile.h"
#include "route/SimulatorRedirect.h"
#include "route/SystemReachability.h"
#include "route/TraceJson.h"
#include "settings/KeychainSecretStore.h"
#include "settings/ProxyKeeper.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"
#include "store/ConversationStore.h"
#include "store/CooldownRows.h"
#include "store/Database.h"
#include "store/TurnRecorder.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

AskCommand::AskCommand(const Options &options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(out)
    , m_err(err)
{
}

AskCommand::~AskCommand()
{
    if (m_engine)
        m_engine->cooldowns().setStore(nullptr); // the rows go before the engine
}

std::unique_ptr<SimServer> AskCommand::startSimulator(const QString &scenarioName, QTextStream &err)
{
    const QString name = scenarioName.isEmpty() ? u"demo"_s : scenarioName;
    QByteArray scenario = SimServer::builtinScenario(name);
    if (scenario.isEmpty()) {
        QFile file(name);
        if (!file.open(QIODevice::ReadOnly)) {
            err << tr("Unknown scenario \"%1\": not built in (%2) and not a readable file.")
                       .arg(name, SimServer::builtinScenarioNames().join(u", "_s))
                << Qt::endl;
            return {};
        }
        scenario = file.readAll();
    }
    auto simulator = std::make_unique<SimServer>();
    if (const Result<> set = simulator->setScenario(scenario); !set) {
        err << tr("Scenario \"%1\" is not valid: %2").arg(name, set.error()) << Qt::endl;
        return {};
    }
    if (!simulator->listen()) {
        err << tr("The simulator could not listen on 127.0.0.1.") << Qt::endl;
        return {};
    }
    return simulator;
}

bool AskCommand::startHistory(const RoutePlan &plan)
{
    m_database = std::make_unique<Database>();
    const QString path =
        m_options.databasePath.isEmpty() ? Database::defaultPath() : m_options.databasePath;
    if (const Result<> opened = m_database->open(path); !opened) {
        m_err << tr("Cannot keep the history: %1 Use --no-history to ask without it.")
                     .arg(opened.error())
              << Qt::endl;
        return false;
    }
    if (!m_database->notice().isEmpty())
        m_err << m_database->notice() << Qt::endl;
    m_store = std::make_unique<ConversationStore>(*m_database);
    m_store->recoverInterrupted(); // replies left streaming by a Detour that is gone
    const Result<qint64> conversationId =
        m_store->createConversation(ConversationStore::titleFor(m_options.text), plan.name);
    const Result<> settingsKept = conversationId && !m_settings.isEmpty()
        ? m_store->setConversationSettings(*conversationId, m_settings)
        : Result<>();
    const Result<qint64> userMessageId = !conversationId
        ? Result<qint64>(Error(conversationId.error()))
        : !settingsKept ? Result<qint64>(Error(settingsKept.error()))
                        : m_store->addUserMessage(*conversationId, m_options.text, m_attachments);
    if (!userMessageId) {
        m_err << tr("Cannot save the message in %1: %2. Use --no-history to ask without it.")
                     .arg(m_database->path(), userMessageId.error())
              << Qt::endl;
        return false;
    }
    m_conversationId = *conversationId;
    m_userMessageId = *userMessageId;
    return true;
}

std::optional<ConversationSettings> AskCommand::readSettings(
    const QString &systemPrompt, const QStringList &assignments, QTextStream &err)
{
    ConversationSettings settings;
    settings.systemPrompt = systemPrompt;
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            err << tr("--set takes NAME=VALUE, not \"%1\". Names: %2.")
                       .arg(assignment, ConversationSettings::parameterNames().join(u", "_s))
                << Qt::endl;
            return std::nullopt;
        }
        const Result<> set =
            settings.set(assignment.left(equals).trimmed(), assignment.sliced(equals + 1));
        if (!set) {
            err << tr("--set %1: %2").arg(assignment, set.error()) << Qt::endl;
            return std::nullopt;
        }
    }
    return settings;
}

std::optional<QList<Attachment>> AskCommand::readAttachments(
    const QStringList &paths, QTextStream &err)
{
    QList<Attachment> attachments;
    for (const QString &path : paths) {
        const Result<Attachment> loaded = AttachmentLoader::fromFile(path);
        if (!loaded) {
            err << loaded.error() << Qt::endl;
            return std::nullopt;
        }
        attachments.append(*loaded);
    }
    if (const Result<> fits = AttachmentLoader::checkMessageTotal(attachments); !fits) {
        err << fits.error() << Qt::endl;
        return std::nullopt;
    }
    return attachments;
}

bool AskCommand::start()
{
    if (m_options.text.trimmed().isEmpty()) {
        m_err << tr("--ask needs a message.") << Qt::endl;
        return false;
    }
    const auto settings = readSettings(m_options.systemPrompt, m_options.assignments, m_err);
    const auto attachments =
        settings ? readAttachments(m_options.attachPaths, m_err) : std::nullopt;
    if (!attachments)
        return false;
    m_settings = *settings;
    m_attachments = *attachments;
    RoutePlan &plan = m_plan;
    const bool simulate = m_options.simulate || m_options.routeFile.isEmpty();
    if (simulate && !(m_simulator = startSimulator(m_options.scenario, m_err)))
        return false;
    if (m_options.routeFile.isEmpty()) {
        plan = RouteFile::demo(m_simulator->baseUrl());
    } else {
        QFile file(m_options.routeFile);
        if (!file.open(QIODevice::ReadOnly)) {
            m_err
                << tr("Cannot read route file %1: %2").arg(m_options.routeFile, file.errorString())
                << Qt::endl;
            return false;
        }
        const Result<RoutePlan> read = RouteFile::read(file.readAll());
        if (!read) {
            m_err << tr("Route file %1: %2").arg(m_options.routeFile, read.error()) << Qt::endl;
            return false;
        }
        // As in the window: servers on this computer stay, the rest go to the simulator.
        plan = simulate ? SimulatorRedirect(m_simulator->baseUrl()).applied(*read) : *read;
    }

    // The question is committed before anything is sent.
    if (m_options.history && !startHistory(plan))
        return false;

    m_reachability = std::make_unique<SystemReachability>();
    m_engine = std::make_unique<RouteEngine>();
    // Offline, a command line says so at once (exit status 2) rather than hang a script.
    m_engine->setReachability(m_reachability.get(), RouteEngine::Offline::FailAtOnce);
    if (m_database) { // the cooldowns of every Detour on this database, this turn's too
        m_cooldowns = std::make_unique<CooldownRows>(*m_database);
        m_engine->cooldowns().setStore(m_cooldowns.get());
    }
    m_request.messages.append({ u"user"_s, m_options.text, m_attachments });
    m_settings.over(m_plan.defaults).applyTo(m_request);
    // The proxy of the window's Connection settings; its password (if any) from the keychain.
    m_appSettings = std::make_unique<Settings>(
        m_options.settingsPath.isEmpty() ? Settings::defaultFilePath() : m_options.settingsPath);
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_proxy =
        std::make_unique<ProxyKeeper>(m_appSettings.get(), m_keychain.get(), m_engine->access());
    connect(m_proxy.get(), &ProxyKeeper::problem, this,
        [this](const QString &sentence) { m_err << sentence << Qt::endl; });
    connect(m_proxy.get(), &ProxyKeeper::applied, this, &AskCommand::startAfterCatalog,
        Qt::SingleShotConnection);
    m_proxy->apply();
    return true;
}

void AskCommand::startAfterCatalog()
{
    const Endpoint *openRouter = nullptr;
    for (const Endpoint &endpoint : std::as_const(m_plan.endpoints)) {
        if (endpoint.kind == EndpointKind::OpenRouter) {
            openRouter = &endpoint;
            break;
        }
    }
    if (!openRouter || !AttachmentFit(m_request, {}).needsAnything()) {
        startTurn();
        return;
    }
    m_catalog = std::make_unique<Catalog>(
        m_engine->network(), openRouter->baseUrl, RouteEngine::keyFromEnvironment(*openRouter));
    m_engine->setModalityLookup(CatalogModalities::lookup(m_catalog.get()));
    // Whatever the catalog says (or fails to say: then every step is tried), once.
    connect(m_catalog.get(), &Catalog::modelsChanged, this, &AskCommand::startTurn,
        Qt::SingleShotConnection);
    connect(m_catalog.get(), &Catalog::errorOccurred, this,
        [this](Catalog::Resource resource, const QString &sentence) {
            if (resource != Catalog::Resource::Models || m_runner)
                return;
            m_err << tr("The model list could not be fetched (%1): every step will be tried.")
                         .arg(sentence)
                  << Qt::endl;
            startTurn();
        });
    m_catalog->refreshModels();
}

void AskCommand::startTurn()
{
    if (m_runner)
        return;
    m_runner = m_engine->startTurn(m_plan, m_request);
    if (m_store) {
        m_recorder = std::make_unique<TurnRecorder>(
            m_store.get(), m_conversationId, m_userMessageId, m_runner);
    }
    connect(m_runner, &TurnRunner::contentDelta, this, [this](const QString &text) {
        if (!m_options.json)
            m_out << text << Qt::flush;
    });
    connect(m_runner, &TurnRunner::attemptFinished, this, [this](const Attempt &attempt) {
        if (!m_options.json)
            printAttempt(attempt);
    });
    connect(m_runner, &TurnRunner::waiting, this, [this](qint64 ms, const QString &reason) {
        if (!m_options.json)
            m_err << tr("… waiting %1 s: %2").arg(double(ms) / 1000.0, 0, 'f', 1).arg(reason)
                  << Qt::endl;
    });
    connect(m_runner, &TurnRunner::finished, this,
        [this](const TurnResult &result) { m_result = result; });
    connect(m_runner, &TurnRunner::generationStatsReceived, this,
        [this] { m_result = m_runner->result(); }); // the runner merged the server attempts
    connect(m_runner, &TurnRunner::settled, this, &AskCommand::onSettled);
}

void AskCommand::cancel()
{
    if (m_runner) {
        m_runner->cancel();
    } else if (m_catalog) { // still fetching the model list: nothing was sent
        m_catalog.reset();
        Q_EMIT done(Interrupted);
    }
}

void AskCommand::printAttempt(const Attempt &attempt)
{
    const QString mark = attempt.outcome == Outcome::Served ? u"✓"_s
        : attempt.outcome == Outcome::Skipped               ? u"–"_s
                                                            : u"✗"_s;
    QString line =
        u"%1 step %2 · %3"_s.arg(mark).arg(attempt.stepIndex + 1).arg(attempt.requestedModel);
    if (!attempt.provider.isEmpty())
        line += u" · "_s + attempt.provider;
    if (attempt.httpStatus)
        line += u" · HTTP %1"_s.arg(attempt.httpStatus);
    line += u" · "_s + outcomeName(attempt.outcome);
    if (!attempt.proxy.isEmpty() && !attempt.proxy.endsWith(u"direct"_s))
        line += u" · via "_s + attempt.proxy; // never with the password
    if (!attempt.summary.isEmpty())
        line += u"\n  "_s + attempt.summary;
    m_err << (attempt.outcome == Outcome::Served ? u"\n"_s : QString()) << line << Qt::endl;
}

void AskCommand::onSettled()
{
    if (m_recorder && !m_recorder->flush()) {
        m_err << tr("This turn could not be saved in the history: %1").arg(m_recorder->writeError())
              << Qt::endl;
    }
    if (!m_options.traceFile.isEmpty() && !TraceJson::appendTurn(m_options.traceFile, m_result))
        m_err << tr("Cannot write the trace to %1.").arg(m_options.traceFile) << Qt::endl;
    if (m_options.json) {
        for (const Attempt &attempt : std::as_const(m_result.attempts))
            m_out << QString::fromStdString(TraceJson::attempt(attempt).dump()) << '\n';
        m_out << QString::fromStdString(TraceJson::turn(m_result).dump()) << Qt::endl;
    } else {
        if (!m_result.content.isEmpty() && !m_result.content.endsWith(u'\n'))
            m_out << Qt::endl;
        if (m_result.status != TurnResult::Status::Served)
            m_err << tr("Not served: %1").arg(m_result.summary) << Qt::endl;
    }
    switch (m_result.status) {
    case TurnResult::Status::Served:
        Q_EMIT done(Served);
        return;
    case TurnResult::Status::Failed:
        Q_EMIT done(AllFailed);
        return;
    case TurnResult::Status::Interrupted:
    case TurnResult::Status::Cancelled:
        Q_EMIT done(Interrupted);
        return;
    }
}

} // namespace detour
