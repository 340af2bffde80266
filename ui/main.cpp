// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Appearance.h"
#include "FirstPaintReporter.h"
#include "MainWindow.h"
#include "cli/AskCommand.h"
#include "cli/CompareCommand.h"
#include "cli/CooldownsCommand.h"
#include "cli/ExplainCommand.h"
#include "cli/ExportCommand.h"
#include "cli/ImportCommand.h"
#include "settings/Redactor.h"
#include "settings/Settings.h"
#include "settings/Translations.h"
#include "store/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>
#include <memory>

using namespace Qt::StringLiterals;
using namespace detour;

namespace {

// `--simulate` takes an optional scenario, which QCommandLineParser cannot
// express: `--simulate NAME` becomes `--simulate --scenario NAME`.
QStringList expandOptionalSimulateValue(QStringList arguments)
{
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == "--simulate"_L1 && !arguments[i + 1].startsWith(u'-'))
            arguments.insert(i + 1, u"--scenario"_s);
    }
    return arguments;
}

// Options QGuiApplication takes for itself (with the values of those that have one). They
// are left out of Detour's own parsing; "-platform" also names the platform to open on.
struct QtOption {
    QLatin1StringView name;
    bool hasValue;
};
constexpr QtOption qtOptions[] = { { "platform"_L1, true }, { "platformpluginpath"_L1, true },
    { "platformtheme"_L1, true }, { "plugin"_L1, true }, { "qwindowgeometry"_L1, true },
    { "geometry"_L1, true }, { "qwindowtitle"_L1, true }, { "title"_L1, true },
    { "qwindowicon"_L1, true }, { "icon"_L1, true }, { "style"_L1, true },
    { "stylesheet"_L1, true }, { "session"_L1, true }, { "display"_L1, true },
    { "reverse"_L1, false }, { "widgetcount"_L1, false } };

struct CommandLine {
    QStringList arguments; // argv without Qt's own options
    bool platformChosen = false; // "-platform NAME" or "-display X" was given
};

// Read straight from argv: the arguments are parsed before any application object
// exists, so that a mistake is reported before Qt loads a platform plugin.
CommandLine commandLineOf(int argc, char *argv[])
{
    CommandLine line;
    for (int i = 0; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        const QStringView name = QStringView(argument).mid(argument.startsWith("--"_L1) ? 2 : 1);
        const QtOption *qt = nullptr;
        if (i > 0 && argument.startsWith(u'-')) {
            for (const QtOption &option : qtOptions) {
                if (name == option.name
                    || (option.hasValue && name.startsWith(QString(option.name + u'=')))) {
                    qt = &option;
                    break;
                }
            }
        }
        if (!qt) {
            line.arguments.append(argument);
            continue;
        }
        if (qt->name == "platform"_L1 || qt->name == "display"_L1)
            line.platformChosen = true;
        if (qt->hasValue && !name.contains(u'=') && i + 1 < argc)
            ++i; // its value
    }
    return line;
}

// Whether the window has somewhere to open. Only where Qt picks xcb or wayland by
// itself does a missing DISPLAY / WAYLAND_DISPLAY mean it would abort.
bool hasDisplay(const CommandLine &line)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    return line.platformChosen || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
        || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    Q_UNUSED(line);
    return true;
#endif
}

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(main)
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(u"detour"_s);
    QCoreApplication::setOrganizationName(u"Detour"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DETOUR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Detour: a chat client that routes around rate limits. "
                 "Without --ask, --explain, --import or --export it opens the window."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption ask(
        u"ask"_s, Text::tr("Run one turn with TEXT and print the reply."), u"TEXT"_s);
    const QCommandLineOption route(u"route"_s,
        Text::tr("Route file (JSON) for --ask (default: the demo route) or --export. Given 2 to 4 "
                 "times, --ask compares the routes on the one question, side by side: exit status "
                 "0 when every route served, 4 when some did, 2 when none did."),
        u"FILE"_s);
    const QCommandLineOption simulate(u"simulate"_s,
        Text::tr(
            "Send to the built-in simulated OpenRouter (optionally with SCENARIO: a built-in name "
            "or a file)."));
    const QCommandLineOption scenario(
        u"scenario"_s, Text::tr("Scenario for --simulate."), u"SCENARIO"_s);
    const QCommandLineOption json(u"json"_s,
        Text::tr("With --ask: print one JSON object per attempt and one for the turn (comparing "
                 "routes: one object with a turn per route and the summary). With --import: print "
                 "what was imported as one JSON object."));
    const QCommandLineOption explain(
        u"explain"_s, Text::tr("Diagnose a saved raw HTTP response (\"-\" for stdin)."), u"FILE"_s);
    const QCommandLineOption kind(u"kind"_s,
        Text::tr("With --explain: openrouter or openai (default: inferred)."), u"KIND"_s);
    const QCommandLineOption importHistory(u"import"_s,
        Text::tr("Import another client's history (ChatGPT's conversations.json, a Jan thread or "
                 "threads folder) into the conversation database and print what was imported. "
                 "Exit status: 0 imported (or imported before), 1 no such file, 2 not a history "
                 "Detour can import (nothing written), 3 the database could not be written "
                 "(nothing written)."),
        u"FILE"_s);
    const QCommandLineOption exportCode(u"export"_s,
        Text::tr("Print the route of --route as a program that asks --ask TEXT (default "
                 "\"Hello!\"): curl, python, langchain, langchain-js or typescript."),
        u"LANGUAGE"_s);
    const QCommandLineOption database(u"db"_s,
        Text::tr("The conversation database (default: %1).").arg(Database::defaultPath()),
        u"FILE"_s);
    const QCommandLineOption noHistory(
        u"no-history"_s, Text::tr("With --ask: do not record the turn."));
    const QCommandLineOption traceFile(u"trace-file"_s,
        Text::tr("Append each finished turn to FILE as one JSON line (the window and --ask)."),
        u"FILE"_s);
    const QCommandLineOption system(
        u"system"_s, Text::tr("With --ask: the system prompt, sent first."), u"TEXT"_s);
    const QCommandLineOption set(u"set"_s,
        Text::tr("With --ask: a parameter, repeatable: %1.")
            .arg(ConversationSettings::parameterNames().join(u", "_s)),
        u"NAME=VALUE"_s);
    const QCommandLineOption attach(u"attach"_s,
        Text::tr("With --ask: attach a file (an image, a PDF or a text file); repeatable."),
        u"FILE"_s);
    const QCommandLineOption cooldowns(
        u"cooldowns"_s, Text::tr("List the cooldowns in force in the database."));
    const QCommandLineOption clearCooldowns(u"clear-cooldowns"_s,
        Text::tr("Clear every cooldown in the database: each step may be tried again."));
    parser.addOptions(
        { ask, route, simulate, scenario, json, explain, kind, importHistory, exportCode, database,
            noHistory, traceFile, system, set, attach, cooldowns, clearCooldowns });

    // Parsed before any application object exists: a mistake, the headless commands and
    // --help / --version need no display, and only the window gets a QApplication (whose
    // platform plugin aborts the process when there is no display).
    const CommandLine line = commandLineOf(argc, argv);
    const QStringList arguments = expandOptionalSimulateValue(line.arguments);
    const bool parsed = parser.parse(arguments);
    const bool headless = !parsed || parser.isSet(help) || parser.isSet(u"help-all"_s)
        || parser.isSet(version) || parser.isSet(ask) || parser.isSet(explain)
        || parser.isSet(cooldowns) || parser.isSet(clearCooldowns) || parser.isSet(importHistory)
        || parser.isSet(exportCode);
    if (!headless && !hasDisplay(line)) {
        QTextStream(stderr) << "detour: there is no display to open the window on: set DISPLAY "
                               "or WAYLAND_DISPLAY (or QT_QPA_PLATFORM), or run a turn "
                               "without a window with detour --ask \"...\"."
                            << Qt::endl;
        return 1;
    }
    const std::unique_ptr<QCoreApplication> app = headless
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    // Every log line passes through the redactor: a key that reached a message never reaches
    // stderr.
    Redactor::installMessageFilter();
    if (!parsed) {
        QTextStream(stderr) << "detour: " << parser.errorText() << "\n\n"
                            << parser.helpText() << Qt::flush;
        return 1;
    }
    // --help, --help-all and --version print and exit here.
    parser.process(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.isSet(explain))
        return ExplainCommand::run(parser.value(explain), parser.value(kind), out, err);
    if (parser.isSet(cooldowns) || parser.isSet(clearCooldowns))
        return CooldownsCommand::run(parser.isSet(clearCooldowns) ? CooldownsCommand::Action::Clear
                                                                  : CooldownsCommand::Action::List,
            parser.value(database), out, err);
    if (parser.isSet(importHistory))
        return ImportCommand::run(
            parser.value(importHistory), parser.isSet(json), parser.value(database), out, err);
    if (parser.isSet(exportCode))
        return ExportCommand::run({ .language = parser.value(exportCode),
                                      .routeFile = parser.value(route),
                                      .question = parser.value(ask),
                                      .systemPrompt = parser.value(system) },
            out, err);
    if (parser.isSet(ask) && parser.values(route).size() > 1) {
        CompareCommand command({ .text = parser.value(ask),
                                   .routeFiles = parser.values(route),
                                   .simulate = parser.isSet(simulate) || parser.isSet(scenario),
                                   .scenario = parser.value(scenario),
                                   .json = parser.isSet(json),
                                   .systemPrompt = parser.value(system),
                                   .assignments = parser.values(set),
                                   .attachPaths = parser.values(attach),
                                   .traceFile = parser.value(traceFile) },
            out, err);
        QObject::connect(&command, &CompareCommand::done, app.get(), &QCoreApplication::exit,
            Qt::QueuedConnection);
        if (!command.start())
            return CompareCommand::UsageError;
        return QCoreApplication::exec();
    }
    if (parser.isSet(ask)) {
        AskCommand command({ .text = parser.value(ask),
                               .routeFile = parser.value(route),
                               .simulate = parser.isSet(simulate) || parser.isSet(scenario),
                               .scenario = parser.value(scenario),
                               .json = parser.isSet(json),
                               .history = !parser.isSet(noHistory),
                               .databasePath = parser.value(database),
                               .systemPrompt = parser.value(system),
                               .assignments = parser.values(set),
                               .traceFile = parser.value(traceFile),
                               .attachPaths = parser.values(attach) },
            out, err);
        QObject::connect(
            &command, &AskCommand::done, app.get(), &QCoreApplication::exit, Qt::QueuedConnection);
        if (!command.start())
            return AskCommand::UsageError;
        return QCoreApplication::exec();
    }

    // The window speaks the person's language (View > Language, else the system's). The
    // headless commands above stay English: scripts and tests read what they print.
    Translations::install(Settings().language());
    QApplication::setApplicationDisplayName(u"Detour"_s);
    // The desktop entry's name lets Wayland compositors and task bars match the window to its icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(DETOUR_APP_ID));
    QApplication::setWindowIcon(QIcon(u":/icons/detour.svg"_s));
    Appearance::installStyle(); // before any widget: installed later, all are restyled
    MainWindow window({ .simulated = qEnvironmentVariableIsEmpty("OPENROUTER_API_KEY"),
        .traceFile = parser.value(traceFile),
        .databasePath = parser.value(database),
        .cacheDirectory = {},
        .settingsPath = {},
        .secretStore = nullptr,
        .lookForStoredKey = true,
        .openRouterUrl = QUrl(u"https://openrouter.ai/api/v1"_s) });
    // For the start-up benchmark (tests/bench/bench_startup.cpp).
    if (qEnvironmentVariableIsSet("DETOUR_REPORT_FIRST_PAINT")) {
        QObject::connect(new FirstPaintReporter(&window), &FirstPaintReporter::firstPainted,
            [&out](qint64 monotonicNs, qint64 cpuNs) {
                out << "first-paint " << monotonicNs << ' ' << cpuNs << Qt::endl;
            });
    }
    window.show();
    return QCoreApplication::exec();
}
