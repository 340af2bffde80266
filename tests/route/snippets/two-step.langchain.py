# Detour route: Free first
# The enabled steps in order, a ChatOpenAI each, chained with with_fallbacks.
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

from langchain_openai import ChatOpenAI

# max_retries=0, so the fallbacks are the whole retry policy, as in Detour.
# Step 1: openrouter, moonshotai/kimi-k2:free
step_1 = ChatOpenAI(
    model="moonshotai/kimi-k2:free",
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
    max_retries=0,
    max_tokens=512,
    streaming=True,
    stream_usage=True,
    temperature=0.7,
    extra_body={
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
    default_headers={
        "HTTP-Referer": "https://github.com/detour-chat/detour",
        "X-OpenRouter-Title": "Detour",
    },
)
# Step 3: groq, moonshotai/kimi-k2-instruct
step_3 = ChatOpenAI(
    model="moonshotai/kimi-k2-instruct",
    base_url="https://api.groq.com/openai/v1",
    api_key=os.environ["GROQ_API_KEY"],
    max_retries=0,
    max_tokens=512,
    streaming=True,
    temperature=0.7,
)

chain = step_1.with_fallbacks([step_3])

messages = [
    ("system", "You are terse."),
    ("user", "Why is the sky blue?"),
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
    # A step that fails before its first chunk falls through to the next one.
    for chunk in chain.stream(messages):
        metadata = getattr(chunk, "response_metadata", {})
        failure = error_of(chunk, metadata.get("finish_reason"))
        if failure:
            raise RuntimeError(failure)
        if chunk.content:
            started = True
            print(chunk.content, end="", flush=True)
    print()
except Exception as error:
    if started:
        # Like Detour: once the text has started there is no falling back.
        print()
        print(f"{'The route' if started else 'Every step of the route'} failed after its reply had started: {error}", file=sys.stderr)
        sys.exit(3)
    print(f"{'The route' if started else 'Every step of the route'} failed: {error}", file=sys.stderr)
    sys.exit(1)
