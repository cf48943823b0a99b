/**
 * Bad requests get OpenAI-shaped errors with the right status, no secret ever appears in an answer, and the proxy
 * keeps serving afterwards. Also: the master key, CORS, routing of unknown paths and methods, upstream errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { CHAT_MODEL, MASTER_KEY, params, post, standardConfig, startStack, type Stack } from "./helpers";

let stack: Stack;
const logged: unknown[] = [];
beforeAll(async () => {
  stack = await startStack(
    (u) => {
      const config = standardConfig(u, {
        master_key: "os.environ/PROXY_MASTER_KEY",
        max_request_size_mb: 0.01, // 10 KiB
        allowed_origins: ["https://app.example.com"],
      });
      config.model_list.push({ model_name: "flaky", litellm_params: params(u, CHAT_MODEL, { max_retries: 0 }) });
      return config;
    },
    { emulator: {}, proxy: { onError: (error) => logged.push(error) } },
  );
});
afterAll(() => stack.close());

const auth = { authorization: `Bearer ${MASTER_KEY}` };
const chat = { model: "bedrock-claude-v1", messages: [{ role: "user", content: "hi" }] };
const SECRETS = [MASTER_KEY, TEST_CREDENTIALS.secretAccessKey, TEST_CREDENTIALS.accessKeyId, "sk-wrong-guess-5678"];

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function expectError(response: Response, status: number, fields: Partial<ErrorBody["error"]>): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json");
  const text = await response.text();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(body.error).toMatchObject(fields);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body;
}

const url = (path: string) => `${stack.proxy.url}${path}`;

describe("bad requests, then a good one", () => {
  it("invalid JSON → 400", async () => {
    await expectError(await post(url("/v1/chat/completions"), "{ not json", auth), 400, { type: "invalid_request_error", code: "invalid_json" });
    await expectError(await post(url("/v1/chat/completions"), "[1, 2]", auth), 400, { code: "invalid_json" });
  });

  it("unknown model name → 404 naming the configured ones", async () => {
    const body = await expectError(await post(url("/v1/chat/completions"), { ...chat, model: "gpt-4o" }, auth), 404, {
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    });
    expect(body.error.message).toContain("bedrock-claude-v1");
  });

  it("missing model or messages → 400 naming the parameter", async () => {
    await expectError(await post(url("/v1/chat/completions"), { model: "bedrock-claude-v1" }, auth), 400, { param: "messages" });
    await expectError(await post(url("/v1/chat/completions"), { messages: chat.messages }, auth), 400, { param: "model" });
    await expectError(await post(url("/v1/embeddings"), { model: "titan-embed" }, auth), 400, { param: "input" });
    await expectError(await post(url("/v1/images/generations"), { model: "sdxl" }, auth), 400, { param: "prompt" });
  });

  it("invalid parameter values the library rejects → 400 with param = the field", async () => {
    await expectError(await post(url("/v1/chat/completions"), { ...chat, max_tokens: -1 }, auth), 400, { param: "max_tokens", code: "invalid_parameter" });
  });

  it("a body over the limit → 413, with Content-Length and chunked", async () => {
    const big = { ...chat, messages: [{ role: "user", content: "x".repeat(20_000) }] };
    await expectError(await post(url("/v1/chat/completions"), big, auth), 413, { code: "request_too_large" });
    const bytes = new TextEncoder().encode(JSON.stringify(big));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.subarray(i, i + 1000));
        controller.close();
      },
    });
    const response = await fetch(url("/v1/chat/completions"), {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    await expectError(response, 413, { code: "request_too_large" });
  });

  it("wrong or missing master key → 401, without echoing the key", async () => {
    await expectError(await post(url("/v1/chat/completions"), chat, { authorization: "Bearer sk-wrong-guess-5678" }), 401, { code: "invalid_api_key" });
    await expectError(await post(url("/v1/chat/completions"), chat), 401, { code: "invalid_api_key" });
    await expectError(await fetch(url("/v1/models")), 401, { code: "invalid_api_key" });
    // A key that only shares the master key's prefix is still wrong.
    await expectError(await post(url("/v1/chat/completions"), chat, { authorization: `Bearer ${MASTER_KEY}x` }), 401, {});
  });

  it("the proxy keeps serving after all of them; the key also works as api-key / x-api-key", async () => {
    for (const headers of [auth, { "api-key": MASTER_KEY }, { "x-api-key": MASTER_KEY }]) {
      const response = await post(url("/v1/chat/completions"), chat, headers);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { object: string }).object).toBe("chat.completion");
    }
    expect(logged).toEqual([]); // client errors are not logged as failures
  });
});

describe("routing", () => {
  it("unknown paths → 404, wrong method → 405, both OpenAI-shaped", async () => {
    await expectError(await post(url("/v1/completions"), chat, auth), 404, { code: "unknown_url" });
    await expectError(await fetch(url("/v1/chat/completions"), { headers: auth }), 405, { code: "method_not_allowed" });
  });

  it("/health needs no key and tells nothing about the config", async () => {
    for (const path of ["/health", "/health/liveliness", "/v1/health"]) {
      const response = await fetch(url(path));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "healthy" });
    }
  });

  it("GET /v1/models/{id}", async () => {
    const response = await fetch(url("/v1/models/titan-embed"), { headers: auth });
    expect(await response.json()).toMatchObject({ id: "titan-embed", object: "model" });
    await expectError(await fetch(url("/v1/models/nope"), { headers: auth }), 404, { code: "model_not_found" });
  });
});

describe("upstream errors", () => {
  let failing: Stack;
  const failures: unknown[] = [];
  beforeAll(async () => {
    failing = await startStack(
      (u) => ({
        model_list: [
          { model_name: "down", litellm_params: params(u, CHAT_MODEL, { max_retries: 0 }) },
          { model_name: "unreachable", litellm_params: params(u, CHAT_MODEL, { max_retries: 0, aws_bedrock_runtime_endpoint: "http://127.0.0.1:9" }) },
        ],
        // Each answer is the upstream's first: the router's retries are tested in router.test.ts.
        router_settings: { num_retries: 0 },
      }),
      { emulator: { faults: "error:503" }, proxy: { onError: (error) => failures.push(error) } },
    );
  });
  afterAll(() => failing.close());

  it("keep Bedrock's status and code, and are reported to onError", async () => {
    const response = await post(`${failing.baseURL}/chat/completions`, { ...chat, model: "down" });
    await expectError(response, 503, { type: "server_error", code: "ServiceUnavailableException", message: "Bedrock is unable to process your request." });
    const streamed = await post(`${failing.baseURL}/chat/completions`, { ...chat, model: "down", stream: true });
    await expectError(streamed, 503, { code: "ServiceUnavailableException" }); // failed before the first byte: a plain error
    expect(failures.map((e) => (e as Error).name)).toEqual(["ServiceUnavailableError", "ServiceUnavailableError"]);
  });

  it("an unreachable Bedrock → 502", async () => {
    await expectError(await post(`${failing.baseURL}/chat/completions`, { ...chat, model: "unreachable" }), 502, { type: "server_error" });
  });
});

describe("CORS", () => {
  it("answers a preflight from an allowed origin, refuses another, decorates actual responses", async () => {
    const preflight = await fetch(url("/v1/chat/completions"), {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

    const refused = await fetch(url("/v1/chat/completions"), {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    await expectError(refused, 403, { code: "origin_not_allowed" });

    const actual = await post(url("/v1/chat/completions"), chat, { ...auth, origin: "https://app.example.com" });
    expect(actual.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const other = await post(url("/v1/chat/completions"), chat, { ...auth, origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
