/**
 * `countChatTokens()`: chat params counted by Bedrock's CountTokens on exactly what a chat call sends. Against the
 * emulator, the CountTokens input is the chat request of the same params (Converse's `messages`, `system`,
 * `toolConfig` and `additionalModelRequestFields`, or the family's native body, base64) and the count is the
 * emulator's; a model without token counting is Bedrock's refusal. On the recorded exchanges
 * (../shared/exchanges/anthropic/count-tokens/, ../shared/exchanges/errors/count-tokens/), params rebuild the
 * recorded requests, which go to the recorded URLs, and the recorded answers (counts and refusals) come back typed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatCompletionCreateParamsBase } from "../../src/api/chat-types";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { BadRequestError, ConfigurationError } from "../../src/errors";
import { anthropic } from "../../src/families/index";
import { chatCompletion, countChatTokens, createBedrockCore } from "../../src/index";
import { hasShared, loadExchange, suiteIf } from "../helpers/shared";
import { createHarness, REGION, type Harness } from "./helpers";

const CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
const TOOLS = [{ type: "function" as const, function: { name: "get_weather", description: "Weather of a city", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
const MESSAGES = [
  { role: "system" as const, content: "You answer in one word." },
  { role: "user" as const, content: "What colour is the sky on a clear day?" },
];

function decodeBase64Json(text: string): unknown {
  return JSON.parse(Buffer.from(text, "base64").toString("utf8"));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describe("countChatTokens() against the emulator", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness("in-process");
  });
  afterEach(async () => {
    await h.close();
  });
  const core = () => createBedrockCore({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} });

  it("counts the Converse input chat would send (messages, system, toolConfig), not its inference settings", async () => {
    const params = { model: `bedrock/${CLAUDE}`, messages: MESSAGES, tools: TOOLS, max_tokens: 64, temperature: 0.2 };
    const { input_tokens } = await countChatTokens(core(), params);
    await chatCompletion(core(), params);
    const [count, chat] = h.requests;
    expect(count!.path).toBe(`/model/${encodeURIComponent(CLAUDE)}/count-tokens`);
    const { messages, system, toolConfig } = chat!.json;
    expect(count!.json).toEqual({ input: { converse: { messages, system, toolConfig } } });
    expect(chat!.json.inferenceConfig).toEqual({ maxTokens: 64, temperature: 0.2 });
    expect(Number.isInteger(input_tokens) && input_tokens > 0).toBe(true);
  });

  it("on the invoke/ route, counts the family's native body, the one chat sends to InvokeModel", async () => {
    const params = { model: `invoke/${CLAUDE}`, messages: MESSAGES, max_tokens: 64 };
    const { input_tokens } = await countChatTokens(core(), params, { families: [anthropic] });
    await chatCompletion(core(), params, { families: [anthropic] });
    const [count, chat] = h.requests;
    expect(decodeBase64Json(count!.json.input.invokeModel.body)).toEqual(chat!.json);
    expect(input_tokens).toBeGreaterThan(0);
  });

  it("asks the foundation model behind an inference profile, which Bedrock refuses for CountTokens", async () => {
    await countChatTokens(core(), { model: `us.${CLAUDE}`, messages: MESSAGES });
    expect(h.requests[0]!.path).toBe(`/model/${encodeURIComponent(CLAUDE)}/count-tokens`);
  });

  it("a model without token counting is Bedrock's refusal, a typed BadRequestError", async () => {
    const error = await rejection(countChatTokens(core(), { model: "amazon.nova-micro-v1:0", messages: MESSAGES }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe("The provided model doesn't support counting tokens.");
    expect((error as BadRequestError).status).toBe(400);
  });

  it.each([
    ["messages", { messages: [] }],
    ["messages[0].role", { messages: [{ role: "robot", content: "hi" }] }],
    ["model", { model: "gpt-4o" }],
  ])("bad params are refused as chat refuses them, before any request: %s", async (field, change) => {
    const error = await rejection(countChatTokens(core(), { model: CLAUDE, messages: MESSAGES, ...change } as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect(h.fetchCalls()).toBe(0);
  });

  it("an invoke/ model without its family names the import to add", async () => {
    const error = await rejection(countChatTokens(core(), { model: `invoke/${CLAUDE}`, messages: MESSAGES }));
    expect(error.message).toContain('import { anthropic } from "bedrock-fetch/families"');
    expect(h.fetchCalls()).toBe(0);
  });
});

/** A client whose fetch records each request and answers with a recorded response. */
function replaying(response: { status: number; headers: Record<string, string>; body?: unknown }) {
  const seen: Array<{ url: string; body: any }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, body: JSON.parse(await request.text()) });
    return new Response(JSON.stringify(response.body), { status: response.status, headers: response.headers });
  };
  return { core: createBedrockCore({ region: "us-east-1", credentials: TEST_CREDENTIALS, fetch, env: {}, maxRetries: 0 }), seen };
}

suiteIf(hasShared)("countChatTokens() on the recorded CountTokens exchanges", () => {
  const SONNET_4 = "anthropic.claude-sonnet-4-20250514-v1:0";

  /** The recorded Converse input, without the empty `system` list pydantic-ai sends (chat sends none). */
  function recordedConverse(file: string) {
    const exchange = loadExchange(file);
    const { system, ...converse } = (exchange.request.body as { input: { converse: Record<string, unknown> } }).input.converse;
    expect(system).toEqual([]);
    return { exchange, converse };
  }

  it.each([
    [
      "an inference profile's foundation model",
      "anthropic/count-tokens/pydantic-ai--test_bedrock_inference_profile_count_tokens__0.json",
      { model: `bedrock/us.${SONNET_4}`, messages: [{ role: "user" as const, content: "Hello, world!" }] },
      11,
    ],
    [
      "additionalModelRequestFields",
      "anthropic/count-tokens/pydantic-ai--test_bedrock_count_tokens_additional_model_requests_fields__0.json",
      { model: SONNET_4, messages: [{ role: "user" as const, content: "Hello, world!" }], additionalModelRequestFields: { anthropic_beta: ["context-1m-2025-08-07"] } },
      11,
    ],
    [
      "a cache point",
      "anthropic/count-tokens/pydantic-ai--test_bedrock_model_usage_limit_exceeded__0.json",
      {
        model: SONNET_4,
        messages: [
          {
            role: "user" as const,
            content: [
              { type: "text" as const, text: "The quick brown fox jumps over the lazydog.", cache_control: { type: "ephemeral" } },
              { type: "text" as const, text: "What was next?" },
            ],
          },
        ],
      },
      23,
    ],
  ])("Converse input with %s: the recorded request, URL and count", async (_name, file, params, tokens) => {
    const { exchange, converse } = recordedConverse(file);
    const { core, seen } = replaying(exchange.response);
    expect(await countChatTokens(core, params as ChatCompletionCreateParamsBase)).toEqual({ input_tokens: tokens });
    expect(seen[0]!.url).toBe(exchange.request.url.replace(/:0\/count-tokens$/, "%3A0/count-tokens"));
    expect(seen[0]!.body).toEqual({ input: { converse } });
  });

  it("Claude's native body on the invoke/ route: the recorded request and count", async () => {
    const exchange = loadExchange("anthropic/count-tokens/pydantic-ai--test_anthropic_bedrock_count_tokens_real_api__0.json");
    const recorded = decodeBase64Json((exchange.request.body as { input: { invokeModel: { body: string } } }).input.invokeModel.body) as Record<string, unknown>;
    const { core, seen } = replaying(exchange.response);
    const answer = await countChatTokens(
      core,
      {
        model: `invoke/${SONNET_4}`,
        max_tokens: 4096,
        anthropic_beta: ["token-efficient-tools-2025-02-19"],
        messages: [
          { role: "system", content: "You are helpful." },
          { role: "user", content: [{ type: "text", text: "How many tokens is this sentence?" }] },
        ],
      },
      { families: [anthropic] },
    );
    expect(answer).toEqual({ input_tokens: 18 });
    // pydantic-ai also sent Claude's `metadata.user_id`, for which OpenAI params have no field.
    const { metadata, ...sent } = recorded;
    expect(metadata).toEqual({ user_id: "pydantic-ai-test" });
    expect(decodeBase64Json(seen[0]!.body.input.invokeModel.body)).toEqual(sent);
  });

  it.each([
    ["a model without token counting", "errors/count-tokens/pydantic-ai--test_anthropic_bedrock_count_tokens_error__0.json"],
    ["a server tool Claude on Bedrock does not serve", "errors/count-tokens/pydantic-ai--test_anthropic_bedrock_count_tokens_rejects_server_tools__0.json"],
  ])("%s: Bedrock's recorded refusal comes back as a BadRequestError with its message", async (_name, file) => {
    const exchange = loadExchange(file);
    const { core } = replaying(exchange.response);
    const error = await rejection(countChatTokens(core, { model: SONNET_4, messages: [{ role: "user", content: "hello" }] }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe((exchange.response.body as { message: string }).message);
  });

  it("the emulator refuses a model without token counting in the recorded words", async () => {
    const recorded = loadExchange("errors/count-tokens/pydantic-ai--test_anthropic_bedrock_count_tokens_error__0.json").response.body as { message: string };
    const h = await createHarness("in-process");
    const core = createBedrockCore({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, env: {} });
    const error = await rejection(countChatTokens(core, { model: "meta.llama3-8b-instruct-v1:0", messages: MESSAGES }));
    expect(error.message).toBe(recorded.message);
    await h.close();
  });
});
