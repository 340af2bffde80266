// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ChatRequest.h"
#include "protocol/Result.h"
#include "route/RoutePlan.h"

#include <QByteArray>
#include <QString>

namespace detour {

// Bringing routes in and out of Detour: the route file (RouteFile's format)
// and, for people who call OpenRouter themselves, the bare request body of the
// first enabled step. What goes out carries no key: endpoints keep only the
// name of their key's environment variable, credentials in URLs are dropped,
// and known keys are redacted.
class RouteTransfer final {
public:
    static constexpr qint64 maxFileSize = 1024 * 1024;

    // Errors are one sentence and say what to fix (RouteFile's JSON path).
    static Result<RoutePlan> importJson(QByteArrayView json);
    static Result<RoutePlan> importFile(const QString &path);

    static QByteArray routeFile(const RoutePlan &plan);
    static Result<> exportRouteFile(const RoutePlan &plan, const QString &path);

    // RequestBuilder::body for the first enabled step, with placeholderRequest().
    static Result<QByteArray> requestBody(const RoutePlan &plan);
    static Result<> exportRequestBody(const RoutePlan &plan, const QString &path);
    // One user message "…".
    static ChatRequest placeholderRequest();

private:
    static Result<> writeFile(const QString &path, const QByteArray &bytes);
};

} // namespace detour
