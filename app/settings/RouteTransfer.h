#pragma once

#include "protocol/ChatRequest.h"
#include "route/RoutePlan.h"

#include <QByteArray>
#include <QString>
#include <optional>

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
    static std::optional<RoutePlan> importJson(QByteArrayView json, QString *errorString);
    static std::optional<RoutePlan> importFile(const QString &path, QString *errorString);

    static QByteArray routeFile(const RoutePlan &plan);
    static bool exportRouteFile(const RoutePlan &plan, const QString &path, QString *errorString);

    // RequestBuilder::body for the first enabled step, with placeholderRequest().
    static std::optional<QByteArray> requestBody(const RoutePlan &plan, QString *errorString);
    static bool exportRequestBody(const RoutePlan &plan, const QString &path, QString *errorString);
    // One user message "…".
    static ChatRequest placeholderRequest();

private:
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *errorString);
};

} // namespace detour
