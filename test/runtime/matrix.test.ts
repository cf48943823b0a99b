/**
 * The runtime matrix: the conformance script (test/runtime/conformance.ts) bundled once per target and run on
 * Node 20 (this process's binary), Node 18 and 22 (node_modules/node18|node22), Deno, Bun, workerd (miniflare) and
 * headless Chromium, all at once, against one Bedrock emulator served on loopback from this process. Every check of
 * every runtime must pass. A runtime missing on a developer machine is skipped loudly; with CI=true it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { serve, type RunningServer } from "../../src/node/index";
import { CHECK_NAMES, type ConformanceReport } from "./conformance";
import {
  bundle,
  launchChromium,
  locate,
  locateChromium,
  missingRuntime,
  parseReport,
  run,
  staticFiles,
  tempDir,
  type Located,
} from "./helpers";

/** Why a target could not report: the runtime is missing, or it ran and failed to report. */
type Outcome = { missing: string } | { report: ConformanceReport };

/** What a command-line runtime needs: how to find it and how to start the bundle. */
interface CliTarget {
  name: string;
  entry: string;
  locate: () => Located;
  args: (bundleFile: string, endpoint: string) => string[];
  env?: NodeJS.ProcessEnv;
}

const CLI_TARGETS: CliTarget[] = [
  { name: "node20", entry: "test/runtime/node/main.ts", locate: () => ({ found: true, path: process.execPath }), args: (f, e) => [f, e] },
  {
    name: "node18",
    entry: "test/runtime/node/main.ts",
    locate: () => locate("node_modules/node18/bin/node"),
    // Node 18 keeps WebCrypto off `globalThis` unless asked (it became global in Node 19); the library needs
    // `crypto.subtle` and cannot import node:crypto outside src/node. Without this flag every signing check fails
    // with the library's ConfigurationError "SigV4 signing requires WebCrypto (crypto.subtle)".
    args: (f, e) => ["--experimental-global-webcrypto", f, e],
  },
  { name: "node22", entry: "test/runtime/node/main.ts", locate: () => locate("node_modules/node22/bin/node"), args: (f, e) => [f, e] },
  {
    name: "deno",
    entry: "test/runtime/deno/main.ts",
    locate: () => locate("node_modules/deno/deno", "deno"),
    // -A: with only --allow-net, reading configuration throws NotCapable, because Deno 2's `process.env` proxy
    // throws on property reads without --allow-env (src/env.ts catches that for `Deno.env`, not for `process.env`).
    args: (f, e) => ["run", "-A", "--no-config", "--no-lock", f, e],
    // No update check (network) and no prompts.
    env: { DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
  },
  {
    name: "bun",
    entry: "test/runtime/bun/main.ts",
    locate: () => locate("node_modules/bun/bin/bun.exe", "bun"),
    args: (f, e) => ["run", f, e],
    env: { DO_NOT_TRACK: "1" },
  },
];

let emulator: RunningServer;
let pages: RunningServer | undefined;
let dir: Awaited<ReturnType<typeof tempDir>>;
const outcomes = new Map<string, Promise<Outcome>>();
const started = Date.now();

async function runCli(target: CliTarget, code: Promise<string>): Promise<Outcome> {
  const found = target.locate();
  if (!found.found) return { missing: found.reason };
  const file = await dir.write(`${target.name}.mjs`, await code);
  const out = await run(found.path, target.args(file, emulator.url), { cwd: dir.path, ...(target.env ? { env: target.env } : {}) });
  return { report: parseReport(target.name, out) };
}

async function runWorkerd(code: Promise<string>): Promise<Outcome> {
  let Miniflare: typeof import("miniflare").Miniflare;
  try {
    ({ Miniflare } = await import("miniflare"));
  } catch (error) {
    return { missing: `miniflare cannot be loaded (${(error as Error).message})` };
  }
  // The worker reaches the emulator on 127.0.0.1 through workerd's ordinary outbound network.
  const mf = new Miniflare({ modules: true, script: await code, compatibilityDate: "2024-09-23", bindings: { EMULATOR_URL: emulator.url } });
  try {
    const response = await mf.dispatchFetch("http://worker.test/");
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${text.slice(0, 2000)}`);
    return { report: JSON.parse(text) as ConformanceReport };
  } finally {
    await mf.dispose();
  }
}

async function runChromium(code: Promise<string>): Promise<Outcome> {
  const found = locateChromium();
  if (!found.found) return { missing: found.reason };
  // The page comes from one loopback origin and calls the emulator on another: every request is a CORS request.
  pages = await serve(staticFiles({
    "/": ["text/html", '<!doctype html><meta charset="utf-8"><title>conformance</title><pre></pre><script type="module" src="/main.js"></script>'],
    "/main.js": ["text/javascript", await code],
  }));
  const browser = await launchChromium(found.path);
  try {
    const page = await browser.newPage();
    // An uncaught error in the page (e.g. the bundle failing to load) ends the wait with that error.
    const crashed = new Promise<never>((_, reject) => page.on("pageerror", (error) => reject(new Error(`page error: ${error.message}`))));
    await page.goto(`${pages.url}/?endpoint=${encodeURIComponent(emulator.url)}`);
    // No timer of our own: the test's timeout bounds the wait.
    const ready = page.waitForFunction(() => (globalThis as { __conformance?: unknown }).__conformance, undefined, { timeout: 0, polling: 50 });
    const report = (await (await Promise.race([ready, crashed])).jsonValue()) as ConformanceReport;
    return { report };
  } finally {
    await browser.close();
  }
}

beforeAll(async () => {
  emulator = await serve(createEmulator());
  dir = await tempDir();
  // One bundle per entry, shared by the targets that use it (the three Node versions), built concurrently.
  const bundles = new Map<string, Promise<string>>();
  const code = (entry: string) => {
    if (!bundles.has(entry)) bundles.set(entry, bundle(entry));
    return bundles.get(entry)!;
  };
  // Every runtime starts now, in parallel; each test awaits its own outcome. Rejections surface in the tests.
  const keep = (p: Promise<Outcome>) => (p.catch(() => undefined), p);
  for (const target of CLI_TARGETS) outcomes.set(target.name, keep(runCli(target, code(target.entry))));
  outcomes.set("workerd", keep(runWorkerd(code("test/runtime/workerd/worker.ts"))));
  outcomes.set("chromium", keep(runChromium(code("test/runtime/browser/main.ts"))));
});

afterAll(async () => {
  await Promise.allSettled(outcomes.values());
  await emulator?.close();
  await pages?.close();
  await dir?.dispose();
  console.log(`runtime matrix: ${outcomes.size} runtimes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe("runtime matrix: every conformance check passes on every runtime", () => {
  for (const name of [...CLI_TARGETS.map((t) => t.name), "workerd", "chromium"]) {
    it(name, async (ctx) => {
      const outcome = await outcomes.get(name)!;
      if ("missing" in outcome) missingRuntime(name, outcome.missing, (note) => ctx.skip(note));
      const { report } = outcome;
      const failed = report.checks.filter((c) => !c.ok).map((c) => `  ${c.name}: ${c.detail}`);
      expect(failed, `${report.runtime}: failed checks\n${failed.join("\n")}`).toEqual([]);
      expect(report.checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    });
  }
});
