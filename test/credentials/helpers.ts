/**
 * Shared pieces of the credentials suites: loopback servers for the web-handler emulators, an injectable clock, a
 * Bedrock call through createBedrock against the Bedrock emulator, and the secret-leak collector: every error a
 * test provokes goes through `catchError`, and `registerLeakScan()` checks after the file that none of them
 * (message, stack, cause chain, own properties) contains any secret the file used.
 */
import { afterAll, expect } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { createEmulator, type EmulatorCredentials } from "../../src/emulator";
import { serve } from "../../src/node/server";
import type { CredentialStore } from "../../src/aws-emulators";
import type { Credentials } from "../../src/sigv4";
import type { CredentialProvider } from "../../src/credentials";

export const SOURCE_KEYS = {
  accessKeyId: "AKIASOURCEKEY0000001",
  secretAccessKey: "srcSecret/0123456789abcdefghijklmnopqrstuv",
} as const;

const secrets = new Set<string>([SOURCE_KEYS.secretAccessKey]);
const stores: CredentialStore[] = [];
const collected: unknown[] = [];
const closers: Array<() => Promise<void>> = [];

/** Marks `value` as a secret that must never appear in an error. */
export function secret<T extends string>(value: T): T {
  secrets.add(value);
  return value;
}

/** Every secret and session token this store ever issues is checked too. */
export function watchStore(store: CredentialStore): CredentialStore {
  stores.push(store);
  return store;
}

/** Runs `fn`, expects it to throw or reject, records the error and returns it. */
export async function catchError(fn: Promise<unknown> | (() => unknown)): Promise<Error & Record<string, unknown>> {
  try {
    await (typeof fn === "function" ? fn() : fn);
  } catch (error) {
    collected.push(error);
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected an error, but the call succeeded");
}

/** Records an error obtained another way (e.g. from a rejected promise that was awaited elsewhere). */
export function collect(error: unknown): void {
  collected.push(error);
}

/** Everything an error exposes, as text: name, message, stack, own properties and the whole cause chain. */
export function errorText(error: unknown, depth = 0): string {
  if (depth > 8 || error === undefined || error === null) return "";
  if (!(error instanceof Error)) return typeof error === "object" ? safeJson(error) : String(error);
  const own: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(error)) {
    if (key !== "cause" && key !== "stack") own[key] = (error as unknown as Record<string, unknown>)[key];
  }
  return [error.name, error.message, error.stack ?? "", String(error), safeJson(own), errorText(error.cause, depth + 1)].join("\n");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  } catch {
    return String(value);
  }
}

/** All secrets known now: registered ones plus every secret key and session token the watched stores hold. */
export function knownSecrets(): string[] {
  const out = new Set(secrets);
  for (const store of stores) {
    for (const c of store.credentials) {
      out.add(c.secretAccessKey);
      if (c.sessionToken) out.add(c.sessionToken);
    }
  }
  return [...out].filter((s) => s.length >= 8);
}

/** After the file: no collected error mentions a secret. */
export function registerLeakScan(): void {
  afterAll(() => {
    const all = knownSecrets();
    expect(all.length).toBeGreaterThan(0);
    for (const error of collected) {
      const text = errorText(error);
      for (const s of all) {
        if (text.includes(s)) throw new Error(`an error leaked a secret (${s.slice(0, 4)}…): ${(error as Error).name}`);
      }
    }
  });
}

/** Number of errors collected so far (so a file can assert its scan covered something). */
export function collectedCount(): number {
  return collected.length;
}

/** Serves a web handler on 127.0.0.1 for the rest of the file. */
export async function startServer(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = await serve(handler, { port: 0 });
  closers.push(() => server.close(0));
  return server.url;
}

afterAll(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A clock tests move by hand. */
export function testClock(start = "2025-03-01T12:00:00Z"): { now: () => Date; advance(ms: number): void; set(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(iso) {
      t = Date.parse(iso);
    },
  };
}

/**
 * A Bedrock emulator on loopback that accepts exactly the credentials in `store` (the same live list), so a
 * successful call proves the credentials sign a Bedrock request correctly.
 */
export async function startBedrock(store: CredentialStore, now: () => Date): Promise<string> {
  // The store's list is live, so credentials issued later are accepted too. (EmulatorCredentials declares
  // `sessionToken?: string` without `| undefined`, hence the cast.)
  return startServer(createEmulator({ credentials: store.credentials as readonly EmulatorCredentials[], now }));
}

/** Calls Converse through createBedrock with `credentials`; resolves with the answer's text. */
export async function converseWith(
  endpoint: string,
  credentials: Credentials | CredentialProvider,
  now: () => Date,
  extra: { fetch?: typeof fetch; maxRetries?: number } = {},
): Promise<string> {
  const bedrock = createBedrock({ region: "us-east-1", endpoint, credentials, now, maxRetries: extra.maxRetries ?? 0, ...(extra.fetch ? { fetch: extra.fetch } : {}) });
  const result = await bedrock.runtime.converse({
    modelId: "amazon.nova-lite-v1:0",
    messages: [{ role: "user", content: [{ text: "hello from the credentials suite" }] }],
  });
  const content = (result as { output?: { message?: { content?: Array<{ text?: string }> } } }).output?.message?.content;
  return content?.map((c) => c.text ?? "").join("") ?? "";
}
