// Detour route: Local then proxy
// The enabled steps in order, a ChatOpenAI each, chained with withFallbacks.
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one. An error inside a 200 (an `error` in the body or in a
// streamed chunk, finish_reason "error") is a failure like any other; once the
// text has started there is no falling back: the partial text stays printed, the
// reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
// What Detour does that this code does not: it keeps a provider that refused
// it in cooldown across turns, hedges a slow step with the next one, and says in
// one sentence why a step failed and what would help.
// Keys are read from the environment: MY-PROXY.KEY.
import { ChatOpenAI } from "@langchain/openai";

// Says why a step failed; withFallbacks then tries the next one.
const saysWhy = (model) => [
  { handleLLMError: (error) => console.error(`${model} failed: ${error.message}`) },
];

// maxRetries: 0, so the fallbacks are the whole retry policy, as in Detour.
// Step 1: local, llama3.2
const step1 = new ChatOpenAI({
  model: "llama3.2",
  apiKey: "unused", // keyless endpoint: any value will do
  maxRetries: 0,
  streaming: false,
  temperature: 0.2,
  callbacks: saysWhy("llama3.2"),
  modelKwargs: { seed: 7 },
  configuration: {
    baseURL: "http://localhost:11434/v1",
  },
});
// Step 2: my-proxy, gpt-4o-mini
const step2 = new ChatOpenAI({
  model: "gpt-4o-mini",
  apiKey: process.env["MY-PROXY.KEY"],
  maxRetries: 0,
  streaming: false,
  temperature: 0.2,
  callbacks: saysWhy("gpt-4o-mini"),
  modelKwargs: { seed: 7 },
  configuration: {
    baseURL: "https://proxy.example.com/v1/",
  },
});

const chain = step1.withFallbacks({ fallbacks: [step2] });

const messages = [
  ["user", "Hi"],
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
    // A reply with an `error` and no choices fails inside ChatOpenAI, so the
    // next step is tried.
    const reply = await chain.invoke(messages);
    const error = errorOf(reply, reply.response_metadata?.finish_reason);
    if (error) throw new Error(error);
    console.log(reply.content);
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
