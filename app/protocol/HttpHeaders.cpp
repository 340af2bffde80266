// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HttpHeaders.h"

namespace detour {

std::optional<QByteArray> headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

HttpHeaders redactedHeaders(const HttpHeaders &headers)
{
    static constexpr QByteArrayView secretHeaders[] = {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        // Gateways' own credentials (the presets' headers), should a gateway echo them.
        "x-portkey-api-key",
        "helicone-auth",
        "cf-aig-authorization",
    };
    HttpHeaders copy;
    copy.reserve(headers.size());
    for (const auto &[key, value] : headers) {
        bool secret = false;
        for (QByteArrayView candidate : secretHeaders)
            secret = secret || key.compare(candidate, Qt::CaseInsensitive) == 0;
        copy.append({ key, secret ? QByteArrayLiteral("[redacted]") : value });
    }
    return copy;
}

} // namespace detour
