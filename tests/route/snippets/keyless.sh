#!/usr/bin/env bash
# Detour route: Local then proxy
# The enabled steps in order: a step that answers with a status other than
# 2xx (or not at all) falls through to the next one.
# Keys are read from the environment: MY-PROXY.KEY.
reply=$(mktemp) || exit 1
trap 'rm -f "$reply"' EXIT

# Step 1: local, llama3.2
status=$(curl -sS -o "$reply" -w '%{http_code}' 'http://localhost:11434/v1/chat/completions' \
  -H 'Content-Type: application/json' \
  -d '{
  "messages": [
    {
      "content": "Hi",
      "role": "user"
    }
  ],
  "model": "llama3.2",
  "seed": 7,
  "stream": false,
  "temperature": 0.2
}')
case $status in
2??) cat "$reply"; exit 0 ;;
esac
printf '%s failed: HTTP %s\n' 'llama3.2' "$status" >&2
cat "$reply" >&2
echo >&2

# Step 2: my-proxy, gpt-4o-mini
status=$(curl -sS -o "$reply" -w '%{http_code}' 'https://proxy.example.com/v1/chat/completions' \
  -H "Authorization: Bearer $(printenv 'MY-PROXY.KEY')" \
  -H 'Content-Type: application/json' \
  -d '{
  "messages": [
    {
      "content": "Hi",
      "role": "user"
    }
  ],
  "model": "gpt-4o-mini",
  "seed": 7,
  "stream": false,
  "temperature": 0.2
}')
case $status in
2??) cat "$reply"; exit 0 ;;
esac
printf '%s failed: HTTP %s\n' 'gpt-4o-mini' "$status" >&2
cat "$reply" >&2
echo >&2

echo 'Every step of the route failed.' >&2
exit 1
