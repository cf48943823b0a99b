/**
 * What both soak modes share: child processes of the `bedrock-fetch` command, a load driver, percentiles and a
 * process's resident memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
export const MASTER_KEY = "sk-soak-master-key";

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `total` calls of `task`, `concurrency` at a time; returns each call's latency in ms and the failures. */
export async function drive(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      try {
        await task(i);
        latencies.push(performance.now() - start);
      } catch (error) {
        failures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), failures, seconds: (performance.now() - start) / 1000 };
}

/** Resident set size of a process in MiB: `VmRSS` now and `VmHWM` (its peak), from /proc (Linux only). */
export function memoryOf(pid: number): { rss?: number; peak?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]) / 1024;
    return { rss: kib("VmRSS"), peak: kib("VmHWM") };
  } catch {
    return {};
  }
}

/** Runs a `bedrock-fetch` subcommand as a child process and resolves once it prints its URL. */
export async function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const url = await new Promise<string>((done, fail) => {
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) done(match[1]!);
    });
    child.once("exit", (code) => fail(new Error(`bedrock-fetch ${args[0]} exited (${code}) before listening:\n${output}`)));
  });
  return { url, child };
}

