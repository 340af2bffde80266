#!/usr/bin/env bash
# Detour route: Quick "test"
# Needs curl (7.76 or later) and jq (https://jqlang.org), which reads the
# replies: the text is printed, not the raw JSON or SSE.
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one. An error inside a 200 (an `error` in the body or in a
# streamed chunk, finish_reason "error") is a failure like any other; once the
# text has started there is no falling back: the partial text stays printed, the
# reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
# What Detour does that this code does not: it keeps a provider that refused
# it in cooldown across turns, hedges a slow step with the next one, and says in
# one sentence why a step failed and what would help.
# Keys are read from the environment: OPENROUTER_API_KEY.
command -v jq >/dev/null || { echo 'This script needs jq (https://jqlang.org).' >&2; exit 1; }

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

# Step 1: openrouter, openai/gpt-4o-mini
step 'openai/gpt-4o-mini' \
  'https://openrouter.ai/api/v1/chat/completions' \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -H 'Content-Type: application/json' \
  -H 'HTTP-Referer: https://github.com/detour-chat/detour' \
  -H 'X-OpenRouter-Title: Detour' \
  -d '{
  "messages": [
    {
      "content": "She said \"hi\" & it'\''s a back\\slash.\nSecond line:\ttab, emoji 😀, café, line separator, bell\u0007, tag󠀁.",
      "role": "user"
    }
  ],
  "model": "openai/gpt-4o-mini",
  "stream": true,
  "stream_options": {
    "include_usage": true
  }
}'

echo 'Every step of the route failed.' >&2
exit 1
