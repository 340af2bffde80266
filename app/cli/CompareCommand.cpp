// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CompareCommand.h"

#include "AskCommand.h"
#include "protocol/Attachment.h"
#include "protocol/JsonUtil.h"
#include "route/RouteComparison.h"
#include "route/RouteEngine.h"
#include "route/RouteFile.h"
#include "route/SimulatorRedirect.h"
#include "route/SystemReachability.h"
#include "route/TraceJson.h"
#include "route/TurnBadge.h"
#include "settings/KeychainSecretStore.h"
#include "settings/ProxyKeeper.h"
#include "settings/Settings.h"
#include "sim/SimServer.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

Json nameOrNull(const QList<RoutePlan> &plans, int index)
{
    return index >= 0 ? Json(json::toStd(plans[index].name)) : Json(nullptr);
}

template<typename T> Json valueOrNull(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

} // namespace

CompareCommand::CompareCommand(
    const Options &options, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(out)
    , m_err(err)
{
}

CompareCommand::~CompareCommand() = default;

bool CompareCommand::readRoutes()
{
    const qsizetype count = m_options.routeFiles.size();
    if (count < RouteComparison::minRoutes || count > RouteComparison::maxRoutes) {
        m_err << tr("A comparison takes %1 to %2 --route files, not %3.")
                     .arg(RouteComparison::minRoutes)
                     .arg(RouteComparison::maxRoutes)
                     .arg(count)
              << Qt::endl;
        return false;
    }
    QStringList names;
    for (const QString &path : std::as_const(m_options.routeFiles)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_err << tr("Cannot read route file %1: %2").arg(path, file.errorString()) << Qt::endl;
            return false;
        }
        const QByteArray contents = file.readAll();
        Result<RoutePlan> read = RouteFile::read(contents);
        if (!read) {
            m_err << tr("Route file %1: %2").arg(path, read.error()) << Qt::endl;
            return false;
        }
        RoutePlan plan =
            m_simulator ? SimulatorRedirect(m_simulator->baseUrl()).applied(*read) : *read;
        // A file that names no route is called after itself; the same name twice is numbered.
        const std::optional<Json> document = json::parse(contents);
        const bool named = document && document->is_object() && document->contains("name");
        if (!named)
            plan.name = QFileInfo(path).completeBaseName();
        const QString base = plan.name;
        for (int n = 2; names.contains(plan.name); ++n)
            plan.name = u"%1 (%2)"_s.arg(base).arg(n);
        names << plan.name;
        m_plans << plan;
    }
    return true;
}

bool CompareCommand::readSettings()
{
    const auto settings =
        AskCommand::readSettings(m_options.systemPrompt, m_options.assignments, m_err);
    const auto attachments =
        settings ? AskCommand::readAttachments(m_options.attachPaths, m_err) : std::nullopt;
    if (!attachments)
        return false;
    m_settings = *settings;
    m_attachments = *attachments;
    return true;
}

bool CompareCommand::start()
{
    if (m_options.text.trimmed().isEmpty()) {
        m_err << tr("--ask needs a message.") << Qt::endl;
        return false;
    }
    if (!readSettings()
        || (m_options.simulate
            && !(m_simulator = AskCommand::startSimulator(m_options.scenario, m_err)))
        || !readRoutes())
        return false;
    m_reachability = std::make_unique<SystemReachability>();
    m_engine = std::make_unique<RouteEngine>();
    // Offline, a command line says so at once rather than hang a script.
    m_engine->setReachability(m_reachability.get(), RouteEngine::Offline::FailAtOnce);
    // The proxy of the window's Connection settings; its password (if any) from the keychain.
    m_appSettings = std::make_unique<Settings>(
        m_options.settingsPath.isEmpty() ? Settings::defaultFilePath() : m_options.settingsPath);
    m_keychain = std::make_unique<KeychainSecretStore>();
    m_proxy =
        std::make_unique<ProxyKeeper>(m_appSettings.get(), m_keychain.get(), m_engine->access());
    connect(m_proxy.get(), &ProxyKeeper::problem, this,
        [this](const QString &sentence) { m_err << sentence << Qt::endl; });
    connect(m_proxy.get(), &ProxyKeeper::applied, this, &CompareCommand::begin,
        Qt::SingleShotConnection);
    m_proxy->apply();
    return true;
}

void CompareCommand::begin()
{
    m_comparison = std::make_unique<RouteComparison>(m_engine.get());
    connect(
        m_comparison.get(), &RouteComparison::attemptFinished, this, &CompareCommand::printAttempt);
    connect(m_comparison.get(), &RouteComparison::finished, this, &CompareCommand::onFinished);
    const Result<> started =
        m_comparison->start(m_plans, { { u"user"_s, m_options.text, m_attachments } }, m_settings);
    if (!started) {
        m_err << started.error() << Qt::endl;
        Q_EMIT done(UsageError);
    }
}

void CompareCommand::cancel()
{
    if (m_comparison)
        m_comparison->stop();
}

void CompareCommand::printAttempt(int column, const Attempt &attempt)
{
    if (m_options.json)
        return;
    const QString mark = TurnBadge::symbol(attempt.outcome);
    QString line = u"[%1] %2 step %3 · %4"_s.arg(m_plans[column].name, mark)
                       .arg(attempt.stepIndex + 1)
                       .arg(attempt.requestedModel);
    if (!attempt.provider.isEmpty())
        line += u" · "_s + attempt.provider;
    if (attempt.httpStatus)
        line += u" · HTTP %1"_s.arg(attempt.httpStatus);
    line += u" · "_s + outcomeName(attempt.outcome);
    if (!attempt.summary.isEmpty())
        line += u"\n  "_s + attempt.summary;
    m_err << line << Qt::endl;
}

void CompareCommand::onFinished()
{
    const RouteComparison &comparison = *m_comparison;
    const ComparisonSummary summary = comparison.summary();
    for (int i = 0; i < comparison.columnCount(); ++i) {
        if (!m_options.traceFile.isEmpty()
            && !TraceJson::appendTurn(m_options.traceFile, comparison.column(i).result))
            m_err << tr("Cannot write the trace to %1.").arg(m_options.traceFile) << Qt::endl;
    }
    if (m_options.json) {
        Json routes = Json::array();
        for (int i = 0; i < comparison.columnCount(); ++i) {
            const RouteComparison::Column &column = comparison.column(i);
            Json turn = TraceJson::turn(column.result);
            turn["route"] = json::toStd(column.plan.name);
            turn["route_file"] = json::toStd(m_options.routeFiles.value(i));
            turn["first_token_ms"] = column.firstTokenMs >= 0 && column.result.served()
                ? Json(column.firstTokenMs - column.startedMs)
                : Json(nullptr);
            turn["tokens_per_second"] =
                valueOrNull(ComparisonSummary::tokensPerSecond(column.result));
            turn["cost"] = valueOrNull(ComparisonSummary::cost(column.result));
            turn["attempts"] = Json::array();
            for (const Attempt &attempt : column.result.attempts)
                turn["attempts"].push_back(TraceJson::attempt(attempt));
            routes.push_back(std::move(turn));
        }
        const Json document { { "type", "comparison" }, { "question", json::toStd(m_options.text) },
            { "routes", routes },
            { "summary",
                { { "first_token", nameOrNull(m_plans, summary.firstToken) },
                    { "fastest", nameOrNull(m_plans, summary.fastest) },
                    { "cheapest", nameOrNull(m_plans, summary.cheapest) },
                    { "text", json::toStd(comparison.summaryText()) } } },
            { "served", comparison.servedCount() }, { "routes_count", comparison.columnCount() } };
        m_out << QString::fromStdString(
            document.dump(-1, ' ', false, Json::error_handler_t::replace))
              << Qt::endl;
    } else {
        for (int i = 0; i < comparison.columnCount(); ++i) {
            const RouteComparison::Column &column = comparison.column(i);
            m_out << u"=== %1 ===\n"_s.arg(column.plan.name);
            m_out << TurnBadge::text(column.result) << u"\n\n"_s;
            if (!column.result.content.isEmpty()) {
                m_out << column.result.content;
                if (!column.result.content.endsWith(u'\n'))
                    m_out << u'\n';
                m_out << u'\n';
            }
        }
        m_out << comparison.summaryText() << Qt::endl;
    }
    const int served = comparison.servedCount();
    Q_EMIT done(served == comparison.columnCount() ? AllServed
            : served == 0                          ? NoneServed
                                                   : SomeServed);
}

} // namespace detour
