#!/bin/sh
# Detour route: Free first
# The enabled steps in order: a step that answers with a status other than
# 2xx (or not at all) falls through to the next one.
# Keys are read from the environment: OPENROUTER_API_KEY, GROQ_API_KEY.
reply=$(mktemp) || exit 1
trap 'rm -f "$reply"' EXIT

# Step 1: openrouter, moonshotai/kimi-k2:free
status=$(curl -sS -o "$reply" -w '%{http_code}' 'https://openrouter.ai/api/v1/chat/completions' \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -H 'Content-Type: application/json' \
  -H 'HTTP-Referer: https://github.com/detour-chat/detour' \
  -H 'X-OpenRouter-Title: Detour' \
  -d '{
  "max_tokens": 512,
  "messages": [
    {
      "content": "You are terse.",
      "role": "system"
    },
    {
      "content": "Why is the sky blue?",
      "role": "user"
    }
  ],
  "model": "moonshotai/kimi-k2:free",
  "models": [
    "moonshotai/kimi-k2",
    "qwen/qwen3-235b-a22b"
  ],
  "provider": {
    "allow_fallbacks": false,
    "data_collection": "deny",
    "ignore": [
      "Chutes"
    ],
    "max_price": {
      "completion": 3.5,
      "prompt": 1.0
    },
    "only": [
      "Groq",
      "Cerebras",
      "Together"
    ],
    "order": [
      "Groq",
      "Cerebras"
    ],
    "quantizations": [
      "fp8",
      "bf16"
    ],
    "require_parameters": true,
    "sort": "throughput"
  },
  "session_id": "conv-42",
  "stream": true,
  "stream_options": {
    "include_usage": true
  },
  "temperature": 0.7,
  "top_k": 40
}')
case $status in
2??) cat "$reply"; exit 0 ;;
esac
printf '%s failed: HTTP %s\n' 'moonshotai/kimi-k2:free' "$status" >&2
cat "$reply" >&2
echo >&2

# Step 3: groq, moonshotai/kimi-k2-instruct
status=$(curl -sS -o "$reply" -w '%{http_code}' 'https://api.groq.com/openai/v1/chat/completions' \
  -H "Authorization: Bearer $GROQ_API_KEY" \
  -H 'Content-Type: application/json' \
  -d '{
  "max_tokens": 512,
  "messages": [
    {
      "content": "You are terse.",
      "role": "system"
    },
    {
      "content": "Why is the sky blue?",
      "role": "user"
    }
  ],
  "model": "moonshotai/kimi-k2-instruct",
  "stream": true,
  "temperature": 0.7
}')
case $status in
2??) cat "$reply"; exit 0 ;;
esac
printf '%s failed: HTTP %s\n' 'moonshotai/kimi-k2-instruct' "$status" >&2
cat "$reply" >&2
echo >&2

echo 'Every step of the route failed.' >&2
exit 1
