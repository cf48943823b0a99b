/**
 * Helpers of the runtime matrix and the browser story: one esbuild bundle per target (from src/, so no prior
 * `npm run build` is needed), a child-process runner that reads the conformance report, a static page server on
 * loopback, Chromium through playwright-core, and the missing-runtime policy (loud skip locally, failure with CI=true).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import type { ConformanceReport } from "./conformance";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const IN_CI = process.env.CI === "true";

/** Bundles `entry` (relative to the repository root) for the web platform into one ES module string. */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    format: "esm",
    // "neutral": no Node built-ins are resolved, so an accidental `node:*` import in src/ fails the bundle.
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** A temporary directory for bundles; `dispose()` removes it. */
export async function tempDir(): Promise<{ path: string; write(name: string, text: string): Promise<string>; dispose(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "bedrock-fetch-runtime-"));
  return {
    path,
    async write(name, text) {
      const file = join(path, name);
      await writeFile(file, text);
      return file;
    },
    dispose: () => rm(path, { recursive: true, force: true }),
  };
}

/** Where a runtime is, or why it is missing. */
export type Located = { found: true; path: string } | { found: false; reason: string };

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** A binary from node_modules (a devDependency), else from PATH. */
export function locate(relative: string, pathName?: string): Located {
  const local = join(ROOT, relative);
  if (existsSync(local)) return { found: true, path: local };
  const global = pathName === undefined ? undefined : onPath(pathName);
  if (global !== undefined) return { found: true, path: global };
  return { found: false, reason: `${relative} does not exist${pathName ? ` and \`${pathName}\` is not on PATH` : ""}` };
}

/** Chromium for playwright-core: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or `chromium` on PATH. */
export function locateChromium(): Located {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", onPath("chromium"), onPath("chromium-browser")]) {
    if (candidate && existsSync(candidate)) return { found: true, path: candidate };
  }
  return { found: false, reason: "no Chromium at $CHROMIUM_PATH, /usr/bin/chromium or on PATH (Debian: apt-get install chromium)" };
}

/**
 * The missing-runtime policy: on a developer machine the test says so loudly and skips; with `CI=true` a missing
 * runtime fails the suite, so the matrix can never pass in CI by running less.
 */
export function missingRuntime(name: string, reason: string, skip: (note?: string) => void): never {
  const message = `runtime "${name}" is missing: ${reason}`;
  if (IN_CI) throw new Error(`${message}. CI=true: a skipped runtime is a failure.`);
  const bar = "!".repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPING ${message}\n!!! The runtime matrix is INCOMPLETE on this machine (with CI=true this fails).\n${bar}\n`);
  skip(message);
  throw new Error("unreachable: skip() returned");
}

/** Runs a command and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** The report a command-line runtime printed after the `CONFORMANCE ` marker; throws with its output when absent. */
export function parseReport(name: string, out: { code: number | null; stdout: string; stderr: string }): ConformanceReport {
  const line = out.stdout.split("\n").find((l) => l.startsWith("CONFORMANCE "));
  if (line === undefined) {
    throw new Error(`${name} printed no report (exit ${out.code}).\nstdout:\n${out.stdout.slice(-2000)}\nstderr:\n${out.stderr.slice(-4000)}`);
  }
  return JSON.parse(line.slice("CONFORMANCE ".length)) as ConformanceReport;
}

/** Launches headless Chromium with the flags the browser suites use. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
}

/** A web handler serving fixed files (path → [content type, body]); everything else is 404. */
export function staticFiles(files: Record<string, [string, string]>): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = files[new URL(request.url).pathname];
    if (file === undefined) return new Response("not found", { status: 404 });
    return new Response(file[1], { headers: { "content-type": file[0], "cache-control": "no-store" } });
  };
}
