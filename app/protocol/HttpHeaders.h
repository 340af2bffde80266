// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <optional>

namespace detour {

// Response headers as received, in order; names compare case-insensitively.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

std::optional<QByteArray> headerValue(const HttpHeaders &headers, QByteArrayView name);

// A copy fit for storing and showing: credentials (Authorization, cookies,
// api-key style headers) replaced by "[redacted]".
HttpHeaders redactedHeaders(const HttpHeaders &headers);

} // namespace detour
