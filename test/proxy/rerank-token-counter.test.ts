/**
 * The proxy's rerank and token-counter routes, as LiteLLM's proxy serves them, in front of the emulator on loopback:
 * `POST /rerank`, `/v1/rerank` and `/v2/rerank` in Cohere's shape over Bedrock's Rerank API (or, for an `invoke/`
 * entry, Cohere's body on InvokeModel), and `POST /utils/token_counter` answered with Bedrock's own count. What
 * reaches the emulator is checked, and the refusals: missing fields (400, never sent upstream), unknown models (404),
 * models without token counting (Bedrock's 400).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASTER_KEY, params, post, startStack, type Stack } from "./helpers";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(
    (u) => ({
      model_list: [
        { model_name: "bedrock-rerank", litellm_params: params(u, "bedrock/arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0") },
        { model_name: "cohere-rerank", litellm_params: params(u, "bedrock/cohere.rerank-v3-5:0", { top_n: 2 }) },
        { model_name: "cohere-rerank-invoke", litellm_params: params(u, "bedrock/invoke/cohere.rerank-v3-5:0") },
        { model_name: "claude", litellm_params: params(u, "bedrock/us.anthropic.claude-3-haiku-20240307-v1:0") },
        { model_name: "claude-invoke", litellm_params: params(u, "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0") },
        { model_name: "nova", litellm_params: params(u, "bedrock/amazon.nova-micro-v1:0") },
      ],
      general_settings: { master_key: "os.environ/PROXY_MASTER_KEY" },
    }),
  );
});
afterAll(() => stack.close());

const AUTH = { authorization: `Bearer ${MASTER_KEY}` };
const QUERY = "What is the capital of the United States?";
const DOCS = [
  "Carson City is the capital city of the American state of Nevada.",
  "Washington, D.C. is the capital of the United States.",
  "Capital punishment has existed in the United States since before it was a country.",
];
const upstreamPaths = () => stack.upstream.requests.map((r) => r.path);

describe("POST /rerank", () => {
  it.each(["/rerank", "/v1/rerank", "/v2/rerank"])("%s answers in Cohere's shape over Bedrock's Rerank API", async (path) => {
    const before = stack.upstream.requests.length;
    const response = await post(`${stack.proxy.url}${path}`, { model: "bedrock-rerank", query: QUERY, documents: DOCS, top_n: 2, return_documents: true }, AUTH);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as { id: string; results: Array<{ index: number; relevance_score: number; document?: { text: string } }>; meta: object };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.results.map((r) => r.index)).toEqual([1, 0]);
    expect(body.results[0]!.document).toEqual({ text: DOCS[1] });
    expect(body.meta).toEqual({});
    const sent = stack.upstream.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual(["/rerank"]);
    expect(sent[0]!.body).toMatchObject({
      queries: [{ type: "TEXT", textQuery: { text: QUERY } }],
      rerankingConfiguration: {
        type: "BEDROCK_RERANKING_MODEL",
        bedrockRerankingConfiguration: { numberOfResults: 2, modelConfiguration: { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0" } },
      },
    });
  });

  it("the entry's defaults fill what the client leaves out (top_n), and only Cohere's fields reach Bedrock", async () => {
    const response = await post(`${stack.proxy.url}/v1/rerank`, { model: "cohere-rerank", query: QUERY, documents: DOCS, aws_region_name: "eu-west-1", temperature: 1 }, AUTH);
    expect(response.status).toBe(200);
    const sent = stack.upstream.requests.at(-1)!.body as { rerankingConfiguration: { bedrockRerankingConfiguration: Record<string, unknown> } };
    expect(sent.rerankingConfiguration.bedrockRerankingConfiguration).toEqual({
      numberOfResults: 2,
      modelConfiguration: { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0" },
    });
  });

  it("an invoke/ entry sends Cohere's body to InvokeModel", async () => {
    const response = await post(`${stack.proxy.url}/v1/rerank`, { model: "cohere-rerank-invoke", query: QUERY, documents: DOCS, top_n: 1 }, AUTH);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: unknown[] }).results).toEqual([{ index: 1, relevance_score: expect.any(Number) }]);
    expect(stack.upstream.requests.at(-1)).toEqual({
      path: "/model/cohere.rerank-v3-5%3A0/invoke",
      body: { api_version: 2, query: QUERY, documents: DOCS, top_n: 1 },
    });
  });

  it.each([
    ["query", { documents: DOCS }, 400, "missing_required_parameter"],
    ["documents", { query: QUERY, documents: [] }, 400, "missing_required_parameter"],
    ["top_n", { query: QUERY, documents: DOCS, top_n: -1 }, 400, "invalid_parameter"],
    ["documents[0]", { query: QUERY, documents: [7] }, 400, "invalid_parameter"],
  ])("a bad %s is the client's 400, never sent upstream", async (param, body, status, code) => {
    const before = stack.upstream.requests.length;
    const response = await post(`${stack.proxy.url}/v1/rerank`, { model: "bedrock-rerank", ...body }, AUTH);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { param: string; code: string } }).error).toMatchObject({ param, code });
    expect(stack.upstream.requests.length).toBe(before);
  });

  it("an unknown model is 404; no key is 401", async () => {
    expect((await post(`${stack.proxy.url}/v1/rerank`, { model: "nope", query: QUERY, documents: DOCS }, AUTH)).status).toBe(404);
    expect((await post(`${stack.proxy.url}/v1/rerank`, { model: "bedrock-rerank", query: QUERY, documents: DOCS })).status).toBe(401);
  });
});

describe("POST /utils/token_counter", () => {
  it("answers LiteLLM's TokenCountResponse with Bedrock's count of the chat request", async () => {
    const messages = [{ role: "user", content: "Hello, how are you?" }];
    const response = await post(`${stack.proxy.url}/utils/token_counter`, { model: "claude", messages }, AUTH);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      total_tokens: expect.any(Number),
      request_model: "claude",
      model_used: "bedrock/us.anthropic.claude-3-haiku-20240307-v1:0",
      tokenizer_type: "bedrock_api",
      original_response: { input_tokens: body.total_tokens },
    });
    expect(body.total_tokens).toBeGreaterThan(0);
    // The foundation model behind the profile is asked, with the Converse input a chat request would carry.
    expect(stack.upstream.requests.at(-1)).toEqual({
      path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/count-tokens",
      body: { input: { converse: { messages: [{ role: "user", content: [{ text: "Hello, how are you?" }] }] } } },
    });
  });

  it("takes a `prompt` as one user message, also under /v1, and counts an invoke/ entry's native body", async () => {
    const viaPrompt = (await (await post(`${stack.proxy.url}/v1/utils/token_counter`, { model: "claude", prompt: "Hello, how are you?" }, AUTH)).json()) as { total_tokens: number };
    const viaMessages = (await (await post(`${stack.proxy.url}/utils/token_counter`, { model: "claude", messages: [{ role: "user", content: "Hello, how are you?" }] }, AUTH)).json()) as { total_tokens: number };
    expect(viaPrompt.total_tokens).toBe(viaMessages.total_tokens);
    const response = await post(`${stack.proxy.url}/utils/token_counter`, { model: "claude-invoke", prompt: "Hello" }, AUTH);
    expect(response.status).toBe(200);
    expect(Object.keys((stack.upstream.requests.at(-1)!.body as { input: object }).input)).toEqual(["invokeModel"]);
  });

  it("a model without token counting is answered as Bedrock answers it", async () => {
    const response = await post(`${stack.proxy.url}/utils/token_counter`, { model: "nova", prompt: "Hello" }, AUTH);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("The provided model doesn't support counting tokens.");
  });

  it("neither messages nor prompt is the client's 400, never sent upstream", async () => {
    const before = upstreamPaths().length;
    const response = await post(`${stack.proxy.url}/utils/token_counter`, { model: "claude" }, AUTH);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("messages");
    expect(upstreamPaths().length).toBe(before);
  });
});
