/**
 * The proxy's Messages API routes at their boundary: hostile or malformed requests are Anthropic-shaped 4xx answers
 * naming the field and are not logged; upstream failures are logged and answered in Anthropic's shape, before a
 * stream (with Anthropic's statuses) and inside one (an `error` event); a client that goes away cancels Bedrock's
 * body.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, type EmulatorOptions } from "../../src/emulator/index";
import { createProxy, type ProxyConfig } from "../../src/proxy/index";
import { CHAT_MODEL, ENV, MASTER_KEY, params, startStack, type Stack, type Upstream } from "./helpers";

const NOVA = "bedrock/amazon.nova-lite-v1:0";

/** A proxy in process over an emulator in process; what reached the emulator and what the proxy logged. */
function inProcess(options: { emulator?: EmulatorOptions; general?: ProxyConfig["general_settings"]; extra?: Record<string, unknown> } = {}) {
  const emulator = createEmulator(options.emulator);
  const upstream = { url: "http://127.0.0.1:9" } as Upstream;
  const seen: string[] = [];
  const bodies: Array<Record<string, unknown>> = [];
  const logged: unknown[] = [];
  const proxy = createProxy({
    model_list: [
      { model_name: "claude", litellm_params: params(upstream, CHAT_MODEL, { max_retries: 0, ...options.extra }) },
      { model_name: "nova", litellm_params: params(upstream, NOVA, { max_retries: 0 }) },
    ],
    general_settings: options.general ?? {},
  }, {
    env: ENV,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      seen.push(new URL(request.url).pathname);
      bodies.push(JSON.parse(await request.clone().text()) as Record<string, unknown>);
      return emulator(request);
    },
    onError: (error) => logged.push(error),
  });
  const send = (body: unknown, init: { path?: string; headers?: Record<string, string>; method?: string } = {}) =>
    proxy(new Request(`http://proxy${init.path ?? "/v1/messages"}`, {
      method: init.method ?? "POST",
      headers: { "content-type": "application/json", ...init.headers },
      body: init.method === "GET" ? null : typeof body === "string" ? body : JSON.stringify(body),
    }));
  return { send, seen, bodies, logged };
}

const hello = { model: "claude", max_tokens: 50, messages: [{ role: "user", content: "hello" }] };

describe("malformed requests: a 400 naming the field, nothing sent upstream, nothing logged", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["no messages", { model: "claude", max_tokens: 5 }, "`messages`: is required"],
    ["a system role in messages", { ...hello, messages: [{ role: "system", content: "x" }] }, "`messages[0].role`"],
    ["an unknown block type", { ...hello, messages: [{ role: "user", content: [{ type: "video" }] }] }, "`messages[0].content[0].type`"],
    ["a tool_use block from the user", { ...hello, messages: [{ role: "user", content: [{ type: "tool_use", id: "a", name: "t", input: {} }] }] }, "`messages[0].content[0].type`"],
    ["an empty text block", { ...hello, messages: [{ role: "user", content: [{ type: "text", text: "" }] }] }, "`messages[0].content[0].text`: text content blocks must be non-empty"],
    ["an image without data", { ...hello, messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png" } }] }] }, "`messages[0].content[0].source.data`"],
    ["a BMP image", { ...hello, messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/bmp", data: "Qk0=" } }] }] }, "`messages[0].content[0].source.media_type`"],
    ["a tool without a schema", { ...hello, tools: [{ name: "t" }] }, "`tools[0].input_schema`"],
    ["an unknown tool choice", { ...hello, tool_choice: { type: "required" } }, "`tool_choice.type`"],
    ["a named choice without a name", { ...hello, tool_choice: { type: "tool" } }, "`tool_choice.name`"],
    ["no max_tokens", { model: "claude", messages: hello.messages }, "`max_tokens`: is required"],
    ["a temperature above 1", { ...hello, temperature: 3 }, "`temperature`: must be a number from 0 to 1"],
    ["a thinking budget as text", { ...hello, thinking: { type: "enabled", budget_tokens: "lots" } }, "`thinking.budget_tokens`"],
    ["stream as a string", { ...hello, stream: "yes" }, "`stream`: must be true or false"],
    ["a member of no Messages API", { ...hello, frequency_penalty: 1 }, "`frequency_penalty`: Extra inputs are not permitted"],
    ["metadata other than user_id", { ...hello, metadata: { user_id: "u-1", tags: ["a"] } }, "`metadata.tags`: Extra inputs are not permitted"],
    ["an Anthropic-hosted feature", { ...hello, container: "c_1" }, "`container`: Anthropic's code-execution containers is not available on Amazon Bedrock"],
    ["a __proto__ key", JSON.parse('{"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"x","__proto__":{"x":1}}]}') as Record<string, unknown>, "`messages[0].__proto__`"],
  ];
  it.each(cases)("%s", async (_name, body, expected) => {
    const { send, seen, logged } = inProcess();
    const response = await send(body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(answer.type).toBe("error");
    expect(answer.error.type).toBe("invalid_request_error");
    expect(answer.error.message).toContain(expected);
    expect(seen).toEqual([]);
    expect(logged).toEqual([]);
  });

  it("a body over max_request_size_mb: 413 request_too_large", async () => {
    const { send, seen, logged } = inProcess({ general: { max_request_size_mb: 0.001 } });
    const response = await send({ ...hello, messages: [{ role: "user", content: "x".repeat(4000) }] });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ type: "error", error: { type: "request_too_large", message: expect.stringContaining("max_request_size_mb") } });
    expect([seen, logged]).toEqual([[], []]);
  });

  it("not JSON, and the wrong method, in Anthropic's shape too", async () => {
    const { send } = inProcess();
    const notJson = await send("{ model: claude");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const get = await send(undefined, { method: "GET" });
    expect(get.status).toBe(405);
    expect(((await get.json()) as { type: string }).type).toBe("error");
  });
});

describe("keys", () => {
  it("x-api-key or a Bearer token with the master key; without one a 401 that names x-api-key", async () => {
    const { send } = inProcess({ general: { master_key: MASTER_KEY } });
    expect((await send(hello, { headers: { "x-api-key": MASTER_KEY, "anthropic-version": "2023-06-01" } })).status).toBe(200);
    expect((await send(hello, { headers: { authorization: `Bearer ${MASTER_KEY}` } })).status).toBe(200);
    const missing = await send(hello);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ type: "error", error: { type: "authentication_error", message: expect.stringContaining("x-api-key") } });
    const counted = await send({ model: "claude", messages: hello.messages }, { path: "/v1/messages/count_tokens" });
    expect(counted.status).toBe(401);
  });
});

describe("deployment defaults and beta flags", () => {
  it("the deployment's max_tokens and temperature fill in what the request leaves out", async () => {
    const { send, bodies } = inProcess({ extra: { max_tokens: 300, temperature: 0.1, top_p: 0.5 } });
    const response = await send({ model: "claude", top_p: 0.9, metadata: { user_id: "u-1" }, messages: hello.messages });
    expect(response.status).toBe(200);
    expect(bodies[0]).toMatchObject({ max_tokens: 300, temperature: 0.1, top_p: 0.9, metadata: { user_id: "u-1" } });
  });

  it("no beta flag goes to a model over Converse; the answer lists those dropped", async () => {
    const { send } = inProcess();
    const response = await send({ ...hello, model: "nova" }, { headers: { "anthropic-beta": "interleaved-thinking-2025-05-14,files-api-2025-04-14" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-bedrock-fetch-dropped-betas")).toBe("interleaved-thinking-2025-05-14,files-api-2025-04-14");
  });

  it("token counting on a model Bedrock cannot count for: Bedrock's refusal, as a 400", async () => {
    const { send, logged } = inProcess();
    const response = await send({ model: "nova", messages: hello.messages }, { path: "/v1/messages/count_tokens" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "The provided model doesn't support counting tokens." } });
    expect(logged).toEqual([]);
  });
});

describe("upstream failures", () => {
  it("Bedrock unavailable (503) before the answer: 529 overloaded_error, logged once", async () => {
    const { send, logged } = inProcess({ emulator: { faults: "error:503" } });
    const response = await send(hello);
    expect(response.status).toBe(529);
    expect(await response.json()).toEqual({ type: "error", error: { type: "overloaded_error", message: "Bedrock is unable to process your request." } });
    expect(logged).toHaveLength(1);
  });

  it("a stream that breaks after it started ends with an error event in Anthropic's shape, logged once", async () => {
    for (const model of ["claude", "nova"]) {
      const { send, logged } = inProcess({ emulator: { faults: "stream-error:3" } });
      const response = await send({ ...hello, model, stream: true });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const text = await response.text();
      const events = text.trim().split("\n\n");
      expect(events[0]).toMatch(/^event: message_start\ndata: \{"type":"message_start"/);
      expect(events[1]).toBe('event: ping\ndata: {"type":"ping"}');
      const last = events.at(-1)!.split("\n");
      expect(last[0]).toBe("event: error");
      expect(JSON.parse(last[1]!.slice("data: ".length))).toEqual({ type: "error", error: { type: expect.stringMatching(/_error$/), message: expect.stringContaining("model stream failed") } });
      expect(logged).toHaveLength(1);
    }
  });
});

describe("the event stream", () => {
  it("names each event by its type, pings after message_start, and leaves Bedrock's metrics out", async () => {
    for (const model of ["claude", "nova"]) {
      const { send } = inProcess();
      const text = await (await send({ ...hello, model, stream: true })).text();
      const events = text.trim().split("\n\n").map((e) => {
        const [name, data] = e.split("\n");
        return { name: name!.slice("event: ".length), data: JSON.parse(data!.slice("data: ".length)) as { type: string } };
      });
      for (const { name, data } of events) expect(data.type).toBe(name);
      expect(events.map((e) => e.name).slice(0, 3)).toEqual(["message_start", "ping", "content_block_start"]);
      expect(events.map((e) => e.name).slice(-2)).toEqual(["message_delta", "message_stop"]);
      expect(text).not.toContain("amazon-bedrock-invocationMetrics");
    }
  });
});

describe("a broken upstream", () => {
  it("a stream cut inside a frame ends with an api_error event, never a quiet end", async () => {
    for (const model of ["claude", "nova"]) {
      const { send, logged } = inProcess({ emulator: { faults: "cut:3" } });
      const text = await (await send({ ...hello, model, stream: true })).text();
      expect(text).not.toContain("event: message_stop");
      const last = text.trim().split("\n\n").at(-1)!.split("\n");
      expect(last[0]).toBe("event: error");
      expect(JSON.parse(last[1]!.slice("data: ".length))).toMatchObject({ type: "error", error: { type: "api_error" } });
      expect(logged).toHaveLength(1);
    }
  });

  it("an answer that is not a message is a 502 api_error, logged", async () => {
    const logged: unknown[] = [];
    const proxy = createProxy({ model_list: [{ model_name: "claude", litellm_params: params({ url: "http://127.0.0.1:9" } as Upstream, CHAT_MODEL) }] }, {
      env: ENV,
      fetch: async () => new Response(JSON.stringify({ completion: 42 }), { headers: { "content-type": "application/json" } }),
      onError: (error) => logged.push(error),
    });
    const response = await proxy(new Request("http://proxy/v1/messages", { method: "POST", body: JSON.stringify(hello) }));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ type: "error", error: { type: "api_error", message: expect.stringContaining("not in the documented shape") } });
    expect(logged).toHaveLength(1);
  });
});

describe("a client that goes away", () => {
  let stack: Stack;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    // After its first frame, the emulator waits on `gate` before each frame: the stream stays open until released.
    stack = await startStack((u) => ({ model_list: [{ model_name: "claude", litellm_params: params(u, CHAT_MODEL) }] }), {
      emulator: { faults: "drip:1", sleep: () => gate },
    });
  });
  afterAll(async () => {
    release();
    await stack.close();
  });

  it("cancels Bedrock's response stream, and the proxy keeps serving", async () => {
    const aborter = new AbortController();
    const response = await fetch(`${stack.proxy.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...hello, stream: true, messages: [{ role: "user", content: "a long answer I will not wait for, with many words in it" }] }),
      signal: aborter.signal,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^event: message_start\n/);
    aborter.abort();
    expect(await stack.upstream.cancelled).toMatch(/\/invoke-with-response-stream$/);
    const next = await fetch(`${stack.proxy.url}/v1/messages`, { method: "POST", body: JSON.stringify(hello) });
    expect(next.status).toBe(200);
  });
});

describe("through the router", () => {
  /** Two deployments of `claude`: the one at 127.0.0.1 always fails as `faults` says, the one at 127.0.0.2 answers. */
  function twoDeployments(faults: string) {
    const broken = createEmulator({ faults });
    const healthy = createEmulator();
    const hosts: string[] = [];
    const at = (host: string) => ({ url: `http://${host}:9` }) as Upstream;
    const proxy = createProxy({
      model_list: [
        { model_name: "claude", litellm_params: params(at("127.0.0.1"), CHAT_MODEL, { max_retries: 0 }) },
        { model_name: "claude", litellm_params: params(at("127.0.0.2"), CHAT_MODEL, { max_retries: 0 }) },
      ],
      router_settings: { num_retries: 2 },
    }, {
      env: ENV,
      // The broken deployment first, whatever the shuffle draws.
      random: () => 0,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        hosts.push(new URL(request.url).hostname);
        return (new URL(request.url).hostname === "127.0.0.1" ? broken : healthy)(request);
      },
    });
    const send = (body: unknown) => proxy(new Request("http://proxy/v1/messages", { method: "POST", body: JSON.stringify(body) }));
    return { send, hosts };
  }

  it("a failed attempt is retried on the other deployment, and the answer names the one that served it", async () => {
    const { send, hosts } = twoDeployments("error:500");
    const response = await send(hello);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe("message");
    expect(hosts).toEqual(["127.0.0.1", "127.0.0.2"]);
    expect(response.headers.get("x-litellm-attempted-retries")).toBe("1");
  });

  it("a streamed answer's usage counts toward the deployment's tpm: past it, a 429 rate_limit_error", async () => {
    const { send } = inProcess({ extra: { tpm: 5 } });
    const text = await (await send({ ...hello, stream: true })).text();
    const delta = text.split("\n\n").find((e) => e.startsWith("event: message_delta"))!;
    expect((JSON.parse(delta.split("\n")[1]!.slice("data: ".length)) as { usage: { output_tokens: number } }).usage.output_tokens).toBeGreaterThan(5);
    const second = await send(hello);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { type: string } }).error.type).toBe("rate_limit_error");
  });

  it("a stream failing before its first event is retried; the client sees one clean stream", async () => {
    const { send, hosts } = twoDeployments("stream-error:0");
    const response = await send({ ...hello, stream: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^event: message_start\n/);
    expect(text).toMatch(/event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
    expect(text).not.toContain("event: error");
    expect(hosts).toEqual(["127.0.0.1", "127.0.0.2"]);
  });
});
