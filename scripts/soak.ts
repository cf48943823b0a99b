/**
 * Soak test of the proxy (`npm run soak`; not part of the test suite, and nothing here asserts on time):
 *
 * 1. the emulator on a loopback port (`bedrock-fetch emulate`, a child process);
 * 2. the proxy as a real `bedrock-fetch serve` child process in front of it, with a master key;
 * 3. baseline: `--requests` streaming chat completions straight to the emulator through the library, `--concurrency`
 *    at a time; then the same number of streaming requests through the proxy (SSE read to `[DONE]`); then 200 of each
 *    one at a time, where the difference is the proxy's own cost rather than queueing on a saturated CPU.
 *
 * Reports errors (any non-200, error event, missing `[DONE]` or exception; the exit code is 1 unless there are
 * none), p50/p99 end-to-end latency of both and the difference (the latency the proxy adds), and the proxy process's
 * resident memory after start-up and at its peak (Linux `VmHWM`).
 *
 *   npm run soak -- --requests 1000 --concurrency 100
 *
 * `--hostile` runs the hostile mode instead (scripts/soak-hostile.ts): attackers and broken peers around the proxy,
 * with its peak memory growth as the figure to watch. `--router` runs the router mode (scripts/soak-router.ts): one
 * model deployed three times, one of them always throttling, with the errors clients see (none expected) and the
 * latency the router adds.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createBedrock } from "../src/bedrock";
import { TEST_CREDENTIALS } from "../src/emulator/index";
import { drive, MASTER_KEY, memoryOf, MODEL, percentile, startCli } from "./soak-lib";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "100" },
    hostile: { type: "boolean", default: false },
    router: { type: "boolean", default: false },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);

async function startProxy(emulatorUrl: string, dir: string) {
  const config = join(dir, "config.json");
  await writeFile(config, JSON.stringify({
    model_list: [{ model_name: "soak", litellm_params: { model: `bedrock/${MODEL}`, aws_access_key_id: "os.environ/SOAK_KEY_ID", aws_secret_access_key: "os.environ/SOAK_SECRET", aws_region_name: "us-east-1", aws_bedrock_runtime_endpoint: emulatorUrl, max_retries: 0 } }],
    general_settings: { master_key: "os.environ/SOAK_MASTER_KEY" },
  }));
  return startCli(["serve", "--config", config, "--port", "0"], {
    SOAK_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    SOAK_SECRET: TEST_CREDENTIALS.secretAccessKey,
    SOAK_MASTER_KEY: MASTER_KEY,
  });
}

async function main(): Promise<void> {
  // Each server in its own process, so that neither competes with the load generator for this event loop.
  const emulator = await startCli(["emulate", "--port", "0"]);
  const dir = await mkdtemp(join(tmpdir(), "bedrock-fetch-soak-"));
  const proxy = await startProxy(emulator.url, dir);
  const prompt = (i: number) => [{ role: "user" as const, content: `soak request ${i}: tell me something about streams and backpressure` }];
  try {
    // Warm-up (JIT, connection pools, derived signing keys) on both paths, not counted.
    const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, endpoint: emulator.url, maxRetries: 0 });
    const direct = async (i: number) => {
      let text = "";
      for await (const chunk of await bedrock.completion({ model: MODEL, messages: prompt(i), stream: true })) text += chunk.choices[0]?.delta.content ?? "";
      if (!text.includes(`soak request ${i}`)) throw new Error("direct: unexpected answer");
    };
    const proxied = async (i: number) => {
      const response = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
        body: JSON.stringify({ model: "soak", stream: true, messages: prompt(i) }),
      });
      if (response.status !== 200) throw new Error(`proxy: HTTP ${response.status} ${await response.text()}`);
      const body = await response.text();
      if (body.includes('data: {"error"')) throw new Error(`proxy: error event ${body.slice(body.indexOf('data: {"error"'), 400)}`);
      if (!body.endsWith("data: [DONE]\n\n")) throw new Error("proxy: stream ended without [DONE]");
      const text = body.split("\n\n").slice(0, -2).map((event) => {
        const chunk = JSON.parse(event.slice("data: ".length)) as { choices: Array<{ delta: { content?: string } }> };
        return chunk.choices[0]?.delta.content ?? "";
      }).join("");
      if (!text.includes(`soak request ${i}`)) throw new Error("proxy: unexpected answer");
    };
    await drive(200, CONCURRENCY, direct);
    await drive(200, CONCURRENCY, proxied);
    const afterStart = memoryOf(proxy.child.pid!);

    const base = await drive(REQUESTS, CONCURRENCY, direct);
    const through = await drive(REQUESTS, CONCURRENCY, proxied);
    const memory = memoryOf(proxy.child.pid!);
    // One at a time: the proxy's own per-request cost, without queueing for a saturated CPU.
    const SEQUENTIAL = Math.min(200, REQUESTS);
    const base1 = await drive(SEQUENTIAL, 1, direct);
    const through1 = await drive(SEQUENTIAL, 1, proxied);

    const row = (name: string, r: typeof base) =>
      `${name.padEnd(22)} ${String(r.latencies.length).padStart(5)} ok ${String(r.failures.length).padStart(4)} errors  ` +
      `p50 ${percentile(r.latencies, 50).toFixed(1).padStart(7)} ms  p90 ${percentile(r.latencies, 90).toFixed(1).padStart(7)} ms  p95 ${percentile(r.latencies, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(r.latencies, 99).toFixed(1).padStart(7)} ms  ` +
      `${(r.latencies.length / r.seconds).toFixed(0).padStart(5)} req/s`;
    const mib = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "n/a" : `${n.toFixed(1)} MiB`);
    console.log(`\nbedrock-fetch proxy soak: ${REQUESTS} streaming chat completions, ${CONCURRENCY} concurrent, loopback, Node ${process.version}\n`);
    console.log(row("direct (library)", base));
    console.log(row("through the proxy", through));
    const added = (a: typeof base, b: typeof base) =>
      `p50 ${(percentile(a.latencies, 50) - percentile(b.latencies, 50)).toFixed(1)} ms  p99 ${(percentile(a.latencies, 99) - percentile(b.latencies, 99)).toFixed(1)} ms`;
    console.log(`added latency          ${added(through, base)}`);
    console.log(`\none at a time (${SEQUENTIAL} requests):`);
    console.log(row("direct (library)", base1));
    console.log(row("through the proxy", through1));
    console.log(`added latency          ${added(through1, base1)}`);
    console.log(`proxy process RSS      after warm-up ${mib(afterStart.rss)}, peak ${mib(memory.peak)}, now ${mib(memory.rss)}`);
    const failures = [...base.failures, ...through.failures, ...base1.failures, ...through1.failures];
    for (const failure of [...new Set(failures)].slice(0, 10)) console.log(`  error: ${failure}`);
    console.log(failures.length === 0 ? "\nerrors: 0" : `\nerrors: ${failures.length}`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    proxy.child.kill("SIGTERM");
    emulator.child.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
}

if (values.router) {
  void import("./soak-router").then((m) => m.routerSoak({ requests: REQUESTS, concurrency: CONCURRENCY }));
} else if (values.hostile) {
  void import("./soak-hostile").then((m) => m.hostile({ requests: values.requests === "1000" ? 600 : REQUESTS, concurrency: values.concurrency === "100" ? 16 : CONCURRENCY }));
} else {
  void main();
}
