// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CurlExporter.h"

#include "CodeLiteral.h"
#include "RouteCodeExporter.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Lit = CodeLiteral;
using Json = nlohmann::json;

namespace {

QString authorizationHeader(const Endpoint &endpoint)
{
    const QString variable = RouteCodeExporter::keyVariable(endpoint);
    if (variable.isEmpty())
        return {};
    // Double quotes so that the shell expands the variable; the key is never written.
    const QString value = Lit::isShellName(variable)
        ? QString(u'$' + variable)
        : QString(u"$(printenv "_s + Lit::shellQuoted(variable) + u')');
    return u"\"Authorization: Bearer "_s + value + u'"';
}

// The arguments after `curl <options>`: URL, headers, body; continued lines.
QString curlArguments(const ExportedStep &step, const ClientIdentity &identity)
{
    const Endpoint &endpoint = *step.endpoint;
    QStringList arguments;
    arguments << Lit::shellQuoted(
        Lit::urlText(RequestBuilder::endpointUrl(endpoint.baseUrl, u"chat/completions"_s)));
    const QString authorization = authorizationHeader(endpoint);
    if (!authorization.isEmpty())
        arguments << u"-H "_s + authorization;
    arguments << u"-H "_s + Lit::shellQuoted(u"Content-Type: application/json"_s);
    if (endpoint.kind == EndpointKind::OpenRouter) {
        arguments << u"-H "_s + Lit::shellQuoted(u"HTTP-Referer: "_s + identity.referer);
        arguments << u"-H "_s + Lit::shellQuoted(u"X-OpenRouter-Title: "_s + identity.title);
    }
    arguments << u"-d "_s
            + Lit::shellQuoted(QString::fromStdString(
                step.body.dump(2, ' ', false, Json::error_handler_t::replace)));
    return arguments.join(u" \\\n  "_s);
}

} // namespace

QString CurlExporter::code(const ExportedRoute &route)
{
    const bool stream = route.stream;
    // One step and nothing to say: a plain command, ready to paste into any shell.
    if (route.steps.size() == 1 && route.notes.isEmpty())
        return u"curl -sS "_s + (stream ? u"-N "_s : QString())
            + curlArguments(route.steps.front(), route.identity) + u'\n';

    // sh drops environment variables whose names are not shell names; bash keeps them.
    bool shNames = true;
    for (const Endpoint *endpoint : route.endpoints)
        shNames = shNames && Lit::isShellName(RouteCodeExporter::keyVariable(*endpoint));
    QString out = shNames ? u"#!/bin/sh\n"_s : u"#!/usr/bin/env bash\n"_s;
    out += route.header(
        { u"The enabled steps in order: a step that answers with a status other than"_s,
            u"2xx (or not at all) falls through to the next one."_s },
        u"#"_s);
    if (route.steps.isEmpty())
        return out + u"exit 1\n"_s;
    out += u"reply=$(mktemp) || exit 1\n"_s;
    out += u"trap 'rm -f \"$reply\"' EXIT\n"_s;
    for (const ExportedStep &step : route.steps) {
        out += u"\n# "_s + step.comment() + u'\n';
        out += u"status=$(curl -sS -o \"$reply\" -w '%{http_code}' "_s
            + curlArguments(step, route.identity) + u")\n"_s;
        out += u"case $status in\n2?\?) cat \"$reply\"; exit 0 ;;\nesac\n"_s;
        out += u"printf '%s failed: HTTP %s\\n' "_s + Lit::shellQuoted(step.target.model)
            + u" \"$status\" >&2\n"_s;
        out += u"cat \"$reply\" >&2\necho >&2\n"_s;
    }
    out += u"\necho 'Every step of the route failed.' >&2\nexit 1\n"_s;
    return out;
}

} // namespace detour
