/**
 * Locates `../shared` (the recorded Bedrock exchanges and the AWS test vectors) beside the checkout, as CI has it.
 * `BEDROCK_FETCH_SHARED` overrides the location. When the folder is absent, suites that need it skip, and the run
 * says so once (./global-setup.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const sharedDir: string = process.env.BEDROCK_FETCH_SHARED ?? resolve(root, "../shared");
export const vectorsDir: string = join(sharedDir, "vectors");
export const exchangesDir: string = join(sharedDir, "exchanges");
export const hasShared: boolean = existsSync(join(exchangesDir, "INDEX.json")) && existsSync(vectorsDir);

/** Printed once per test run by ./global-setup.ts when the data is absent. */
export const sharedMissingNotice = `\n*** ../shared not found at ${sharedDir}: the conformance suites over real Bedrock traffic and AWS vectors are SKIPPED. ***\n`;

/**
 * `describe` when the data is `available`; otherwise a skipped suite of one skipped test that says why, whose body
 * never runs (a `describe.skip` body still runs to collect its tests, and would read the missing files).
 */
export function suiteIf(available: boolean): (name: string, body: () => void) => void {
  return available ? describe : (name) => describe.skip(name, () => it("needs ../shared beside the checkout", () => {}));
}

export interface ExchangeIndexEntry {
  file: string;
  family: string;
  operation: string;
  modelId: string | null;
  status: number;
  streamed: boolean;
  frames: number;
}

export interface Exchange {
  source: { repo: string; path: string; commit: string; license: string; interaction: number };
  family: string;
  operation: string;
  modelId: string | null;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body?: unknown; bodyBase64?: string };
  /** Path relative to the exchanges folder. */
  file: string;
}

export function exchangeIndex(): ExchangeIndexEntry[] {
  if (!hasShared) return [];
  return JSON.parse(readFileSync(join(exchangesDir, "INDEX.json"), "utf8")) as ExchangeIndexEntry[];
}

export function loadExchange(file: string): Exchange {
  const data = JSON.parse(readFileSync(join(exchangesDir, file), "utf8")) as Omit<Exchange, "file">;
  return { ...data, file };
}

/** Every exchange, optionally filtered. */
export function exchanges(filter: (e: ExchangeIndexEntry) => boolean = () => true): Exchange[] {
  return exchangeIndex()
    .filter(filter)
    .map((e) => loadExchange(e.file));
}

/** The raw bytes of an event-stream response body. */
export function streamBytes(exchange: Exchange): Uint8Array {
  if (exchange.response.bodyBase64 === undefined) throw new Error(`${exchange.file} has no event-stream body`);
  return new Uint8Array(Buffer.from(exchange.response.bodyBase64, "base64"));
}

/** Case-insensitive header lookup (recordings vary in casing). */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
