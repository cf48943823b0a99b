/**
 * Every example of LiteLLM's Bedrock page (../shared/litellm-bedrock.md) run against the emulator, through
 * `bedrock.completion` and the one-shot `completion()` (credentials as `aws_*` params, and from an env record),
 * in-process and over real loopback HTTP. Where the page says what reaches Bedrock (temperature, top_p, top_k, the
 * Claude 2.1 prompt, size and seed), the request the emulator received is asserted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "../../src/api/chat-types";
import {
  base64,
  buildPng,
  callerFor,
  CALLER_KINDS,
  checkPng,
  collect,
  createHarness,
  fromBase64,
  modelPath,
  textOf,
} from "./helpers";
import type { Caller, Harness, Transport } from "./helpers";

const TRANSPORTS: readonly Transport[] = ["in-process", "loopback"];
const SONNET = "anthropic.claude-3-sonnet-20240229-v1:0";
const INSTANT = "anthropic.claude-instant-v1";
const HELLO: ChatCompletionMessageParam[] = [{ content: "Hello, how are you?", role: "user" }];

// The page's "Usage - Function Calling" tool, verbatim.
const WEATHER_TOOL: ChatCompletionTool = {
  type: "function",
  function: {
    name: "get_current_weather",
    description: "Get the current weather in a given location",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["location"],
    },
  },
};

const PREFILL_MESSAGES: ChatCompletionMessageParam[] = [
  { role: "user", content: "How do you say 'Hello' in German? Return your answer as a JSON object, like this:\n\n{ \"Hello\": \"Hallo\" }" },
  { role: "assistant", content: "{" },
];
// "Example prompt sent to Claude" under "Usage - Assistant Pre-fill", character for character.
const PREFILL_PROMPT = "\n\nHuman: How do you say 'Hello' in German? Return your answer as a JSON object, like this:\n\n{ \"Hello\": \"Hallo\" }\n\nAssistant: {";
// "Example prompt sent to Claude" under "Usage - System messages".
const SYSTEM_PROMPT = "You are a snarky assistant.\n\nHuman: How do I boil water?\n\nAssistant:";

const PROVISIONED_ARN = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/a1b2c3d4e5f6";

describe.each(TRANSPORTS)("LiteLLM Bedrock page examples (%s)", (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(transport);
  });
  afterEach(async () => {
    await h.close();
  });

  describe.each(CALLER_KINDS)("via %s", (kind) => {
    let call: Caller;
    beforeEach(() => {
      call = callerFor(h, kind);
    });

    it("Usage: a plain completion goes to Converse and answers as OpenAI does", async () => {
      const response = await call.completion({ model: `bedrock/${SONNET}`, messages: HELLO });
      expect(h.requests).toHaveLength(1);
      const [req] = h.requests;
      expect(req!.method).toBe("POST");
      expect(req!.path).toBe(modelPath(SONNET, "converse"));
      expect(req!.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
      expect(req!.json).toEqual({ messages: [{ role: "user", content: [{ text: "Hello, how are you?" }] }] });
      expect(response.object).toBe("chat.completion");
      expect(response.model).toBe(SONNET);
      expect(response.choices).toHaveLength(1);
      expect(response.choices[0]!.message.role).toBe("assistant");
      expect(response.choices[0]!.message.content).toMatch(/^Echo: Hello, how are you\. /);
      expect(response.choices[0]!.finish_reason).toBe("stop");
      expect(response.usage.prompt_tokens).toBeGreaterThan(0);
      expect(response.usage.completion_tokens).toBeGreaterThan(0);
      expect(response.usage.total_tokens).toBe(response.usage.prompt_tokens + response.usage.completion_tokens);
    });

    it("Set temperature, top p: both reach the Converse inferenceConfig and the native body", async () => {
      await call.completion({ model: `bedrock/${SONNET}`, messages: HELLO, temperature: 0.7, top_p: 1 });
      expect(h.requests[0]!.json.inferenceConfig).toEqual({ temperature: 0.7, topP: 1 });

      await call.completion({ model: `bedrock/invoke/${SONNET}`, messages: HELLO, temperature: 0.7, top_p: 1 });
      expect(h.requests[1]!.path).toBe(modelPath(SONNET, "invoke"));
      expect(h.requests[1]!.json).toMatchObject({ anthropic_version: "bedrock-2023-05-31", temperature: 0.7, top_p: 1 });

      // The proxy tab's model, claude-instant-v1, on its native text-completion body.
      await call.completion({ model: `bedrock/invoke/${INSTANT}`, messages: HELLO, temperature: 0.7, top_p: 1 });
      expect(h.requests[2]!.json).toMatchObject({ prompt: "\n\nHuman: Hello, how are you?\n\nAssistant:", temperature: 0.7, top_p: 1 });
    });

    it("Pass provider-specific params: top_k goes to additionalModelRequestFields, or into the native body", async () => {
      const converse = await call.completion({ model: `bedrock/${SONNET}`, messages: HELLO, top_k: 1 });
      expect(h.requests[0]!.json.additionalModelRequestFields).toEqual({ top_k: 1 });
      expect(h.requests[0]!.json.inferenceConfig).toBeUndefined();
      expect(converse.choices[0]!.message.content).toMatch(/^Echo: /);

      await call.completion({ model: `bedrock/invoke/${SONNET}`, messages: HELLO, top_k: 1 });
      expect(h.requests[1]!.json.top_k).toBe(1);
      expect(h.requests[1]!.json.additionalModelRequestFields).toBeUndefined();

      await call.completion({ model: `bedrock/invoke/${INSTANT}`, messages: HELLO, top_k: 1 });
      expect(h.requests[2]!.json.top_k).toBe(1);
    });

    it.each(["", "invoke/"])("Function Calling (%s): tool_choice auto returns a named call with JSON string arguments", async (route) => {
      const response = await call.completion({
        model: `bedrock/${route}${SONNET}`,
        messages: [{ role: "user", content: "What's the weather like in Boston today?" }],
        tools: [WEATHER_TOOL],
        tool_choice: "auto",
      });
      const body = h.requests[0]!.json;
      if (route === "") {
        expect(h.requests[0]!.path).toBe(modelPath(SONNET, "converse"));
        expect(body.toolConfig.toolChoice).toEqual({ auto: {} });
        expect(body.toolConfig.tools[0].toolSpec).toEqual({
          name: "get_current_weather",
          description: "Get the current weather in a given location",
          inputSchema: { json: WEATHER_TOOL.function.parameters },
        });
      } else {
        expect(h.requests[0]!.path).toBe(modelPath(SONNET, "invoke"));
        expect(body.tool_choice).toEqual({ type: "auto" });
        expect(body.tools[0]).toMatchObject({ name: "get_current_weather", input_schema: WEATHER_TOOL.function.parameters });
      }
      const choice = response.choices[0]!;
      expect(choice.finish_reason).toBe("tool_calls");
      const toolCall = choice.message.tool_calls![0]!;
      expect(typeof toolCall.function.name).toBe("string");
      expect(typeof toolCall.function.arguments).toBe("string");
      expect(toolCall.function.name).toBe("get_current_weather");
      expect(toolCall.type).toBe("function");
      // Converse ids are `tooluse_…`, Anthropic Messages ids `toolu_bdrk_…`, as Bedrock returns them.
      expect(toolCall.id).toMatch(route === "" ? /^tooluse_/ : /^toolu_bdrk_/);
      const args = JSON.parse(toolCall.function.arguments) as Record<string, unknown>;
      // Every required property of the schema is there with its type.
      expect(typeof args.location).toBe("string");
      expect(args.location).toBe("Boston");
    });

    it.each(["", "invoke/"])("Vision (%s): a base64 data URL image reaches Bedrock as the same bytes", async (route) => {
      const png = buildPng(4, 3);
      const response = await call.completion({
        model: `bedrock/${route}${SONNET}`,
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Whats in this image?" },
              { type: "image_url", image_url: { url: `data:image/png;base64,${base64(png)}` } },
            ],
          },
        ],
      });
      const content = h.requests[0]!.json.messages[0].content;
      if (route === "") {
        expect(content).toEqual([{ text: "Whats in this image?" }, { image: { format: "png", source: { bytes: base64(png) } } }]);
      } else {
        expect(content).toEqual([
          { type: "text", text: "Whats in this image?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: base64(png) } },
        ]);
      }
      expect(checkPng(fromBase64(route === "" ? content[1].image.source.bytes : content[1].source.data))).toEqual({ width: 4, height: 3 });
      expect(response.choices[0]!.message.content).toMatch(/^Echo: Whats in this image/);
    });

    it("Assistant Pre-fill: the prompt is the page's, and the answer does not repeat the pre-fill", async () => {
      const native = await call.completion({ model: "bedrock/invoke/anthropic.claude-v2", messages: PREFILL_MESSAGES });
      expect(h.requests[0]!.path).toBe(modelPath("anthropic.claude-v2", "invoke"));
      expect(h.requests[0]!.json.prompt).toBe(PREFILL_PROMPT);
      expect(native.choices[0]!.message.content).not.toMatch(/^\s*\{/);
      expect(native.choices[0]!.message.content).toContain("Echo: How do you say 'Hello' in German?");

      // The page's own call (`bedrock/anthropic.claude-v2`) takes the default Converse route: the pre-fill is the last turn.
      const converse = await call.completion({ model: "bedrock/anthropic.claude-v2", messages: PREFILL_MESSAGES });
      expect(h.requests[1]!.path).toBe(modelPath("anthropic.claude-v2", "converse"));
      expect(h.requests[1]!.json.messages.at(-1)).toEqual({ role: "assistant", content: [{ text: "{" }] });
      expect(converse.choices[0]!.message.content).not.toMatch(/^\s*\{/);

      // Claude 3 on its Messages body: the pre-fill is the last message, and is not in the answer either.
      const messages = await call.completion({ model: `bedrock/invoke/${SONNET}`, messages: PREFILL_MESSAGES });
      expect(h.requests[2]!.json.messages.at(-1)).toEqual({ role: "assistant", content: "{" });
      expect(messages.choices[0]!.message.content).not.toMatch(/^\s*\{/);
    });

    it("System messages: Claude 2.1 gets exactly the page's prompt, Converse a system field", async () => {
      const messages: ChatCompletionMessageParam[] = [
        { role: "system", content: "You are a snarky assistant." },
        { role: "user", content: "How do I boil water?" },
      ];
      const response = await call.completion({ model: "bedrock/invoke/anthropic.claude-v2:1", messages });
      expect(h.requests[0]!.path).toBe("/model/anthropic.claude-v2%3A1/invoke");
      expect(h.requests[0]!.json.prompt).toBe(SYSTEM_PROMPT);
      expect(response.choices[0]!.message.content).toContain("Echo: How do I boil water.");
      expect(response.usage.prompt_tokens).toBeGreaterThan(0);
      expect(response.usage.completion_tokens).toBeGreaterThan(0);

      await call.completion({ model: "bedrock/anthropic.claude-v2:1", messages });
      expect(h.requests[1]!.json).toEqual({
        system: [{ text: "You are a snarky assistant." }],
        messages: [{ role: "user", content: [{ text: "How do I boil water?" }] }],
      });
    });

    it.each(["", "invoke/"])("Streaming (%s): chunks add up to the non-streamed answer", async (route) => {
      const model = `bedrock/${route}${INSTANT}`;
      const whole = await call.completion({ model, messages: HELLO });
      const chunks = await collect(await call.stream({ model, messages: HELLO, stream_options: { include_usage: true } }));
      expect(h.requests.map((r) => r.path)).toEqual(
        route === "" ? [modelPath(INSTANT, "converse"), modelPath(INSTANT, "converse-stream")] : [modelPath(INSTANT, "invoke"), modelPath(INSTANT, "invoke-with-response-stream")],
      );
      expect(chunks.length).toBeGreaterThan(3);
      for (const c of chunks) {
        expect(c.object).toBe("chat.completion.chunk");
        expect(c.model).toBe(INSTANT);
        expect(c.id).toBe(chunks[0]!.id);
      }
      expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
      expect(textOf(chunks)).toBe(whole.choices[0]!.message.content);
      const finishes = chunks.filter((c) => c.choices[0]?.finish_reason != null);
      expect(finishes).toHaveLength(1);
      expect(finishes[0]!.choices[0]!.finish_reason).toBe("stop");
      // include_usage: the last chunk has no choices and the usage; the others carry `usage: null`.
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(last.usage).toEqual(whole.usage);
      expect(last.usage!.completion_tokens).toBeGreaterThan(0);
      expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    });

    it("Streaming without include_usage sends no usage chunk", async () => {
      const chunks = await collect(await call.stream({ model: `bedrock/${INSTANT}`, messages: HELLO }));
      expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
      expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    });

    it.each(["", "invoke/"])("Provisioned throughput (%s): model_id goes in the URL, the family comes from model", async (route) => {
      const response = await call.completion({ model: `bedrock/${route}${INSTANT}`, model_id: PROVISIONED_ARN, messages: HELLO });
      const req = h.requests[0]!;
      const operation = route === "" ? "converse" : "invoke";
      expect(req.path).toBe(`/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprovisioned-model%2Fa1b2c3d4e5f6/${operation}`);
      if (route === "") expect(req.json).toEqual({ messages: [{ role: "user", content: [{ text: "Hello, how are you?" }] }] });
      else expect(req.json).toEqual({ prompt: "\n\nHuman: Hello, how are you?\n\nAssistant:", max_tokens_to_sample: 4096 });
      expect(response.model).toBe(INSTANT);
      expect(response.choices[0]!.message.content).toContain("Echo: Hello, how are you.");
    });

    it.each([
      ["amazon.titan-embed-text-v2:0", { inputText: "good morning from litellm" }, 1024],
      ["amazon.titan-embed-text-v1", { inputText: "good morning from litellm" }, 1536],
      ["cohere.embed-english-v3", { texts: ["good morning from litellm"], input_type: "search_document" }, 1024],
      ["cohere.embed-multilingual-v3", { texts: ["good morning from litellm"], input_type: "search_document" }, 1024],
    ] as const)("Bedrock Embedding: %s", async (id, body, dims) => {
      const response = await call.embedding({ model: `bedrock/${id}`, input: ["good morning from litellm"] });
      expect(h.requests).toHaveLength(1);
      expect(h.requests[0]!.path).toBe(modelPath(id, "invoke"));
      expect(h.requests[0]!.json).toEqual(body);
      expect(response.object).toBe("list");
      expect(response.data).toHaveLength(1);
      expect(response.data[0]!.object).toBe("embedding");
      expect(response.data[0]!.index).toBe(0);
      const vector = response.data[0]!.embedding as number[];
      expect(vector).toHaveLength(dims);
      expect(vector.every((x) => Number.isFinite(x))).toBe(true);
      expect(response.usage.prompt_tokens).toBeGreaterThan(0);
    });

    it("Embedding with a provisioned model_id: the ARN in the URL, the Titan body from model", async () => {
      const response = await call.embedding({ model: "bedrock/amazon.titan-embed-text-v1", model_id: PROVISIONED_ARN, input: ["hi"] });
      expect(h.requests[0]!.path).toBe(modelPath(PROVISIONED_ARN, "invoke"));
      expect(h.requests[0]!.json).toEqual({ inputText: "hi" });
      expect(response.data).toHaveLength(1);
    });

    it("Image Generation: SDXL v0 with size 128x512 and seed 30", async () => {
      const response = await call.imageGeneration({
        prompt: "A cute baby sea otter",
        model: "bedrock/stability.stable-diffusion-xl-v0",
        size: "128x512",
        seed: 30,
      });
      expect(h.requests).toHaveLength(1);
      expect(h.requests[0]!.path).toBe(modelPath("stability.stable-diffusion-xl-v0", "invoke"));
      expect(h.requests[0]!.json).toMatchObject({ text_prompts: [{ text: "A cute baby sea otter" }], width: 128, height: 512, seed: 30 });
      expect(response.data).toHaveLength(1);
      expect(checkPng(fromBase64(response.data[0]!.b64_json!))).toEqual({ width: 128, height: 512 });
    });

    it("Image Generation: SDXL v1 with defaults", async () => {
      const response = await call.imageGeneration({ prompt: "A cute baby sea otter", model: "bedrock/stability.stable-diffusion-xl-v1" });
      expect(h.requests[0]!.path).toBe(modelPath("stability.stable-diffusion-xl-v1", "invoke"));
      expect(h.requests[0]!.json.text_prompts).toEqual([{ text: "A cute baby sea otter", weight: 1 }]);
      expect(response.data).toHaveLength(1);
      const { width, height } = checkPng(fromBase64(response.data[0]!.b64_json!));
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
    });
  });
});
