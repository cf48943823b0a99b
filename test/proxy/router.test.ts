/**
 * The router against emulators on loopback, one model deployed several times (as in several regions or accounts),
 * some of them faulted: failover to the healthy ones, cooldowns after allowed_fails, num_retries as a count of
 * attempts, fallbacks to other models, context-window fallbacks, streams retried only before their first chunk, and
 * the response headers naming what answered. Every count is of calls that reached each emulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createProxy } from "../../src/proxy/index";
import type { ProxyConfig, ProxyOptions } from "../../src/proxy/index";
import { mulberry32 } from "../helpers/seeded-random";
import { chat, clock, ENV, entry, events, startUpstreams, type Upstream } from "./router-helpers";

let running: Upstream[] = [];
afterEach(async () => {
  await Promise.all(running.map((u) => u.server.close()));
  running = [];
});

async function upstreams(...names: string[]): Promise<Upstream[]> {
  const started = await startUpstreams(...names);
  running.push(...started);
  return started;
}

function proxyOf(config: ProxyConfig, options: ProxyOptions = {}) {
  return createProxy(config, { env: ENV, random: mulberry32(7), ...options });
}

const THROTTLED = "throttle:1000000";
const calls = (...list: Upstream[]) => list.map((u) => u.calls);

describe("one deployment of three throttles", () => {
  it("every request succeeds through the others; it cools down after allowed_fails + 1 throttles and is skipped after", async () => {
    const [a, b, c] = await upstreams("a", "b", "c");
    a!.fault = THROTTLED;
    const proxy = proxyOf({
      model_list: [entry("claude", a!), entry("claude", b!), entry("claude", c!)],
      router_settings: { num_retries: 2, allowed_fails: 3, cooldown_time: 600 },
    });
    let requests = 0;
    let retries = 0;
    const send = async () => {
      const response = await proxy(chat("claude"));
      requests++;
      expect(response.status).toBe(200);
      expect(["b", "c"]).toContain(response.headers.get("x-litellm-model-id"));
      expect(response.headers.get("x-litellm-model-group")).toBe("claude");
      retries += Number(response.headers.get("x-litellm-attempted-retries"));
      await response.json();
    };
    // Until the throttling one has been picked allowed_fails + 1 = 4 times (a seeded random: the same run every time).
    while (a!.calls < 4 && requests < 200) await send();
    expect(a!.calls).toBe(4);
    for (let i = 0; i < 30; i++) await send();
    expect(a!.calls).toBe(4); // cooling down: never picked again
    expect(b!.calls + c!.calls).toBe(requests);
    expect(retries).toBe(4); // each throttle cost one retry, on another deployment
  });
});

describe("num_retries", () => {
  it("counts further attempts, each on a deployment the request has not tried", async () => {
    const list = await upstreams("a", "b", "c");
    for (const u of list) u.fault = "error:503";
    for (const [retries, attempts] of [[0, 1], [1, 2], [2, 3]] as const) {
      const before = calls(...list);
      const proxy = proxyOf({ model_list: list.map((u) => entry("claude", u)), router_settings: { num_retries: retries, disable_cooldowns: true } });
      const response = await proxy(chat("claude"));
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("ServiceUnavailableException");
      const added = calls(...list).map((n, i) => n - before[i]!);
      expect(added.reduce((a, b) => a + b)).toBe(attempts);
      expect(Math.max(...added)).toBe(1); // never twice on one deployment while another is untried
    }
  });

  it("reads litellm_settings.num_retries when router_settings does not set it", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = b!.fault = "error:500";
    const proxy = proxyOf({ model_list: [entry("claude", a!), entry("claude", b!)], litellm_settings: { num_retries: 0 } });
    expect((await proxy(chat("claude"))).status).toBe(500);
    expect(a!.calls + b!.calls).toBe(1);
  });

  it("retries the only deployment of a model in place, after a backoff, and never cools it down", async () => {
    const [a] = await upstreams("a");
    a!.fault = "error:503:2"; // the first two calls fail
    const proxy = proxyOf({ model_list: [entry("claude", a!)], router_settings: { num_retries: 2, allowed_fails: 0 } });
    const first = await proxy(chat("claude"));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-litellm-attempted-retries")).toBe("2");
    expect(a!.calls).toBe(3);
    expect((await proxy(chat("claude"))).status).toBe(200); // failed more than allowed_fails, yet not cooled down
    expect(a!.calls).toBe(4);
  });

  it("takes no backoff that would end after the request's deadline (general_settings.request_timeout)", async () => {
    const [a] = await upstreams("a");
    a!.fault = "error:503";
    // random 0.99: the first backoff is 495 ms of the 500 ms base, past a 0.3 s deadline.
    const proxy = proxyOf({ model_list: [entry("claude", a!)], router_settings: { num_retries: 5 }, general_settings: { request_timeout: 0.3 } }, { random: () => 0.99 });
    expect((await proxy(chat("claude"))).status).toBe(503);
    expect(a!.calls).toBe(1);
  });

  it("stops when the client goes away during a backoff", async () => {
    const [a] = await upstreams("a");
    a!.fault = "error:503";
    const proxy = proxyOf({ model_list: [entry("claude", a!)], router_settings: { num_retries: 5 } }, { random: () => 0.99 });
    const controller = new AbortController();
    const request = new Request(chat("claude"), { signal: controller.signal });
    const answer = proxy(request);
    while (a!.calls === 0) await new Promise((r) => setTimeout(r, 5)); // polling for the first attempt
    controller.abort();
    expect((await answer).status).toBe(499);
    expect(a!.calls).toBe(1);
  });

  it("does not retry a request Bedrock refuses (400), nor fall back", async () => {
    const [a, b, c] = await upstreams("a", "b", "c");
    a!.reject = b!.reject = { status: 400, code: "ValidationException", message: "The provided model identifier is invalid." };
    const proxy = proxyOf({
      model_list: [entry("claude", a!), entry("claude", b!), entry("backup", c!)],
      router_settings: { num_retries: 2, fallbacks: [{ claude: ["backup"] }] },
    });
    const response = await proxy(chat("claude"));
    expect(response.status).toBe(400);
    expect(a!.calls + b!.calls).toBe(1);
    expect(c!.calls).toBe(0);
  });
});

describe("cooldown", () => {
  it("ends after cooldown_time: the deployment is picked again", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = THROTTLED;
    const time = clock();
    // weight 0 makes b a standby: a is always tried first while it is not cooling down.
    const proxy = proxyOf(
      { model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 })], router_settings: { allowed_fails: 0, cooldown_time: 30 } },
      { now: time.now },
    );
    const answeredBy = async () => (await proxy(chat("claude"))).headers.get("x-litellm-model-id");
    expect(await answeredBy()).toBe("b");
    expect(calls(a!, b!)).toEqual([1, 1]);
    expect(await answeredBy()).toBe("b");
    expect(calls(a!, b!)).toEqual([1, 2]); // a cools down
    time.advance(29_000);
    expect(await answeredBy()).toBe("b");
    expect(calls(a!, b!)).toEqual([1, 3]);
    time.advance(2_000);
    expect(await answeredBy()).toBe("b");
    expect(calls(a!, b!)).toEqual([2, 4]); // tried again, failed again
  });

  it("is off with disable_cooldowns", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = THROTTLED;
    const proxy = proxyOf({ model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 })], router_settings: { allowed_fails: 0, disable_cooldowns: true } });
    for (let i = 0; i < 3; i++) expect((await proxy(chat("claude"))).status).toBe(200);
    expect(calls(a!, b!)).toEqual([3, 3]);
  });
});

describe("fallbacks", () => {
  it("are tried when every deployment of the model failed, each with its own retries", async () => {
    const [a, b, c] = await upstreams("a", "b", "c");
    a!.fault = b!.fault = "error:503";
    const proxy = proxyOf({
      model_list: [entry("claude", a!), entry("claude", b!), entry("backup", c!)],
      router_settings: { num_retries: 1, fallbacks: [{ claude: ["backup"] }] },
    });
    const response = await proxy(chat("claude"));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-litellm-model-group")).toBe("backup");
    expect(response.headers.get("x-litellm-model-id")).toBe("c");
    expect(response.headers.get("x-litellm-attempted-fallbacks")).toBe("1");
    expect(response.headers.get("x-litellm-attempted-retries")).toBe("2");
    expect(calls(a!, b!, c!)).toEqual([1, 1, 1]);
  });

  it("without them, the model's last error is answered", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = b!.fault = "error:503";
    const proxy = proxyOf({ model_list: [entry("claude", a!), entry("claude", b!)], router_settings: { num_retries: 1 } });
    expect((await proxy(chat("claude"))).status).toBe(503);
  });

  it("context_window_fallbacks take a prompt too long for the model, untried elsewhere in its group", async () => {
    const [small1, small2, general, large] = await upstreams("small-1", "small-2", "general", "large");
    small1!.contextBytes = small2!.contextBytes = 2000;
    const proxy = proxyOf({
      model_list: [entry("small", small1!), entry("small", small2!), entry("general", general!), entry("large", large!)],
      router_settings: { num_retries: 2, fallbacks: [{ small: ["general"] }], context_window_fallbacks: [{ small: ["large"] }] },
    });
    const long = await proxy(chat("small", "lorem ipsum ".repeat(400)));
    expect(long.status).toBe(200);
    expect(long.headers.get("x-litellm-model-group")).toBe("large");
    expect(small1!.calls + small2!.calls).toBe(1);
    expect(calls(general!, large!)).toEqual([0, 1]);
    const short = await proxy(chat("small", "short"));
    expect(short.headers.get("x-litellm-model-group")).toBe("small");
  });

  it("a too-long prompt without context_window_fallbacks goes to fallbacks", async () => {
    const [small, general] = await upstreams("small", "general");
    small!.contextBytes = 2000;
    const proxy = proxyOf({ model_list: [entry("small", small!), entry("general", general!)], litellm_settings: { fallbacks: [{ small: ["general"] }] } });
    const response = await proxy(chat("small", "lorem ipsum ".repeat(400)));
    expect(response.headers.get("x-litellm-model-group")).toBe("general");
    expect(calls(small!, general!)).toEqual([1, 1]);
  });
});

describe("streams", () => {
  const stream = { stream: true };

  it("one that fails before its first chunk (an exception frame) is retried on another deployment", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = "stream-error:0:throttlingException";
    const proxy = proxyOf({ model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 })] });
    const response = await proxy(chat("claude", "stream me", stream));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-litellm-model-id")).toBe("b");
    const all = await events(response);
    expect(all.at(-1)).toBe("[DONE]");
    expect(all.some((e) => e.includes('"error"'))).toBe(false);
    expect(calls(a!, b!)).toEqual([1, 1]);
  });

  it("one that fails after content reached the client ends with an error event, is never retried, and counts toward the cooldown", async () => {
    const [a, b, c] = await upstreams("a", "b", "c");
    a!.fault = "stream-error:3";
    const logged: unknown[] = [];
    const proxy = proxyOf(
      {
        model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 }), entry("backup", c!)],
        router_settings: { num_retries: 2, allowed_fails: 0, fallbacks: [{ claude: ["backup"] }] },
      },
      { onError: (error) => logged.push(error) },
    );
    const response = await proxy(chat("claude", "stream me", stream));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-litellm-model-id")).toBe("a");
    const all = await events(response);
    expect(all.length).toBeGreaterThan(1);
    expect(JSON.parse(all.at(-1)!)).toMatchObject({ error: { code: "ModelStreamErrorException" } });
    expect(all).not.toContain("[DONE]");
    expect(calls(a!, b!, c!)).toEqual([1, 0, 0]);
    expect(logged).toHaveLength(1);
    // The failure cooled a down (allowed_fails 0): the next request goes to b.
    const next = await proxy(chat("claude", "again", stream));
    expect(next.headers.get("x-litellm-model-id")).toBe("b");
    expect((await events(next)).at(-1)).toBe("[DONE]");
    expect(calls(a!, b!, c!)).toEqual([1, 1, 0]);
  });
});

describe("a client's own routing fields", () => {
  it("(LiteLLM's per-request num_retries and fallbacks) are not sent to Bedrock", async () => {
    const [a] = await upstreams("a");
    const proxy = proxyOf({ model_list: [entry("claude", a!)] });
    const response = await proxy(chat("claude", "hi", { num_retries: 5, fallbacks: ["other"], context_window_fallbacks: [{ claude: ["x"] }] }));
    expect(response.status).toBe(200);
    expect(a!.lastBody).not.toMatch(/num_retries|fallbacks/);
  });
});

describe("rpm and tpm", () => {
  it("rpm: a deployment takes at most rpm requests a minute; past every limit the answer is 429", async () => {
    const [a, b] = await upstreams("a", "b");
    const time = clock();
    const proxy = proxyOf({ model_list: [entry("claude", a!, { rpm: 2 }), entry("claude", b!, { rpm: 1 })] }, { now: time.now });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await proxy(chat("claude"))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(calls(a!, b!)).toEqual([2, 1]);
    const refused = await proxy(chat("claude"));
    expect(((await refused.json()) as { error: { code: string; type: string } }).error).toMatchObject({ code: "no_deployment_available", type: "rate_limit_error" });
    time.advance(60_000); // the next minute
    expect((await proxy(chat("claude"))).status).toBe(200);
    expect(a!.calls + b!.calls).toBe(4);
  });

  it("tpm: a deployment whose answers used up its tokens for the minute is skipped, streamed answers included", async () => {
    const [a, b] = await upstreams("a", "b");
    const time = clock();
    const proxy = proxyOf({ model_list: [entry("claude", a!, { weight: 1, tpm: 10 }), entry("claude", b!, { weight: 0 })] }, { now: time.now });
    // A stream to a: the router asks Bedrock for usage to count tokens, and does not pass it to a client that did not ask.
    const streamed = await proxy(chat("claude", "count my tokens please", { stream: true }));
    expect(streamed.headers.get("x-litellm-model-id")).toBe("a");
    const all = await events(streamed);
    expect(all.at(-1)).toBe("[DONE]");
    expect(all.some((e) => e.includes('"usage"'))).toBe(false);
    const next = await proxy(chat("claude"));
    expect(next.headers.get("x-litellm-model-id")).toBe("b");
    time.advance(60_000);
    expect((await proxy(chat("claude"))).headers.get("x-litellm-model-id")).toBe("a");
  });
});

describe("a shared store that fails", () => {
  it("fails no request: the proxy routes on its own state and reports the failure once", async () => {
    const [a, b] = await upstreams("a", "b");
    a!.fault = THROTTLED;
    const logged: Error[] = [];
    const broken = { get: () => Promise.reject(new Error("ECONNRESET")), increment: () => Promise.reject(new Error("ECONNRESET")), set: () => Promise.reject(new Error("ECONNRESET")) };
    const proxy = proxyOf(
      { model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 })], router_settings: { allowed_fails: 0, cooldown_time: 600 } },
      { store: broken, onError: (error) => logged.push(error as Error) },
    );
    for (let i = 0; i < 5; i++) expect((await proxy(chat("claude"))).status).toBe(200);
    expect(calls(a!, b!)).toEqual([1, 5]); // cooled down in this process's memory
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ name: "APIConnectionError", code: "RouterStoreUnavailable" });
    expect(logged[0]!.message).toContain("ECONNRESET");
  });

  it("one that does not answer is given up on at its deadline", async () => {
    const [a] = await upstreams("a");
    const logged: Error[] = [];
    const silent = { get: () => new Promise<never>(() => {}), increment: () => new Promise<never>(() => {}), set: () => new Promise<never>(() => {}) };
    const proxy = proxyOf({ model_list: [entry("claude", a!)] }, { store: silent, onError: (error) => logged.push(error as Error) });
    for (let i = 0; i < 3; i++) expect((await proxy(chat("claude"))).status).toBe(200);
    expect(logged.map((e) => e.message)).toEqual([expect.stringContaining("no answer within 500 ms")]);
  });
});
