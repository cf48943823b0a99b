/**
 * `bedrock-fetch demo`: the library's main job, shown step by step. With no AWS credentials in the environment it
 * starts the built-in Bedrock emulator on a free loopback port and talks to it over real HTTP; with credentials
 * (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, or `AWS_BEARER_TOKEN_BEDROCK`) it calls Amazon Bedrock itself.
 */
import type { BedrockClient } from "../bedrock";
import { commandArgs, stringFlag } from "./args";
import type { Command, CommandIO } from "./commands";
import { openTarget } from "./target";

const USAGE = `Usage: bedrock-fetch demo [--emulator] [--region R] [--model M] [--embedding-model M] [--image-model M]

Runs a chat completion, a streamed completion, a tool call, an embedding and an image generation, then a summary.
Without AWS credentials in the environment it uses the built-in emulator; --emulator forces it.
  --region R            AWS region for real Bedrock (default: AWS_REGION, else us-east-1)
  --model M             chat model (default anthropic.claude-3-haiku-20240307-v1:0)
  --embedding-model M   (default amazon.titan-embed-text-v2:0)
  --image-model M       (default amazon.nova-canvas-v1:0)`;


interface Step {
  name: string;
  run: () => Promise<string>;
}

const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[22m` : s);
const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s);

/** Width and height from a PNG's IHDR chunk, to show that the bytes are a real image. */
function pngSize(base64: string): string {
  const bytes = Uint8Array.from(atob(base64.slice(0, 44)), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  return isPng ? `PNG ${view.getUint32(16)}x${view.getUint32(20)}` : "image";
}

function steps(bedrock: BedrockClient, models: { chat: string; embedding: string; image: string }): Step[] {
  const question = "What is Amazon Bedrock, in one sentence?";
  return [
    {
      name: "Chat completion",
      async run() {
        const answer = await bedrock.completion({ model: models.chat, messages: [{ role: "user", content: question }], max_tokens: 200 });
        const choice = answer.choices[0]!;
        return [
          `  ${dim(">")} ${question}`,
          `  ${choice.message.content ?? ""}`,
          dim(`  finish_reason: ${choice.finish_reason} · ${answer.usage.prompt_tokens} prompt + ${answer.usage.completion_tokens} completion tokens`),
        ].join("\n");
      },
    },
    {
      name: "Streaming, token by token",
      async run() {
        const prompt = "Name three things people build with foundation models.";
        process.stdout.write(`  ${dim(">")} ${prompt}\n  `);
        const stream = await bedrock.completion({
          model: models.chat,
          messages: [{ role: "user", content: prompt }],
          max_tokens: 200,
          stream: true,
          stream_options: { include_usage: true },
        });
        let chunks = 0;
        let tokens = 0;
        for await (const chunk of stream) {
          const text = chunk.choices[0]?.delta.content;
          if (text) {
            chunks++;
            process.stdout.write(text);
          }
          if (chunk.usage) tokens = chunk.usage.completion_tokens;
        }
        process.stdout.write("\n");
        return dim(`  ${chunks} content chunks · ${tokens} completion tokens`);
      },
    },
    {
      name: "Tool call",
      async run() {
        const answer = await bedrock.completion({
          model: models.chat,
          messages: [{ role: "user", content: "What's the weather like in Paris today? Use get_weather." }],
          tools: [
            {
              type: "function",
              function: {
                name: "get_weather",
                description: "Current weather for a city",
                parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] },
              },
            },
          ],
          tool_choice: "auto",
        });
        const calls = answer.choices[0]?.message.tool_calls ?? [];
        if (calls.length === 0) return `  (the model answered without a tool call: ${answer.choices[0]?.message.content ?? ""})`;
        return calls.map((c) => `  → ${c.function.name}(${c.function.arguments})`).join("\n") + dim(`\n  finish_reason: ${answer.choices[0]?.finish_reason}`);
      },
    },
    {
      name: "Embedding",
      async run() {
        const result = await bedrock.embedding({ model: models.embedding, input: ["The cat sat on the mat.", "A cat is sitting on a rug."] });
        const [a, b] = result.data.map((d) => d.embedding as number[]);
        const dot = a!.reduce((sum, x, i) => sum + x * b![i]!, 0);
        const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
        const first = a!.slice(0, 4).map((x) => x.toFixed(3)).join(", ");
        return [
          `  ${result.data.length} vectors × ${a!.length} dimensions · first values [${first}, …]`,
          dim(`  cosine similarity ${(dot / (norm(a!) * norm(b!))).toFixed(3)} · ${result.usage.prompt_tokens} tokens`),
        ].join("\n");
      },
    },
    {
      name: "Image generation",
      async run() {
        const result = await bedrock.imageGeneration({ model: models.image, prompt: "A cute baby sea otter", size: "512x512" });
        const image = result.data[0]!.b64_json;
        return `  ${result.data.length} image · ${pngSize(image)} · ${Math.round((image.length * 3) / 4).toLocaleString("en-US")} bytes of base64 PNG`;
      },
    },
  ];
}

async function runDemo(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = commandArgs(argv, ["emulator", "region", "model", "embedding-model", "image-model"], ["emulator"]);
  if (args.flags.has("help")) {
    io.out(USAGE);
    return 0;
  }
  const models = {
    chat: stringFlag(args, "model") ?? "anthropic.claude-3-haiku-20240307-v1:0",
    embedding: stringFlag(args, "embedding-model") ?? "amazon.titan-embed-text-v2:0",
    image: stringFlag(args, "image-model") ?? "amazon.nova-canvas-v1:0",
  };
  const target = await openTarget({ forceEmulator: args.flags.has("emulator"), region: stringFlag(args, "region") });
  const { bedrock } = target;
  const useEmulator = target.emulatorUrl !== undefined;
  if (useEmulator) {
    io.out(bold(`bedrock-fetch demo · built-in Bedrock emulator at ${target.emulatorUrl}`));
    io.out(dim("No AWS credentials in the environment, so every call goes to the local emulator (SigV4-signed, real HTTP)."));
    io.out(dim("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK) to call Amazon Bedrock instead."));
  } else {
    io.out(bold(`bedrock-fetch demo · Amazon Bedrock in ${target.region}`));
  }
  const started = performance.now();
  const results: { name: string; ok: boolean }[] = [];
  try {
    for (const [i, step] of steps(bedrock, models).entries()) {
      io.out(`\n${bold(`${i + 1}. ${step.name}`)}`);
      const t0 = performance.now();
      try {
        const text = await step.run();
        io.out(text + dim(` · ${Math.round(performance.now() - t0)} ms`));
        results.push({ name: step.name, ok: true });
      } catch (error) {
        io.out(`  ✗ ${(error as Error).name}: ${(error as Error).message}`);
        results.push({ name: step.name, ok: false });
      }
    }
  } finally {
    await target.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const elapsed = Math.round(performance.now() - started);
  const failed = results.filter((r) => !r.ok).map((r) => r.name.toLowerCase());
  io.out(
    `\n${bold("Summary:")} ${passed}/${results.length} steps succeeded in ${elapsed} ms against ${useEmulator ? "the emulator" : "Amazon Bedrock"}` +
      (failed.length ? ` (failed: ${failed.join(", ")})` : " (chat, streaming, tool call, embedding, image)."),
  );
  return passed === results.length ? 0 : 1;
}

export const demoCommand: Command = {
  name: "demo",
  summary: "show chat, streaming, tools, embeddings and images (emulator when no AWS credentials)",
  usage: USAGE,
  run: runDemo,
};
