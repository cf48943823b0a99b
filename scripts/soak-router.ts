/**
 * Router soak (`npm run soak -- --router`; not part of the test suite, and nothing here asserts on time): one model
 * deployed three times, as in three regions, one of which always throttles.
 *
 * 1. three emulators (`bedrock-fetch emulate`, child processes), the first with `--fault throttle:…` on every call;
 * 2. the proxy (`bedrock-fetch serve`, a child process) with the three as one `model_name`, LiteLLM's router defaults
 *    (num_retries 2, allowed_fails 3, cooldown_time 5 s);
 * 3. baseline: `--requests` streamed chat completions straight to a healthy emulator through the library,
 *    `--concurrency` at a time; then the same load through the proxy (SSE read to `[DONE]`); then 200 of each one at
 *    a time.
 *
 * Reports errors seen by clients (any non-200, error event, missing `[DONE]`; the exit code is 1 unless there are
 * none), which deployment answered (the `x-litellm-model-id` header), the retries the throttling one cost (the
 * `x-litellm-attempted-retries` header: every retry here follows one throttle), p50/p99 latency of both paths and the
 * difference, and the proxy's resident memory.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBedrock } from "../src/bedrock";
import { TEST_CREDENTIALS } from "../src/emulator/index";
import { drive, MASTER_KEY, memoryOf, MODEL, percentile, startCli } from "./soak-lib";

type Result = Awaited<ReturnType<typeof drive>>;

export async function routerSoak(options: { requests: number; concurrency: number }): Promise<void> {
  const { requests, concurrency } = options;
  const emulators = await Promise.all([
    startCli(["emulate", "--port", "0", "--quiet", "--fault", "throttle:1000000000"]),
    startCli(["emulate", "--port", "0", "--quiet"]),
    startCli(["emulate", "--port", "0", "--quiet"]),
  ]);
  const names = ["throttling", "healthy-1", "healthy-2"];
  const dir = await mkdtemp(join(tmpdir(), "bedrock-fetch-soak-router-"));
  const config = join(dir, "config.json");
  await writeFile(config, JSON.stringify({
    model_list: emulators.map((emulator, i) => ({
      model_name: "soak",
      litellm_params: { model: `bedrock/${MODEL}`, aws_access_key_id: "os.environ/SOAK_KEY_ID", aws_secret_access_key: "os.environ/SOAK_SECRET", aws_region_name: "us-east-1", aws_bedrock_runtime_endpoint: emulator.url },
      model_info: { id: names[i] },
    })),
    general_settings: { master_key: "os.environ/SOAK_MASTER_KEY" },
  }));
  const proxy = await startCli(["serve", "--config", config, "--port", "0", "--quiet"], {
    SOAK_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    SOAK_SECRET: TEST_CREDENTIALS.secretAccessKey,
    SOAK_MASTER_KEY: MASTER_KEY,
  });
  const answeredBy = new Map<string, number>();
  let retries = 0;
  const prompt = (i: number) => [{ role: "user" as const, content: `router soak ${i}: tell me about failover between regions` }];
  try {
    const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, endpoint: emulators[1]!.url, maxRetries: 0 });
    const direct = async (i: number) => {
      let text = "";
      for await (const chunk of await bedrock.completion({ model: MODEL, messages: prompt(i), stream: true })) text += chunk.choices[0]?.delta.content ?? "";
      if (!text.includes(`router soak ${i}`)) throw new Error("direct: unexpected answer");
    };
    const proxied = async (i: number) => {
      const response = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` },
        body: JSON.stringify({ model: "soak", stream: true, messages: prompt(i) }),
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`proxy: HTTP ${response.status} ${body.slice(0, 300)}`);
      if (body.includes('data: {"error"')) throw new Error(`proxy: error event ${body.slice(body.indexOf('data: {"error"'), 400)}`);
      if (!body.endsWith("data: [DONE]\n\n")) throw new Error("proxy: stream ended without [DONE]");
      const id = response.headers.get("x-litellm-model-id") ?? "?";
      answeredBy.set(id, (answeredBy.get(id) ?? 0) + 1);
      retries += Number(response.headers.get("x-litellm-attempted-retries") ?? 0);
    };
    // Warm-up (JIT, connection pools, signing keys) on both paths, not counted.
    await drive(200, concurrency, direct);
    await drive(200, concurrency, proxied);
    answeredBy.clear();
    retries = 0;
    const afterStart = memoryOf(proxy.child.pid!);

    const base = await drive(requests, concurrency, direct);
    const through = await drive(requests, concurrency, proxied);
    const concurrent = { answeredBy: new Map(answeredBy), retries };
    const memory = memoryOf(proxy.child.pid!);
    const sequential = Math.min(200, requests);
    const base1 = await drive(sequential, 1, direct);
    const through1 = await drive(sequential, 1, proxied);

    const row = (name: string, r: Result) =>
      `${name.padEnd(30)} ${String(r.latencies.length).padStart(5)} ok ${String(r.failures.length).padStart(4)} errors  ` +
      `p50 ${percentile(r.latencies, 50).toFixed(1).padStart(7)} ms  p90 ${percentile(r.latencies, 90).toFixed(1).padStart(7)} ms  p99 ${percentile(r.latencies, 99).toFixed(1).padStart(7)} ms  ` +
      `${(r.latencies.length / r.seconds).toFixed(0).padStart(5)} req/s`;
    const added = (a: Result, b: Result) =>
      `p50 ${(percentile(a.latencies, 50) - percentile(b.latencies, 50)).toFixed(1)} ms  p99 ${(percentile(a.latencies, 99) - percentile(b.latencies, 99)).toFixed(1)} ms`;
    const mib = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "n/a" : `${n.toFixed(1)} MiB`);
    console.log(`\nbedrock-fetch router soak: ${requests} streamed chat completions, ${concurrency} concurrent, over 3 deployments of one model, one always throttling; loopback, Node ${process.version}\n`);
    console.log(row("direct to an emulator (library)", base));
    console.log(row("through the proxy's router", through));
    console.log(`${"added latency".padEnd(30)} ${added(through, base)}`);
    console.log(`answered by                    ${[...concurrent.answeredBy].map(([id, n]) => `${id} ${n}`).join(", ")}`);
    console.log(`retries after a throttle       ${concurrent.retries} (the throttling deployment cools down for 5 s after more than 3 throttles in a minute)`);
    console.log(`\none at a time (${sequential} requests):`);
    console.log(row("direct to an emulator (library)", base1));
    console.log(row("through the proxy's router", through1));
    console.log(`${"added latency".padEnd(30)} ${added(through1, base1)}`);
    console.log(`proxy process RSS              after warm-up ${mib(afterStart.rss)}, peak ${mib(memory.peak)}, now ${mib(memory.rss)}`);
    const failures = [...base.failures, ...through.failures, ...base1.failures, ...through1.failures];
    for (const failure of [...new Set(failures)].slice(0, 10)) console.log(`  error: ${failure}`);
    console.log(failures.length === 0 ? "\nerrors seen by clients: 0" : `\nerrors seen by clients: ${failures.length}`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    proxy.child.kill("SIGTERM");
    for (const emulator of emulators) emulator.child.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
}
