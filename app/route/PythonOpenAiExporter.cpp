// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "PythonOpenAiExporter.h"

#include "CodeLiteral.h"
#include "PythonParts.h"
#include "protocol/JsonUtil.h"

#include <QSet>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Lit = CodeLiteral;
using Syntax = CodeLiteral::Syntax;
using OrderedJson = nlohmann::ordered_json;

namespace {

// Parameters that openai-python's create() takes by name; everything else in the
// body (OpenRouter's models, provider, session_id, ...) goes in extra_body.
bool isOpenAiParameter(const std::string &key)
{
    static const QSet<QString> names { u"model"_s, u"stream"_s, u"stream_options"_s,
        u"temperature"_s, u"top_p"_s, u"frequency_penalty"_s, u"presence_penalty"_s,
        u"max_tokens"_s, u"max_completion_tokens"_s, u"seed"_s, u"stop"_s, u"n"_s, u"user"_s,
        u"logit_bias"_s, u"logprobs"_s, u"top_logprobs"_s, u"response_format"_s, u"tools"_s,
        u"tool_choice"_s, u"parallel_tool_calls"_s, u"reasoning_effort"_s };
    return names.contains(json::toQt(key));
}

} // namespace

QString PythonOpenAiExporter::code(const ExportedRoute &route)
{
    constexpr Syntax py = Syntax::Python;
    QString out = route.header(ExportedRoute::fallThroughLines(), u"#"_s);
    if (route.steps.isEmpty())
        return out;
    const bool stream = route.stream;
    out += u"import os\nimport sys\n\nimport openai\nfrom openai import OpenAI\n\n"_s;

    out += u"# max_retries=0, so the loop below is the whole retry policy, as in Detour.\n"_s;
    const QList<QString> clients = Lit::clientNames(route.endpoints, py);
    for (qsizetype i = 0; i < route.endpoints.size(); ++i) {
        const Endpoint &endpoint = *route.endpoints[i];
        out += clients[i] + u" = OpenAI(\n"_s;
        out += u"    base_url="_s + Lit::quoted(Lit::urlText(endpoint.baseUrl), py) + u",\n"_s;
        out += u"    "_s + Lit::pythonKeyArgument(endpoint, u"api_key"_s) + u'\n';
        out += u"    max_retries=0,\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out += Lit::assignment(u"    default_headers="_s, route.identityHeaders(), py, 4)
                + u",\n"_s;
        out += u")\n"_s;
    }

    out += u'\n' + Lit::assignment(u"messages = "_s, route.messages(), py, 0) + u"\n\n"_s;

    out += u"# (client, parameters, extra_body): extra_body carries the OpenRouter-only "
           u"fields.\n"_s;
    out += u"steps = [\n"_s;
    for (const ExportedStep &step : route.steps) {
        OrderedJson params = OrderedJson::object();
        OrderedJson extra = OrderedJson::object();
        const OrderedJson all = Lit::parameters(step.body);
        for (auto it = all.begin(); it != all.end(); ++it)
            (isOpenAiParameter(it.key()) ? params : extra)[it.key()] = it.value();
        out += u"    # "_s + step.comment() + u'\n';
        out += u"    (\n"_s;
        out += u"        "_s + clients[route.endpoints.indexOf(step.endpoint)] + u",\n"_s;
        out += Lit::assignment(u"        "_s, params, py, 8) + u",\n"_s;
        out += (extra.empty() ? u"        None"_s : Lit::assignment(u"        "_s, extra, py, 8))
            + u",\n"_s;
        out += u"    ),\n"_s;
    }
    out += u"]\n\n"_s;

    out += PythonParts::errorOf();
    out += u"for client, params, extra_body in steps:\n"
           u"    started = False\n"
           u"    try:\n"_s;
    if (stream) {
        out += u"        stream = client.chat.completions.create(\n"
               u"            messages=messages, extra_body=extra_body, **params\n"
               u"        )\n"
               u"        finished = False\n"
               u"        # openai-python raises an APIError for a chunk that carries an `error`.\n"
               u"        for chunk in stream:\n"
               u"            choice = chunk.choices[0] if chunk.choices else None\n"
               u"            failure = error_of(chunk, choice and choice.finish_reason)\n"
               u"            if failure:\n"
               u"                raise RuntimeError(failure)\n"
               u"            if choice and choice.delta.content:\n"
               u"                started = True\n"
               u"                print(choice.delta.content, end=\"\", flush=True)\n"
               u"            finished = finished or bool(choice and choice.finish_reason)\n"
               u"        if not finished:\n"
               u"            raise RuntimeError(\"the reply ended before it was finished\")\n"
               u"        print()\n"_s;
    } else {
        out += u"        completion = client.chat.completions.create(\n"
               u"            messages=messages, extra_body=extra_body, **params\n"
               u"        )\n"
               u"        choice = completion.choices[0] if completion.choices else None\n"
               u"        failure = error_of(completion, choice and choice.finish_reason)\n"
               u"        if failure or not choice:\n"
               u"            raise RuntimeError(failure or \"the reply has no choices\")\n"
               u"        print(choice.message.content)\n"_s;
    }
    out += u"        break\n"
           u"    # Status errors (RateLimitError, ...), connection errors, errors in a 200.\n"
           u"    except Exception as error:\n"_s;
    out += PythonParts::failureBranch(u"        "_s, u"params['model']"_s);
    out += u"else:\n    sys.exit(\"Every step of the route failed.\")\n"_s;
    return out;
}

} // namespace detour
