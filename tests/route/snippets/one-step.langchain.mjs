// Detour route: Quick "test"
// The enabled steps in order, a ChatOpenAI each, chained with withFallbacks.
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one. An error inside a 200 (an `error` in the body or in a
// streamed chunk, finish_reason "error") is a failure like any other; once the
// text has started there is no falling back: the partial text stays printed, the
// reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
// What Detour does that this code does not: it keeps a provider that refused
// it in cooldown across turns, hedges a slow step with the next one, and says in
// one sentence why a step failed and what would help.
// Keys are read from the environment: OPENROUTER_API_KEY.
import { ChatOpenAI } from "@langchain/openai";

// Says why a step failed; withFallbacks then tries the next one.
const saysWhy = (model) => [
  { handleLLMError: (error) => console.error(`${model} failed: ${error.message}`) },
];

// maxRetries: 0, so the fallbacks are the whole retry policy, as in Detour.
// Step 1: openrouter, openai/gpt-4o-mini
const step1 = new ChatOpenAI({
  model: "openai/gpt-4o-mini",
  apiKey: process.env.OPENROUTER_API_KEY,
  maxRetries: 0,
  streaming: true,
  streamUsage: true,
  callbacks: saysWhy("openai/gpt-4o-mini"),
  configuration: {
    baseURL: "https://openrouter.ai/api/v1",
    defaultHeaders: {
      "HTTP-Referer": "https://github.com/detour-chat/detour",
      "X-OpenRouter-Title": "Detour",
    },
  },
});

const chain = step1;

const messages = [
  [
    "user",
    "She said \"hi\" & it's a back\\slash.\nSecond line:\ttab, emoji 😀, café, line\u2028separator, bell\x07, tag\udb40\udc01.",
  ],
];

// OpenRouter reports some failures inside a 200: an `error` object in the body
// or in a streamed chunk, or a choice that finished with "error".
function errorOf(reply, finishReason) {
  const error = reply.error;
  if (error) return error.message ?? JSON.stringify(error);
  if (finishReason === "error") return 'the reply finished with "error"';
  return undefined;
}

async function main() {
  let started = false;
  try {
    // A step that fails before its first chunk falls through to the next one;
    // @langchain/openai throws for a chunk that carries an `error`.
    let finished = false;
    for await (const chunk of await chain.stream(messages)) {
      const finishReason = chunk.response_metadata?.finish_reason;
      const error = errorOf(chunk, finishReason);
      if (error) throw new Error(error);
      if (chunk.content) {
        started = true;
        process.stdout.write(chunk.content);
      }
      if (finishReason) finished = true;
    }
    if (!finished) throw new Error("the reply ended before it was finished");
    process.stdout.write("\n");
  } catch (error) {
    const what = started ? "The route" : "Every step of the route";
    const reason = error instanceof Error ? error.message : String(error);
    if (started) {
      // Like Detour: once the text has started there is no falling back.
      process.stdout.write("\n");
      console.error(`${what} failed after its reply had started: ${reason}`);
      process.exitCode = 3;
      return;
    }
    console.error(`${what} failed: ${reason}`);
    process.exitCode = 1;
  }
}

main();
