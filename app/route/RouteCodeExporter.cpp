// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteCodeExporter.h"

#include "CurlExporter.h"
#include "ExportedRoute.h"
#include "LangChainExporter.h"
#include "LangChainJsExporter.h"
#include "PythonOpenAiExporter.h"
#include "TypeScriptExporter.h"

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct LanguageInfo {
    RouteCodeExporter::Language language;
    QLatin1StringView name; // in the route editor's "Copy as"
    QLatin1StringView extension;
    QLatin1StringView command; // `detour --export WORD`
};

using L = RouteCodeExporter::Language;
constexpr LanguageInfo languageTable[] = {
    { L::Curl, "curl"_L1, "sh"_L1, "curl"_L1 },
    { L::PythonOpenAI, "Python (openai)"_L1, "py"_L1, "python"_L1 },
    { L::LangChainPython, "LangChain (Python)"_L1, "py"_L1, "langchain"_L1 },
    { L::TypeScriptOpenAI, "TypeScript (openai)"_L1, "ts"_L1, "typescript"_L1 },
    { L::LangChainJs, "LangChain (JavaScript)"_L1, "mjs"_L1, "langchain-js"_L1 },
};

const LanguageInfo &info(L language)
{
    for (const LanguageInfo &each : languageTable) {
        if (each.language == language)
            return each;
    }
    return languageTable[0];
}

} // namespace

// Each language is written by its own class from the same ExportedRoute (the
// steps and bodies, chosen once here); CodeLiteral holds what they share.
QList<RouteCodeExporter::Language> RouteCodeExporter::languages()
{
    QList<Language> all;
    for (const LanguageInfo &each : languageTable)
        all << each.language;
    return all;
}

QString RouteCodeExporter::languageName(Language language)
{
    return info(language).name;
}

QString RouteCodeExporter::fileExtension(Language language)
{
    return info(language).extension;
}

QString RouteCodeExporter::commandName(Language language)
{
    return info(language).command;
}

std::optional<RouteCodeExporter::Language> RouteCodeExporter::fromCommandName(const QString &name)
{
    for (const LanguageInfo &each : languageTable) {
        if (each.command == name)
            return each.language;
    }
    return std::nullopt;
}

QString RouteCodeExporter::keyVariable(const Endpoint &endpoint)
{
    if (!endpoint.keyEnv.isEmpty())
        return endpoint.keyEnv;
    return endpoint.kind == EndpointKind::OpenRouter ? u"OPENROUTER_API_KEY"_s : QString();
}

ChatRequest RouteCodeExporter::request(
    const QString &question, const ConversationSettings &settings)
{
    ChatRequest request;
    request.messages.append({ u"user"_s, question });
    settings.applyTo(request);
    return request;
}

QString RouteCodeExporter::code(Language language, const RoutePlan &plan,
    const ChatRequest &request, const ClientIdentity &identity)
{
    const ExportedRoute route = ExportedRoute::select(plan, request, identity);
    switch (language) {
    case Language::Curl:
        return CurlExporter::code(route);
    case Language::PythonOpenAI:
        return PythonOpenAiExporter::code(route);
    case Language::LangChainPython:
        return LangChainExporter::code(route);
    case Language::TypeScriptOpenAI:
        return TypeScriptExporter::code(route);
    case Language::LangChainJs:
        return LangChainJsExporter::code(route);
    }
    return {};
}

} // namespace detour
