curl -sS -N 'https://openrouter.ai/api/v1/chat/completions' \
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
