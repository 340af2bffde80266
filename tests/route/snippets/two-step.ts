// Detour route: Free first
// The enabled steps in order: a step that fails before its reply starts falls
// through to the next one.
// Keys are read from the environment: OPENROUTER_API_KEY, GROQ_API_KEY.
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
const groqClient = new OpenAI({
  baseURL: "https://api.groq.com/openai/v1",
  apiKey: process.env.GROQ_API_KEY,
  maxRetries: 0,
});

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Why is the sky blue?" },
];

// OpenRouter-only fields (models, provider, ...) go in the same object:
// openai-node sends the parameters it does not know as they are.
type StepParams = Omit<OpenAI.Chat.ChatCompletionCreateParamsStreaming, "messages"> &
  Record<string, unknown>;

const steps: [OpenAI, StepParams][] = [
  // Step 1: openrouter, moonshotai/kimi-k2:free
  [
    openrouterClient,
    {
      model: "moonshotai/kimi-k2:free",
      max_tokens: 512,
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
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      top_k: 40,
    },
  ],
  // Step 3: groq, moonshotai/kimi-k2-instruct
  [
    groqClient,
    {
      model: "moonshotai/kimi-k2-instruct",
      max_tokens: 512,
      stream: true,
      temperature: 0.7,
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
