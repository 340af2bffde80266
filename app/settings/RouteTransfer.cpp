// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteTransfer.h"

#include "Redactor.h"
#include "SecretScrubber.h"
#include "protocol/RequestBuilder.h"
#include "route/RouteFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(RouteTransfer)
};

QByteArray redacted(const QByteArray &bytes)
{
    return Redactor::global().redact(QString::fromUtf8(bytes)).toUtf8();
}

} // namespace

Result<RoutePlan> RouteTransfer::importJson(QByteArrayView json)
{
    if (json.size() > maxFileSize)
        return Error(Text::tr("The route is larger than 1 MiB, which no route file needs to be."));
    const Result<RoutePlan> plan = RouteFile::read(json);
    if (!plan)
        return plan;
    return SecretScrubber::scrubbed(*plan);
}

Result<RoutePlan> RouteTransfer::importFile(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return Error(Text::tr("The route file %1 could not be opened.").arg(shown));
    if (file.size() > maxFileSize) {
        return Error(
            Text::tr("The route file %1 is larger than 1 MiB, which no route file needs to be.")
                .arg(shown));
    }
    Result<RoutePlan> plan = importJson(file.readAll());
    if (!plan) {
        // "steps[0].model must be a string." -> "... in file.json: steps[0].model must be a
        // string."
        return Error(Text::tr("The route in %1 cannot be imported: %2").arg(shown, plan.error()));
    }
    if (plan->name.isEmpty())
        plan->name = QFileInfo(path).completeBaseName();
    return plan;
}

QByteArray RouteTransfer::routeFile(const RoutePlan &plan)
{
    return redacted(RouteFile::write(SecretScrubber::scrubbed(plan)));
}

Result<> RouteTransfer::exportRouteFile(const RoutePlan &plan, const QString &path)
{
    return writeFile(path, routeFile(plan));
}

ChatRequest RouteTransfer::placeholderRequest()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"…"_s });
    return request;
}

Result<QByteArray> RouteTransfer::requestBody(const RoutePlan &plan)
{
    for (const RouteStep &step : plan.steps) {
        if (!step.enabled)
            continue;
        const Endpoint *endpoint = plan.endpoint(step.endpointId);
        if (!endpoint) {
            return Error(
                Text::tr("The first enabled step uses endpoint \"%1\", which the route does not "
                         "define.")
                    .arg(step.endpointId));
        }
        ChatRequest request = placeholderRequest();
        plan.defaults.applyTo(request); // the route's own prompt and parameters, if any
        const Json body = RequestBuilder::body(endpoint->kind, step.target, request);
        return redacted(QByteArray::fromStdString(body.dump(2)) + '\n');
    }
    return Error(Text::tr("The route has no enabled step, so there is no request to export."));
}

Result<> RouteTransfer::exportRequestBody(const RoutePlan &plan, const QString &path)
{
    const Result<QByteArray> body = requestBody(plan);
    if (!body)
        return Error(body.error());
    return writeFile(path, *body);
}

Result<> RouteTransfer::writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error(Text::tr("Detour could not write %1 (%2).")
                         .arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace detour
