#pragma once

#include "protocol/HttpHeaders.h"

#include <QByteArray>

namespace detour {

// A complete HTTP response the simulator sends in one go (errors, catalog
// routes). Content-Length and Connection are added when it is written.
struct SimHttpResponse {
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
};

} // namespace detour
