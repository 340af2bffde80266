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
    // bash, not sh: sh drops environment variables whose names are not shell names, and
    // the loop below reads curl's output as it streams (process substitution).
    QString out = u"#!/usr/bin/env bash\n"_s;
    out += route.header(
        QStringList { u"Needs curl (7.76 or later) and jq (https://jqlang.org), which reads the"_s,
            u"replies: the text is printed, not the raw JSON or SSE."_s }
            + ExportedRoute::fallThroughLines(),
        u"#"_s);
    if (route.steps.isEmpty())
        return out + u"exit 1\n"_s;
    out +=
        uR"(command -v jq >/dev/null || { echo 'This script needs jq (https://jqlang.org).' >&2; exit 1; }

# A streamed chunk: E and the error, or T, the text and F when the choice finished
# ("." otherwise, which also keeps the text's trailing newlines).
chunk_filter='if .error then "E" + (.error.message // (.error | tostring))
  elif .choices[0].finish_reason == "error" then "Ethe reply finished with \"error\""
  else "T" + (.choices[0].delta.content // "")
    + (if .choices[0].finish_reason then "F" else "." end) end'
# A reply that is not streamed (or an error body): E and the error, or T and the text.
reply_filter='if .error then "E" + (.error.message // (.error | tostring))
  elif (.choices | length) == 0 then "Ethe reply has no choices"
  elif .choices[0].finish_reason == "error" then "Ethe reply finished with \"error\""
  else "T" + (.choices[0].message.content // "") end'

# failed MODEL REASON [STARTED]: says why a step failed; once its text had started,
# ends the script with exit status 3 (the partial text stays printed).
failed() {
  if [ "${3:-0}" = 1 ]; then
    echo
    printf '%s failed after its reply had started: %s\n' "$1" "$2" >&2
    exit 3
  fi
  printf '%s failed: %s\n' "$1" "$2" >&2
  return 1
}

# step MODEL CURL-ARGUMENTS...: one request. Prints the reply's text and exits 0
# when it is served; returns 1 when it fails before its text starts.
step() {
  local model=$1 line out started=0 finished=0 body='' status
  shift
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    case $line in
    'data: [DONE]') finished=1 ;;
    data:*)
      out=$(jq -j "$chunk_filter" <<<"${line#data:}" 2>/dev/null) || continue
      case $out in
      E*) failed "$model" "${out#E}" "$started" || return 1 ;;
      *F) finished=1 ;;
      esac
      out=${out#T}
      out=${out%?}
      if [ -n "$out" ]; then
        started=1
        printf '%s' "$out"
      fi
      ;;
    :* | '') ;; # SSE comments (keep-alives) and blank lines
    *) body+=$line$'\n' ;;
    esac
  done < <(curl -sS -N --fail-with-body "$@")
  wait $!
  status=$?
  if [ "$started" = 1 ] || [ "$finished" = 1 ]; then
    [ "$finished" = 1 ] || failed "$model" "the reply ended before it was finished" "$started"
    echo
    exit 0
  fi
  out=$(jq -j "$reply_filter" <<<"$body" 2>/dev/null)
  case $out in
  E*) failed "$model" "${out#E}" || return 1 ;;
  T*) [ "$status" = 0 ] && { printf '%s\n' "${out#T}"; exit 0; } ;;
  esac
  if [ "$status" = 0 ]; then
    failed "$model" "the reply is neither a stream nor a JSON body"
  else
    failed "$model" "curl exit status $status"
  fi
}
)"_s;
    for (const ExportedStep &step : route.steps) {
        out += u"\n# "_s + step.comment() + u'\n';
        out += u"step "_s + Lit::shellQuoted(step.target.model) + u" \\\n  "_s
            + curlArguments(step, route.identity) + u'\n';
    }
    out += u"\necho 'Every step of the route failed.' >&2\nexit 1\n"_s;
    return out;
}

} // namespace detour
