/**
 * Anthropic's own TypeScript SDK (`@anthropic-ai/sdk`) against the proxy's Messages API, served on loopback in
 * front of the emulator: Claude over InvokeModel and Nova over Converse, plain and streamed, with tools, thinking,
 * token counting and errors. The message the SDK rebuilds from a stream must equal the one answered whole.
 */
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkFrame } from "../../src/emulator/frames";
import type { RecordedExchange } from "../../src/emulator/index";
import { base64ToBytes } from "../../src/internal/base64";
import { CHAT_MODEL, MASTER_KEY, params, startStack, type Stack } from "./helpers";

const THINKING_MODEL = "anthropic.claude-3-7-sonnet-20250219-v1:0";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack((u) => ({
    model_list: [
      { model_name: "claude-haiku", litellm_params: params(u, CHAT_MODEL) },
      { model_name: "nova-lite", litellm_params: params(u, "bedrock/amazon.nova-lite-v1:0") },
      { model_name: "claude-sonnet-3-7", litellm_params: params(u, `bedrock/${THINKING_MODEL}`) },
    ],
    general_settings: { master_key: "os.environ/PROXY_MASTER_KEY" },
  }));
});
afterAll(() => stack.close());

const client = (apiKey = MASTER_KEY) => new Anthropic({ apiKey, baseURL: stack.proxy.url, maxRetries: 0 });
const lastUpstream = () => stack.upstream.requests.at(-1)!;
/** A message the SDK rebuilt from a stream, without the `parsed_output` the SDK adds itself (structured outputs). */
const rebuiltMessage = ({ parsed_output: _, ...message }: Anthropic.Message & { parsed_output?: unknown }) => message;

const weatherTool: Anthropic.Tool = {
  name: "get_weather",
  description: "The current weather in a city",
  input_schema: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] },
};

describe("Claude over InvokeModel", () => {
  it("messages.create: a Messages API answer; Bedrock got Claude's native body", async () => {
    // The SDK's types have no sampling members; the Messages API on Bedrock still takes them.
    const request = { model: "claude-haiku", max_tokens: 256, system: "Answer briefly.", temperature: 0.2, messages: [{ role: "user" as const, content: "what llm are you" }] };
    const message = await client().messages.create(request);
    expect(message).toMatchObject({ type: "message", role: "assistant", model: "claude-haiku", stop_reason: "end_turn", stop_sequence: null });
    expect(message.id).toMatch(/^msg_/);
    expect(message.content).toHaveLength(1);
    expect(message.content[0]).toMatchObject({ type: "text" });
    expect((message.content[0] as Anthropic.TextBlock).text).toContain("what llm are you");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);

    const upstream = lastUpstream();
    expect(upstream.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke");
    expect(upstream.body).toEqual({
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 256,
      system: "Answer briefly.",
      temperature: 0.2,
      messages: [{ role: "user", content: "what llm are you" }],
    });
  });

  it("messages.stream: the SDK parses the events, and the message it rebuilds equals the whole answer", async () => {
    const request = { model: "claude-haiku", max_tokens: 256, messages: [{ role: "user" as const, content: "tell me about the sea" }] };
    const whole = await client().messages.create(request);
    const stream = client().messages.stream(request);
    let text = "";
    stream.on("text", (delta) => (text += delta));
    const rebuilt = await stream.finalMessage();
    expect(lastUpstream().path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream");
    expect(rebuiltMessage(rebuilt)).toEqual(whole);
    expect(text).toBe((whole.content[0] as Anthropic.TextBlock).text);
  });

  it("tool_choice forcing a tool: a tool_use block with arguments that fit the schema, streamed the same", async () => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: "claude-haiku",
      max_tokens: 256,
      tools: [weatherTool],
      tool_choice: { type: "tool", name: "get_weather" },
      messages: [{ role: "user", content: "Is it raining in Paris?" }],
    };
    const whole = await client().messages.create(request);
    expect(lastUpstream().body.tool_choice).toEqual({ type: "tool", name: "get_weather" });
    expect(whole.stop_reason).toBe("tool_use");
    const use = whole.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
    expect(use.name).toBe("get_weather");
    expect(typeof (use.input as { city: unknown }).city).toBe("string");

    const stream = client().messages.stream(request);
    const jsonDeltas: string[] = [];
    stream.on("inputJson", (delta) => jsonDeltas.push(delta));
    const rebuilt = await stream.finalMessage();
    expect(rebuiltMessage(rebuilt)).toEqual(whole);
    expect(JSON.parse(jsonDeltas.join(""))).toEqual(use.input);

    // The tool's result goes back as a tool_result block, and Claude answers in text.
    const followUp = await client().messages.create({
      model: "claude-haiku",
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        { role: "user", content: "Is it raining in Paris?" },
        { role: "assistant", content: whole.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "Light rain, 12 °C" }] },
      ],
    });
    expect(followUp.stop_reason).toBe("end_turn");
    expect(followUp.content[0]!.type).toBe("text");
  });

  it("beta.messages (POST /v1/messages?beta=true, as Claude Code calls it): Bedrock's beta flags reach Claude", async () => {
    const message = await client().beta.messages.create({
      model: "claude-haiku",
      max_tokens: 64,
      betas: ["token-efficient-tools-2025-02-19", "oauth-2025-04-20"],
      messages: [{ role: "user", content: "hello there" }],
    });
    expect(message.type).toBe("message");
    expect(lastUpstream().body.anthropic_beta).toEqual(["token-efficient-tools-2025-02-19"]);
  });

  it("messages.countTokens: Bedrock CountTokens over Claude's body", async () => {
    const counted = await client().messages.countTokens({
      model: "claude-haiku",
      system: "Answer briefly.",
      messages: [{ role: "user", content: "how many tokens is this" }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    const upstream = lastUpstream();
    expect(upstream.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/count-tokens");
    const input = upstream.body.input as { invokeModel: { body: string } };
    const native = JSON.parse(new TextDecoder().decode(base64ToBytes(input.invokeModel.body))) as Record<string, unknown>;
    expect(native).toMatchObject({ anthropic_version: "bedrock-2023-05-31", system: "Answer briefly.", messages: [{ role: "user", content: "how many tokens is this" }] });
  });
});

describe("errors: the SDK raises its typed error classes", () => {
  it("a wrong key is an AuthenticationError with Anthropic's error body", async () => {
    const error = await client("sk-wrong").messages.create({ model: "claude-haiku", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    const e = error as InstanceType<typeof Anthropic.AuthenticationError>;
    expect(e.status).toBe(401);
    expect(e.error).toEqual({ type: "error", error: { type: "authentication_error", message: expect.stringContaining("master key") } });
  });

  it("an unknown model is a NotFoundError naming the configured ones", async () => {
    const error = await client().messages.create({ model: "gpt-4", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as Error).message).toContain("claude-haiku, nova-lite");
  });

  it("a malformed block is a BadRequestError naming its JSON path", async () => {
    const error = await client().messages.create({
      model: "claude-haiku",
      max_tokens: 10,
      messages: [{ role: "user", content: [{ type: "image", source: { type: "url", url: "https://example.com/cat.png" } }] }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const e = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(e.error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(e.message).toContain("`messages[0].content[0].source.type`");
  });

  it("Bedrock's refusal comes back as a BadRequestError in Bedrock's words", async () => {
    // Claude 3 Haiku has no extended thinking: Bedrock refuses the member.
    const error = await client().messages.create({
      model: "claude-haiku",
      max_tokens: 2048,
      thinking: { type: "enabled", budget_tokens: 1024 },
      messages: [{ role: "user", content: "hi" }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain("extraneous key [thinking] is not permitted");
  });
});

describe("Nova over Converse, through the same routes", () => {
  it("messages.create and messages.stream agree, and Bedrock got a Converse request", async () => {
    const request = { model: "nova-lite", max_tokens: 200, system: "Be brief.", top_k: 20, messages: [{ role: "user" as const, content: "name a colour" }] };
    const whole = await client().messages.create(request);
    expect(whole).toMatchObject({ type: "message", role: "assistant", model: "nova-lite", stop_reason: "end_turn" });
    expect((whole.content[0] as Anthropic.TextBlock).text).toContain("name a colour");
    const upstream = lastUpstream();
    expect(upstream.path).toBe("/model/amazon.nova-lite-v1%3A0/converse");
    expect(upstream.body).toEqual({
      messages: [{ role: "user", content: [{ text: "name a colour" }] }],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: 200 },
      additionalModelRequestFields: { inferenceConfig: { topK: 20 } },
    });

    const rebuilt = await client().messages.stream(request).finalMessage();
    expect(lastUpstream().path).toBe("/model/amazon.nova-lite-v1%3A0/converse-stream");
    expect({ ...rebuiltMessage(rebuilt), id: "" }).toEqual({ ...whole, id: "" });
  });

  it("a forced tool over Converse: toolChoice, a tool_use block, and the same message streamed", async () => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: "nova-lite",
      max_tokens: 200,
      tools: [weatherTool],
      tool_choice: { type: "tool", name: "get_weather" },
      messages: [{ role: "user", content: "weather in Oslo?" }],
    };
    const whole = await client().messages.create(request);
    expect(lastUpstream().body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: "get_weather", description: weatherTool.description, inputSchema: { json: weatherTool.input_schema } } }],
      toolChoice: { tool: { name: "get_weather" } },
    });
    expect(whole.stop_reason).toBe("tool_use");
    const use = whole.content.find((b): b is Anthropic.ToolUseBlock => b.type === "tool_use")!;
    expect(use.name).toBe("get_weather");
    const rebuilt = await client().messages.stream(request).finalMessage();
    expect({ ...rebuiltMessage(rebuilt), id: "" }).toEqual({ ...whole, id: "" });
  });
});

// The emulator generates thinking but never a redacted block, so this answer with both is played back: one answer,
// written in the shapes of https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking, once whole and
// once as its events.
const THINKING = "27 × 453: 27 × 400 = 10800 and 27 × 53 = 1431, so 12231.";
const SIGNATURE = "EqQBCkYIBRgCKkBsaWdodCBzaWduYXR1cmUgZm9yIHRlc3Rz";
const REDACTED = "EmwKAhgBEgy3va3pzix0LqCKu9UaDGVuY3J5cHRlZCB0aGlua2luZw==";
const ANSWER = "27 × 453 = 12,231.";
const thinkingAnswer = {
  id: "msg_bdrk_01ThinkingAnswer",
  type: "message",
  role: "assistant",
  model: "claude-3-7-sonnet-20250219",
  content: [
    { type: "thinking", thinking: THINKING, signature: SIGNATURE },
    { type: "redacted_thinking", data: REDACTED },
    { type: "text", text: ANSWER },
  ],
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: { input_tokens: 48, output_tokens: 131 },
};
const thinkingEvents = [
  { type: "message_start", message: { ...thinkingAnswer, content: [], stop_reason: null, usage: { input_tokens: 48, output_tokens: 4 } } },
  { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: THINKING.slice(0, 20) } },
  { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: THINKING.slice(20) } },
  { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: SIGNATURE } },
  { type: "content_block_stop", index: 0 },
  { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: REDACTED } },
  { type: "content_block_stop", index: 1 },
  { type: "content_block_start", index: 2, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: ANSWER.slice(0, 9) } },
  { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: ANSWER.slice(9) } },
  { type: "content_block_stop", index: 2 },
  { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 131 } },
  { type: "message_stop", "amazon-bedrock-invocationMetrics": { inputTokenCount: 48, outputTokenCount: 131, invocationLatency: 2210, firstByteLatency: 380 } },
];

function recorded(operation: string, response: RecordedExchange["response"]): RecordedExchange {
  return { operation, modelId: THINKING_MODEL, request: { method: "POST", url: `/model/${THINKING_MODEL}/${operation}`, body: {} }, response };
}

describe("Claude with extended thinking, as the emulator generates it", () => {
  it("messages.create and messages.stream: a signed thinking block before the answer; the stream rebuilds the same message", async () => {
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: "claude-sonnet-3-7",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [{ role: "user", content: "What is 27 * 453?" }],
    };
    const whole = await client().messages.create(request);
    expect(lastUpstream().body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(whole.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    const block = whole.content[0] as Anthropic.ThinkingBlock;
    expect(block.thinking.length).toBeGreaterThan(0);
    expect(block.signature.length).toBeGreaterThan(0);

    const stream = client().messages.stream(request);
    let thought = "";
    let signature = "";
    stream.on("thinking", (delta) => (thought += delta));
    stream.on("signature", (s) => (signature = s));
    const rebuilt = rebuiltMessage(await stream.finalMessage());
    expect(thought).toBe(block.thinking);
    expect(signature).toBe(block.signature);
    // The same emulator answer, ids aside.
    expect({ ...rebuilt, id: "" }).toEqual({ ...whole, id: "" });
  });
});

describe("Claude with extended thinking, redacted blocks included (played back)", () => {
  let thinking: Stack;
  beforeAll(async () => {
    const frames = thinkingEvents.map((event, i) => chunkFrame(event, i));
    const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    frames.reduce((at, f) => (bytes.set(f, at), at + f.length), 0);
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    thinking = await startStack((u) => ({ model_list: [{ model_name: "claude-thinking", litellm_params: params(u, `bedrock/${THINKING_MODEL}`) }] }), {
      emulator: {
        replay: [
          recorded("invoke", { status: 200, headers: { "content-type": "application/json" }, body: thinkingAnswer }),
          recorded("invoke-with-response-stream", { status: 200, headers: {}, bodyBase64: btoa(binary) }),
        ],
      },
    });
  });
  afterAll(() => thinking.close());

  it("passes `thinking` and the beta flag to Claude; thinking and redacted_thinking come back, streamed the same", async () => {
    const sdk = new Anthropic({ apiKey: "any", baseURL: thinking.proxy.url, maxRetries: 0 });
    const request: Anthropic.MessageCreateParamsNonStreaming = {
      model: "claude-thinking",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [{ role: "user", content: "What is 27 * 453?" }],
    };
    const betas = { headers: { "anthropic-beta": "interleaved-thinking-2025-05-14, claude-code-20250219" } };
    const whole = await sdk.messages.create(request, betas);
    const sent = thinking.upstream.requests.at(-1)!.body;
    expect(sent).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, anthropic_beta: ["interleaved-thinking-2025-05-14"] });
    expect(whole).toEqual({ ...thinkingAnswer, model: "claude-thinking" });

    const stream = sdk.messages.stream(request, betas);
    let thought = "";
    let signature = "";
    stream.on("thinking", (delta) => (thought += delta));
    stream.on("signature", (s) => (signature = s));
    const rebuilt = await stream.finalMessage();
    expect(rebuiltMessage(rebuilt)).toEqual(whole);
    expect(thought).toBe(THINKING);
    expect(signature).toBe(SIGNATURE);
    const response = await stream.withResponse();
    expect(response.response.headers.get("x-bedrock-fetch-dropped-betas")).toBe("claude-code-20250219");
  });
});
