# Detour route: Local then proxy
# The enabled steps in order, a ChatOpenAI each: a step that fails before its
# reply starts falls through to the next one (with_fallbacks).
# Keys are read from the environment: MY-PROXY.KEY.
import os

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

print(chain.invoke(messages).content)
