# Detour route: Local then proxy
# The enabled steps in order: a step that fails before its reply starts falls
# through to the next one.
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

for client, params, extra_body in steps:
    try:
        completion = client.chat.completions.create(
            messages=messages, extra_body=extra_body, **params
        )
        print(completion.choices[0].message.content)
        break
    # APIError: APIStatusError (RateLimitError, ...) and APIConnectionError.
    except openai.APIError as error:
        print(f"{params['model']} failed: {error}", file=sys.stderr)
else:
    sys.exit("Every step of the route failed.")
