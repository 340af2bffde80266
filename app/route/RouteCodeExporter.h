// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "RoutePlan.h"
#include "protocol/ChatRequest.h"
#include "protocol/ConversationSettings.h"
#include "protocol/RequestBuilder.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// "Copy as" for the route editor: code that sends `request` through the enabled
// steps of `plan`, in order, the way Detour does. Every request body is
// RequestBuilder::body for its step, converted to the language's literals, so the
// code sends what Detour sends (OpenRouter-only fields only to OpenRouter). A step
// that fails before its reply starts falls through to the next one; the clients
// never retry on their own. Keys are never written: the code reads each
// endpoint's key from its environment variable (see keyVariable).
class RouteCodeExporter final {
public:
    enum class Language { Curl, PythonOpenAI, LangChainPython, TypeScriptOpenAI, LangChainJs };

    static QList<Language> languages();
    static QString languageName(Language language); // "curl", "Python (openai)", ...
    static QString fileExtension(Language language); // "sh", "py", "py", "ts", "mjs"
    // The word `detour --export` takes: curl, python, langchain, typescript, langchain-js.
    static QString commandName(Language language);
    static std::optional<Language> fromCommandName(const QString &name);

    static QString code(Language language, const RoutePlan &plan, const ChatRequest &request,
        const ClientIdentity &identity = {});
    // The request code is exported with, in the window and by `detour --export`: one
    // user message, `question`, under `settings` (a conversation's over the route's
    // defaults).
    static ChatRequest request(const QString &question, const ConversationSettings &settings);

    // The environment variable the exported code reads the key of `endpoint` from:
    // its key_env, else OPENROUTER_API_KEY for OpenRouter; empty for a keyless endpoint.
    static QString keyVariable(const Endpoint &endpoint);
};

} // namespace detour
