// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TypeScriptExporter.h"

#include "CodeLiteral.h"
#include "JavaScriptParts.h"

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
        out += u"  "_s + Lit::javaScriptKeyArgument(endpoint, u"apiKey"_s) + u'\n';
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

    out += JavaScriptParts::errorOf(true);
    out += u"async function main(): Promise<void> {\n"
           u"  for (const [client, params] of steps) {\n"
           u"    let started = false;\n"
           u"    try {\n"_s;
    if (stream) {
        out += u"      const stream = await client.chat.completions.create({ ...params, messages "
               u"});\n"
               u"      let finished = false;\n"
               u"      // openai-node throws an APIError for a chunk that carries an `error`.\n"
               u"      for await (const chunk of stream) {\n"
               u"        const choice = chunk.choices[0];\n"
               u"        const error = errorOf(chunk, choice?.finish_reason);\n"
               u"        if (error) throw new Error(error);\n"
               u"        if (choice?.delta?.content) {\n"
               u"          started = true;\n"
               u"          process.stdout.write(choice.delta.content);\n"
               u"        }\n"
               u"        if (choice?.finish_reason) finished = true;\n"
               u"      }\n"
               u"      if (!finished) throw new Error(\"the reply ended before it was "
               u"finished\");\n"
               u"      process.stdout.write(\"\\n\");\n"_s;
    } else {
        out +=
            u"      const completion = await client.chat.completions.create({ ...params, "
            u"messages });\n"
            u"      const choice = completion.choices?.[0];\n"
            u"      const error = errorOf(completion, choice?.finish_reason);\n"
            u"      if (error || !choice) throw new Error(error ?? \"the reply has no choices\");\n"
            u"      console.log(choice.message.content ?? \"\");\n"_s;
    }
    out += u"      return;\n"
           u"    } catch (error) {\n"
           u"      // Status errors (RateLimitError, ...), connection errors, errors in a 200.\n"
           u"      const what = params.model;\n"_s;
    out += JavaScriptParts::failureBranch(u"      "_s);
    out += u"    }\n"
           u"  }\n"
           u"  console.error(\"Every step of the route failed.\");\n"
           u"  process.exitCode = 1;\n"
           u"}\n\n"
           u"main();\n"_s;
    return out;
}

} // namespace detour
