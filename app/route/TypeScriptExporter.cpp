// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TypeScriptExporter.h"

#include "CodeLiteral.h"
#include "RouteCodeExporter.h"

namespace detour {

using namespace Qt::StringLiterals;
using Lit = CodeLiteral;
using Syntax = CodeLiteral::Syntax;

QString TypeScriptExporter::code(const ExportedRoute &route)
{
    constexpr Syntax ts = Syntax::TypeScript;
    QString out = route.header(ExportedRoute::fallThroughLines(), u"//"_s);
    if (route.steps.isEmpty())
        return out;
    const bool stream = route.stream;
    out += u"import OpenAI from \"openai\";\n\n"_s;

    out += u"// maxRetries: 0, so the loop below is the whole retry policy, as in Detour.\n"_s;
    const QList<QString> clients = Lit::clientNames(route.endpoints, ts);
    for (qsizetype i = 0; i < route.endpoints.size(); ++i) {
        const Endpoint &endpoint = *route.endpoints[i];
        out += u"const "_s + clients[i] + u" = new OpenAI({\n"_s;
        out += u"  baseURL: "_s + Lit::quoted(Lit::urlText(endpoint.baseUrl), ts) + u",\n"_s;
        const QString variable = RouteCodeExporter::keyVariable(endpoint);
        if (variable.isEmpty())
            out += u"  apiKey: \"unused\", // keyless endpoint: any value will do\n"_s;
        else if (Lit::isAsciiIdentifier(variable, true))
            out += u"  apiKey: process.env."_s + variable + u",\n"_s;
        else
            out += u"  apiKey: process.env["_s + Lit::quoted(variable, ts) + u"],\n"_s;
        out += u"  maxRetries: 0,\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out +=
                Lit::assignment(u"  defaultHeaders: "_s, route.identityHeaders(), ts, 2) + u",\n"_s;
        out += u"});\n"_s;
    }

    out += u'\n'
        + Lit::assignment(u"const messages: OpenAI.Chat.ChatCompletionMessageParam[] = "_s,
            route.messages(), ts, 0)
        + u";\n\n"_s;

    const QString paramsType = stream ? u"ChatCompletionCreateParamsStreaming"_s
                                      : u"ChatCompletionCreateParamsNonStreaming"_s;
    out += u"// OpenRouter-only fields (models, provider, ...) go in the same object:\n"
           u"// openai-node sends the parameters it does not know as they are.\n"
           u"type StepParams = Omit<OpenAI.Chat."_s
        + paramsType + u", \"messages\"> &\n  Record<string, unknown>;\n\n"_s;

    out += u"const steps: [OpenAI, StepParams][] = [\n"_s;
    for (const ExportedStep &step : route.steps) {
        out += u"  // "_s + step.comment() + u'\n';
        out += u"  [\n"_s;
        out += u"    "_s + clients[route.endpoints.indexOf(step.endpoint)] + u",\n"_s;
        out += Lit::assignment(u"    "_s, Lit::parameters(step.body), ts, 4) + u",\n"_s;
        out += u"  ],\n"_s;
    }
    out += u"];\n\n"_s;

    out += u"async function main(): Promise<void> {\n"
           u"  for (const [client, params] of steps) {\n"_s;
    if (stream) {
        out += u"    let started = false;\n"
               u"    try {\n"
               u"      const stream = await client.chat.completions.create({ ...params, messages "
               u"});\n"
               u"      for await (const chunk of stream) {\n"
               u"        const text = chunk.choices[0]?.delta?.content;\n"
               u"        if (text) {\n"
               u"          started = true;\n"
               u"          process.stdout.write(text);\n"
               u"        }\n"
               u"      }\n"
               u"      process.stdout.write(\"\\n\");\n"
               u"      return;\n"
               u"    } catch (error) {\n"
               u"      // APIError: status errors (RateLimitError, ...), connection errors and\n"
               u"      // errors streamed before the reply. Like Detour, never fall back once\n"
               u"      // the reply has started.\n"
               u"      if (started || !(error instanceof OpenAI.APIError)) throw error;\n"
               u"      console.error(`${params.model} failed: ${error.message}`);\n"
               u"    }\n"_s;
    } else {
        out += u"    try {\n"
               u"      const completion = await client.chat.completions.create({ ...params, "
               u"messages });\n"
               u"      console.log(completion.choices[0]?.message.content ?? \"\");\n"
               u"      return;\n"
               u"    } catch (error) {\n"
               u"      // APIError: status errors (RateLimitError, ...) and connection errors.\n"
               u"      if (!(error instanceof OpenAI.APIError)) throw error;\n"
               u"      console.error(`${params.model} failed: ${error.message}`);\n"
               u"    }\n"_s;
    }
    out += u"  }\n"
           u"  console.error(\"Every step of the route failed.\");\n"
           u"  process.exitCode = 1;\n"
           u"}\n\n"
           u"main();\n"_s;
    return out;
}

} // namespace detour
