// Detour route: Local then proxy
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one.
// Keys are read from the environment: MY-PROXY.KEY.
import OpenAI from "openai";

// maxRetries: 0, so the loop below is the whole retry policy, as in Detour.
const localClient = new OpenAI({
  baseURL: "http://localhost:11434/v1",
  apiKey: "unused", // keyless endpoint: any value will do
  maxRetries: 0,
});
const myProxyClient = new OpenAI({
  baseURL: "https://proxy.example.com/v1/",
  apiKey: process.env["MY-PROXY.KEY"],
  maxRetries: 0,
});

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
  { role: "user", content: "Hi" },
];

// OpenRouter-only fields (models, provider, ...) go in the same object:
// openai-node sends the parameters it does not know as they are.
type StepParams = Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, "messages"> &
  Record<string, unknown>;

const steps: [OpenAI, StepParams][] = [
  // Step 1: local, llama3.2
  [
    localClient,
    { model: "llama3.2", seed: 7, stream: false, temperature: 0.2 },
  ],
  // Step 2: my-proxy, gpt-4o-mini
  [
    myProxyClient,
    { model: "gpt-4o-mini", seed: 7, stream: false, temperature: 0.2 },
  ],
];

async function main(): Promise<void> {
  for (const [client, params] of steps) {
    try {
      const completion = await client.chat.completions.create({ ...params, messages });
      console.log(completion.choices[0]?.message.content ?? "");
      return;
    } catch (error) {
      // APIError: status errors (RateLimitError, ...) and connection errors.
      if (!(error instanceof OpenAI.APIError)) throw error;
      console.error(`${params.model} failed: ${error.message}`);
    }
  }
  console.error("Every step of the route failed.");
  process.exitCode = 1;
}

main();
