/**
 * The HTTP engine under every operation: auth per attempt (a fresh signature each time), fetch with a per-attempt
 * timeout, the call's total deadline and the caller's signal, error mapping, retries with backoff, credential refresh
 * and clock-skew correction. Bodies are read with a size cap, redirects are never followed (they would carry the
 * signed request elsewhere), and upstream text is redacted of the request's secrets before it reaches an error.
 * Everything that does not depend on the request (base URL, authorizer, clock, limits) is fixed at creation.
 * @internal
 */
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BedrockError,
  ConfigurationError,
  isExpiredCredentialsCode,
  ResponseTooLargeError,
} from "../errors";
import { linked, raceAbort } from "../internal/abort";
import { readCapped } from "../internal/read-capped";
import { scrub, secretsOf } from "../internal/redact";
import type { Authorizer } from "./auth";
import { errorFromResponse, isClockSkewError, requestIdOf, serverTimeFromMessage } from "./errors";
import { connectionText, networkFailure } from "./network-error";
import { backoffDelay, parseRetryAfter } from "./retry";
import type { RetryTiming, Sleep } from "./retry";
import type { HttpRequest, RequestOptions } from "./types";

/** The limits of a call; each can be overridden per call. */
export interface Limits {
  maxRetries: number;
  /** Per attempt, ms. */
  timeout: number;
  /** The whole call, ms: attempts, waits, credentials and a stream's body. */
  totalTimeout: number;
  /** The largest non-streamed response body, bytes. */
  maxResponseBytes: number;
}

export interface TransportConfig extends Limits {
  /** Base URL without a trailing slash, from `resolveEndpoint`. */
  baseUrl: string;
  authorizer: Authorizer;
  fetch: typeof globalThis.fetch;
  /** The local clock (for signing; deadlines use `Date.now()`, which a test's fixed signing clock must not stop). */
  now: () => Date;
  random: () => number;
  sleep: Sleep;
  retryTiming: RetryTiming;
}

/** Mutable bookkeeping of one call across its attempts (shared by a stream's re-opens). */
export interface CallState {
  /** Attempts made so far. */
  attempts: number;
  /** Backoff retries used so far (clock-skew and credential-refresh retries do not count). */
  retries: number;
  /** The credentials were refreshed once already (unset until then). */
  refreshed?: boolean;
  /** The clock was corrected once already (unset until then). */
  skewRetried?: boolean;
  /** The next attempt asks the authorizer for fresh credentials. */
  forceRefresh?: boolean;
  /** When the whole call must have ended (`Date.now()` ms), fixed by its first attempt. */
  deadline?: number;
}

/** A successful response with its body read. */
export interface BufferedResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** A successful response whose body is still to be read. `release()` must be called once the body is done. */
export interface OpenResponse {
  status: number;
  headers: Headers;
  body: ReadableStream<Uint8Array>;
  /** Aborts this attempt's fetch (drops the connection), for a body left unread. */
  abort(): void;
  /** Detaches the attempt from the caller's signal. */
  release(): void;
  /** The longest wait for the next chunk of the body (the call's `timeout`), after which the reader gives up. */
  idleTimeoutMs: number;
  /** When the whole call must have ended (`Date.now()` ms); the reader gives up then too. */
  deadline: number;
  /** The error for a passed deadline. */
  overdue(): APITimeoutError;
  /** The secrets this attempt sent, to redact from errors built out of the body (exception frames). */
  secrets: string[];
  /** The endpoint's origin (no path or query), to say where a broken stream came from. */
  origin: string;
}

export interface Transport {
  /** Sends a request and reads its whole body, retrying as configured. */
  send(request: HttpRequest, options: RequestOptions | undefined, state?: CallState): Promise<BufferedResponse>;
  /** Sends a request and returns once the headers of a successful response arrived. */
  open(request: HttpRequest, options: RequestOptions | undefined, state?: CallState): Promise<OpenResponse>;
  /**
   * Re-opens a stream that failed with `error` before any event reached the caller, if `error` is retryable and the
   * budget allows (after the backoff wait); otherwise throws `error`.
   */
  reopen(request: HttpRequest, options: RequestOptions | undefined, state: CallState, error: unknown): Promise<OpenResponse>;
  /** The current correction applied to the signing clock, in milliseconds. */
  readonly clockOffsetMs: number;
}

export function newCallState(): CallState {
  return { attempts: 0, retries: 0 };
}

// The headers of a failed response (`retry-after`, `date`), kept to time the retry.
const failedHeaders = new WeakMap<object, Headers>();

// Error answers are read only for their message: a few KiB is plenty, and the rest is dropped.
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Checks the limits, the client's options and one call's overrides alike.
 * @throws ConfigurationError naming `maxRetries`, `timeout`, `totalTimeout` or `maxResponseBytes`
 */
export function checkLimits(limits: Limits): Limits {
  if (!Number.isInteger(limits.maxRetries) || limits.maxRetries < 0) {
    throw new ConfigurationError("maxRetries", "`maxRetries` must be a non-negative integer (0 disables retries).");
  }
  for (const name of ["timeout", "totalTimeout", "maxResponseBytes"] as const) {
    const value = limits[name];
    if (typeof value !== "number" || !(value > 0)) {
      throw new ConfigurationError(name, `\`${name}\` must be a positive number of ${name === "maxResponseBytes" ? "bytes" : "milliseconds"}.`);
    }
  }
  return limits;
}

/** The error for a call whose total deadline passed: not retryable, since the time is spent. */
function overdueError(operation: string, totalTimeout: number): APITimeoutError {
  return new APITimeoutError(`${operation} did not finish within its total timeout of ${totalTimeout} ms (\`totalTimeout\`).`, {
    retryable: false,
  });
}

export function createTransport(config: TransportConfig): Transport {
  let offsetMs = 0;
  // The base URL is checked (resolveEndpoint): this cannot throw.
  const origin = new URL(config.baseUrl).origin;
  const skewedNow = () => (offsetMs === 0 ? config.now() : new Date(config.now().getTime() + offsetMs));

  /** One attempt. Resolves with a successful response (body read unless `stream`), or rejects with a typed error. */
  async function attempt(
    request: HttpRequest,
    url: string,
    options: RequestOptions | undefined,
    limits: Limits,
    state: CallState,
    stream: boolean,
  ): Promise<BufferedResponse | OpenResponse> {
    const callerSignal = options?.signal;
    if (callerSignal?.aborted) throw new APIUserAbortError();
    const deadline = state.deadline!;
    const operation = request.operation;
    const overdue = () => overdueError(operation, limits.totalTimeout);
    const from = request.baseUrl === undefined ? origin : new URL(request.baseUrl).origin;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw overdue();
    // The attempt's timer covers credentials, headers and (unless streaming) the body; it is the sooner of the
    // per-attempt timeout and the call's deadline.
    const byDeadline = remaining < limits.timeout;
    const link = linked([callerSignal], byDeadline ? remaining : limits.timeout);
    let headers: Record<string, string> = { ...request.headers, ...options?.headers };
    // `sent` is set once the request is signed: a failure before that is not the endpoint's.
    let sent = false;
    const fail = (error: unknown): never => {
      link.done();
      if (callerSignal?.aborted) throw new APIUserAbortError(undefined, { cause: error });
      if (link.timedOut()) {
        throw byDeadline ? overdue() : new APITimeoutError(`${operation} timed out after ${limits.timeout} ms.`, { cause: error });
      }
      if (error instanceof BedrockError) throw error;
      // The host and the system's reason, never the path or the query; the text is redacted of what was sent.
      const secrets = sent ? secretsOf(headers) : [];
      const failure = networkFailure(error, secrets);
      throw new APIConnectionError(
        `${operation}: ${sent ? connectionText(failure, from) : `could not sign the request (${failure.detail})`}.`,
        { cause: scrub(error, secrets), code: failure.code },
      );
    };

    const forceRefresh = state.forceRefresh === true;
    state.forceRefresh = false;
    let response: Response;
    try {
      // A provider that ignores the signal still cannot hold the call past its deadline.
      headers = await raceAbort(
        config.authorizer.authorize(request.method, url, headers, request.body, skewedNow, forceRefresh, link.signal),
        link.signal,
      );
      sent = true;
      state.attempts++;
      response = await config.fetch(url, {
        method: request.method,
        headers,
        // TS 5.9's lib narrows BodyInit to Uint8Array<ArrayBuffer>; every runtime accepts any Uint8Array.
        body: (request.body ?? null) as BodyInit | null,
        // A redirect would re-send the signed request, with its session token, to wherever it points.
        redirect: "manual",
        signal: link.signal,
      });
    } catch (error) {
      return fail(error);
    }
    const status = response.status;
    const requestId = requestIdOf(response.headers);

    if ((status > 299 && status < 400) || response.type === "opaqueredirect") {
      response.body?.cancel().catch(() => {});
      let to = "";
      try {
        to = ` to ${new URL(response.headers.get("location")!, url).origin}`;
      } catch {
        // No or a malformed Location: the status says enough.
      }
      return fail(new APIConnectionError(
        `${operation}: the endpoint answered with a redirect (HTTP ${status}${to}), which is not followed since it would carry the signed request; set \`endpoint\` to the final URL.`,
        { code: "UnexpectedRedirect", requestId, retryable: false },
      ));
    }
    const ok = response.ok && !response.headers.has("x-amzn-errortype");
    if (!ok || !stream) {
      const max = ok ? limits.maxResponseBytes : MAX_ERROR_BODY;
      let body: Uint8Array | undefined;
      try {
        if (ok && Number(response.headers.get("content-length")) > max) {
          response.body?.cancel().catch(() => {});
        } else {
          body = await readCapped(response.body, max, !ok);
        }
      } catch (error) {
        return fail(error);
      }
      link.done();
      if (!body) {
        link.abort();
        throw new ResponseTooLargeError(
          `${operation}: the response is larger than \`maxResponseBytes\` (${max} bytes); it was not read.`,
          { requestId },
        );
      }
      if (ok) return { status, headers: response.headers, body };
      // Only text that came back is redacted: a successful answer's body is the caller's, read as it is.
      const error = scrub(errorFromResponse(status, response.headers, body), secretsOf(headers));
      failedHeaders.set(error, response.headers);
      throw error;
    }
    // A stream: the timer covered the wait for headers; from here the event reader bounds each wait for the next
    // chunk (the call's `timeout`, and the deadline), and the caller's signal ends the body.
    link.clear();
    if (response.body === null) {
      link.done();
      throw new APIConnectionError(`${operation}: the response has no body.`, { requestId });
    }
    return {
      status,
      headers: response.headers,
      body: response.body,
      abort: link.abort,
      release: link.done,
      idleTimeoutMs: limits.timeout,
      deadline,
      overdue,
      secrets: secretsOf(headers),
      origin: from,
    };
  }

  /** Decides what follows a failure: the delay before the next attempt, or rethrowing the error. */
  async function afterFailure(
    error: unknown,
    options: RequestOptions | undefined,
    maxRetries: number,
    state: CallState,
  ): Promise<void> {
    if (!(error instanceof BedrockError) || error instanceof APIUserAbortError || error instanceof ConfigurationError) {
      throw error;
    }
    const headers = failedHeaders.get(error);
    if (error instanceof APIError && !state.skewRetried && isClockSkewError(error)) {
      let serverMs: number | undefined = Date.parse(headers?.get("date") ?? "");
      if (Number.isNaN(serverMs)) serverMs = serverTimeFromMessage(error.message);
      if (serverMs !== undefined) {
        // Kept for every later request of this client: the local clock will not fix itself.
        offsetMs = serverMs - config.now().getTime();
        state.skewRetried = true;
        return;
      }
    }
    if (error instanceof AuthenticationError || isExpiredCredentialsCode(error.code)) {
      if (config.authorizer.refreshable && !state.refreshed) {
        state.refreshed = true;
        state.forceRefresh = true;
        return;
      }
      throw error;
    }
    if (!error.retryable || state.retries >= maxRetries) throw error;
    const retryAfterMs = headers && parseRetryAfter(headers, config.now().getTime());
    const delay = backoffDelay(state.retries, retryAfterMs, config.retryTiming, config.random);
    // No time left to wait and try again: the failure itself is the answer.
    if (Date.now() + delay >= state.deadline!) throw error;
    state.retries++;
    await config.sleep(delay, options?.signal);
  }

  async function run(
    request: HttpRequest,
    options: RequestOptions | undefined,
    state: CallState,
    stream: boolean,
    previous?: { error: unknown },
  ): Promise<BufferedResponse | OpenResponse> {
    const limits = options
      ? checkLimits({
          maxRetries: options.maxRetries ?? config.maxRetries,
          timeout: options.timeout ?? config.timeout,
          totalTimeout: options.totalTimeout ?? config.totalTimeout,
          maxResponseBytes: options.maxResponseBytes ?? config.maxResponseBytes,
        })
      : config;
    const url = (request.baseUrl ?? config.baseUrl) + request.path;
    state.deadline ??= Date.now() + limits.totalTimeout;
    if (previous) await afterFailure(previous.error, options, limits.maxRetries, state);
    for (;;) {
      try {
        return await attempt(request, url, options, limits, state, stream);
      } catch (error) {
        await afterFailure(error, options, limits.maxRetries, state);
      }
    }
  }

  return {
    send: (request, options, state = newCallState()) => run(request, options, state, false) as Promise<BufferedResponse>,
    open: (request, options, state = newCallState()) => run(request, options, state, true) as Promise<OpenResponse>,
    reopen: (request, options, state, error) => run(request, options, state, true, { error }) as Promise<OpenResponse>,
    get clockOffsetMs() {
      return offsetMs;
    },
  };
}
