# Detour route: Local then proxy
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one. An error inside a 200 (an `error` in the body or in a
# streamed chunk, finish_reason "error") is a failure like any other; once the
# text has started there is no falling back: the partial text stays printed, the
# reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
# What Detour does that this code does not: it keeps a provider that refused
# it in cooldown across turns, hedges a slow step with the next one, and says in
# one sentence why a step failed and what would help.
# Keys are read from the environment: MY-PROXY.KEY.
import os
import sys

import openai
from openai import OpenAI

# max_retries=0, so the loop below is the whole retry policy, as in Detour.
local_client = OpenAI(
    base_url="http://localhost:11434/v1",
    api_key="unused",  # keyless endpoint: any value will do
    max_retries=0,
)
my_proxy_client = OpenAI(
    base_url="https://proxy.example.com/v1/",
    api_key=os.environ["MY-PROXY.KEY"],
    max_retries=0,
)

messages = [{"role": "user", "content": "Hi"}]

# (client, parameters, extra_body): extra_body carries the OpenRouter-only fields.
steps = [
    # Step 1: local, llama3.2
    (
        local_client,
        {"model": "llama3.2", "seed": 7, "stream": False, "temperature": 0.2},
        None,
    ),
    # Step 2: my-proxy, gpt-4o-mini
    (
        my_proxy_client,
        {"model": "gpt-4o-mini", "seed": 7, "stream": False, "temperature": 0.2},
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
        completion = client.chat.completions.create(
            messages=messages, extra_body=extra_body, **params
        )
        choice = completion.choices[0] if completion.choices else None
        failure = error_of(completion, choice and choice.finish_reason)
        if failure or not choice:
            raise RuntimeError(failure or "the reply has no choices")
        print(choice.message.content)
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
