// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnRunner.h"

#include "ConnectionTrouble.h"
#include "CooldownScoper.h"
#include "CooldownTable.h"
#include "GenerationStatsFetcher.h"
#include "HedgeDelay.h"
#include "NetworkAccess.h"
#include "ProxyDescription.h"
#include "RouteLog.h"
#include "StepRanker.h"
#include "protocol/Diagnosis.h"
#include "protocol/ErrorClassifier.h"
#include "protocol/ResponseParser.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

// Error bodies are kept for diagnosis up to this size; the rest is discarded
// so a 10 MB error page cannot swell memory. Completions may be larger.
constexpr qsizetype maxErrorBody = 1024 * 1024;
constexpr qsizetype maxCompletionBody = 32 * 1024 * 1024;
// A stream is parsed at most this much per turn of the event loop: a burst (a
// fast local server, a reply that piled up while the window was busy) would
// otherwise emit thousands of deltas in one go and freeze the window meanwhile.
// 16 KiB is a few hundred chunks, well under a millisecond of parsing.
constexpr qint64 maxParsedPerTurn = 16 * 1024;

QString closedEarly()
{
    return QCoreApplication::translate(
        "detour::TurnRunner", "The connection closed before the reply was complete.");
}

} // namespace

TurnRunner::TurnRunner(
    const RoutePlan &plan, const ChatRequest &request, const Services &services, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
    , m_request(request)
    , m_services(services)
    , m_backoff(plan.policy.backoffBase, plan.policy.backoffCap)
    , m_steps(m_plan, StepRanker::order(m_plan, services.history), services.cooldowns,
          AttachmentFit(request, services.modalities), services.keys)
    , m_networkWait(services.reachability, services.waitForNetwork)
    , m_hedge(*this, HedgeDelay::perStep(plan, services.history))
{
    m_sseSink = [this](const SseEvent &event) { handleEvent(event); };
    for (QTimer *timer : { &m_backoffTimer, &m_phaseTimer, &m_idleTimer, &m_totalTimer })
        timer->setSingleShot(true);
    // A coarse timer may fire 5 % early, which would retry before Retry-After.
    m_backoffTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_backoffTimer, &QTimer::timeout, this, &TurnRunner::send);
    connect(&m_phaseTimer, &QTimer::timeout, this, &TurnRunner::onPhaseTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &TurnRunner::onIdleTimeout);
    connect(&m_totalTimer, &QTimer::timeout, this, &TurnRunner::onTotalTimeout);
    m_parseMore.setSingleShot(true);
    m_parseMore.setInterval(0);
    connect(&m_parseMore, &QTimer::timeout, this, &TurnRunner::parseStream);
    connect(&m_networkWait, &NetworkWait::lost, this, &TurnRunner::onNetworkLost);
    connect(&m_networkWait, &NetworkWait::returned, this, [this] {
        Q_EMIT waitingForNetwork(false);
        m_totalTimer.start(m_plan.policy.totalTimeout); // the wait did not count
        send();
    });
}

TurnRunner::~TurnRunner()
{
    dropReply();
}

void TurnRunner::start()
{
    if (m_running || m_phase == Phase::Done)
        return;
    m_running = true;
    m_clock.start();
    m_totalTimer.start(m_plan.policy.totalTimeout);
    advance();
}

void TurnRunner::cancel()
{
    if (!m_running)
        return;
    const bool waitingForNetwork = m_networkWait.end();
    if (waitingForNetwork)
        Q_EMIT attemptStarted(m_attempt); // the one that waited, recorded as cancelled
    if (m_reply || waitingForNetwork) {
        dropReply();
        applyDiagnosis(ErrorClassifier::cancelled());
        finishAttempt();
    }
    finishTurn(TurnResult::Status::Cancelled, ErrorClassifier::cancelled().summary);
}

const Endpoint &TurnRunner::currentEndpoint() const
{
    return *m_plan.endpoint(m_steps.step().endpointId);
}

// The network went away while a request was out: say so now rather than when
// the connect, first-token or idle timer runs out and blames the endpoint.
void TurnRunner::onNetworkLost()
{
    if (m_reply && m_networkWait.isUnreachable(currentEndpoint()))
        fail(ErrorClassifier::offline(m_attempt.endpointKind));
}

void TurnRunner::advance()
{
    const StepCursor::Found found = m_steps.seek();
    for (const StepCursor::Skip &skip : found.skipped) {
        recordSkip(skip);
        if (m_phase == Phase::Done)
            return; // cancelled by a listener of the skip
    }
    if (found.stepIndex) {
        m_pendingWaitMs = 0;
        send();
        return;
    }
    const QString summary = !found.summary.isEmpty() ? found.summary
        : m_result.attempts.isEmpty() ? tr("The route has no enabled step to send this message to.")
                                      : m_result.attempts.constLast().summary;
    finishTurn(TurnResult::Status::Failed, summary);
}

void TurnRunner::recordSkip(const StepCursor::Skip &skip)
{
    Attempt skipped = m_steps.skippedAttempt(skip, int(m_result.attempts.size()));
    skipped.timings.finishedMs = now();
    m_result.attempts.append(skipped);
    Q_EMIT attemptStarted(skipped);
    Q_EMIT attemptFinished(skipped);
}

void TurnRunner::send()
{
    const RouteStep &step = m_steps.step();
    const Endpoint &endpoint = currentEndpoint();

    m_attempt = m_steps.attemptAt(m_steps.stepIndex(), int(m_result.attempts.size()));
    m_attempt.waitBeforeMs = m_pendingWaitMs;
    m_attempt.timings.sentMs = now();
    m_attempt.proxy = m_services.network->routeText(endpoint);
    if (m_networkWait.shouldWait(m_plan, endpoint)) {
        m_phase = Phase::Waiting; // until the network returns, or Stop
        m_totalTimer.stop();
        m_networkWait.begin();
        Q_EMIT waitingForNetwork(true);
        return;
    }
    m_streaming = false;
    m_sawDone = false;
    m_body.clear();
    m_certificateProblems.clear();
    m_sse.reset();

    const QByteArray body = QByteArray::fromStdString(
        RequestBuilder::body(endpoint.kind, step.target, m_request).dump());
    const QString key = m_services.keys ? m_services.keys(endpoint) : QString();
    QNetworkRequest request =
        RequestBuilder::networkRequest(endpoint.kind, endpoint.baseUrl, key, m_services.identity);
    auto refused = EndpointRequest::addParams(request, endpoint, m_services.params);
    if (!refused)
        refused = ConnectionTrouble::beforeSending(
            endpoint, m_networkWait.isUnreachable(endpoint), request);
    if (refused) {
        // Nothing is sent: the attempt is recorded, failed at once, charged to no one.
        m_phase = Phase::AwaitingHeaders;
        Q_EMIT attemptStarted(m_attempt);
        fail(*refused);
        return;
    }

    m_phase = Phase::AwaitingHeaders;
    m_reply = m_services.network->forEndpoint(endpoint)->post(request, body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &TurnRunner::onHeaders);
    connect(m_reply, &QNetworkReply::readyRead, this, &TurnRunner::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &TurnRunner::onReplyFinished);
    // Certificate errors are only recorded, never ignored: the reply then fails.
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_certificateProblems.append(error.errorString());
    });
    m_phaseTimer.start(m_plan.policy.connectTimeout);
    m_idleTimer.stop();
    Q_EMIT attemptStarted(m_attempt);
}

void TurnRunner::onHeaders()
{
    if (m_phase != Phase::AwaitingHeaders || !m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_phase = Phase::Receiving;
    m_attempt.httpStatus = status.toInt();
    m_attempt.timings.headersMs = now();
    m_attempt.headers = redactedHeaders(m_reply->rawHeaderPairs());
    if (const auto id = headerValue(m_reply->rawHeaderPairs(), "x-generation-id"))
        m_attempt.generationId = QString::fromUtf8(*id);
    const QByteArray contentType =
        m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    m_streaming = m_attempt.httpStatus / 100 == 2 && contentType.startsWith("text/event-stream");
    // First-token deadline counts from the send; comments do not satisfy it.
    const qint64 elapsed = now() - m_attempt.timings.sentMs;
    m_phaseTimer.start(std::max<qint64>(0, m_plan.policy.firstTokenTimeout.count() - elapsed));
    m_idleTimer.start(m_plan.policy.idleTimeout);
}

void TurnRunner::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_phase == Phase::AwaitingHeaders)
        onHeaders();
    m_idleTimer.start(m_plan.policy.idleTimeout);
    if (m_streaming) {
        if (!m_parseMore.isActive()) // else the bytes join the burst being parsed
            parseStream();
        return;
    }
    const QByteArray bytes = m_reply->readAll();
    const bool success = m_attempt.httpStatus / 100 == 2;
    const qsizetype cap = success ? maxCompletionBody : maxErrorBody;
    m_body.append(bytes.first(std::min(bytes.size(), std::max<qsizetype>(0, cap - m_body.size()))));
    if (success && m_body.size() >= cap) {
        fail(ErrorClassifier::malformed(
            tr("The reply is larger than %1 MiB.").arg(cap >> 20), m_attempt.endpointKind));
    }
}

void TurnRunner::parseStream()
{
    if (!m_reply || !m_streaming)
        return;
    const QByteArray bytes = m_reply->read(maxParsedPerTurn);
    if (!m_sse.feed(bytes, m_sseSink)) {
        if (m_reply)
            fail(ErrorClassifier::malformed(m_sse.errorString(), m_attempt.endpointKind));
        return;
    }
    if (!m_reply)
        return; // an event ended the attempt
    if (m_reply->bytesAvailable() > 0)
        m_parseMore.start();
    else if (m_reply->isFinished())
        onReplyFinished(); // it finished while the burst was being parsed
}

void TurnRunner::handleEvent(const SseEvent &event)
{
    if (!m_reply || event.kind == SseEvent::Kind::Comment)
        return; // comments are keep-alives: the idle timer was already restarted
    if (event.data == "[DONE]") {
        m_sawDone = true;
        return;
    }
    const Result<CompletionChunk> parsed = ResponseParser::parseChunk(event.data);
    if (!parsed) {
        fail(ErrorClassifier::malformed(parsed.error(), m_attempt.endpointKind));
        return;
    }
    handleChunk(*parsed);
}

void TurnRunner::handleChunk(const CompletionChunk &chunk)
{
    if (!chunk.id.isEmpty())
        m_attempt.generationId = chunk.id;
    if (!chunk.model.isEmpty())
        m_attempt.servedModel = chunk.model;
    if (!chunk.provider.isEmpty())
        m_attempt.provider = chunk.provider;
    if (chunk.usage)
        m_attempt.usage = chunk.usage;
    if (!chunk.routerAttempts.isEmpty())
        m_attempt.serverAttempts = chunk.routerAttempts;
    if (!chunk.finishReason.isEmpty())
        m_attempt.finishReason = chunk.finishReason;

    if (!chunk.content.isEmpty() || !chunk.reasoning.isEmpty()) {
        if (!m_outputStarted) {
            m_outputStarted = true;
            m_attempt.timings.firstTokenMs = now();
            m_phaseTimer.stop();
            m_hedge.frontStarted();
        }
        m_attempt.timings.lastTokenMs = now();
        if (!chunk.reasoning.isEmpty()) {
            m_result.reasoning += chunk.reasoning;
            Q_EMIT reasoningDelta(chunk.reasoning);
        }
        if (!chunk.content.isEmpty()) {
            m_result.content += chunk.content;
            Q_EMIT contentDelta(chunk.content);
        }
    }
    if (chunk.hasError()) {
        fail(chunk.error.is_null() ? ErrorClassifier::malformed(
                 tr("The server ended the reply with finish_reason \"error\"."),
                 m_attempt.endpointKind)
                                   : ErrorClassifier::classifyStreamError(
                                       chunk.error, m_attempt.endpointKind, chunk.provider));
    }
}

void TurnRunner::onReplyFinished()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    if (m_phase == Phase::AwaitingHeaders)
        onHeaders();
    if (reply->bytesAvailable() > 0) {
        if (m_streaming && m_parseMore.isActive())
            return; // parseStream() comes back here once the burst is parsed
        onReadyRead();
    }
    if (m_reply != reply || (m_streaming && reply->bytesAvailable() > 0))
        return; // handled while reading the last bytes, or parseStream() comes back here
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorText = reply->errorString();
    dropReply();

    const EndpointKind kind = m_attempt.endpointKind;
    const int status = m_attempt.httpStatus;
    const ConnectionTrouble::Reply facts { error, errorText, status,
        ProxyDescription::forRequest(
            *m_services.network->forEndpoint(currentEndpoint()), currentEndpoint().baseUrl),
        m_certificateProblems, m_networkWait.isUnreachable(currentEndpoint()) };
    if (const auto trouble = ConnectionTrouble::afterReply(facts, kind)) {
        fail(*trouble);
        return;
    }
    if (status / 100 != 2) {
        fail(ErrorClassifier::classify(status, m_attempt.headers, m_body, kind));
        return;
    }
    if (!m_streaming) {
        const qint64 expected = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (error != QNetworkReply::NoError || (expected > 0 && m_body.size() < expected)) {
            fail(ErrorClassifier::network(
                error != QNetworkReply::NoError ? errorText : closedEarly(), kind));
            return;
        }
        const Result<CompletionChunk> parsed = ResponseParser::parseCompletion(m_body);
        if (!parsed) {
            fail(ErrorClassifier::malformed(parsed.error(), kind));
        } else if (parsed->hasError()) {
            fail(ErrorClassifier::classify(status, m_attempt.headers, m_body, kind));
        } else {
            handleChunk(*parsed);
            succeed();
        }
        return;
    }
    // Qt may report a connection reset mid-body as a clean finish, so a stream
    // without [DONE] or a finish reason is a broken one whatever `error` says.
    if (m_sawDone || !m_attempt.finishReason.isEmpty())
        succeed();
    else if (m_sse.hasPendingData())
        fail(ErrorClassifier::malformed(
            tr("The stream was cut off in the middle of a chunk."), kind));
    else
        fail(ErrorClassifier::network(
            error != QNetworkReply::NoError ? errorText : closedEarly(), kind));
}

void TurnRunner::onPhaseTimeout()
{
    const bool beforeHeaders = m_phase == Phase::AwaitingHeaders;
    const auto phase = beforeHeaders ? ErrorClassifier::TimeoutPhase::Connect
                                     : ErrorClassifier::TimeoutPhase::FirstToken;
    const auto limit =
        beforeHeaders ? m_plan.policy.connectTimeout : m_plan.policy.firstTokenTimeout;
    fail(ErrorClassifier::timeout(phase, limit.count(), m_attempt.endpointKind));
}

void TurnRunner::onIdleTimeout()
{
    fail(ErrorClassifier::timeout(ErrorClassifier::TimeoutPhase::Idle,
        m_plan.policy.idleTimeout.count(), m_attempt.endpointKind));
}

void TurnRunner::onTotalTimeout()
{
    const Diagnosis diagnosis = ErrorClassifier::timeout(ErrorClassifier::TimeoutPhase::Total,
        m_plan.policy.totalTimeout.count(), m_attempt.endpointKind);
    if (m_reply) {
        dropReply();
        applyDiagnosis(diagnosis);
        m_attempt.interrupted = m_outputStarted;
        finishAttempt();
    }
    finishTurn(m_outputStarted ? TurnResult::Status::Interrupted : TurnResult::Status::Failed,
        diagnosis.summary);
}

void TurnRunner::succeed()
{
    dropReply();
    m_attempt.outcome = Outcome::Served;
    if (m_services.cooldowns)
        m_services.cooldowns->served(m_steps.targetOf(m_steps.stepIndex()));
    finishAttempt();
    m_result.servedAttempt = m_attempt.index;
    finishTurn(TurnResult::Status::Served);
}

void TurnRunner::applyDiagnosis(const Diagnosis &diagnosis)
{
    m_attempt.outcome = diagnosis.outcome;
    m_attempt.party = diagnosis.party;
    m_attempt.summary = diagnosis.summary;
    m_attempt.fixes = diagnosis.fixes;
    m_attempt.retryAfterS = diagnosis.retryAfterS;
    if (!diagnosis.provider.isEmpty())
        m_attempt.provider = diagnosis.provider;
    m_attempt.errorCode = diagnosis.error.code;
    m_attempt.message = diagnosis.error.message;
    m_attempt.raw = diagnosis.error.raw;
    for (ServerAttempt previous : diagnosis.error.previousErrors)
        m_attempt.serverAttempts.append(previous);
    if (m_body.size() > 0 && m_attempt.httpStatus / 100 != 2)
        m_attempt.body = m_body.left(Attempt::maxStoredBody);
    RelayReport::apply(m_attempt, diagnosis, currentEndpoint());
}

void TurnRunner::fail(const Diagnosis &diagnosis)
{
    dropReply();
    applyDiagnosis(diagnosis);
    coolDownScope(diagnosis);
    if (m_outputStarted) {
        // Content reached the person: never fall back (the text would be mixed),
        // never report a truncated reply as served.
        m_attempt.interrupted = true;
        finishAttempt();
        finishTurn(TurnResult::Status::Interrupted, diagnosis.summary);
        return;
    }
    finishAttempt();
    if (m_hedge.takeOver())
        return; // the hedge beside it goes on as the turn's attempt
    // Decide on the next step from the event loop, not from inside the parser
    // or the reply's signal that reported this failure.
    m_phase = Phase::Waiting;
    QMetaObject::invokeMethod(
        this,
        [this, diagnosis] {
            if (m_phase != Phase::Done)
                decideAfterFailure(diagnosis);
        },
        Qt::QueuedConnection);
}

void TurnRunner::coolDownScope(const Diagnosis &diagnosis)
{
    const Endpoint &endpoint = currentEndpoint();
    const auto cooldown = CooldownScoper::cooldownFor(diagnosis, m_steps.step(), endpoint,
        m_services.keys ? m_services.keys(endpoint) : QString(), m_plan.policy,
        QDateTime::currentDateTimeUtc());
    if (m_services.cooldowns && cooldown)
        m_services.cooldowns->coolDown(*cooldown);
}

void TurnRunner::decideAfterFailure(const Diagnosis &diagnosis)
{
    const RoutePolicy &policy = m_plan.policy;
    const bool keyRefused =
        diagnosis.outcome == Outcome::Auth || diagnosis.outcome == Outcome::NoCredits;
    if (keyRefused && policy.keyFailuresFallThroughToOtherEndpoints) {
        // No credits condemn the endpoint's paid models only: its :free ones may serve.
        diagnosis.outcome == Outcome::NoCredits ? m_steps.refuseCredits() : m_steps.refuseKey();
        advance();
        return;
    }
    if (!policy.fallThrough.contains(diagnosis.outcome)) {
        finishTurn(TurnResult::Status::Failed, diagnosis.summary);
        return;
    }
    // Offline: no retries, which would only wait and fail the same way. Later
    // steps are still tried, since one may be a server on this computer; the
    // others fail at once, without a request.
    if (diagnosis.outcome == Outcome::Network && m_networkWait.isUnreachable(currentEndpoint())) {
        m_steps.moveOn();
        advance();
        return;
    }
    if ((m_steps.isLastStanding() || policy.retryEveryStep) && isTransient(diagnosis.outcome)
        && m_steps.retries() < policy.maxRetries) {
        const qint64 wait = m_backoff.delay(m_steps.retries(), diagnosis.retryAfterS).count();
        const qint64 remaining = m_totalTimer.remainingTime();
        if (remaining >= 0 && wait >= remaining) {
            finishTurn(TurnResult::Status::Failed, diagnosis.summary);
            return;
        }
        m_steps.countRetry();
        m_pendingWaitMs = wait;
        m_phase = Phase::Waiting;
        const QString reason = diagnosis.retryAfterS
            ? tr("The server asked to wait %1 s before retrying.").arg(*diagnosis.retryAfterS)
            : tr("Backing off before retry %1 of %2.")
                  .arg(m_steps.retries())
                  .arg(policy.maxRetries);
        Q_EMIT waiting(wait, reason);
        m_backoffTimer.start(int(wait));
        return;
    }
    m_steps.moveOn();
    advance();
}

void TurnRunner::finishAttempt()
{
    m_phaseTimer.stop();
    m_idleTimer.stop();
    m_attempt.timings.finishedMs = now();
    m_result.attempts.append(m_attempt);
    logAttempt(m_attempt);
    Q_EMIT attemptFinished(m_attempt);
}

void TurnRunner::finishTurn(TurnResult::Status status, const QString &summary)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_running = false;
    m_hedge.end();
    for (QTimer *timer : { &m_backoffTimer, &m_phaseTimer, &m_idleTimer, &m_totalTimer })
        timer->stop();
    m_networkWait.end();
    m_result.status = status;
    m_result.summary = summary;
    m_result.durationMs = now();
    logTurn(m_result);
    Q_EMIT finished(m_result);
    if (status == TurnResult::Status::Served)
        fetchGenerationStats();
    else
        Q_EMIT settled();
}

void TurnRunner::fetchGenerationStats()
{
    const Attempt *served = m_result.served();
    const Endpoint *endpoint = served ? m_plan.endpoint(served->endpointId) : nullptr;
    if (!endpoint || endpoint->kind != EndpointKind::OpenRouter || served->generationId.isEmpty()) {
        Q_EMIT settled();
        return;
    }
    auto *fetcher = new GenerationStatsFetcher(m_services.network->forEndpoint(*endpoint), this);
    const int attemptIndex = served->index;
    connect(fetcher, &GenerationStatsFetcher::received, this,
        [this, attemptIndex](const GenerationStats &stats) {
            Attempt &attempt = m_result.attempts[attemptIndex];
            mergeServerAttempts(attempt.serverAttempts, stats.providerResponses);
            Q_EMIT generationStatsReceived(attemptIndex, stats);
            Q_EMIT settled();
        });
    connect(fetcher, &GenerationStatsFetcher::failed, this, &TurnRunner::settled);
    fetcher->fetch(
        *endpoint, m_services.keys ? m_services.keys(*endpoint) : QString(), served->generationId);
}

void TurnRunner::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply.clear();
    m_parseMore.stop();
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

} // namespace detour
