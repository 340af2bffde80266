// Detour route: Local then proxy
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one. An error inside a 200 (an `error` in the body or in a
// streamed chunk, finish_reason "error") is a failure like any other; once the
// text has started there is no falling back: the partial text stays printed, the
// reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
// What Detour does that this code does not: it keeps a provider that refused
// it in cooldown across turns, hedges a slow step with the next one, and says in
// one sentence why a step failed and what would help.
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

// OpenRouter reports some failures inside a 200: an `error` object in the body
// or in a streamed chunk, or a choice that finished with "error".
function errorOf(reply: object, finishReason?: string | null): string | undefined {
  const error = (reply as { error?: { message?: string } }).error;
  if (error) return error.message ?? JSON.stringify(error);
  if (finishReason === "error") return 'the reply finished with "error"';
  return undefined;
}

async function main(): Promise<void> {
  for (const [client, params] of steps) {
    let started = false;
    try {
      const completion = await client.chat.completions.create({ ...params, messages });
      const choice = completion.choices?.[0];
      const error = errorOf(completion, choice?.finish_reason);
      if (error || !choice) throw new Error(error ?? "the reply has no choices");
      console.log(choice.message.content ?? "");
      return;
    } catch (error) {
      // Status errors (RateLimitError, ...), connection errors, errors in a 200.
      const what = params.model;
      const reason = error instanceof Error ? error.message : String(error);
      if (started) {
        // Like Detour: once the text has started there is no falling back.
        process.stdout.write("\n");
        console.error(`${what} failed after its reply had started: ${reason}`);
        process.exitCode = 3;
        return;
      }
      console.error(`${what} failed: ${reason}`);
    }
  }
  console.error("Every step of the route failed.");
  process.exitCode = 1;
}

main();
