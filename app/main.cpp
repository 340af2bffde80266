#include "cli/AskCommand.h"
#include "cli/ExplainCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"detour"_s);
    QCoreApplication::setOrganizationName(u"Detour"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DETOUR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Detour: a chat client that routes around rate limits."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption ask(u"ask"_s,
        QCoreApplication::translate("main", "Run one turn with TEXT and print the reply."),
        u"TEXT"_s);
    const QCommandLineOption route(u"route"_s,
        QCoreApplication::translate(
            "main", "Route file (JSON) for --ask; default: the demo route."),
        u"FILE"_s);
    const QCommandLineOption simulate(u"simulate"_s,
        QCoreApplication::translate("main",
            "Send to the built-in simulated OpenRouter (optionally with SCENARIO: a built-in name "
            "or a file)."));
    const QCommandLineOption scenario(u"scenario"_s,
        QCoreApplication::translate("main", "Scenario for --simulate."), u"SCENARIO"_s);
    const QCommandLineOption json(u"json"_s,
        QCoreApplication::translate(
            "main", "With --ask: print one JSON object per attempt and one for the turn."));
    const QCommandLineOption explain(u"explain"_s,
        QCoreApplication::translate(
            "main", "Diagnose a saved raw HTTP response (\"-\" for stdin)."),
        u"FILE"_s);
    const QCommandLineOption kind(u"kind"_s,
        QCoreApplication::translate(
            "main", "With --explain: openrouter or openai (default: inferred)."),
        u"KIND"_s);
    parser.addOptions({ ask, route, simulate, scenario, json, explain, kind });
    parser.process(expandOptionalSimulateValue(app.arguments()));

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.isSet(explain))
        return ExplainCommand::run(parser.value(explain), parser.value(kind), out, err);
    if (!parser.isSet(ask)) {
        err << QCoreApplication::translate(
            "main", "Nothing to do: use --ask TEXT or --explain FILE (see --help).")
            << Qt::endl;
        return AskCommand::UsageError;
    }
    AskCommand command(
        { parser.value(ask), parser.value(route), parser.isSet(simulate) || parser.isSet(scenario),
            parser.value(scenario), parser.isSet(json) },
        out, err);
    QObject::connect(
        &command, &AskCommand::done, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    if (!command.start())
        return AskCommand::UsageError;
    return app.exec();
}
