# Detour route: Free first
# The enabled steps in order, a ChatOpenAI each: a step that fails before its
# reply starts falls through to the next one (with_fallbacks).
# Keys are read from the environment: OPENROUTER_API_KEY, GROQ_API_KEY.
import os

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

for chunk in chain.stream(messages):
    print(chunk.content, end="", flush=True)
print()
