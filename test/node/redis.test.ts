/**
 * The router's state shared through a real Redis server (Debian's `redis-server`, started by this suite on a free
 * loopback port): two `bedrock-fetch serve` processes with one config, where a deployment cooled down by one is
 * skipped by the other and an `rpm` limit holds for both together (counted at the emulator). Also the Redis store
 * on its own: atomic counters with a lifetime, a server that goes away mid-run (requests still answered, the failure
 * reported once), and the message naming `npm install redis` when the package is missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { createRedisStore, type RedisStore } from "../../src/node/redis-store";
import { createProxy } from "../../src/proxy/index";
import type { ProxyConfig } from "../../src/proxy/index";
import { chat, ENV, entry, startUpstreams, type Upstream } from "../proxy/router-helpers";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts `redis-server` on a free loopback port, with no persistence; resolves once it accepts connections. */
async function startRedis(): Promise<{ port: number; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((done, fail) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("Ready to accept connections")) done();
    });
    child.once("exit", (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return { port, child, stop: async () => void (child.kill("SIGKILL"), await exited) };
}

/** `bedrock-fetch serve` as a child process; resolves with its URL once it listens. */
async function startServe(config: string): Promise<{ url: string; output: () => string; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), "serve", "--config", config, "--port", "0", "--quiet"], {
    cwd: ROOT,
    env: { ...process.env, ...ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) done(match[1]!);
    });
    void exited.then((code) => fail(new Error(`serve exited (${code}):\n${output}`)));
  });
  return { url, output: () => output, stop: () => (child.kill("SIGTERM"), exited) };
}

const send = (base: string, model: string) => fetch(chat(model, "hello router", {}, base));

/** Waits, when the minute is about to turn, until it has: per-minute counts start again at every minute. */
async function awayFromMinuteEnd(): Promise<void> {
  const second = new Date().getSeconds();
  if (second >= 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe.skipIf(!hasRedisServer)("two proxy processes sharing one Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let upstreams: Upstream[];
  let dir: string;
  let proxies: Array<Awaited<ReturnType<typeof startServe>>>;

  beforeAll(async () => {
    redis = await startRedis();
    upstreams = await startUpstreams("east", "west", "quota");
    const [east, west, quota] = upstreams;
    east!.fault = "throttle:1000000";
    dir = await mkdtemp(join(tmpdir(), "bedrock-fetch-redis-"));
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({
      model_list: [
        // west is a standby (weight 0): east is always tried first while it is not cooling down.
        entry("claude", east!, { weight: 1 }),
        entry("claude", west!, { weight: 0 }),
        entry("limited", quota!, { rpm: 5 }),
      ],
      router_settings: { redis_host: "127.0.0.1", redis_port: redis.port, allowed_fails: 0, cooldown_time: 600, num_retries: 2 },
    } satisfies ProxyConfig));
    proxies = await Promise.all([startServe(config), startServe(config)]);
  }, 60_000);

  afterAll(async () => {
    const codes = await Promise.all((proxies ?? []).map((p) => p.stop()));
    expect(codes).toEqual([0, 0]); // the store closed with the server: nothing kept the process alive
    await Promise.all((upstreams ?? []).map((u) => u.server.close()));
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("a deployment cooled down by one process is skipped by the other", async () => {
    const [first, second] = proxies;
    const [east, west] = upstreams;
    const answer = await send(first!.url, "claude");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-litellm-model-id")).toBe("west");
    expect([east!.calls, west!.calls]).toEqual([1, 1]); // east throttled once: more than allowed_fails (0)
    for (let i = 0; i < 10; i++) {
      const response = await send(second!.url, "claude");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-litellm-model-id")).toBe("west");
    }
    // The second process never tried east, although it weighs 1 and west 0: it read the cooldown from Redis.
    expect([east!.calls, west!.calls]).toEqual([1, 11]);
  });

  it("an rpm limit holds across both processes", async () => {
    await awayFromMinuteEnd();
    const quota = upstreams[2]!;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await send(proxies[i % 2]!.url, "limited")).status);
    expect(quota.calls).toBe(5);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("both answered without logging a store failure", () => {
    for (const proxy of proxies) expect(proxy.output()).not.toContain("RouterStoreUnavailable");
  });
});

describe.skipIf(!hasRedisServer)("the Redis store", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let store: RedisStore;
  beforeAll(async () => {
    redis = await startRedis();
    store = createRedisStore({ host: "127.0.0.1", port: redis.port });
    await store.ready;
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  it("counts atomically, and a counter expires with its lifetime (not extended by increments)", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => store.increment("test:count", 1, 60_000)));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await store.increment("test:short", 3, 50);
    expect(await store.get(["test:short", "test:missing"])).toEqual([3, undefined]);
    await new Promise((r) => setTimeout(r, 120)); // past its lifetime (not a timing assertion: any later read is the same)
    expect(await store.increment("test:short", 2, 60_000)).toBe(2);
    await store.set("test:set", 1234.5, 60_000);
    expect(await store.get(["test:set"])).toEqual([1234.5]);
  });

  it("when the server goes away, requests are still answered and the failure is reported once", async () => {
    const second = await startRedis();
    const shared = createRedisStore({ url: `redis://127.0.0.1:${second.port}` });
    await shared.ready;
    const [a, b] = await startUpstreams("a", "b");
    a!.fault = "throttle:1000000";
    const logged: Error[] = [];
    const proxy = createProxy(
      { model_list: [entry("claude", a!, { weight: 1 }), entry("claude", b!, { weight: 0 })], router_settings: { allowed_fails: 0, cooldown_time: 600 } },
      { env: ENV, store: shared, onError: (error) => logged.push(error as Error) },
    );
    try {
      expect((await proxy(chat("claude"))).status).toBe(200);
      await second.stop();
      for (let i = 0; i < 5; i++) expect((await proxy(chat("claude"))).status).toBe(200);
      expect([a!.calls, b!.calls]).toEqual([1, 6]); // the cooldown is remembered locally too
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ code: "RouterStoreUnavailable" });
    } finally {
      await shared.close();
      await a!.server.close();
      await b!.server.close();
    }
  });
});

describe("without the redis package", () => {
  const missing = () => Promise.reject(new Error("Cannot find package 'redis' imported from bedrock-fetch"));

  it("the store's readiness rejects with a ConfigurationError naming npm install redis", async () => {
    const store = createRedisStore({ host: "127.0.0.1", field: "router_settings.redis_host" }, { importRedis: missing });
    const error = await store.ready.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe("router_settings.redis_host");
    expect((error as Error).message).toContain("npm install redis");
  });

  it("the proxy answers on local state and reports the missing package once", async () => {
    const [a] = await startUpstreams("a");
    const logged: Error[] = [];
    const store = createRedisStore({ host: "127.0.0.1" }, { importRedis: missing });
    const proxy = createProxy({ model_list: [entry("claude", a!)] }, { env: ENV, store, onError: (error) => logged.push(error as Error) });
    try {
      for (let i = 0; i < 3; i++) expect((await proxy(chat("claude"))).status).toBe(200);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.message).toContain("npm install redis");
    } finally {
      await a!.server.close();
    }
  });
});
