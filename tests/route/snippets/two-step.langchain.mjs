// Detour route: Free first
// The enabled steps in order, a ChatOpenAI each, chained with withFallbacks.
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one. An error inside a 200 (an `error` in the body or in a
// streamed chunk, finish_reason "error") is a failure like any other; once the
// text has started there is no falling back: the partial text stays printed, the
// reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
// What Detour does that this code does not: it keeps a provider that refused
// it in cooldown across turns, hedges a slow step with the next one, and says in
// one sentence why a step failed and what would help.
// Keys are read from the environment: OPENROUTER_API_KEY, GROQ_API_KEY.
import { ChatOpenAI } from "@langchain/openai";

// Says why a step failed; withFallbacks then tries the next one.
const saysWhy = (model) => [
  { handleLLMError: (error) => console.error(`${model} failed: ${error.message}`) },
];

// maxRetries: 0, so the fallbacks are the whole retry policy, as in Detour.
// Step 1: openrouter, moonshotai/kimi-k2:free
const step1 = new ChatOpenAI({
  model: "moonshotai/kimi-k2:free",
  apiKey: process.env.OPENROUTER_API_KEY,
  maxRetries: 0,
  maxTokens: 512,
  streaming: true,
  streamUsage: true,
  temperature: 0.7,
  callbacks: saysWhy("moonshotai/kimi-k2:free"),
  modelKwargs: {
    models: ["moonshotai/kimi-k2", "qwen/qwen3-235b-a22b"],
    provider: {
      allow_fallbacks: false,
      data_collection: "deny",
      ignore: ["Chutes"],
      max_price: { completion: 3.5, prompt: 1.0 },
      only: ["Groq", "Cerebras", "Together"],
      order: ["Groq", "Cerebras"],
      quantizations: ["fp8", "bf16"],
      require_parameters: true,
      sort: "throughput",
    },
    session_id: "conv-42",
    top_k: 40,
  },
  configuration: {
    baseURL: "https://openrouter.ai/api/v1",
    defaultHeaders: {
      "HTTP-Referer": "https://github.com/detour-chat/detour",
      "X-OpenRouter-Title": "Detour",
    },
  },
});
// Step 3: groq, moonshotai/kimi-k2-instruct
const step3 = new ChatOpenAI({
  model: "moonshotai/kimi-k2-instruct",
  apiKey: process.env.GROQ_API_KEY,
  maxRetries: 0,
  maxTokens: 512,
  streaming: true,
  temperature: 0.7,
  streamUsage: false,
  callbacks: saysWhy("moonshotai/kimi-k2-instruct"),
  configuration: {
    baseURL: "https://api.groq.com/openai/v1",
  },
});

const chain = step1.withFallbacks({ fallbacks: [step3] });

const messages = [
  ["system", "You are terse."],
  ["user", "Why is the sky blue?"],
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
