// Detour route: Quick "test"
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one.
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

async function main(): Promise<void> {
  for (const [client, params] of steps) {
    let started = false;
    try {
      const stream = await client.chat.completions.create({ ...params, messages });
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) {
          started = true;
          process.stdout.write(text);
        }
      }
      process.stdout.write("\n");
      return;
    } catch (error) {
      // APIError: status errors (RateLimitError, ...), connection errors and
      // errors streamed before the reply. Like Detour, never fall back once
      // the reply has started.
      if (started || !(error instanceof OpenAI.APIError)) throw error;
      console.error(`${params.model} failed: ${error.message}`);
    }
  }
  console.error("Every step of the route failed.");
  process.exitCode = 1;
}

main();
