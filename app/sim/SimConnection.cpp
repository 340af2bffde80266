// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimConnection.h"

#include "SimChunkedBody.h"
#include "SimLog.h"
#include "SimResponses.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>
#include <QTimer>
#include <algorithm>

#ifdef Q_OS_UNIX
#    include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

namespace detour {

namespace {

constexpr milliseconds minTick = 10ms; // after a write, the next one waits at least this long

QByteArray headerValueOf(const HttpHeaders &headers, QByteArrayView name)
{
    return headerValue(headers, name).value_or(QByteArray());
}

bool hasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// RFC 9110's IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

SimConnection::SimConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    // Backpressure: what a client sends ahead waits in the kernel, not in memory.
    m_socket->setReadBufferSize(maxHeadBytes + maxBodyBytes);
    // A step is written when it is due: Nagle's algorithm would hold a small write
    // (a token) back until the previous one is acknowledged.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(&m_timer, &SimTimer::timeout, this, &SimConnection::runDueSteps);
    connect(m_socket, &QTcpSocket::readyRead, this, &SimConnection::readRequests);
    connect(m_socket, &QTcpSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    // Bytes that arrived before the connections above are read on the next turn.
    QTimer::singleShot(0, this, &SimConnection::readRequests);
}

SimConnection::~SimConnection()
{
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SimConnection::readRequests()
{
    if (m_gone || m_busy)
        return; // pipelined requests wait in the socket until this answer is done
    m_buffer += m_socket->readAll();

    // Stray CRLFs between requests are allowed (RFC 9112 2.2).
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    if (m_buffer.isEmpty())
        return;

    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > maxHeadBytes)
            rejectAndClose(413, u"Request head too large (over 64 KiB)"_s);
        return;
    }
    if (headEnd + 4 > maxHeadBytes) {
        rejectAndClose(413, u"Request head too large (over 64 KiB)"_s);
        return;
    }

    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")
        || requestLine.at(0).isEmpty() || !requestLine.at(1).startsWith('/')) {
        rejectAndClose(400, u"Malformed request line"_s);
        return;
    }
    SimRequest request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            rejectAndClose(400, u"Malformed header line"_s);
            return;
        }
        request.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }

    const auto body = readBody(request.headers, headEnd + 4);
    if (!body)
        return; // the rest of the body is on its way, or the request was refused
    request.body = body->first;
    m_buffer.remove(0, headEnd + 4 + body->second);
    m_continueSent = false;
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();

    const QByteArray connection = headerValueOf(request.headers, "Connection");
    const bool http10 = requestLine.at(2) == "HTTP/1.0";
    m_closeAfterResponse =
        hasToken(connection, "close") || (http10 && !hasToken(connection, "keep-alive"));
    m_busy = true;
    m_requestAt = SimTimer::Clock::now();
    Q_EMIT requestReady(this, request);
}

std::optional<std::pair<QByteArray, qsizetype>> SimConnection::readBody(
    const HttpHeaders &headers, qsizetype bodyStart)
{
    const QByteArrayView buffered = QByteArrayView(m_buffer).sliced(bodyStart);
    std::optional<std::pair<QByteArray, qsizetype>> body;
    if (const auto coding = headerValue(headers, "Transfer-Encoding")) {
        if (coding->trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
            rejectAndClose(501,
                u"Transfer-Encoding %1 is not supported (chunked is)"_s.arg(
                    QString::fromLatin1(*coding)));
            return std::nullopt;
        }
        const SimChunkedBody::Decoded decoded = SimChunkedBody::decode(buffered, maxBodyBytes);
        switch (decoded.state) {
        case SimChunkedBody::State::Malformed:
            rejectAndClose(400, u"Malformed chunked request body"_s);
            return std::nullopt;
        case SimChunkedBody::State::TooLarge:
            rejectAndClose(413, u"Request body too large (over 8 MiB)"_s);
            return std::nullopt;
        case SimChunkedBody::State::Complete:
            body.emplace(decoded.body, decoded.consumed);
            break;
        case SimChunkedBody::State::Incomplete:
            break;
        }
    } else {
        qint64 length = 0;
        if (const auto text = headerValue(headers, "Content-Length")) {
            bool ok = false;
            length = text->toLongLong(&ok);
            if (!ok || length < 0) {
                rejectAndClose(400, u"Invalid Content-Length"_s);
                return std::nullopt;
            }
            if (length > maxBodyBytes) {
                rejectAndClose(413, u"Request body too large (over 8 MiB)"_s);
                return std::nullopt;
            }
        }
        if (buffered.size() >= length)
            body.emplace(buffered.first(length).toByteArray(), length);
    }
    if (!body && !m_continueSent && hasToken(headerValueOf(headers, "Expect"), "100-continue")) {
        m_continueSent = true;
        write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }
    return body;
}

void SimConnection::rejectAndClose(int status, const QString &message)
{
    m_busy = true;
    m_closeAfterResponse = true;
    m_buffer.clear();
    m_requestAt = SimTimer::Clock::now();
    respond(SimPlan::fromResponse(SimResponses::error(status, message)));
}

void SimConnection::respond(SimPlan plan)
{
    if (m_gone)
        return;
    m_plan = std::move(plan);
    qCDebug(lcSim) << "answering with HTTP" << m_plan.status;
    m_nextStep = 0;
    m_tokensSent = 0;
    m_planRunning = true;
    // The plan's times count from the request, as a provider's latency does, not
    // from the end of the simulator's own work on it (routing, building the reply).
    m_started = m_requestAt;
    m_timer.startAt(m_started); // the steps due at once go on the next turn of the loop
}

void SimConnection::runDueSteps()
{
    if (!m_planRunning || m_gone)
        return;
    const nanoseconds elapsed = SimTimer::Clock::now() - m_started;
    QByteArray body;
    bool wrote = false;
    const auto flushBody = [&] {
        if (body.isEmpty())
            return;
        if (m_plan.chunked)
            write(QByteArray::number(body.size(), 16) + "\r\n"_ba + body + "\r\n"_ba);
        else
            write(body);
        body.clear();
        wrote = true;
    };

    while (m_nextStep < m_plan.steps.size()
        && milliseconds(m_plan.steps.at(m_nextStep).atMs) <= elapsed) {
        const SimPlan::Step step = m_plan.steps.at(m_nextStep++);
        switch (step.action) {
        case SimPlan::Action::Head:
            flushBody();
            writeHead();
            wrote = true;
            break;
        case SimPlan::Action::Body:
            body += step.bytes;
            m_tokensSent += step.tokens;
            if (step.repeatMs > 0) {
                SimPlan::Step again = step;
                again.atMs += step.repeatMs;
                if (again.untilMs < 0 || again.atMs < again.untilMs) {
                    qsizetype at = m_nextStep;
                    while (at < m_plan.steps.size() && m_plan.steps.at(at).atMs <= again.atMs)
                        ++at;
                    m_plan.steps.insert(at, again);
                }
            }
            break;
        case SimPlan::Action::Abort:
            flushBody();
            resetSocket();
            return;
        case SimPlan::Action::End:
            m_tokensSent += step.tokens;
            flushBody();
            if (m_plan.chunked)
                write(QByteArrayLiteral("0\r\n\r\n"));
            m_socket->flush(); // now, not on the next turn of the loop
            endPlan(Ending::Completed);
            return;
        }
    }
    flushBody();
    if (wrote)
        m_socket->flush();
    scheduleNextStep(wrote);
}

void SimConnection::scheduleNextStep(bool wroteNow)
{
    if (m_nextStep >= m_plan.steps.size())
        return; // a stall: nothing more until the client goes away
    const SimTimer::Clock::time_point now = SimTimer::Clock::now();
    const nanoseconds due = milliseconds(m_plan.steps.at(m_nextStep).atMs) - (now - m_started);
    m_timer.startAt(now + std::clamp<nanoseconds>(due, wroteNow ? minTick : 0ns, 24h));
}

void SimConnection::endPlan(Ending ending)
{
    m_planRunning = false;
    m_timer.stop();
    if (!m_plan.generationId.isEmpty()) {
        Q_EMIT generationEnded(m_plan.generationId, m_tokensSent,
            ending == Ending::Completed ? m_plan.finishReason : QString(), ending);
    }
    if (ending != Ending::Completed)
        return;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost(); // after the queued bytes are written
        return; // stays busy: nothing more is read
    }
    m_busy = false;
    QTimer::singleShot(0, this, &SimConnection::readRequests);
}

void SimConnection::writeHead()
{
    QByteArray head = "HTTP/1.1 "_ba + QByteArray::number(m_plan.status) + ' '
        + SimResponses::reasonPhrase(m_plan.status) + "\r\n"_ba;
    for (const auto &[name, value] : std::as_const(m_plan.headers))
        head += name + ": "_ba + value + "\r\n"_ba;
    if (!headerValue(m_plan.headers, "Date"))
        head += "Date: "_ba + httpDate(QDateTime::currentDateTimeUtc()) + "\r\n"_ba;
    if (m_plan.chunked)
        head += "Transfer-Encoding: chunked\r\n"_ba;
    head +=
        m_closeAfterResponse ? "Connection: close\r\n\r\n"_ba : "Connection: keep-alive\r\n\r\n"_ba;
    write(head);
}

void SimConnection::write(const QByteArray &bytes)
{
    if (!m_gone && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

void SimConnection::resetSocket()
{
    m_gone = true;
    m_timer.stop();
    m_socket->flush();
#ifdef Q_OS_UNIX
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0) {
        const linger noLinger { 1, 0 };
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
    }
#endif
    m_socket->abort();
    endPlan(Ending::Reset);
    Q_EMIT closed(this);
    deleteLater();
}

void SimConnection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_timer.stop();
    if (m_planRunning) {
        m_planRunning = false;
        if (!m_plan.generationId.isEmpty())
            Q_EMIT generationEnded(
                m_plan.generationId, m_tokensSent, QString(), Ending::ClientGone);
    }
    Q_EMIT closed(this);
    deleteLater();
}

} // namespace detour
