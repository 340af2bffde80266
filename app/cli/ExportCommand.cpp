// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ExportCommand.h"

#include "route/RouteCodeExporter.h"
#include "route/RouteFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace detour {

using namespace Qt::StringLiterals;

namespace {
// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ExportCommand)
};
// A route file bigger than this is not a route file.
constexpr qint64 maxRouteFile = 16 * 1024 * 1024;
} // namespace

int ExportCommand::run(const Options &options, QTextStream &out, QTextStream &err)
{
    const std::optional<RouteCodeExporter::Language> language =
        RouteCodeExporter::fromCommandName(options.language);
    if (!language) {
        QStringList names;
        for (const RouteCodeExporter::Language each : RouteCodeExporter::languages())
            names << RouteCodeExporter::commandName(each);
        err << Text::tr("--export takes one of %1, not \"%2\".")
                   .arg(names.join(u", "_s), options.language)
            << Qt::endl;
        return Refused;
    }
    if (options.routeFile.isEmpty()) {
        err << Text::tr("--export needs the route: --route FILE.") << Qt::endl;
        return Refused;
    }
    QFile file(options.routeFile);
    if (!file.open(QIODevice::ReadOnly)) {
        err << Text::tr("Cannot read route file %1: %2").arg(options.routeFile, file.errorString())
            << Qt::endl;
        return Refused;
    }
    const Result<RoutePlan> plan = RouteFile::read(file.read(maxRouteFile));
    if (!plan) {
        err << Text::tr("Route file %1: %2").arg(options.routeFile, plan.error()) << Qt::endl;
        return Refused;
    }
    ConversationSettings settings;
    settings.systemPrompt = options.systemPrompt;
    // Headless commands print English (scripts read them): the window's "Hello!" untranslated.
    const QString question = options.question.isEmpty() ? u"Hello!"_s : options.question;
    out << RouteCodeExporter::code(
        *language, *plan, RouteCodeExporter::request(question, settings.over(plan->defaults)))
        << Qt::flush;
    return Printed;
}

} // namespace detour
