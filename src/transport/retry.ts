/**
 * Retry timing: exponential backoff with full jitter (delay drawn uniformly from [0, min(cap, base·2^attempt)], as in
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), unless the server says how long to wait
 * in `retry-after-ms` or `retry-after` (RFC 9110 §10.2.3: delta-seconds or an HTTP date), which is honoured up to a cap.
 * @internal
 */
import { APIUserAbortError } from "../errors";

/** Waits `ms` milliseconds; rejects with {@link APIUserAbortError} as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryTiming {
  /** First backoff ceiling. @defaultValue 500 */
  baseDelayMs: number;
  /** Largest backoff ceiling. @defaultValue 8000 */
  maxDelayMs: number;
  /** Largest wait a `retry-after` header may ask for. @defaultValue 60000 */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = { baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * The wait before retry number `attempt + 1` (attempt counts from 0).
 *
 * @param retryAfterMs - what the server asked for, if anything (see {@link parseRetryAfter})
 * @param random - a source of uniform numbers in [0, 1)
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, timing: RetryTiming, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), timing.maxRetryAfterMs);
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * What a response asks us to wait, in milliseconds: `retry-after-ms` first (a non-standard header some AWS and
 * OpenAI-compatible front ends send), then `retry-after` as seconds or as an HTTP date relative to `nowMs`.
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get("retry-after");
  if (after === null) return undefined;
  const trimmed = after.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The default {@link Sleep}: a timer that is cleared, and the promise rejected, when the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new APIUserAbortError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
