// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/HttpHeaders.h"

#include <QByteArray>

namespace detour {

// One request as the simulator received it (tests inspect these).
struct SimRequest {
    QByteArray method;
    QByteArray target; // path and query, e.g. "/api/v1/generation?id=gen-1"
    HttpHeaders headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // QDateTime::currentMSecsSinceEpoch() on arrival

    QByteArray header(QByteArrayView name) const
    {
        return headerValue(headers, name).value_or(QByteArray());
    }
    QByteArray path() const
    {
        return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
    }
};

} // namespace detour
