/**
 * Fetch with a per-attempt timeout and a few retries, for the link-local metadata endpoints (container, IMDS),
 * which either answer within a second or are not there.
 * @internal
 */
import { APIConnectionError } from "../../errors";
import type { FetchLike } from "../../credentials/types";

/** Options of {@link fetchWithTimeout}. */
export interface TimeoutFetchOptions {
  fetch?: FetchLike | undefined;
  /** Per attempt, ms. @defaultValue 1000 */
  timeout?: number | undefined;
  /** Extra attempts after a connection failure, a timeout or a 5xx. @defaultValue 1 */
  maxRetries?: number | undefined;
}

/** Sends `init` to `url`; connection failures after all attempts become {@link APIConnectionError}. */
export async function fetchWithTimeout(url: string, init: RequestInit, what: string, options: TimeoutFetchOptions): Promise<Response> {
  const f = options.fetch ?? fetch;
  const attempts = 1 + Math.max(0, options.maxRetries ?? 1);
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeout ?? 1000);
    try {
      const response = await f(url, { ...init, signal: controller.signal });
      if (response.status < 500 || attempt === attempts) return response;
      await response.body?.cancel();
    } catch (error) {
      last = error;
    } finally {
      clearTimeout(timer);
    }
  }
  throw new APIConnectionError(`${what}: no answer from ${new URL(url).origin}.`, { cause: last });
}
