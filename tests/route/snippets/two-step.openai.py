# Detour route: Free first
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one. An error inside a 200 (an `error` in the body or in a
# streamed chunk, finish_reason "error") is a failure like any other; once the
# text has started there is no falling back: the partial text stays printed, the
# reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
# What Detour does that this code does not: it keeps a provider that refused
# it in cooldown across turns, hedges a slow step with the next one, and says in
# one sentence why a step failed and what would help.
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

def error_of(reply, finish_reason=None):
    """OpenRouter reports some failures inside a 200: an `error` in the body or
    in a streamed chunk, or a choice that finished with "error"."""
    error = getattr(reply, "error", None)
    if error:
        return error.get("message", str(error)) if isinstance(error, dict) else str(error)
    if finish_reason == "error":
        return 'the reply finished with "error"'
    return None


for client, params, extra_body in steps:
    started = False
    try:
        stream = client.chat.completions.create(
            messages=messages, extra_body=extra_body, **params
        )
        finished = False
        # openai-python raises an APIError for a chunk that carries an `error`.
        for chunk in stream:
            choice = chunk.choices[0] if chunk.choices else None
            failure = error_of(chunk, choice and choice.finish_reason)
            if failure:
                raise RuntimeError(failure)
            if choice and choice.delta.content:
                started = True
                print(choice.delta.content, end="", flush=True)
            finished = finished or bool(choice and choice.finish_reason)
        if not finished:
            raise RuntimeError("the reply ended before it was finished")
        print()
        break
    # Status errors (RateLimitError, ...), connection errors, errors in a 200.
    except Exception as error:
        if started:
            # Like Detour: once the text has started there is no falling back.
            print()
            print(f"{params['model']} failed after its reply had started: {error}", file=sys.stderr)
            sys.exit(3)
        print(f"{params['model']} failed: {error}", file=sys.stderr)
else:
    sys.exit("Every step of the route failed.")
