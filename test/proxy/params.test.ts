/**
 * Parameters from the config and from the request, as the LiteLLM page's "Set temperature, top p, etc." and "Pass
 * provider-specific params" sections use them, checked in the body the emulator receives.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAT_MODEL, EMBED_MODEL, params, post, startStack, type Stack } from "./helpers";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack((u) => ({
    model_list: [
      // "Set on yaml": temperature, top_p and the provider-specific top_k.
      { model_name: "bedrock-claude-v1", litellm_params: params(u, CHAT_MODEL, { temperature: 0.2, top_p: 0.5, top_k: 1, max_tokens: 64 }) },
      { model_name: "claude-invoke", litellm_params: params(u, "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0", { temperature: 0.3, top_k: 7 }) },
      { model_name: "plain", litellm_params: params(u, CHAT_MODEL) },
      { model_name: "titan-embed", litellm_params: params(u, EMBED_MODEL, { dimensions: 256 }) },
      { model_name: "pool", litellm_params: params(u, "bedrock/anthropic.claude-3-haiku-20240307-v1:0") },
      { model_name: "pool", litellm_params: params(u, "bedrock/us.anthropic.claude-3-haiku-20240307-v1:0") },
    ],
  }));
});
afterAll(() => stack.close());

const client = () => new OpenAI({ apiKey: "anything", baseURL: stack.baseURL, maxRetries: 0 });
const poem = [{ role: "user" as const, content: "this is a test request, write a short poem" }];
const lastBody = () => stack.upstream.requests.at(-1)!.body;

describe("config params and request params", () => {
  it("config values reach Bedrock when the request sets none", async () => {
    await client().chat.completions.create({ model: "bedrock-claude-v1", messages: poem });
    expect(lastBody().inferenceConfig).toEqual({ temperature: 0.2, topP: 0.5, maxTokens: 64 });
    expect(lastBody().additionalModelRequestFields).toEqual({ top_k: 1 });
  });

  it("request values win over config values (\"Set on request\")", async () => {
    await client().chat.completions.create({ model: "bedrock-claude-v1", messages: poem, temperature: 0.7, top_p: 1 });
    expect(lastBody().inferenceConfig).toEqual({ temperature: 0.7, topP: 1, maxTokens: 64 });
  });

  it("extra_body fields (top_k) arrive as top-level fields and reach the model, over the config's", async () => {
    // @ts-expect-error -- extra_body is the Python SDK's spelling; in Node, unknown fields are sent as they are.
    await client().chat.completions.create({ model: "plain", messages: poem, temperature: 0.7, top_k: 1 });
    expect(lastBody().inferenceConfig).toEqual({ temperature: 0.7 });
    expect(lastBody().additionalModelRequestFields).toEqual({ top_k: 1 });
    await post(`${stack.baseURL}/chat/completions`, { model: "bedrock-claude-v1", messages: poem, top_k: 3 });
    expect(lastBody().additionalModelRequestFields).toEqual({ top_k: 3 });
  });

  it("the same precedence on the native invoke route", async () => {
    await post(`${stack.baseURL}/chat/completions`, { model: "claude-invoke", messages: poem, top_k: 2 });
    expect(stack.upstream.requests.at(-1)!.path).toMatch(/\/invoke$/);
    expect(lastBody()).toMatchObject({ temperature: 0.3, top_k: 2 });
    await post(`${stack.baseURL}/chat/completions`, { model: "claude-invoke", messages: poem, temperature: 0.9 });
    expect(lastBody()).toMatchObject({ temperature: 0.9, top_k: 7 });
  });

  it("streaming requests get the same merged params", async () => {
    const stream = await client().chat.completions.create({ model: "bedrock-claude-v1", messages: poem, stream: true, top_p: 0.9 });
    for await (const _ of stream) void _;
    expect(stack.upstream.requests.at(-1)!.path).toMatch(/\/converse-stream$/);
    expect(lastBody().inferenceConfig).toEqual({ temperature: 0.2, topP: 0.9, maxTokens: 64 });
  });

  it("embedding params: config default, request override", async () => {
    const a = await client().embeddings.create({ model: "titan-embed", input: "hi" });
    expect(lastBody().dimensions).toBe(256);
    expect(a.data[0]!.embedding).toHaveLength(256);
    const b = await client().embeddings.create({ model: "titan-embed", input: "hi", dimensions: 512 });
    expect(lastBody().dimensions).toBe(512);
    expect(b.data[0]!.embedding).toHaveLength(512);
  });
});

describe("what a client cannot set", () => {
  it("credentials, endpoint, model_id and OpenAI-platform fields never reach Bedrock nor change the upstream", async () => {
    const before = stack.upstream.requests.length;
    const response = await post(`${stack.baseURL}/chat/completions`, {
      model: "plain",
      messages: poem,
      model_id: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc",
      aws_bedrock_runtime_endpoint: "http://127.0.0.1:9",
      aws_access_key_id: "AKIAEVIL",
      aws_secret_access_key: "evil",
      api_base: "http://127.0.0.1:9",
      store: true,
      metadata: { a: "b" },
    });
    expect(response.status).toBe(200);
    expect(stack.upstream.requests.length).toBe(before + 1);
    expect(stack.upstream.requests.at(-1)!.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    expect(lastBody().additionalModelRequestFields).toBeUndefined();
  });
});

describe("several entries with one model_name", () => {
  it("share the requests (the router shuffles among them)", async () => {
    const paths = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await post(`${stack.baseURL}/chat/completions`, { model: "pool", messages: poem });
      paths.add(stack.upstream.requests.at(-1)!.path);
    }
    // With two entries of equal weight, 40 requests all landing on one has a chance of 2^-39.
    expect([...paths].sort()).toEqual([
      "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
      "/model/us.anthropic.claude-3-haiku-20240307-v1%3A0/converse",
    ]);
  });
});
