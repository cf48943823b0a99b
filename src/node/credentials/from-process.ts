/**
 * `fromProcess`: credentials printed by an external command (`credential_process` in a profile).
 * Output contract: https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html —
 * JSON `{ "Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"? (ISO 8601) }` on stdout.
 *
 * The command's output holds secrets, so no error here quotes stdout or stderr: messages name the profile, the
 * program and what was wrong, and say to run the command by hand to see its output.
 */
import { execFile } from "node:child_process";
import { APIUserAbortError, ConfigurationError } from "../../errors";
import type { Credentials } from "../../sigv4";
import { cached, type CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import { makeCredentials } from "../../credentials/validate";
import type { Clock } from "../../credentials/types";

/** Options of {@link fromProcess}. */
export interface ProcessOptions {
  /** The command line, as in `credential_process` (double or single quotes group words; no shell is involved). */
  command: string;
  /** Profile it comes from, for messages. */
  profile?: string | undefined;
  /** Kill the command after this many ms. @defaultValue 60000 */
  timeout?: number | undefined;
  /** @defaultValue `() => new Date()` */
  now?: Clock | undefined;
  /** See `cached`. @defaultValue 300000 */
  refreshBefore?: number | undefined;
  /** Kills the command when it aborts (the caller left, or the refresh ran out of time). */
  signal?: AbortSignal | undefined;
}

/**
 * Splits a command line into program and arguments: whitespace separates words, `"…"` and `'…'` group them, and a
 * backslash outside single quotes escapes the next character. No shell expansion happens.
 */
export function splitCommandLine(command: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && (command[i + 1] === '"' || command[i + 1] === "\\")) word += command[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c === "\\" && i + 1 < command.length && process.platform !== "win32" ? command[++i] : c;
      inWord = true;
    }
  }
  if (quote) throw new ConfigurationError("credential_process", "credential_process has an unterminated quote.");
  if (inWord) words.push(word);
  return words;
}

function where(profile: string | undefined): string {
  return profile === undefined ? "credential_process" : `credential_process of profile "${profile}"`;
}

/** Runs the command once and parses its output. */
export async function runCredentialProcess(options: ProcessOptions): Promise<Credentials> {
  const name = where(options.profile);
  const words = splitCommandLine(options.command);
  if (words.length === 0) throw new ConfigurationError("credential_process", `${name} is empty; set it to the command that prints credentials.`);
  const [program, ...args] = words as [string, ...string[]];
  const provider = options.profile === undefined ? "credential_process" : `profile ${options.profile}`;
  const stdout = await new Promise<string>((resolve, reject) => {
    const { signal } = options;
    execFile(program, args, { timeout: options.timeout ?? 60_000, maxBuffer: 1024 * 1024, windowsHide: true, signal }, (error, out) => {
      if (!error) return resolve(String(out));
      // execFile kills the child when `signal` aborts and reports an AbortError.
      if (signal?.aborted) return reject(new APIUserAbortError(`${name} was stopped: the caller no longer waits for credentials.`));
      const e = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean; signal?: string | null };
      const why = e.code === "ENOENT" ? `could not start ${program} (not found)`
        : e.killed ? `was stopped after ${options.timeout ?? 60_000} ms`
        : typeof e.code === "number" ? `exited with code ${e.code}`
        : e.signal ? `was killed by ${e.signal}`
        : `failed to run (${typeof e.code === "string" ? e.code : "unknown error"})`;
      // Only the exit status goes in the error: stdout/stderr may hold secrets, and execFile's own message
      // repeats stderr, so the original error is not attached as `cause`.
      reject(new CredentialsProviderError(provider, `${name} ${why}; run it by hand to see its output.`));
    });
  });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new CredentialsProviderError(provider, `${name} printed output that is not JSON; it must print {"Version": 1, "AccessKeyId": …, "SecretAccessKey": …}.`);
  }
  const o = (json ?? {}) as Record<string, unknown>;
  if (o.Version !== 1) {
    throw new CredentialsProviderError(provider, `${name} printed JSON without "Version": 1; only version 1 of the output format is defined.`);
  }
  for (const field of ["AccessKeyId", "SecretAccessKey"]) {
    if (typeof o[field] !== "string" || o[field] === "") {
      throw new CredentialsProviderError(provider, `${name} printed JSON without a string "${field}".`);
    }
  }
  if (o.SessionToken !== undefined && typeof o.SessionToken !== "string") {
    throw new CredentialsProviderError(provider, `${name} printed a "SessionToken" that is not a string.`);
  }
  let expiration: Date | undefined;
  if (o.Expiration !== undefined) {
    expiration = new Date(String(o.Expiration));
    if (Number.isNaN(expiration.getTime())) {
      throw new CredentialsProviderError(provider, `${name} printed an "Expiration" that is not an ISO 8601 date.`);
    }
    if (expiration.getTime() <= (options.now ?? (() => new Date()))().getTime()) {
      throw new CredentialsProviderError(provider, `${name} printed credentials that have already expired.`);
    }
  }
  return makeCredentials(o.AccessKeyId as string, o.SecretAccessKey as string, o.SessionToken as string | undefined, expiration);
}

/**
 * A cached provider that runs `command` and reads credentials from its output (again when they near expiry).
 *
 * @example
 * ```ts
 * const credentials = fromProcess({ command: "/opt/bin/get-creds --role bedrock" });
 * ```
 */
export function fromProcess(options: ProcessOptions): CachedProvider {
  if (options === null || typeof options !== "object" || typeof options.command !== "string") {
    throw new ConfigurationError("command", "fromProcess needs { command }: the command line that prints credentials.");
  }
  splitCommandLine(options.command);
  return cached((call) => runCredentialProcess({ ...options, signal: call?.signal }), { refreshBefore: options.refreshBefore, now: options.now });
}
