# Detour route: Quick "test"
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one.
# Keys are read from the environment: OPENROUTER_API_KEY.
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

messages = [
    {
        "role": "user",
        "content": "She said \"hi\" & it's a back\\slash.\nSecond line:\ttab, emoji 😀, café, line\u2028separator, bell\x07, tag\U000e0001.",
    },
]

# (client, parameters, extra_body): extra_body carries the OpenRouter-only fields.
steps = [
    # Step 1: openrouter, openai/gpt-4o-mini
    (
        openrouter_client,
        {
            "model": "openai/gpt-4o-mini",
            "stream": True,
            "stream_options": {"include_usage": True},
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
