# Detour route: Local then proxy
# The enabled steps in order, a ChatOpenAI each, chained with with_fallbacks.
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

from langchain_openai import ChatOpenAI

# max_retries=0, so the fallbacks are the whole retry policy, as in Detour.
# Step 1: local, llama3.2
step_1 = ChatOpenAI(
    model="llama3.2",
    base_url="http://localhost:11434/v1",
    api_key="unused",  # keyless endpoint: any value will do
    max_retries=0,
    seed=7,
    streaming=False,
    temperature=0.2,
)
# Step 2: my-proxy, gpt-4o-mini
step_2 = ChatOpenAI(
    model="gpt-4o-mini",
    base_url="https://proxy.example.com/v1/",
    api_key=os.environ["MY-PROXY.KEY"],
    max_retries=0,
    seed=7,
    streaming=False,
    temperature=0.2,
)

chain = step_1.with_fallbacks([step_2])

messages = [
    ("user", "Hi"),
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


started = False
try:
    reply = chain.invoke(messages)
    metadata = getattr(reply, "response_metadata", {})
    failure = error_of(reply, metadata.get("finish_reason"))
    if failure:
        raise RuntimeError(failure)
    print(reply.content)
except Exception as error:
    if started:
        # Like Detour: once the text has started there is no falling back.
        print()
        print(f"{'The route' if started else 'Every step of the route'} failed after its reply had started: {error}", file=sys.stderr)
        sys.exit(3)
    print(f"{'The route' if started else 'Every step of the route'} failed: {error}", file=sys.stderr)
    sys.exit(1)
