/**
 * The one place providers call `fetch`. Every credential request gets a deadline linked with the caller's signal,
 * is never redirected (it carries credentials or identity tokens), and its answer is read whole under a size cap
 * before the deadline ends. Failures become typed errors naming the service and origin (never the URL's query or
 * a header), and upstream text that goes into an error passes through `redact` with the request's secrets.
 * @internal
 */
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ConfigurationError,
  createAPIError,
  isBedrockError,
  ResponseTooLargeError,
  type APIError,
  type BedrockError,
} from "../errors";
import { linked, raceAbort } from "../internal/abort";
import { readCapped } from "../internal/read-capped";
import { redact, scrub, secretsOf } from "../internal/redact";
import { connectionText, networkFailure } from "../transport/network-error";
import type { FetchLike } from "./types";

/** A credential service's answer, read whole. */
export interface Answer {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
  /** What the request carried that must never be passed on: redact upstream text with these. */
  secrets: Array<string | undefined>;
}

/** How to send a credential request. */
export interface SendOptions {
  /** @defaultValue `globalThis.fetch` */
  fetch?: FetchLike | undefined;
  /** Milliseconds for the request and its answer's body. @defaultValue 10000 */
  timeout?: number | undefined;
  /** The caller's signal: when it aborts, the request is cancelled. */
  signal?: AbortSignal | undefined;
  /** Secrets the request carries beyond its auth headers (a token in the body, a token header). */
  secrets?: ReadonlyArray<string | undefined> | undefined;
}

// Credential answers are a few kilobytes; anything near this is not one.
const MAX_ANSWER = 1 << 20;

/**
 * `ms`, or `fallback` when it is undefined. Anything but a number of milliseconds a timer can hold is refused: a timer
 * given NaN, Infinity or more than 2^31 - 1 ms fires at once
 * (https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timer-initialisation-steps converts the delay to
 * a 32-bit signed integer, as Node does).
 */
export function timeoutOf(ms: unknown, fallback: number): number {
  if (ms === undefined) return fallback;
  if (typeof ms !== "number" || !(ms > 0 && ms < 2 ** 31)) {
    throw new ConfigurationError("timeout", "timeout must be a number of milliseconds from 1 to 2147483647.");
  }
  return ms;
}

/** The typed error for a caller's abort: its reason when that is already one of ours, else {@link APIUserAbortError}. */
export function abortError(reason: unknown, what: string): BedrockError {
  return isBedrockError(reason) ? reason : new APIUserAbortError(`${what} was aborted.`);
}

/**
 * Sends a request and reads its answer, within `timeout` ms and until `signal` aborts. A timeout is an
 * {@link APITimeoutError}, a caller's abort an {@link APIUserAbortError}, a redirect an {@link APIConnectionError}
 * with code `UnexpectedRedirect`, an answer over 1 MiB a {@link ResponseTooLargeError}, no answer at all an
 * {@link APIConnectionError} naming the origin and the system's reason (`could not connect to https://sts.… (ENOTFOUND)`).
 */
export async function send(
  url: string,
  init: RequestInit & { headers: Record<string, string> },
  what: string,
  options: SendOptions,
): Promise<Answer> {
  const f = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  // Endpoints are checked URLs (checkEndpoint, or the container variables' own check): this cannot throw.
  const origin = new URL(url).origin;
  if (typeof f !== "function") {
    throw new APIConnectionError(`${what}: no fetch function is available; pass one with the \`fetch\` option.`);
  }
  const ms = timeoutOf(options.timeout, 10_000);
  const deadline = linked([options.signal], ms);
  const secrets = [...secretsOf(init.headers), ...(options.secrets ?? [])];
  try {
    // Raced as well as signalled: an injected fetch may ignore the signal.
    return await raceAbort((async () => {
      // https://fetch.spec.whatwg.org/#concept-request-redirect-mode: "manual" hands back the 3xx (an opaque
      // redirect in browsers) instead of re-sending the body and headers to wherever it points.
      const response = await f(url, { ...init, redirect: "manual", signal: deadline.signal });
      const { status } = response;
      if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
        response.body?.cancel().catch(() => {});
        throw new APIConnectionError(
          `${what}: ${origin} answered with a redirect (HTTP ${status || "3xx"}); redirects are not followed, since the request carries credentials. Set the endpoint to the final URL.`,
          { code: "UnexpectedRedirect", retryable: false },
        );
      }
      const bytes = await readCapped(response.body, MAX_ANSWER);
      if (!bytes) throw new ResponseTooLargeError(`${what}: the answer from ${origin} is over 1 MiB; check the endpoint.`);
      return { status, ok: response.ok, headers: response.headers, text: new TextDecoder().decode(bytes), secrets };
    })(), deadline.signal);
  } catch (error) {
    if (deadline.timedOut()) {
      throw new APITimeoutError(`${what}: no answer from ${origin} within ${ms} ms; raise the \`timeout\` option if it is slow.`);
    }
    if (deadline.signal.aborted) throw abortError(deadline.signal.reason, what);
    if (isBedrockError(error)) throw error;
    // What failed and where (the origin, never the path or query), with the system's reason from the cause chain.
    // The cause is scrubbed too: fetch's message for a bad header value quotes the value.
    const failure = networkFailure(error, secrets);
    throw new APIConnectionError(`${what}: ${connectionText(failure, origin)}.`, { cause: scrub(error, secrets), code: failure.code });
  } finally {
    deadline.done();
  }
}

/** The typed error for an error answer. The upstream code, message and request id pass through `redact`. */
export function answerError(answer: Answer, what: string, code?: string, message?: string, requestId?: string | null): APIError {
  const clean = (text: string | null | undefined) => (text ? redact(text, answer.secrets) : undefined);
  return createAPIError({
    status: answer.status,
    code: clean(code),
    message: clean(`${what} failed: ${message ?? code ?? `HTTP ${answer.status}`}`),
    requestId: clean(requestId ?? answer.headers.get("x-amzn-requestid")),
  });
}

/** Builds the typed error for an error answer of a JSON-protocol AWS service (Cognito Identity, SSO portal). */
export function jsonServiceError(answer: Answer, what: string): APIError {
  const body = (readJson(answer) ?? {}) as { __type?: unknown; message?: unknown; Message?: unknown };
  // The code is in `x-amzn-ErrorType` or `__type`, possibly as `Code:namespace` or `namespace#Code`.
  const rawCode = answer.headers.get("x-amzn-errortype") ?? (typeof body.__type === "string" ? body.__type : undefined);
  const code = rawCode?.split(":")[0]?.split("#").pop()?.trim() || undefined;
  const message = typeof body.message === "string" ? body.message : typeof body.Message === "string" ? body.Message : undefined;
  return answerError(answer, what, code, message);
}

/** Parses the answer as JSON: an object, or `undefined` if it is not one. */
export function readJson(answer: Answer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(answer.text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
