#include "RouteCodeExporter.h"

#include "protocol/JsonUtil.h"

#include <QSet>
#include <QStringList>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;
// Literals keep the order in which they are built ("model" first), not sorted keys.
using OrderedJson = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------
// What is exported

// One enabled step: its number in the route (as the route editor shows it) and
// the exact body Detour sends for it.
struct ExportedStep {
    int number = 0;
    const Endpoint *endpoint = nullptr;
    ModelTarget target;
    Json body;
};

struct Selection {
    QList<ExportedStep> steps;
    QList<const Endpoint *> endpoints; // those the steps use, in order of first use
    QStringList notes; // steps left out, one sentence each
};

Selection select(const RoutePlan &plan, const ChatRequest &request)
{
    Selection selection;
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        const RouteStep &step = plan.steps[i];
        if (!step.enabled)
            continue;
        const Endpoint *endpoint = plan.endpoint(step.endpointId);
        if (!endpoint) {
            selection.notes
                << u"Step %1 is left out: its endpoint \"%2\" is not defined."_s.arg(i + 1).arg(
                       step.endpointId);
            continue;
        }
        selection.steps.append({ int(i + 1), endpoint, step.target,
            RequestBuilder::body(endpoint->kind, step.target, request) });
        if (!selection.endpoints.contains(endpoint))
            selection.endpoints.append(endpoint);
    }
    if (plan.policy.sort != RouteSort::None)
        selection.notes << u"The route's sort \"%1\" is client-side only: Detour reorders the "
                           "steps from its own history before each turn; here they run as "
                           "arranged."_s.arg(routeSortName(plan.policy.sort));
    return selection;
}

// ---------------------------------------------------------------------------
// Text helpers

// Characters shown as they are inside string literals; the rest (controls,
// format characters, unusual spaces, line separators) are written as escapes.
bool isVisible(char32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

QString fromCodePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

// Route names, ids and models are shown in comments: one line, nothing invisible.
QString commentText(const QString &text)
{
    QString out;
    for (const char32_t c : text.toUcs4())
        out += isVisible(c) ? fromCodePoint(c) : u" "_s;
    return out;
}

QString hex(uint value, int width)
{
    return u"%1"_s.arg(value, width, 16, QChar(u'0'));
}

enum class Syntax { Python, TypeScript };

// A double-quoted string literal, valid and equal to `text` in Python 3 and in
// TypeScript. Visible non-ASCII text is kept readable; astral characters that
// must be escaped are one \U escape in Python and a surrogate pair in TypeScript.
QString quoted(const QString &text, Syntax syntax)
{
    QString out = u"\""_s;
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'\\':
            out += u"\\\\"_s;
            continue;
        case U'"':
            out += u"\\\""_s;
            continue;
        case U'\n':
            out += u"\\n"_s;
            continue;
        case U'\r':
            out += u"\\r"_s;
            continue;
        case U'\t':
            out += u"\\t"_s;
            continue;
        default:
            break;
        }
        if (isVisible(c))
            out += fromCodePoint(c);
        else if (c < 0x100)
            out += u"\\x"_s + hex(c, 2);
        else if (c < 0x10000)
            out += u"\\u"_s + hex(c, 4);
        else if (syntax == Syntax::Python)
            out += u"\\U"_s + hex(c, 8);
        else
            out += u"\\u"_s + hex(0xd800 + ((c - 0x10000) >> 10), 4) + u"\\u"_s
                + hex(0xdc00 + ((c - 0x10000) & 0x3ff), 4);
    }
    return out + u'"';
}

QString quoted(const std::string &text, Syntax syntax)
{
    return quoted(json::toQt(text), syntax);
}

bool isAsciiIdentifier(const QString &text, bool allowDollar)
{
    if (text.isEmpty() || text.front().isDigit())
        return false;
    for (const QChar c : text) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'_' || (allowDollar && c == u'$');
        if (!ok)
            return false;
    }
    return true;
}

// Empty (keyless) counts: nothing is read then.
bool isShellName(const QString &variable)
{
    return variable.isEmpty() || isAsciiIdentifier(variable, false);
}

// POSIX sh: a single-quoted word, with ' written as '\''.
QString shellQuoted(const QString &text)
{
    QString out = text;
    out.replace(u'\'', u"'\\''"_s);
    return u'\'' + out + u'\'';
}

QString urlText(const QUrl &url)
{
    // A password in a URL is a secret too.
    return QString::fromLatin1(url.toEncoded(QUrl::RemovePassword));
}

// The words of an endpoint id, for variable names: ASCII letters and digits only.
QStringList idWords(const QString &id)
{
    QStringList words;
    QString word;
    for (const QChar c : id) {
        if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')) {
            word += c.toLower();
        } else if (!word.isEmpty()) {
            words << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        words << word;
    if (words.isEmpty() || words.front().front().isDigit())
        words.prepend(u"endpoint"_s);
    return words;
}

// A variable per endpoint: openrouter_client (Python), openrouterClient (TypeScript).
QList<QString> clientNames(const QList<const Endpoint *> &endpoints, Syntax syntax)
{
    QList<QString> names;
    QSet<QString> used;
    for (const Endpoint *endpoint : endpoints) {
        QStringList words = idWords(endpoint->id);
        QString name;
        if (syntax == Syntax::Python) {
            name = words.join(u'_') + u"_client"_s;
        } else {
            name = words.takeFirst();
            for (const QString &word : std::as_const(words))
                name += word.front().toUpper() + word.mid(1);
            name += u"Client"_s;
        }
        QString unique = name;
        for (int n = 2; used.contains(unique); ++n)
            unique = name + (syntax == Syntax::Python ? u"_"_s : QString()) + QString::number(n);
        used.insert(unique);
        names << unique;
    }
    return names;
}

QString keyList(const QList<const Endpoint *> &endpoints)
{
    QStringList variables;
    for (const Endpoint *endpoint : endpoints) {
        const QString variable = RouteCodeExporter::keyVariable(*endpoint);
        if (!variable.isEmpty() && !variables.contains(variable))
            variables << variable;
    }
    return variables.join(u", "_s);
}

QString stepComment(const ExportedStep &step)
{
    return commentText(
        u"Step %1: %2, %3"_s.arg(step.number).arg(step.endpoint->id, step.target.model));
}

// The comment lines every export starts with (`marker` is "#" or "//").
QString header(const RoutePlan &plan, const Selection &selection, const QStringList &what,
    const QString &marker)
{
    QString out = marker + u" Detour route: "_s
        + commentText(plan.name.isEmpty() ? u"(unnamed)"_s : plan.name) + u'\n';
    for (const QString &line : what)
        out += marker + u' ' + line + u'\n';
    const QString keys = keyList(selection.endpoints);
    if (!keys.isEmpty())
        out += marker + u" Keys are read from the environment: "_s + keys + u".\n"_s;
    for (const QString &note : selection.notes)
        out += marker + u' ' + commentText(note) + u'\n';
    if (selection.steps.isEmpty())
        out += marker + u" The route has no enabled step to export.\n"_s;
    return out;
}

// ---------------------------------------------------------------------------
// JSON values as Python / TypeScript literals

int indentWidth(Syntax syntax)
{
    return syntax == Syntax::Python ? 4 : 2;
}

int lineLimit(Syntax syntax)
{
    return syntax == Syntax::Python ? 88 : 80; // black's and prettier's defaults
}

QString keyText(const std::string &key, Syntax syntax)
{
    const QString text = json::toQt(key);
    if (syntax == Syntax::TypeScript && isAsciiIdentifier(text, true))
        return text;
    return quoted(text, syntax);
}

QString flatLiteral(const OrderedJson &value, Syntax syntax)
{
    const bool python = syntax == Syntax::Python;
    switch (value.type()) {
    case OrderedJson::value_t::null:
        return python ? u"None"_s : u"null"_s;
    case OrderedJson::value_t::boolean:
        if (value.get<bool>())
            return python ? u"True"_s : u"true"_s;
        return python ? u"False"_s : u"false"_s;
    case OrderedJson::value_t::string:
        return quoted(value.get_ref<const std::string &>(), syntax);
    case OrderedJson::value_t::array: {
        QStringList items;
        for (const OrderedJson &item : value)
            items << flatLiteral(item, syntax);
        return u'[' + items.join(u", "_s) + u']';
    }
    case OrderedJson::value_t::object: {
        if (value.empty())
            return u"{}"_s;
        QStringList items;
        for (auto it = value.begin(); it != value.end(); ++it)
            items << keyText(it.key(), syntax) + u": "_s + flatLiteral(it.value(), syntax);
        if (python)
            return u'{' + items.join(u", "_s) + u'}';
        return u"{ "_s + items.join(u", "_s) + u" }"_s;
    }
    case OrderedJson::value_t::number_float:
        // JSON has no NaN or infinity: the request carries null there.
        if (!std::isfinite(value.get<double>()))
            return python ? u"None"_s : u"null"_s;
        return QString::fromStdString(value.dump());
    default: // integers; JSON number syntax is valid in both languages
        return QString::fromStdString(value.dump());
    }
}

// `value` written at `column` of a line indented by `indent`: on that line when it
// fits, else one item per line with trailing commas (the formatters' style).
QString literal(const OrderedJson &value, Syntax syntax, qsizetype indent, qsizetype column)
{
    const QString flat = flatLiteral(value, syntax);
    if (!value.is_structured() || value.empty() || column + flat.size() + 1 <= lineLimit(syntax))
        return flat;
    const qsizetype inner = indent + indentWidth(syntax);
    QString out = value.is_array() ? u"[\n"_s : u"{\n"_s;
    for (auto it = value.begin(); it != value.end(); ++it) {
        QString prefix = QString(inner, u' ');
        if (value.is_object())
            prefix += keyText(it.key(), syntax) + u": "_s;
        out += prefix + literal(it.value(), syntax, inner, prefix.size()) + u",\n"_s;
    }
    return out + QString(indent, u' ') + (value.is_array() ? u']' : u'}');
}

// `name = value` / `name=value` / `name: value` lines share this.
QString assignment(const QString &prefix, const OrderedJson &value, Syntax syntax, qsizetype indent)
{
    return prefix + literal(value, syntax, indent, prefix.size());
}

OrderedJson ordered(const Json &value)
{
    // Same values, same (sorted) order; dump() round-trips numbers exactly.
    return OrderedJson::parse(value.dump());
}

// The body without `messages`, "model" first: the per-step request parameters.
OrderedJson parameters(const Json &body)
{
    OrderedJson out = OrderedJson::object();
    if (body.contains("model"))
        out["model"] = ordered(body.at("model"));
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "messages" && it.key() != "model")
            out[it.key()] = ordered(it.value());
    }
    return out;
}

OrderedJson identityHeaders(const ClientIdentity &identity)
{
    OrderedJson headers = OrderedJson::object();
    headers["HTTP-Referer"] = json::toStd(identity.referer);
    headers["X-OpenRouter-Title"] = json::toStd(identity.title);
    return headers;
}

OrderedJson messagesOf(const Selection &selection)
{
    // RequestBuilder writes the same messages for every kind of endpoint.
    OrderedJson messages = OrderedJson::array();
    if (selection.steps.isEmpty())
        return messages;
    for (const OrderedJson &message : ordered(selection.steps.front().body.at("messages"))) {
        OrderedJson roleFirst = OrderedJson::object();
        if (message.contains("role"))
            roleFirst["role"] = message["role"];
        roleFirst.update(message);
        messages.push_back(roleFirst);
    }
    return messages;
}

bool streams(const Selection &selection, const ChatRequest &request)
{
    return selection.steps.isEmpty() ? request.stream
                                     : selection.steps.front().body.value("stream", false);
}

// ---------------------------------------------------------------------------
// curl

QString authorizationHeader(const Endpoint &endpoint)
{
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    if (variable.isEmpty())
        return {};
    // Double quotes so that the shell expands the variable; the key is never written.
    const QString value = isShellName(variable)
        ? QString(u'$' + variable)
        : QString(u"$(printenv "_s + shellQuoted(variable) + u')');
    return u"\"Authorization: Bearer "_s + value + u'"';
}

// The arguments after `curl <options>`: URL, headers, body; continued lines.
QString curlArguments(const ExportedStep &step, const ClientIdentity &identity)
{
    const Endpoint &endpoint = *step.endpoint;
    QStringList arguments;
    arguments << shellQuoted(
        urlText(RequestBuilder::endpointUrl(endpoint.baseUrl, u"chat/completions"_s)));
    const QString authorization = authorizationHeader(endpoint);
    if (!authorization.isEmpty())
        arguments << u"-H "_s + authorization;
    arguments << u"-H "_s + shellQuoted(u"Content-Type: application/json"_s);
    if (endpoint.kind == EndpointKind::OpenRouter) {
        arguments << u"-H "_s + shellQuoted(u"HTTP-Referer: "_s + identity.referer);
        arguments << u"-H "_s + shellQuoted(u"X-OpenRouter-Title: "_s + identity.title);
    }
    arguments << u"-d "_s
            + shellQuoted(QString::fromStdString(
                step.body.dump(2, ' ', false, Json::error_handler_t::replace)));
    return arguments.join(u" \\\n  "_s);
}

QString curlCode(const RoutePlan &plan, const Selection &selection, const ChatRequest &request,
    const ClientIdentity &identity)
{
    const bool stream = streams(selection, request);
    // One step and nothing to say: a plain command, ready to paste into any shell.
    if (selection.steps.size() == 1 && selection.notes.isEmpty())
        return u"curl -sS "_s + (stream ? u"-N "_s : QString())
            + curlArguments(selection.steps.front(), identity) + u'\n';

    // sh drops environment variables whose names are not shell names; bash keeps them.
    bool shNames = true;
    for (const Endpoint *endpoint : selection.endpoints)
        shNames = shNames && isShellName(RouteCodeExporter::keyVariable(*endpoint));
    QString out = shNames ? u"#!/bin/sh\n"_s : u"#!/usr/bin/env bash\n"_s;
    out += header(plan, selection,
        { u"The enabled steps in order: a step that answers with a status other than"_s,
            u"2xx (or not at all) falls through to the next one."_s },
        u"#"_s);
    if (selection.steps.isEmpty())
        return out + u"exit 1\n"_s;
    out += u"reply=$(mktemp) || exit 1\n"_s;
    out += u"trap 'rm -f \"$reply\"' EXIT\n"_s;
    for (const ExportedStep &step : selection.steps) {
        out += u"\n# "_s + stepComment(step) + u'\n';
        out += u"status=$(curl -sS -o \"$reply\" -w '%{http_code}' "_s
            + curlArguments(step, identity) + u")\n"_s;
        out += u"case $status in\n2?\?) cat \"$reply\"; exit 0 ;;\nesac\n"_s;
        out += u"printf '%s failed: HTTP %s\\n' "_s + shellQuoted(step.target.model)
            + u" \"$status\" >&2\n"_s;
        out += u"cat \"$reply\" >&2\necho >&2\n"_s;
    }
    out += u"\necho 'Every step of the route failed.' >&2\nexit 1\n"_s;
    return out;
}

// ---------------------------------------------------------------------------
// Python

QString pythonKeyArgument(const Endpoint &endpoint, const QString &name)
{
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    if (variable.isEmpty())
        return name + u"=\"unused\",  # keyless endpoint: any value will do"_s;
    return name + u"=os.environ["_s + quoted(variable, Syntax::Python) + u"],"_s;
}

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

QString pythonOpenAiCode(const RoutePlan &plan, const Selection &selection,
    const ChatRequest &request, const ClientIdentity &identity)
{
    constexpr Syntax py = Syntax::Python;
    QString out = header(plan, selection,
        { u"The enabled steps in order: a step that fails before its reply starts falls"_s,
            u"through to the next one."_s },
        u"#"_s);
    if (selection.steps.isEmpty())
        return out;
    const bool stream = streams(selection, request);
    out += u"import os\nimport sys\n\nimport openai\nfrom openai import OpenAI\n\n"_s;

    out += u"# max_retries=0, so the loop below is the whole retry policy, as in Detour.\n"_s;
    const QList<QString> clients = clientNames(selection.endpoints, py);
    for (qsizetype i = 0; i < selection.endpoints.size(); ++i) {
        const Endpoint &endpoint = *selection.endpoints[i];
        out += clients[i] + u" = OpenAI(\n"_s;
        out += u"    base_url="_s + quoted(urlText(endpoint.baseUrl), py) + u",\n"_s;
        out += u"    "_s + pythonKeyArgument(endpoint, u"api_key"_s) + u'\n';
        out += u"    max_retries=0,\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out +=
                assignment(u"    default_headers="_s, identityHeaders(identity), py, 4) + u",\n"_s;
        out += u")\n"_s;
    }

    out += u'\n' + assignment(u"messages = "_s, messagesOf(selection), py, 0) + u"\n\n"_s;

    out += u"# (client, parameters, extra_body): extra_body carries the OpenRouter-only "
           u"fields.\n"_s;
    out += u"steps = [\n"_s;
    for (const ExportedStep &step : selection.steps) {
        OrderedJson params = OrderedJson::object();
        OrderedJson extra = OrderedJson::object();
        const OrderedJson all = parameters(step.body);
        for (auto it = all.begin(); it != all.end(); ++it)
            (isOpenAiParameter(it.key()) ? params : extra)[it.key()] = it.value();
        out += u"    # "_s + stepComment(step) + u'\n';
        out += u"    (\n"_s;
        out += u"        "_s + clients[selection.endpoints.indexOf(step.endpoint)] + u",\n"_s;
        out += assignment(u"        "_s, params, py, 8) + u",\n"_s;
        out += (extra.empty() ? u"        None"_s : assignment(u"        "_s, extra, py, 8))
            + u",\n"_s;
        out += u"    ),\n"_s;
    }
    out += u"]\n\n"_s;

    out += u"for client, params, extra_body in steps:\n"_s;
    if (stream) {
        out += u"    started = False\n"
               u"    try:\n"
               u"        stream = client.chat.completions.create(\n"
               u"            messages=messages, extra_body=extra_body, **params\n"
               u"        )\n"
               u"        for chunk in stream:\n"
               u"            text = chunk.choices[0].delta.content if chunk.choices else None\n"
               u"            if text:\n"
               u"                started = True\n"
               u"                print(text, end=\"\", flush=True)\n"
               u"        print()\n"
               u"        break\n"
               u"    # APIError: APIStatusError (RateLimitError, ...), APIConnectionError and\n"
               u"    # errors streamed before the reply.\n"
               u"    except openai.APIError as error:\n"
               u"        if started:\n"
               u"            raise  # like Detour, never fall back once the reply has started\n"
               u"        print(f\"{params['model']} failed: {error}\", file=sys.stderr)\n"_s;
    } else {
        out += u"    try:\n"
               u"        completion = client.chat.completions.create(\n"
               u"            messages=messages, extra_body=extra_body, **params\n"
               u"        )\n"
               u"        print(completion.choices[0].message.content)\n"
               u"        break\n"
               u"    # APIError: APIStatusError (RateLimitError, ...) and APIConnectionError.\n"
               u"    except openai.APIError as error:\n"
               u"        print(f\"{params['model']} failed: {error}\", file=sys.stderr)\n"_s;
    }
    out += u"else:\n    sys.exit(\"Every step of the route failed.\")\n"_s;
    return out;
}

// ---------------------------------------------------------------------------
// LangChain (Python)

// Body fields that ChatOpenAI takes as fields of the same name.
bool isChatOpenAiField(const std::string &key)
{
    static const QSet<QString> names { u"temperature"_s, u"top_p"_s, u"frequency_penalty"_s,
        u"presence_penalty"_s, u"max_tokens"_s, u"seed"_s, u"stop"_s, u"n"_s };
    return names.contains(json::toQt(key));
}

QString langChainCode(const RoutePlan &plan, const Selection &selection, const ChatRequest &request,
    const ClientIdentity &identity)
{
    constexpr Syntax py = Syntax::Python;
    QString out = header(plan, selection,
        { u"The enabled steps in order, a ChatOpenAI each: a step that fails before its"_s,
            u"reply starts falls through to the next one (with_fallbacks)."_s },
        u"#"_s);
    if (selection.steps.isEmpty())
        return out;
    const bool stream = streams(selection, request);
    out += u"import os\n\nfrom langchain_openai import ChatOpenAI\n\n"_s;
    out += u"# max_retries=0, so the fallbacks are the whole retry policy, as in Detour.\n"_s;

    QStringList names;
    for (const ExportedStep &step : selection.steps) {
        const Endpoint &endpoint = *step.endpoint;
        const QString name = u"step_%1"_s.arg(step.number);
        names << name;
        out += u"# "_s + stepComment(step) + u'\n';
        out += name + u" = ChatOpenAI(\n"_s;
        OrderedJson extra = OrderedJson::object();
        QString fields;
        const OrderedJson all = parameters(step.body);
        for (auto it = all.begin(); it != all.end(); ++it) {
            const std::string &key = it.key();
            if (key == "model") {
                out += assignment(u"    model="_s, it.value(), py, 4) + u",\n"_s;
            } else if (key == "stream") {
                fields += assignment(u"    streaming="_s, it.value(), py, 4) + u",\n"_s;
            } else if (key == "stream_options" && it.value().size() == 1
                && it.value().contains("include_usage")) {
                fields += assignment(u"    stream_usage="_s, it.value()["include_usage"], py, 4)
                    + u",\n"_s;
            } else if (isChatOpenAiField(key)) {
                fields +=
                    assignment(u"    "_s + json::toQt(key) + u'=', it.value(), py, 4) + u",\n"_s;
            } else {
                extra[key] = it.value();
            }
        }
        out += u"    base_url="_s + quoted(urlText(endpoint.baseUrl), py) + u",\n"_s;
        out += u"    "_s + pythonKeyArgument(endpoint, u"api_key"_s) + u'\n';
        out += u"    max_retries=0,\n"_s + fields;
        if (!extra.empty())
            out += assignment(u"    extra_body="_s, extra, py, 4) + u",\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out +=
                assignment(u"    default_headers="_s, identityHeaders(identity), py, 4) + u",\n"_s;
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
    for (const OrderedJson &message : messagesOf(selection)) {
        const QString role = flatLiteral(message.value("role", OrderedJson()), py);
        const QString content = flatLiteral(message.value("content", OrderedJson()), py);
        const QString flat = u"    ("_s + role + u", "_s + content + u"),"_s;
        if (flat.size() <= lineLimit(py))
            out += flat + u'\n';
        else
            out += u"    (\n        "_s + role + u",\n        "_s + content + u",\n    ),\n"_s;
    }
    out += u"]\n\n"_s;

    if (stream)
        out += u"for chunk in chain.stream(messages):\n"
               u"    print(chunk.content, end=\"\", flush=True)\n"
               u"print()\n"_s;
    else
        out += u"print(chain.invoke(messages).content)\n"_s;
    return out;
}

// ---------------------------------------------------------------------------
// TypeScript (openai-node)

QString typeScriptCode(const RoutePlan &plan, const Selection &selection,
    const ChatRequest &request, const ClientIdentity &identity)
{
    constexpr Syntax ts = Syntax::TypeScript;
    QString out = header(plan, selection,
        { u"The enabled steps in order: a step that fails before its reply starts falls"_s,
            u"through to the next one."_s },
        u"//"_s);
    if (selection.steps.isEmpty())
        return out;
    const bool stream = streams(selection, request);
    out += u"import OpenAI from \"openai\";\n\n"_s;

    out += u"// maxRetries: 0, so the loop below is the whole retry policy, as in Detour.\n"_s;
    const QList<QString> clients = clientNames(selection.endpoints, ts);
    for (qsizetype i = 0; i < selection.endpoints.size(); ++i) {
        const Endpoint &endpoint = *selection.endpoints[i];
        out += u"const "_s + clients[i] + u" = new OpenAI({\n"_s;
        out += u"  baseURL: "_s + quoted(urlText(endpoint.baseUrl), ts) + u",\n"_s;
        const QString variable = RouteCodeExporter::keyVariable(endpoint);
        if (variable.isEmpty())
            out += u"  apiKey: \"unused\", // keyless endpoint: any value will do\n"_s;
        else if (isAsciiIdentifier(variable, true))
            out += u"  apiKey: process.env."_s + variable + u",\n"_s;
        else
            out += u"  apiKey: process.env["_s + quoted(variable, ts) + u"],\n"_s;
        out += u"  maxRetries: 0,\n"_s;
        if (endpoint.kind == EndpointKind::OpenRouter)
            out += assignment(u"  defaultHeaders: "_s, identityHeaders(identity), ts, 2) + u",\n"_s;
        out += u"});\n"_s;
    }

    out += u'\n'
        + assignment(u"const messages: OpenAI.Chat.ChatCompletionMessageParam[] = "_s,
            messagesOf(selection), ts, 0)
        + u";\n\n"_s;

    const QString paramsType = stream ? u"ChatCompletionCreateParamsStreaming"_s
                                      : u"ChatCompletionCreateParamsNonStreaming"_s;
    out += u"// OpenRouter-only fields (models, provider, ...) go in the same object:\n"
           u"// openai-node sends the parameters it does not know as they are.\n"
           u"type StepParams = Omit<OpenAI.Chat."_s
        + paramsType + u", \"messages\"> &\n  Record<string, unknown>;\n\n"_s;

    out += u"const steps: [OpenAI, StepParams][] = [\n"_s;
    for (const ExportedStep &step : selection.steps) {
        out += u"  // "_s + stepComment(step) + u'\n';
        out += u"  [\n"_s;
        out += u"    "_s + clients[selection.endpoints.indexOf(step.endpoint)] + u",\n"_s;
        out += assignment(u"    "_s, parameters(step.body), ts, 4) + u",\n"_s;
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

} // namespace

QList<RouteCodeExporter::Language> RouteCodeExporter::languages()
{
    return { Language::Curl, Language::PythonOpenAI, Language::LangChainPython,
        Language::TypeScriptOpenAI };
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
    }
    return {};
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
    }
    return {};
}

QString RouteCodeExporter::keyVariable(const Endpoint &endpoint)
{
    if (!endpoint.keyEnv.isEmpty())
        return endpoint.keyEnv;
    return endpoint.kind == EndpointKind::OpenRouter ? u"OPENROUTER_API_KEY"_s : QString();
}

QString RouteCodeExporter::code(Language language, const RoutePlan &plan,
    const ChatRequest &request, const ClientIdentity &identity)
{
    const Selection selection = select(plan, request);
    switch (language) {
    case Language::Curl:
        return curlCode(plan, selection, request, identity);
    case Language::PythonOpenAI:
        return pythonOpenAiCode(plan, selection, request, identity);
    case Language::LangChainPython:
        return langChainCode(plan, selection, request, identity);
    case Language::TypeScriptOpenAI:
        return typeScriptCode(plan, selection, request, identity);
    }
    return {};
}

} // namespace detour
