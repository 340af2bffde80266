// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

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
