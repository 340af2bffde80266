// Detour route: Quick "test"
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one. An error inside a 200 (an `error` in the body or in a
// streamed chunk, finish_reason "error") is a failure like any other; once the
// text has started there is no falling back: the partial text stays printed, the
// reason goes to stderr and the exit status is 3. Every step failed: exit status 1.
// What Detour does that this code does not: it keeps a provider that refused
// it in cooldown across turns, hedges a slow step with the next one, and says in
// one sentence why a step failed and what would help.
// Keys are read from the environment: OPENROUTER_API_KEY.
import OpenAI from "openai";

// maxRetries: 0, so the loop below is the whole retry policy, as in Detour.
const openrouterClient = new OpenAI({
  baseURL: "https://openrouter.ai/api/v1",
  apiKey: process.env.OPENROUTER_API_KEY,
  maxRetries: 0,
  defaultHeaders: {
    "HTTP-Referer": "https://github.com/detour-chat/detour",
    "X-OpenRouter-Title": "Detour",
  },
});

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
  {
    role: "user",
    content: "She said \"hi\" & it's a back\\slash.\nSecond line:\ttab, emoji 😀, café, line\u2028separator, bell\x07, tag\udb40\udc01.",
  },
];

// OpenRouter-only fields (models, provider, ...) go in the same object:
// openai-node sends the parameters it does not know as they are.
type StepParams = Omit<OpenAI.Chat.ChatCompletionCreateParamsStreaming, "messages"> &
  Record<string, unknown>;

const steps: [OpenAI, StepParams][] = [
  // Step 1: openrouter, openai/gpt-4o-mini
  [
    openrouterClient,
    {
      model: "openai/gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    },
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
      const stream = await client.chat.completions.create({ ...params, messages });
      let finished = false;
      // openai-node throws an APIError for a chunk that carries an `error`.
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const error = errorOf(chunk, choice?.finish_reason);
        if (error) throw new Error(error);
        if (choice?.delta?.content) {
          started = true;
          process.stdout.write(choice.delta.content);
        }
        if (choice?.finish_reason) finished = true;
      }
      if (!finished) throw new Error("the reply ended before it was finished");
      process.stdout.write("\n");
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
