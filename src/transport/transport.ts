/**
 * The HTTP engine under every operation: auth per attempt (a fresh signature each time), fetch with a per-attempt
 * timeout and the caller's signal, error mapping, retries with backoff, credential refresh and clock-skew correction.
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
} from "../errors";
import type { Authorizer } from "./auth";
import { errorFromResponse, isClockSkewError, requestIdOf, serverTimeFromMessage } from "./errors";
import { backoffDelay, parseRetryAfter } from "./retry";
import type { RetryTiming, Sleep } from "./retry";
import type { HttpRequest, RequestOptions } from "./types";

export interface TransportConfig {
  /** Base URL without a trailing slash, from `resolveEndpoint`. */
  baseUrl: string;
  authorizer: Authorizer;
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  timeout: number;
  /** The local clock. */
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

/**
 * Checks retry and timeout limits, the client's options and one call's overrides alike.
 * @throws ConfigurationError naming `maxRetries` or `timeout`
 */
export function checkLimits(maxRetries: number, timeout: number): { maxRetries: number; timeout: number } {
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigurationError("maxRetries", "`maxRetries` must be a non-negative integer (0 disables retries).");
  }
  if (typeof timeout !== "number" || !(timeout > 0)) {
    throw new ConfigurationError("timeout", "`timeout` must be a positive number of milliseconds.");
  }
  return { maxRetries, timeout };
}

export function createTransport(config: TransportConfig): Transport {
  let offsetMs = 0;
  const skewedNow = () => (offsetMs === 0 ? config.now() : new Date(config.now().getTime() + offsetMs));

  /** One attempt. Resolves with a successful response (body read unless `stream`), or rejects with a typed error. */
  async function attempt(
    request: HttpRequest,
    url: string,
    options: RequestOptions | undefined,
    timeout: number,
    state: CallState,
    stream: boolean,
  ): Promise<BufferedResponse | OpenResponse> {
    const callerSignal = options?.signal;
    if (callerSignal?.aborted) throw new APIUserAbortError();
    let headers: Record<string, string> = { ...request.headers, ...options?.headers };
    const forceRefresh = state.forceRefresh === true;
    state.forceRefresh = false;
    headers = await config.authorizer.authorize(request.method, url, headers, request.body, skewedNow, forceRefresh);
    state.attempts++;

    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const release = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    };
    const fail = (error: unknown): never => {
      release();
      if (callerSignal?.aborted) throw new APIUserAbortError(undefined, { cause: error });
      if (timedOut) throw new APITimeoutError(`${request.operation} timed out after ${timeout} ms.`, { cause: error });
      if (error instanceof BedrockError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new APIConnectionError(`${request.operation}: connection error (${reason}).`, { cause: error });
    };

    let response: Response;
    try {
      response = await config.fetch(url, {
        method: request.method,
        headers,
        // TS 5.9's lib narrows BodyInit to Uint8Array<ArrayBuffer>; every runtime accepts any Uint8Array.
        body: (request.body ?? null) as BodyInit | null,
        signal: controller.signal,
      });
    } catch (error) {
      return fail(error);
    }

    const ok = response.ok && !response.headers.has("x-amzn-errortype");
    if (!ok || !stream) {
      let body: Uint8Array;
      try {
        body = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        return fail(error);
      }
      release();
      if (ok) return { status: response.status, headers: response.headers, body };
      const error = errorFromResponse(response.status, response.headers, body);
      failedHeaders.set(error, response.headers);
      throw error;
    }
    // A stream: the timeout covered the wait for headers; from here it bounds each wait for the next chunk (the
    // event reader enforces it), and the caller's signal ends the body.
    clearTimeout(timer);
    if (response.body === null) {
      release();
      throw new APIConnectionError(`${request.operation}: the response has no body.`, {
        requestId: requestIdOf(response.headers),
      });
    }
    return { status: response.status, headers: response.headers, body: response.body, abort: () => controller.abort(), release, idleTimeoutMs: timeout };
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
    const { maxRetries, timeout } = options
      ? checkLimits(options.maxRetries ?? config.maxRetries, options.timeout ?? config.timeout)
      : config;
    const url = config.baseUrl + request.path;
    if (previous) await afterFailure(previous.error, options, maxRetries, state);
    for (;;) {
      try {
        return await attempt(request, url, options, timeout, state, stream);
      } catch (error) {
        await afterFailure(error, options, maxRetries, state);
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
