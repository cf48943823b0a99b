/**
 * Hostile input at the proxy boundary, each case named after what it protects: the client's mistakes are
 * OpenAI-shaped 4xx answers naming the JSON path and are never logged as the proxy's own failure; a client that goes
 * away mid-body is its doing, not the proxy's; CORS answers say `Vary: Origin` whenever they depend on it and allow
 * only the headers OpenAI clients send; a Bedrock stream cut after it started is reported as what it is; and a
 * `__proto__` key cannot smuggle fields past the proxy. The proxy runs in-process, in front of the emulator.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import { createProxy } from "../../src/proxy/index";
import type { ProxyHandler } from "../../src/proxy/index";
import { signRequest } from "../../src/sigv4/index";
import { ENV, MASTER_KEY } from "./helpers";

const ORIGIN = "https://app.example.com";
const HELLO = [{ role: "user", content: "Hello there" }];

interface Setup {
  proxy: ProxyHandler;
  /** Paths of the requests Bedrock (the emulator) received. */
  upstream: string[];
  /** What the proxy reported through onError. */
  logged: unknown[];
}

/**
 * After the first half of a Bedrock stream: `cut` breaks the connection (the body errors as a reset socket makes
 * it); `stall` sends nothing more until the body is cancelled.
 */
type Then = "cut" | "stall";

function setup(options: { then?: Then; origins?: string[] } = {}): Setup & { stalled: Promise<void>; upstreamCancelled: Promise<void> } {
  const emulator = createEmulator();
  const upstream: string[] = [];
  const logged: unknown[] = [];
  let onStall!: () => void;
  let onCancel!: () => void;
  const stalled = new Promise<void>((resolve) => (onStall = resolve));
  const upstreamCancelled = new Promise<void>((resolve) => (onCancel = resolve));
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    upstream.push(new URL(request.url).pathname);
    const response = await emulator(request);
    if (!options.then || !response.ok || response.body === null) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(bytes.subarray(0, bytes.length >> 1));
        } else if (options.then === "cut") controller.error(new TypeError("terminated: other side closed"));
        else {
          onStall();
          return new Promise<void>(() => {});
        }
      },
      cancel: () => onCancel(),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) as typeof globalThis.fetch;
  const entry = (model_name: string, model: string) => ({
    model_name,
    litellm_params: {
      model,
      aws_access_key_id: TEST_CREDENTIALS.accessKeyId,
      aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey,
      aws_region_name: "us-east-1",
      max_retries: 0,
    },
  });
  const proxy = createProxy(
    {
      model_list: [entry("claude", "bedrock/anthropic.claude-3-haiku-20240307-v1:0"), entry("claude-invoke", "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0")],
      general_settings: { master_key: MASTER_KEY, allowed_origins: options.origins ?? [ORIGIN] },
    },
    { env: ENV, fetch, onError: (error) => logged.push(error) },
  );
  return { proxy, upstream, logged, stalled, upstreamCancelled };
}

const auth = { authorization: `Bearer ${MASTER_KEY}` };

function post(proxy: ProxyHandler, body: unknown, path = "/v1/chat/completions", headers: Record<string, string> = {}): Promise<Response> {
  return proxy(new Request(`http://proxy.test${path}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
}

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function expectError(response: Response, status: number, fields: Partial<ErrorBody["error"]>): Promise<ErrorBody["error"]> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ErrorBody;
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  expect(body.error).toMatchObject(fields);
  return body.error;
}

let s: ReturnType<typeof setup>;
beforeEach(() => {
  s = setup();
});

describe("malformed client input is a 400 naming the JSON path, never a 500, and is not logged", () => {
  it("a null message", async () => {
    const error = await expectError(await post(s.proxy, '{"model":"claude","messages":[null]}'), 400, {
      type: "invalid_request_error",
      param: "messages[0]",
      code: "invalid_parameter",
    });
    expect(error.message).toBe("`messages[0]` must be an object; got null.");
    expect(s.upstream).toEqual([]);
    expect(s.logged).toEqual([]);
  });

  it("tools that are a string, on the native invoke body", async () => {
    await expectError(await post(s.proxy, { model: "claude-invoke", messages: HELLO, tools: "x" }), 400, { param: "tools", code: "invalid_parameter" });
    expect(s.upstream).toEqual([]);
    expect(s.logged).toEqual([]);
  });

  it("thinking_blocks that are an object", async () => {
    const messages = [...HELLO, { role: "assistant", content: "Hi.", thinking_blocks: {} }, ...HELLO];
    await expectError(await post(s.proxy, { model: "claude-invoke", messages }), 400, { param: "messages[1].thinking_blocks" });
    await expectError(await post(s.proxy, { model: "claude", messages }), 400, { param: "messages[1].thinking_blocks" });
    expect(s.logged).toEqual([]);
  });

  it("GET /v1/models/<bad percent-encoding> is a 400, not a URIError", async () => {
    for (const id of ["%", "%E0%A4%A", "%zz"]) {
      const response = await s.proxy(new Request(`http://proxy.test/v1/models/${id}`, { headers: auth }));
      await expectError(response, 400, { type: "invalid_request_error", param: "model", code: "invalid_url" });
    }
    expect(s.logged).toEqual([]);
  });

  it("nesting deeper than the limit (which would exhaust the stack when serialised) is a 400 naming where", async () => {
    const deep = `${"[".repeat(10_000)}1${"]".repeat(10_000)}`;
    const error = await expectError(await post(s.proxy, `{"model":"claude","messages":[{"role":"user","content":"hi"}],"extra":${deep}}`), 400, { code: "invalid_json" });
    expect(error.param).toMatch(/^extra(\[0\]){64}$/);
    expect(error.message).toMatch(/deeper than 64 levels/);
    expect(s.upstream).toEqual([]);
    expect(s.logged).toEqual([]);
  });
});

describe("a client that goes away mid-body", () => {
  it("is answered 499 and not reported through onError", async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error("aborted"));
        else controller.enqueue(new TextEncoder().encode('{"model":"claude","mess'));
        sent = true;
      },
    });
    const response = await s.proxy(new Request("http://proxy.test/v1/chat/completions", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit));
    await expectError(response, 499, { type: "invalid_request_error", code: "client_closed_request" });
    expect(s.upstream).toEqual([]);
    expect(s.logged).toEqual([]);
  });
});

describe("a client that leaves mid-stream", () => {
  it("ends the upstream stream and is not reported through onError", async () => {
    const slow = setup({ then: "stall" });
    const response = await post(slow.proxy, { model: "claude", messages: [{ role: "user", content: "Tell me a rather long story, please" }], stream: true });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const reading = (async () => {
      while (!(await reader.read()).done);
    })();
    // The proxy has passed on what Bedrock sent and waits for more: now the client leaves.
    await slow.stalled;
    await reader.cancel();
    await reading;
    await slow.upstreamCancelled;
    // Let the aborted upstream read settle: an abort that were reported would be by now.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(slow.logged).toEqual([]);
  });
});

describe("__proto__ keys", () => {
  const stolen = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/someone-elses";

  it("at the top level are refused, so inherited fields (model_id, stream) cannot pass the deny list", async () => {
    const body = `{"model":"claude","messages":[{"role":"user","content":"hi"}],"__proto__":{"model_id":"${stolen}","stream":true}}`;
    await expectError(await post(s.proxy, body), 400, { type: "invalid_request_error", param: "__proto__", code: "invalid_parameter" });
    expect(s.upstream).toEqual([]);
    expect(s.logged).toEqual([]);
  });

  it("anywhere in the body are refused with their JSON path", async () => {
    const body = '{"model":"claude","messages":[{"role":"user","content":[{"type":"text","text":"hi","__proto__":{"x":1}}]}]}';
    await expectError(await post(s.proxy, body), 400, { param: "messages[0].content[0].__proto__" });
    expect(s.upstream).toEqual([]);
  });

  it("constructor and prototype stay ordinary keys: a tool may have parameters by those names", async () => {
    const tools = [{ type: "function", function: { name: "build", parameters: { type: "object", properties: { constructor: { type: "string" }, prototype: { type: "string" } } } } }];
    const response = await post(s.proxy, { model: "claude", messages: HELLO, tools });
    expect(response.status).toBe(200);
    expect(s.upstream).toHaveLength(1);
  });
});

describe("a Bedrock stream cut by the network after it started", () => {
  it("is reported as a stream that failed after it started, not as Bedrock being unreachable", async () => {
    const cut = setup({ then: "cut" });
    for (const model of ["claude", "claude-invoke"]) {
      const response = await post(cut.proxy, { model, messages: HELLO, stream: true });
      expect(response.status).toBe(200);
      const events = (await response.text()).split("\n\n").filter(Boolean);
      expect(events.at(-1)).not.toBe("data: [DONE]");
      const last = JSON.parse(events.at(-1)!.slice("data: ".length)) as ErrorBody;
      expect(last.error.type).toBe("server_error");
      expect(last.error.message).not.toMatch(/could not reach/i);
      expect(last.error.message).toMatch(/^The Bedrock response stream failed after it started: .*stream broke off/);
    }
    // A real upstream fault: reported, once per stream.
    expect(cut.logged.map((e) => (e as Error).name)).toEqual(["APIConnectionError", "APIConnectionError"]);
  });
});

describe("CORS", () => {
  it("the proxy says Vary: Origin on answers to other origins and to requests without one", async () => {
    const other = await s.proxy(new Request("http://proxy.test/v1/models", { headers: { ...auth, origin: "https://evil.example" } }));
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toMatch(/\bOrigin\b/);
    const none = await s.proxy(new Request("http://proxy.test/v1/models", { headers: auth }));
    expect(none.headers.get("vary")).toMatch(/\bOrigin\b/);
    const allowed = await post(s.proxy, { model: "claude", messages: HELLO }, undefined, { origin: ORIGIN });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(allowed.headers.get("vary")).toMatch(/\bOrigin\b/);
  });

  it.each([["a proxy with allowed origins", [ORIGIN]], ["a proxy without any", []]])(
    "%s refuses a POST from a page of another origin before reading it or calling Bedrock",
    async (_name, origins) => {
      const own = setup({ origins });
      // A "simple" cross-origin POST, which a browser sends without a preflight.
      const response = await own.proxy(new Request("http://proxy.test/v1/chat/completions", {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "text/plain" },
        body: JSON.stringify({ model: "claude", messages: HELLO }),
      }));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { type: "permission_error", code: "origin_not_allowed", param: null } });
      expect(own.upstream).toEqual([]);
      expect(own.logged).toEqual([]);
      // A client that is not a browser page sends no Origin, and is served.
      const plain = await post(own.proxy, { model: "claude", messages: HELLO });
      expect(plain.status).toBe(200);
    },
  );

  it("a proxy open to any origin answers `*` to everyone, so nothing depends on Origin", async () => {
    const open = setup({ origins: ["*"] });
    const none = await open.proxy(new Request("http://proxy.test/v1/models", { headers: auth }));
    expect(none.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a preflight allows only the headers OpenAI clients send, not whatever was asked for", async () => {
    const response = await s.proxy(new Request("http://proxy.test/v1/chat/completions", {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "authorization, x-evil, content-type, x-stainless-os, cookie" },
    }));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-stainless-os");
    expect(response.headers.get("vary")).toMatch(/\bOrigin\b/);
  });

  it("the emulator says Vary: Origin on answers to origins it does not allow, and to requests without one", async () => {
    const emulator = createEmulator({ cors: { origins: [ORIGIN] } });
    const signed = (origin?: string) =>
      signRequest(
        new Request("http://127.0.0.1:9/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", {
          method: "POST",
          headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
          body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] }),
        }),
        { credentials: TEST_CREDENTIALS, region: "us-east-1", service: "bedrock" },
      );
    const refused = await emulator(await signed("https://evil.example"));
    expect(refused.status).toBe(200);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("vary")).toMatch(/\bOrigin\b/);
    const none = await emulator(await signed());
    expect(none.headers.get("vary")).toMatch(/\bOrigin\b/);
  });
});

describe("the proxy's own credentials", () => {
  it("credentials that turn out unusable at request time are the proxy's fault: 500, logged, the client not blamed", async () => {
    const logged: unknown[] = [];
    const upstream: string[] = [];
    const emulator = createEmulator();
    const expired = async () => ({ ...TEST_CREDENTIALS, expiration: new Date(Date.now() - 60_000) });
    const broken = async () => {
      throw new ConfigurationError("tokenProvider", "tokenProvider returned an empty web identity token.");
    };
    for (const credentials of [expired, broken]) {
      logged.length = 0;
      const proxy = createProxy(
        { model_list: [{ model_name: "claude", litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", aws_region_name: "us-east-1" } }] },
        {
          env: {},
          fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
            upstream.push(String(input));
            return emulator(new Request(input, init));
          }) as typeof globalThis.fetch,
          resolveAuth: () => ({ credentials, region: "us-east-1", endpoint: undefined }),
          onError: (error) => logged.push(error),
        },
      );
      const response = await post(proxy, { model: "claude", messages: HELLO });
      const error = await expectError(response, 500, { type: "server_error", param: null });
      expect(error.message).toMatch(/^The proxy's Bedrock credentials cannot be used: /);
      expect(logged).toHaveLength(1);
    }
    expect(upstream).toEqual([]);
  });
});

describe("answers from Bedrock", () => {
  it("an endless chat answer stops at 16 MiB: 502 ResponseTooLarge, logged, and the upstream body is cancelled", async () => {
    const logged: unknown[] = [];
    let sent = 0;
    let cancelled!: () => void;
    const gone = new Promise<void>((resolve) => (cancelled = resolve));
    const chunk = new Uint8Array(256 * 1024).fill(97);
    const fetch = (async () =>
      new Response(new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.length;
          controller.enqueue(chunk);
        },
        cancel: () => cancelled(),
      }), { status: 200, headers: { "content-type": "application/json" } })) as typeof globalThis.fetch;
    const proxy = createProxy(
      { model_list: [{ model_name: "claude", litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: "us-east-1", max_retries: 0 } }] },
      { env: {}, fetch, onError: (error) => logged.push(error) },
    );
    const error = await expectError(await post(proxy, { model: "claude", messages: HELLO }), 502, { type: "server_error", code: "ResponseTooLarge" });
    expect(error.message).toMatch(/larger than `maxResponseBytes` \(16777216 bytes\)/);
    await gone;
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(logged).toHaveLength(1);
  });
});

describe("CORS for Anthropic's SDK in a browser", () => {
  it("a preflight allows anthropic-version and anthropic-beta", async () => {
    const s = setup();
    const response = await s.proxy(new Request("http://proxy.test/v1/messages", {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "x-api-key, anthropic-version, anthropic-beta, content-type" },
    }));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toBe("x-api-key, anthropic-version, anthropic-beta, content-type");
  });
});
