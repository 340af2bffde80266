// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimServer.h"

#include "SimConnection.h"
#include "SimGeneration.h"
#include "SimResponses.h"
#include "SimRouter.h"
#include "SimScenario.h"
#include "SimStream.h"
#include "protocol/JsonUtil.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

constexpr qsizetype maxRecordedRequests = 10000;
constexpr qsizetype maxGenerations = 4096;
// Outside /api/v1: the simulator's own route, not part of OpenRouter's API.
constexpr QByteArrayView statsPath = "/sim/stats";

QString randomSuffix()
{
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString suffix;
    for (int i = 0; i < 20; ++i)
        suffix.append(
            QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]));
    return suffix;
}

bool metadataRequested(const SimRequest &request)
{
    const QByteArray value = request.header("X-OpenRouter-Metadata").trimmed().toLower();
    return value == "enabled" || value == "true" || value == "1";
}

} // namespace

struct SimServer::Private {
    explicit Private(SimServer *owner)
        : q(owner)
    {
    }

    void acceptConnections();
    void handle(SimConnection *connection, const SimRequest &request);
    SimPlan dispatch(const SimRequest &request);
    SimPlan chatCompletion(const SimRequest &request);
    SimPlan generation(const SimRequest &request);
    void countCompletion(const nlohmann::json &body, const SimRoute &route);
    std::optional<SimHttpResponse> checkKey(const SimRequest &request) const;
    void generationEnded(
        const QString &id, int tokens, const QString &finishReason, SimConnection::Ending ending);

    SimServer *q;
    QTcpServer server;
    SimScenario scenario;
    QList<SimRequest> requests;
    SimStats stats;
    QList<SimConnection *> connections;
    QHash<QString, SimGeneration> generations;
    QList<QString> generationOrder;
    qint64 nextGeneration = QDateTime::currentSecsSinceEpoch();
};

SimServer::SimServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    setScenario(builtinScenario(u"demo"_s));
    connect(&d->server, &QTcpServer::newConnection, this, [this] { d->acceptConnections(); });
}

SimServer::~SimServer()
{
    d->server.close();
    const QList<SimConnection *> connections = std::exchange(d->connections, {});
    for (SimConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

bool SimServer::listen(quint16 port, Loopback loopback)
{
    return d->server.listen(
        loopback == Loopback::IPv6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost, port);
}

quint16 SimServer::port() const
{
    return d->server.serverPort();
}

QUrl SimServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    // QUrl writes an IPv6 host in brackets: http://[::1]:<port>.
    url.setHost(
        d->server.serverAddress() == QHostAddress::LocalHostIPv6 ? u"::1"_s : u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(u"/api/v1"_s);
    return url;
}

Result<> SimServer::setScenario(QByteArrayView json)
{
    Result<SimScenario> scenario = SimScenario::fromJson(json);
    if (!scenario)
        return Error(scenario.error());
    d->scenario = std::move(*scenario);
    Q_EMIT scenarioChanged();
    return {};
}

const SimScenario &SimServer::scenario() const
{
    return d->scenario;
}

bool SimServer::setProviderScript(const QString &provider, const QList<SimScenario::Entry> &script)
{
    if (!d->scenario.setScript(provider, script))
        return false;
    Q_EMIT providerScriptChanged(provider);
    return true;
}

QByteArray SimServer::builtinScenario(const QString &name)
{
    if (name.isEmpty() || name.contains(u'/') || name.contains(u'\\'))
        return {};
    QFile file(u":/sim/scenarios/"_s % name % u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList SimServer::builtinScenarioNames()
{
    QStringList names;
    const QStringList files =
        QDir(u":/sim/scenarios"_s).entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.chopped(5));
    return names;
}

const QList<SimRequest> &SimServer::requests() const
{
    return d->requests;
}

void SimServer::clearRequests()
{
    d->requests.clear();
}

const SimStats &SimServer::stats() const
{
    return d->stats;
}

int SimServer::openConnections() const
{
    return int(d->connections.size());
}

void SimServer::Private::acceptConnections()
{
    while (QTcpSocket *socket = server.nextPendingConnection()) {
        auto *connection = new SimConnection(socket, q);
        connections.append(connection);
        connect(connection, &SimConnection::requestReady, q,
            [this](SimConnection *from, const SimRequest &request) { handle(from, request); });
        connect(connection, &SimConnection::generationEnded, q,
            [this](const QString &id, int tokens, const QString &finishReason,
                SimConnection::Ending ending) {
                generationEnded(id, tokens, finishReason, ending);
            });
        connect(connection, &SimConnection::closed, q,
            [this](SimConnection *closed) { connections.removeOne(closed); });
    }
}

void SimServer::Private::handle(SimConnection *connection, const SimRequest &request)
{
    requests.append(request);
    if (requests.size() > maxRecordedRequests)
        requests.removeFirst();
    if (request.path() != statsPath) {
        ++stats.requests;
        ++stats.userAgents[QString::fromUtf8(request.header("User-Agent"))];
    }
    const QPointer<SimConnection> guard(connection);
    Q_EMIT q->requestReceived(request);
    if (guard)
        guard->respond(dispatch(request));
}

std::optional<SimHttpResponse> SimServer::Private::checkKey(const SimRequest &request) const
{
    const auto &key = scenario.requireKey();
    if (!key)
        return std::nullopt;
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.isEmpty())
        return SimResponses::noAuthCredentials();
    if (authorization != "Bearer "_ba + key->toUtf8())
        return SimResponses::unknownKey();
    return std::nullopt;
}

SimPlan SimServer::Private::dispatch(const SimRequest &request)
{
    const QByteArray path = request.path();
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const auto answer = [](const SimHttpResponse &response) {
        return SimPlan::fromResponse(response);
    };
    const auto methodNotAllowed = [&answer] {
        return answer(SimResponses::error(405, u"Method Not Allowed"_s));
    };
    if (path == statsPath)
        return get ? answer(SimResponses::json(200, SimResponses::stats(stats)))
                   : methodNotAllowed();
    if (!path.startsWith("/api/v1/"))
        return answer(SimResponses::error(404, u"Not Found"_s));
    const QByteArray route = path.mid(7); // "/models", "/chat/completions", ...

    if (route == "/models") {
        return get ? answer(SimResponses::json(200, SimResponses::models(scenario)))
                   : methodNotAllowed();
    }
    if (route.startsWith("/models/") && route.endsWith("/endpoints")) {
        if (!get)
            return methodNotAllowed();
        const QByteArray inner = route.mid(8, route.size() - 8 - 10); // "<author>/<slug>"
        const QString id = QUrl::fromPercentEncoding(inner);
        if (id.count(u'/') != 1)
            return answer(SimResponses::error(404, u"Not Found"_s));
        const auto body = SimResponses::endpoints(scenario, id);
        if (!body)
            return answer(SimResponses::error(404, u"No endpoints found for %1."_s.arg(id)));
        return answer(SimResponses::json(200, *body));
    }
    if (route == "/chat/completions") {
        if (!post)
            return methodNotAllowed();
        if (auto denied = checkKey(request))
            return answer(*denied);
        if (const auto &requirement = scenario.requirement()) {
            if (auto refused = requirement->check(request))
                return answer(*refused);
        }
        return chatCompletion(request);
    }
    if (route == "/generation") {
        if (!get)
            return methodNotAllowed();
        if (auto denied = checkKey(request))
            return answer(*denied);
        return generation(request);
    }
    if (route == "/key" || route == "/auth/key") {
        if (!get)
            return methodNotAllowed();
        if (auto denied = checkKey(request))
            return answer(*denied);
        return answer(SimResponses::json(200, SimResponses::key()));
    }
    if (route == "/credits") {
        if (!get)
            return methodNotAllowed();
        if (auto denied = checkKey(request))
            return answer(*denied);
        return answer(SimResponses::json(200, SimResponses::credits()));
    }
    return answer(SimResponses::error(404, u"Not Found"_s));
}

SimPlan SimServer::Private::chatCompletion(const SimRequest &request)
{
    const auto body = json::parse(request.body);
    if (!body)
        return SimPlan::fromResponse(SimResponses::error(400, u"Invalid JSON in request body"_s));

    SimRoute route = SimRouter::route(scenario, *body);
    countCompletion(*body, route);
    const bool stream = json::boolAt(*body, "stream").value_or(false);
    if (route.response && route.entry.kind == SimScenario::Kind::ErrorIn200 && stream) {
        return SimPlan::fromResponse(
            SimResponses::streamedError(*route.response, route.model, route.provider),
            route.delayMs);
    }
    if (route.response)
        return SimPlan::fromResponse(*route.response, route.delayMs);

    const SimScenario::Model *model = scenario.model(route.model);
    SimStream::Request options;
    options.stream = stream;
    options.metadata = metadataRequested(request);
    options.requestedModel = json::stringAt(*body, "model");
    const QStringList fallbacks = json::stringListAt(*body, "models");
    if (options.requestedModel.isEmpty() && !fallbacks.isEmpty())
        options.requestedModel = fallbacks.first();
    options.modelsFallback = !fallbacks.isEmpty();
    options.reasoning = SimStream::reasoningFor(*body);
    options.promptTokens = SimStream::estimatePromptTokens(*body);
    options.generationId = u"gen-%1-%2"_s.arg(nextGeneration++).arg(randomSuffix());
    options.created = QDateTime::currentSecsSinceEpoch();
    options.promptPrice = model ? model->pricingPrompt.toDouble() : 0;
    options.completionPrice = model ? model->pricingCompletion.toDouble() : 0;

    SimGeneration record;
    record.id = options.generationId;
    record.model = route.model;
    record.provider = route.provider;
    record.startedAtMs = request.receivedAtMs;
    record.latencyMs = route.delayMs + route.latencyMs;
    record.promptTokens = options.promptTokens;
    record.promptPrice = options.promptPrice;
    record.completionPrice = options.completionPrice;
    record.streamed = options.stream;
    record.attempts = route.attempts;
    generations.insert(record.id, record);
    generationOrder.append(record.id);
    if (generationOrder.size() > maxGenerations)
        generations.remove(generationOrder.takeFirst());

    return SimStream::plan(route, options);
}

void SimServer::Private::countCompletion(const nlohmann::json &body, const SimRoute &route)
{
    QString model = json::stringAt(body, "model");
    if (model.isEmpty()) {
        const QStringList fallbacks = json::stringListAt(body, "models");
        model = fallbacks.value(0);
    }
    if (!model.isEmpty())
        ++stats.models[model];
    for (const SimAttempt &attempt : route.attempts)
        ++stats.providers[attempt.provider];
}

SimPlan SimServer::Private::generation(const SimRequest &request)
{
    const qsizetype question = request.target.indexOf('?');
    const QUrlQuery query(
        question < 0 ? QString() : QString::fromUtf8(request.target.mid(question + 1)));
    const QString id = query.queryItemValue(u"id"_s, QUrl::FullyDecoded);
    const auto it = generations.constFind(id);
    if (it == generations.constEnd() || it->finishedAtMs < 0
        || QDateTime::currentMSecsSinceEpoch() < it->finishedAtMs + scenario.generationLagMs()) {
        return SimPlan::fromResponse(SimResponses::generationNotFound());
    }
    return SimPlan::fromResponse(SimResponses::json(200, SimResponses::generation(*it)));
}

void SimServer::Private::generationEnded(
    const QString &id, int tokens, const QString &finishReason, SimConnection::Ending ending)
{
    const auto it = generations.find(id);
    if (it == generations.end())
        return;
    it->finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    it->completionTokens = tokens;
    it->finishReason = finishReason;
    it->cancelled = ending == SimConnection::Ending::ClientGone;
    if (it->cancelled)
        ++stats.clientGone[it->model];
    else if (ending == SimConnection::Ending::Completed && finishReason != "error"_L1)
        ++stats.served[it->model];
}

} // namespace detour
