/**
 * `bedrock-fetch serve`'s standard error: one JSON access line per request (time, method, path, status, ms and the
 * model named in the body the proxy read; never a header, a query string or a body), written once the answer has ended, streams
 * included; faults of the proxy or its upstream as `error` lines, a client's own mistakes (4xx) as access lines
 * only; `--quiet` for no access log; `shutdown` and `stopped` lines when it closes. Run in-process against emulators.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandHandle } from "../../src/cli/commands";
import { run } from "../../src/cli/main";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { serve, type RunningServer } from "../../src/node/server";

const MASTER_KEY = "sk-proxy-master-5678";
const AUTH = { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" };

let dir: string;
let config: string;
let release!: () => void;
const upstreams: RunningServer[] = [];

/** A LiteLLM-style entry for the emulator at `url`, credentials written out (no os.environ/ lookups needed). */
const entry = (name: string, url: string, extra: Record<string, unknown> = {}) => ({
  model_name: name,
  litellm_params: {
    model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
    aws_access_key_id: TEST_CREDENTIALS.accessKeyId,
    aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey,
    aws_region_name: "us-east-1",
    aws_bedrock_runtime_endpoint: url,
    ...extra,
  },
});

beforeAll(async () => {
  const gate = new Promise<void>((resolve) => (release = resolve));
  const [ok, held, throttling, failing] = await Promise.all([
    serve(createEmulator()),
    // Streams pause after their first frame until `release()`.
    serve(createEmulator({ faults: "drip:1", sleep: () => gate })),
    serve(createEmulator({ faults: "throttle:1000000" })),
    serve(createEmulator({ faults: "error:500:1000000" })),
  ]);
  upstreams.push(ok, held, throttling, failing);
  dir = mkdtempSync(join(tmpdir(), "serve-log-"));
  config = join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      model_list: [
        entry("claude", ok.url),
        entry("held", held.url),
        entry("throttled", throttling.url, { max_retries: 0 }),
        entry("broken", failing.url, { max_retries: 0 }),
      ],
      general_settings: { master_key: MASTER_KEY },
      // Each logged answer is the upstream's first: the router's retries are tested in router.test.ts.
      router_settings: { num_retries: 0 },
    }),
  );
});
afterAll(async () => {
  release();
  await Promise.all(upstreams.map((u) => u.close()));
  rmSync(dir, { recursive: true, force: true });
});

interface Line {
  time: string;
  event: string;
  [field: string]: unknown;
}

async function startServe(extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const handle = (await run(["serve", "--config", config, "--port", "0", ...extra], {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
  })) as CommandHandle & { url: string };
  expect(typeof handle).toBe("object");
  const lines = () => err.map((l) => JSON.parse(l) as Line);
  /** Waits (polling, not timing) until `count` lines of `event` have been written. */
  const until = async (event: string, count = 1) => {
    while (lines().filter((l) => l.event === event).length < count) await new Promise((r) => setTimeout(r, 5));
    return lines().filter((l) => l.event === event);
  };
  return { handle, url: handle.url, out, err, lines, until };
}

const chat = (url: string, model: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = AUTH) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model, messages: [{ role: "user", content: "Hello" }], ...extra }) });

describe("bedrock-fetch serve: the access log", () => {
  it("writes one JSON line per request, with its id, model, deployment and tokens, and none of the secrets", async () => {
    const s = await startServe();
    try {
      // The model after a large messages array, as OpenAI's Python SDK orders the body.
      const big = { messages: [{ role: "user", content: "x".repeat(300_000) }], model: "claude" };
      const answer = await fetch(`${s.url}/v1/chat/completions?api_key=${MASTER_KEY}`, { method: "POST", headers: AUTH, body: JSON.stringify(big) });
      expect(answer.status).toBe(200);
      await answer.json();
      const models = await fetch(`${s.url}/v1/models`, { headers: AUTH });
      await models.text();
      const [first, second] = await s.until("request", 2);
      expect(first).toEqual({
        time: expect.any(String), event: "request", requestId: expect.any(String), method: "POST", path: "/v1/chat/completions",
        status: 200, ms: expect.any(Number), model: "claude", deployment: expect.any(String), tokens: expect.any(Number),
      });
      // The line names the request and the deployment as the answer's headers did, and the tokens Bedrock reported.
      expect(first!.requestId).toBe(answer.headers.get("x-request-id"));
      expect(first!.deployment).toBe(answer.headers.get("x-litellm-model-id"));
      expect(first!.tokens).toBeGreaterThan(0);
      expect(new Date(first!.time).toISOString()).toBe(first!.time);
      expect(first!.ms).toBeGreaterThanOrEqual(0);
      expect(second).toEqual({ time: expect.any(String), event: "request", requestId: expect.any(String), method: "GET", path: "/v1/models", status: 200, ms: expect.any(Number) });
      for (const line of s.err) for (const secret of [MASTER_KEY, TEST_CREDENTIALS.secretAccessKey, "x".repeat(100)]) expect(line).not.toContain(secret);
    } finally {
      await s.handle.close();
    }
  });

  it("logs a client's mistakes and upstream 4xx answers as access lines, and upstream faults also as error lines", async () => {
    const s = await startServe();
    try {
      expect((await chat(s.url, "no-such-model")).status).toBe(404);
      expect((await chat(s.url, "claude", {}, { "content-type": "application/json" })).status).toBe(401);
      expect((await chat(s.url, "throttled")).status).toBe(429);
      const broken = await chat(s.url, "broken");
      expect(broken.status).toBeGreaterThanOrEqual(500);
      const requests = await s.until("request", 4);
      expect(requests.map((l) => [l.status, l.model])).toEqual([
        [404, "no-such-model"],
        [401, undefined], // refused before its body was read: the model is not known
        [429, "throttled"],
        [broken.status, "broken"],
      ]);
      const errors = s.lines().filter((l) => l.event === "error");
      expect(errors).toEqual([
        { time: expect.any(String), event: "error", method: "POST", path: "/v1/chat/completions", error: expect.any(String), message: expect.any(String) },
      ]);
    } finally {
      await s.handle.close();
    }
  });

  it("logs a stream when it has ended, and one the client left as aborted", async () => {
    const s = await startServe();
    try {
      const streamed = await chat(s.url, "claude", { stream: true });
      expect(await streamed.text()).toContain("data: [DONE]");
      const [done] = await s.until("request");
      expect(done).toMatchObject({ method: "POST", status: 200, model: "claude" });
      expect(done).not.toHaveProperty("aborted");

      const held = await chat(s.url, "held", { stream: true }, AUTH);
      const reader = held.body!.getReader();
      await reader.read(); // the first event: the stream is in flight, held upstream
      expect(s.lines().filter((l) => l.event === "request")).toHaveLength(1);
      await reader.cancel(); // the client leaves
      const [, aborted] = await s.until("request", 2);
      expect(aborted).toMatchObject({ method: "POST", status: 200, model: "held", aborted: true });
    } finally {
      await s.handle.close();
    }
  });

  it("--quiet writes no access line; closing writes shutdown and stopped lines", async () => {
    const s = await startServe(["--quiet"]);
    expect((await chat(s.url, "claude")).status).toBe(200);
    expect((await chat(s.url, "no-such-model")).status).toBe(404);
    await s.handle.close("SIGTERM");
    expect(s.lines()).toEqual([
      { time: expect.any(String), event: "shutdown", signal: "SIGTERM", in_flight: 0, grace_ms: 30_000 },
      { time: expect.any(String), event: "stopped", ms: expect.any(Number) },
    ]);
    expect(s.out.join("\n")).toContain("bedrock-fetch proxy listening on");
  });
});
