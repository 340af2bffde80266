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

bool fail(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return false;
}

QByteArray redacted(const QByteArray &bytes)
{
    return Redactor::global().redact(QString::fromUtf8(bytes)).toUtf8();
}

} // namespace

std::optional<RoutePlan> RouteTransfer::importJson(QByteArrayView json, QString *errorString)
{
    if (json.size() > maxFileSize) {
        fail(errorString,
            Text::tr("The route is larger than 1 MiB, which no route file needs to be."));
        return std::nullopt;
    }
    QString error;
    const std::optional<RoutePlan> plan = RouteFile::read(json, &error);
    if (!plan) {
        fail(errorString, error);
        return std::nullopt;
    }
    return SecretScrubber::scrubbed(*plan);
}

std::optional<RoutePlan> RouteTransfer::importFile(const QString &path, QString *errorString)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        fail(errorString, Text::tr("The route file %1 could not be opened.").arg(shown));
        return std::nullopt;
    }
    if (file.size() > maxFileSize) {
        fail(errorString,
            Text::tr("The route file %1 is larger than 1 MiB, which no route file needs to be.")
                .arg(shown));
        return std::nullopt;
    }
    QString error;
    std::optional<RoutePlan> plan = importJson(file.readAll(), &error);
    if (!plan) {
        // "steps[0].model must be a string." -> "... in file.json: steps[0].model must be a
        // string."
        fail(errorString, Text::tr("The route in %1 cannot be imported: %2").arg(shown, error));
        return std::nullopt;
    }
    if (plan->name.isEmpty())
        plan->name = QFileInfo(path).completeBaseName();
    return plan;
}

QByteArray RouteTransfer::routeFile(const RoutePlan &plan)
{
    return redacted(RouteFile::write(SecretScrubber::scrubbed(plan)));
}

bool RouteTransfer::exportRouteFile(
    const RoutePlan &plan, const QString &path, QString *errorString)
{
    return writeFile(path, routeFile(plan), errorString);
}

ChatRequest RouteTransfer::placeholderRequest()
{
    ChatRequest request;
    request.messages.append({ u"user"_s, u"…"_s });
    return request;
}

std::optional<QByteArray> RouteTransfer::requestBody(const RoutePlan &plan, QString *errorString)
{
    for (const RouteStep &step : plan.steps) {
        if (!step.enabled)
            continue;
        const Endpoint *endpoint = plan.endpoint(step.endpointId);
        if (!endpoint) {
            fail(errorString,
                Text::tr("The first enabled step uses endpoint \"%1\", which the route does not "
                         "define.")
                    .arg(step.endpointId));
            return std::nullopt;
        }
        const Json body = RequestBuilder::body(endpoint->kind, step.target, placeholderRequest());
        return redacted(QByteArray::fromStdString(body.dump(2)) + '\n');
    }
    fail(errorString, Text::tr("The route has no enabled step, so there is no request to export."));
    return std::nullopt;
}

bool RouteTransfer::exportRequestBody(
    const RoutePlan &plan, const QString &path, QString *errorString)
{
    const std::optional<QByteArray> body = requestBody(plan, errorString);
    return body && writeFile(path, *body, errorString);
}

bool RouteTransfer::writeFile(const QString &path, const QByteArray &bytes, QString *errorString)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(errorString,
            Text::tr("Detour could not write %1 (%2).")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

} // namespace detour
