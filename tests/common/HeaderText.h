// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/HttpHeaders.h"

#include <QDateTime>
#include <QTimeZone>

namespace testing {

// 2026-09-30 18:00:00 UTC: six hours before the fixtures' X-RateLimit-Reset (1790812800000).
inline QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 9, 30), QTime(18, 0), QTimeZone::utc());
}

// "Name: value" lines -> headers, so data rows stay readable.
inline detour::HttpHeaders headersFrom(const QByteArray &text)
{
    detour::HttpHeaders headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({ line.first(colon), line.sliced(colon + 1).trimmed() });
    }
    return headers;
}

} // namespace testing
