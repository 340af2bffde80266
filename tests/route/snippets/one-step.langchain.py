# Detour route: Quick "test"
# The enabled steps in order, a ChatOpenAI each: a step that fails before its
# reply starts falls through to the next one (with_fallbacks).
# Keys are read from the environment: OPENROUTER_API_KEY.
import os

from langchain_openai import ChatOpenAI

# max_retries=0, so the fallbacks are the whole retry policy, as in Detour.
# Step 1: openrouter, openai/gpt-4o-mini
step_1 = ChatOpenAI(
    model="openai/gpt-4o-mini",
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
    max_retries=0,
    streaming=True,
    stream_usage=True,
    default_headers={
        "HTTP-Referer": "https://github.com/detour-chat/detour",
        "X-OpenRouter-Title": "Detour",
    },
)

chain = step_1

messages = [
    (
        "user",
        "She said \"hi\" & it's a back\\slash.\nSecond line:\ttab, emoji 😀, café, line\u2028separator, bell\x07, tag\U000e0001.",
    ),
]

for chunk in chain.stream(messages):
    print(chunk.content, end="", flush=True)
print()
