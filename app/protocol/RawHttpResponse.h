#pragma once

#include "HttpHeaders.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace detour {

// A saved HTTP response as `--explain` reads it: status line, headers, blank
// line, body. Accepts LF or CRLF line endings.
struct RawHttpResponse {
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;

    static std::optional<RawHttpResponse> parse(
        QByteArrayView bytes, QString *errorString = nullptr);
};

} // namespace detour
