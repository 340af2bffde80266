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

// Each language is written by its own class from the same ExportedRoute (the
// steps and bodies, chosen once here); CodeLiteral holds what they share.
QList<RouteCodeExporter::Language> RouteCodeExporter::languages()
{
    return { Language::Curl, Language::PythonOpenAI, Language::LangChainPython,
        Language::TypeScriptOpenAI, Language::LangChainJs };
}

QString RouteCodeExporter::languageName(Language language)
{
    switch (language) {
    case Language::Curl:
        return u"curl"_s;
    case Language::PythonOpenAI:
        return u"Python (openai)"_s;
    case Language::LangChainPython:
        return u"LangChain (Python)"_s;
    case Language::TypeScriptOpenAI:
        return u"TypeScript (openai)"_s;
    case Language::LangChainJs:
        return u"LangChain (JavaScript)"_s;
    }
    return {};
}

QString RouteCodeExporter::commandName(Language language)
{
    switch (language) {
    case Language::Curl:
        return u"curl"_s;
    case Language::PythonOpenAI:
        return u"python"_s;
    case Language::LangChainPython:
        return u"langchain"_s;
    case Language::TypeScriptOpenAI:
        return u"typescript"_s;
    case Language::LangChainJs:
        return u"langchain-js"_s;
    }
    return {};
}

std::optional<RouteCodeExporter::Language> RouteCodeExporter::fromCommandName(const QString &name)
{
    for (const Language language : languages()) {
        if (commandName(language) == name)
            return language;
    }
    return std::nullopt;
}

QString RouteCodeExporter::fileExtension(Language language)
{
    switch (language) {
    case Language::Curl:
        return u"sh"_s;
    case Language::PythonOpenAI:
    case Language::LangChainPython:
        return u"py"_s;
    case Language::TypeScriptOpenAI:
        return u"ts"_s;
    case Language::LangChainJs:
        return u"mjs"_s;
    }
    return {};
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
