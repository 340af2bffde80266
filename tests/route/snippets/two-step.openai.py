# Detour route: Free first
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one.
# Keys are read from the environment: OPENROUTER_API_KEY, GROQ_API_KEY.
import os
import sys

import openai
from openai import OpenAI

# max_retries=0, so the loop below is the whole retry policy, as in Detour.
openrouter_client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
    max_retries=0,
    default_headers={
        "HTTP-Referer": "https://github.com/detour-chat/detour",
        "X-OpenRouter-Title": "Detour",
    },
)
groq_client = OpenAI(
    base_url="https://api.groq.com/openai/v1",
    api_key=os.environ["GROQ_API_KEY"],
    max_retries=0,
)

messages = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": "Why is the sky blue?"},
]

# (client, parameters, extra_body): extra_body carries the OpenRouter-only fields.
steps = [
    # Step 1: openrouter, moonshotai/kimi-k2:free
    (
        openrouter_client,
        {
            "model": "moonshotai/kimi-k2:free",
            "max_tokens": 512,
            "stream": True,
            "stream_options": {"include_usage": True},
            "temperature": 0.7,
        },
        {
            "models": ["moonshotai/kimi-k2", "qwen/qwen3-235b-a22b"],
            "provider": {
                "allow_fallbacks": False,
                "data_collection": "deny",
                "ignore": ["Chutes"],
                "max_price": {"completion": 3.5, "prompt": 1.0},
                "only": ["Groq", "Cerebras", "Together"],
                "order": ["Groq", "Cerebras"],
                "quantizations": ["fp8", "bf16"],
                "require_parameters": True,
                "sort": "throughput",
            },
            "session_id": "conv-42",
            "top_k": 40,
        },
    ),
    # Step 3: groq, moonshotai/kimi-k2-instruct
    (
        groq_client,
        {
            "model": "moonshotai/kimi-k2-instruct",
            "max_tokens": 512,
            "stream": True,
            "temperature": 0.7,
        },
        None,
    ),
]

for client, params, extra_body in steps:
    started = False
    try:
        stream = client.chat.completions.create(
            messages=messages, extra_body=extra_body, **params
        )
        for chunk in stream:
            text = chunk.choices[0].delta.content if chunk.choices else None
            if text:
                started = True
                print(text, end="", flush=True)
        print()
        break
    # APIError: APIStatusError (RateLimitError, ...), APIConnectionError and
    # errors streamed before the reply.
    except openai.APIError as error:
        if started:
            raise  # like Detour, never fall back once the reply has started
        print(f"{params['model']} failed: {error}", file=sys.stderr)
else:
    sys.exit("Every step of the route failed.")
