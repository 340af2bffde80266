// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LangChainExporter.h"

#include "ChatOpenAiArguments.h"
#include "CodeLiteral.h"
#include "PythonParts.h"
#include "protocol/JsonUtil.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Lit = CodeLiteral;
using Syntax = CodeLiteral::Syntax;
using OrderedJson = nlohmann::ordered_json;

QString LangChainExporter::code(const ExportedRoute &route)
{
    constexpr Syntax py = Syntax::Python;
    QString out = route.header(
        QStringList {
            u"The enabled steps in order, a ChatOpenAI each, chained with with_fallbacks."_s }
            + ExportedRoute::fallThroughLines(),
        u"#"_s);
    if (route.steps.isEmpty())
        return out;
    const bool stream = route.stream;
    out += u"import os\nimport sys\n\nfrom langchain_openai import ChatOpenAI\n\n"_s;
    out += u"# max_retries=0, so the fallbacks are the whole retry policy, as in Detour.\n"_s;

    QStringList names;
    for (const ExportedStep &step : route.steps) {
        const Endpoint &endpoint = *step.endpoint;
        const QString name = u"step_%1"_s.arg(step.number);
        names << name;
        out += u"# "_s + step.comment() + u'\n';
        out += name + u" = ChatOpenAI(\n"_s;
        const ChatOpenAiArguments arguments =
            ChatOpenAiArguments::of(step.body, ChatOpenAiArguments::Style::Python);
        out += Lit::assignment(u"    model="_s, arguments.model, py, 4) + u",\n"_s;
        QString fields;
        for (const auto &[field, value] : arguments.fields)
            fields += Lit::assignment(u"    "_s + field + u'=', value, py, 4) + u",\n"_s;
        out += u"    base_url="_s + Lit::quoted(Lit::urlText(endpoint.baseUrl), py) + u",\n"_s;
        out += u"    "_s + Lit::pythonKeyArgument(endpoint, u"api_key"_s) + u'\n';
        out += u"    max_retries=0,\n"_s + fields;
        if (!arguments.extra.empty())
            out += Lit::assignment(u"    extra_body="_s, arguments.extra, py, 4) + u",\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out += Lit::assignment(u"    default_headers="_s, route.identityHeaders(), py, 4)
                + u",\n"_s;
        out += u")\n"_s;
    }

    out += u'\n';
    const QString first = names.takeFirst();
    if (names.isEmpty())
        out += u"chain = "_s + first + u"\n\n"_s;
    else
        out += u"chain = "_s + first + u".with_fallbacks(["_s + names.join(u", "_s) + u"])\n\n"_s;

    // (role, content) tuples; "system", "user" and "assistant" are LangChain roles too.
    out += u"messages = [\n"_s;
    for (const OrderedJson &message : route.messages()) {
        const QString role = Lit::flatLiteral(message.value("role", OrderedJson()), py);
        const QString content = Lit::flatLiteral(message.value("content", OrderedJson()), py);
        const QString flat = u"    ("_s + role + u", "_s + content + u"),"_s;
        if (flat.size() <= Lit::lineLimit(py))
            out += flat + u'\n';
        else
            out += u"    (\n        "_s + role + u",\n        "_s + content + u",\n    ),\n"_s;
    }
    out += u"]\n\n"_s;

    out += PythonParts::errorOf();
    out += u"started = False\n"
           u"try:\n"_s;
    if (stream)
        out += u"    # A step that fails before its first chunk falls through to the next one.\n"
               u"    for chunk in chain.stream(messages):\n"
               u"        metadata = getattr(chunk, \"response_metadata\", {})\n"
               u"        failure = error_of(chunk, metadata.get(\"finish_reason\"))\n"
               u"        if failure:\n"
               u"            raise RuntimeError(failure)\n"
               u"        if chunk.content:\n"
               u"            started = True\n"
               u"            print(chunk.content, end=\"\", flush=True)\n"
               u"    print()\n"_s;
    else
        out += u"    reply = chain.invoke(messages)\n"
               u"    metadata = getattr(reply, \"response_metadata\", {})\n"
               u"    failure = error_of(reply, metadata.get(\"finish_reason\"))\n"
               u"    if failure:\n"
               u"        raise RuntimeError(failure)\n"
               u"    print(reply.content)\n"_s;
    out += u"except Exception as error:\n"_s;
    out += PythonParts::failureBranch(
        u"    "_s, u"'The route' if started else 'Every step of the route'"_s);
    out += u"    sys.exit(1)\n"_s;
    return out;
}

} // namespace detour
