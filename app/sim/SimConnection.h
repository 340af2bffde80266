// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimPlan.h"
#include "SimRequest.h"
#include "SimTimer.h"

#include <QByteArray>
#include <QObject>
#include <optional>
#include <utility>

class QTcpSocket;

namespace detour {

// One client connection of the simulator: reads HTTP/1.1 requests (heads up
// to 64 KiB, bodies framed by Content-Length up to 8 MiB), hands them over one
// at a time, and plays each answer's SimPlan on a timer. Keep-alive and
// pipelining are handled in order; `Connection: close` is honoured. Deletes
// itself (deleteLater) once the socket is gone. Steps are written when they are
// due to the microsecond (SimTimer), with Nagle's algorithm off, so what a client
// measures beyond the scripted latencies is its own time.
class SimConnection final : public QObject {
    Q_OBJECT

public:
    enum class Ending {
        Completed, // the plan reached its End
        Reset, // the plan reset the connection
        ClientGone, // the client went away first
    };
    Q_ENUM(Ending)

    static constexpr qsizetype maxHeadBytes = 64 * 1024;
    static constexpr qint64 maxBodyBytes = 8 * 1024 * 1024;

    // Takes ownership of `socket`.
    explicit SimConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~SimConnection() override;

    // Answers the request last handed over by requestReady; the plan's times
    // count from when that request was complete.
    void respond(SimPlan plan);

Q_SIGNALS:
    void requestReady(detour::SimConnection *connection, const detour::SimRequest &request);
    // A plan with a generation id ended; `tokens` content tokens were sent.
    void generationEnded(const QString &generationId, int tokens, const QString &finishReason,
        detour::SimConnection::Ending ending);
    void closed(detour::SimConnection *connection);

private:
    void readRequests();
    // The body starting at `bodyStart` of the buffer and how many bytes it took
    // there (chunk framing included); nullopt while incomplete or once refused.
    std::optional<std::pair<QByteArray, qsizetype>> readBody(
        const HttpHeaders &headers, qsizetype bodyStart);
    void rejectAndClose(int status, const QString &message);
    void runDueSteps();
    void scheduleNextStep(bool wroteNow);
    void endPlan(Ending ending);
    void writeHead();
    void write(const QByteArray &bytes);
    void resetSocket();
    void onDisconnected();

    QTcpSocket *m_socket = nullptr;
    QByteArray m_buffer;
    bool m_busy = false; // a request is being answered
    bool m_closeAfterResponse = false;
    bool m_gone = false;
    bool m_continueSent = false;
    SimPlan m_plan;
    qsizetype m_nextStep = 0;
    int m_tokensSent = 0;
    bool m_planRunning = false;
    SimTimer::Clock::time_point m_requestAt; // when the request being answered was complete
    SimTimer::Clock::time_point m_started; // of the plan being played
    SimTimer m_timer;
};

} // namespace detour
