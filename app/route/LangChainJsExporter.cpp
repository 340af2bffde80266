// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LangChainJsExporter.h"

#include "ChatOpenAiArguments.h"
#include "CodeLiteral.h"
#include "JavaScriptParts.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Lit = CodeLiteral;
using Syntax = CodeLiteral::Syntax;
using OrderedJson = nlohmann::ordered_json;

QString LangChainJsExporter::code(const ExportedRoute &route)
{
    // JavaScript literals are TypeScript's.
    constexpr Syntax js = Syntax::TypeScript;
    QString out = route.header(
        QStringList {
            u"The enabled steps in order, a ChatOpenAI each, chained with withFallbacks."_s }
            + ExportedRoute::fallThroughLines(),
        u"//"_s);
    if (route.steps.isEmpty())
        return out;
    const bool stream = route.stream;
    out += u"import { ChatOpenAI } from \"@langchain/openai\";\n\n"_s;
    out += u"// Says why a step failed; withFallbacks then tries the next one.\n"
           u"const saysWhy = (model) => [\n"
           u"  { handleLLMError: (error) => console.error(`${model} failed: ${error.message}`) },\n"
           u"];\n\n"_s;
    out += u"// maxRetries: 0, so the fallbacks are the whole retry policy, as in Detour.\n"_s;

    QStringList names;
    for (const ExportedStep &step : route.steps) {
        const Endpoint &endpoint = *step.endpoint;
        const QString name = u"step%1"_s.arg(step.number);
        names << name;
        out += u"// "_s + step.comment() + u'\n';
        out += u"const "_s + name + u" = new ChatOpenAI({\n"_s;
        const ChatOpenAiArguments arguments =
            ChatOpenAiArguments::of(step.body, ChatOpenAiArguments::Style::JavaScript);
        out += Lit::assignment(u"  model: "_s, arguments.model, js, 2) + u",\n"_s;
        QString fields;
        for (const auto &[field, value] : arguments.fields)
            fields += Lit::assignment(u"  "_s + field + u": "_s, value, js, 2) + u",\n"_s;
        // ChatOpenAI asks for usage in a stream unless told not to; Detour's body decides.
        if (stream && !arguments.streamUsage)
            fields += u"  streamUsage: false,\n"_s;
        out += u"  "_s + Lit::javaScriptKeyArgument(endpoint, u"apiKey"_s) + u'\n';
        out += u"  maxRetries: 0,\n"_s + fields;
        out += u"  callbacks: saysWhy("_s + Lit::quoted(step.target.model, js) + u"),\n"_s;
        if (!arguments.extra.empty())
            out += Lit::assignment(u"  modelKwargs: "_s, arguments.extra, js, 2) + u",\n"_s;
        out += u"  configuration: {\n"_s;
        out += u"    baseURL: "_s + Lit::quoted(Lit::urlText(endpoint.baseUrl), js) + u",\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out += Lit::assignment(u"    defaultHeaders: "_s, route.identityHeaders(), js, 4)
                + u",\n"_s;
        out += u"  },\n"_s;
        out += u"});\n"_s;
    }

    out += u'\n';
    const QString first = names.takeFirst();
    if (names.isEmpty())
        out += u"const chain = "_s + first + u";\n\n"_s;
    else
        out += u"const chain = "_s + first + u".withFallbacks({ fallbacks: ["_s
            + names.join(u", "_s) + u"] });\n\n"_s;

    // [role, content] pairs; "system", "user" and "assistant" are LangChain roles too.
    out += u"const messages = [\n"_s;
    for (const OrderedJson &message : route.messages()) {
        const OrderedJson pair = OrderedJson::array(
            { message.value("role", OrderedJson()), message.value("content", OrderedJson()) });
        out += Lit::assignment(u"  "_s, pair, js, 2) + u",\n"_s;
    }
    out += u"];\n\n"_s;

    out += JavaScriptParts::errorOf(false);
    out += u"async function main() {\n"
           u"  let started = false;\n"
           u"  try {\n"_s;
    if (stream) {
        out += u"    // A step that fails before its first chunk falls through to the next one;\n"
               u"    // @langchain/openai throws for a chunk that carries an `error`.\n"
               u"    let finished = false;\n"
               u"    for await (const chunk of await chain.stream(messages)) {\n"
               u"      const finishReason = chunk.response_metadata?.finish_reason;\n"
               u"      const error = errorOf(chunk, finishReason);\n"
               u"      if (error) throw new Error(error);\n"
               u"      if (chunk.content) {\n"
               u"        started = true;\n"
               u"        process.stdout.write(chunk.content);\n"
               u"      }\n"
               u"      if (finishReason) finished = true;\n"
               u"    }\n"
               u"    if (!finished) throw new Error(\"the reply ended before it was finished\");\n"
               u"    process.stdout.write(\"\\n\");\n"_s;
    } else {
        out += u"    // A reply with an `error` and no choices fails inside ChatOpenAI, so the\n"
               u"    // next step is tried.\n"
               u"    const reply = await chain.invoke(messages);\n"
               u"    const error = errorOf(reply, reply.response_metadata?.finish_reason);\n"
               u"    if (error) throw new Error(error);\n"
               u"    console.log(reply.content);\n"_s;
    }
    out += u"  } catch (error) {\n"
           u"    const what = started ? \"The route\" : \"Every step of the route\";\n"_s;
    out += JavaScriptParts::failureBranch(u"    "_s);
    out += u"    process.exitCode = 1;\n"
           u"  }\n"
           u"}\n\n"
           u"main();\n"_s;
    return out;
}

} // namespace detour
