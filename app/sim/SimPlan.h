// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimHttpResponse.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace detour {

// What a connection sends for one request, on a timeline: the response head,
// body pieces, and how it ends. Times are milliseconds after the request was
// handed to the connection. A plan without an End or Abort step never ends by
// itself (a stall): it lasts until the client goes away.
struct SimPlan {
    enum class Action {
        Head, // status line and headers
        Body, // body bytes (framed as one HTTP chunk when `chunked`)
        Abort, // reset the connection
        End, // the body is complete (terminating chunk when `chunked`)
    };

    struct Step {
        qint64 atMs = 0;
        Action action = Action::Body;
        QByteArray bytes;
        int tokens = 0; // content tokens carried by these bytes
        qint64 repeatMs = 0; // > 0: sent again every repeatMs ...
        qint64 untilMs = -1; // ... while the next time is before this (-1: forever)
    };

    int status = 200;
    HttpHeaders headers; // without Transfer-Encoding / Connection
    bool chunked = false;
    QList<Step> steps; // sorted by atMs
    QString generationId; // served chat completions only
    QString finishReason; // reported to /generation when the plan completes

    void add(qint64 atMs, Action action, QByteArray bytes = {}, int tokens = 0)
    {
        steps.append({ atMs, action, std::move(bytes), tokens, 0, -1 });
    }

    // The whole response at `atMs`, framed by Content-Length.
    static SimPlan fromResponse(SimHttpResponse response, qint64 atMs = 0)
    {
        SimPlan plan;
        plan.status = response.status;
        plan.headers = std::move(response.headers);
        plan.headers.append(
            { QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()) });
        plan.add(atMs, Action::Head);
        if (!response.body.isEmpty())
            plan.add(atMs, Action::Body, std::move(response.body));
        plan.add(atMs, Action::End);
        return plan;
    }
};

} // namespace detour
