// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "HttpHeaders.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace detour {

// A saved HTTP response as `--explain` reads it: status line, headers, blank
// line, body. Accepts LF or CRLF line endings.
struct RawHttpResponse {
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;

    static Result<RawHttpResponse> parse(QByteArrayView bytes);
};

} // namespace detour
