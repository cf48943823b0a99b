/**
 * Requests to the link-local metadata endpoints (container, IMDS), which either answer within a second or are not
 * there: `send` (deadline, caller's signal, no redirects, capped answer) with a short timeout and a retry.
 * @internal
 */
import { isBedrockError } from "../../errors";
import { send, type Answer } from "../../credentials/http";
import type { FetchLike } from "../../credentials/types";

/** Options of {@link fetchWithTimeout}. */
export interface TimeoutFetchOptions {
  fetch?: FetchLike | undefined;
  /** Per attempt, ms. @defaultValue 1000 */
  timeout?: number | undefined;
  /** Extra attempts after a connection failure, a timeout or a 5xx. @defaultValue 1 */
  maxRetries?: number | undefined;
}

/**
 * Sends `init` to `url` and reads the answer. A connection failure, a timeout or a 5xx is tried again; the last
 * failure is thrown as it came (`APITimeoutError`, `APIConnectionError`); a caller's abort ends it at once.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit & { headers: Record<string, string> },
  what: string,
  options: TimeoutFetchOptions,
  signal: AbortSignal | undefined,
  secrets: string[] = [],
): Promise<Answer> {
  const attempts = 1 + Math.max(0, options.maxRetries ?? 1);
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await send(url, init, what, { fetch: options.fetch, timeout: options.timeout ?? 1000, signal, secrets });
      if (answer.status < 500 || attempt >= attempts) return answer;
    } catch (error) {
      // Only failures a retry may cure: not an abort (the caller's, or the refresh's deadline), a redirect or an
      // oversized answer.
      if (attempt >= attempts || signal?.aborted || !isBedrockError(error) || !error.retryable) throw error;
    }
  }
}
