// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LangChainExporter.h"

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

// Body fields that ChatOpenAI takes as fields of the same name.
bool isChatOpenAiField(const std::string &key)
{
    static const QSet<QString> names { u"temperature"_s, u"top_p"_s, u"frequency_penalty"_s,
        u"presence_penalty"_s, u"max_tokens"_s, u"seed"_s, u"stop"_s, u"n"_s };
    return names.contains(json::toQt(key));
}

} // namespace

QString LangChainExporter::code(const ExportedRoute &route)
{
    constexpr Syntax py = Syntax::Python;
    QString out = route.header(
        { u"The enabled steps in order, a ChatOpenAI each, chained with with_fallbacks."_s }
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
        OrderedJson extra = OrderedJson::object();
        QString fields;
        const OrderedJson all = Lit::parameters(step.body);
        for (auto it = all.begin(); it != all.end(); ++it) {
            const std::string &key = it.key();
            if (key == "model") {
                out += Lit::assignment(u"    model="_s, it.value(), py, 4) + u",\n"_s;
            } else if (key == "stream") {
                fields += Lit::assignment(u"    streaming="_s, it.value(), py, 4) + u",\n"_s;
            } else if (key == "stream_options" && it.value().size() == 1
                && it.value().contains("include_usage")) {
                fields +=
                    Lit::assignment(u"    stream_usage="_s, it.value()["include_usage"], py, 4)
                    + u",\n"_s;
            } else if (isChatOpenAiField(key)) {
                fields += Lit::assignment(u"    "_s + json::toQt(key) + u'=', it.value(), py, 4)
                    + u",\n"_s;
            } else {
                extra[key] = it.value();
            }
        }
        out += u"    base_url="_s + Lit::quoted(Lit::urlText(endpoint.baseUrl), py) + u",\n"_s;
        out += u"    "_s + Lit::pythonKeyArgument(endpoint, u"api_key"_s) + u'\n';
        out += u"    max_retries=0,\n"_s + fields;
        if (!extra.empty())
            out += Lit::assignment(u"    extra_body="_s, extra, py, 4) + u",\n"_s;
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
    out += PythonParts::failureBranch(u"    "_s, u"'The route' if started else 'Every step of the route'"_s);
    out += u"    sys.exit(1)\n"_s;
    return out;
}

} // namespace detour
