/**
 * Why a request got no answer, told from what `fetch` threw. Runtimes wrap the system error: undici throws
 * `TypeError: fetch failed` whose `cause` is `Error: connect ECONNREFUSED 127.0.0.1:4010` with
 * `code: "ECONNREFUSED"` (or an `AggregateError` of one such error per address tried, and `code` on it), so the
 * reason is found by walking `cause` (https://nodejs.org/api/errors.html#common-system-errors lists the codes).
 * @internal
 */
import { redact } from "../internal/redact";

/** The reason of a failed request, ready for a message. */
export interface NetworkFailure {
  /** The system or runtime error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`), when one was given. */
  code: string | undefined;
  /** `ECONNREFUSED` when the message only repeats the code and the address; else `code: message`, or the message. */
  detail: string;
  /** The code says no connection was made (refused, unknown host, unreachable, TLS refused): nothing was sent. */
  connect: boolean;
}

// A code is an identifier; anything else in a `code` property is not passed on.
const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;
// Refused, unknown host, unreachable, connect timeout, certificate refused: no connection was made.
const CONNECT = /^E(?:CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)$|CONNECT|CERT/;

type Link = { code?: unknown; cause?: unknown; errors?: Array<{ message?: unknown }>; message?: unknown };

/**
 * The deepest code in `error`'s cause chain with its error's message, or the deepest message when no error has a
 * code. The text is redacted of `secrets` and of anything shaped like a credential, and cut to 200 characters.
 */
export function networkFailure(error: unknown, secrets: ReadonlyArray<string | undefined> = []): NetworkFailure {
  let code: string | undefined;
  let message = "";
  let e = error as Link | undefined;
  for (let depth = 0; depth < 8 && e; depth++) {
    // An AggregateError (one error per address tried) has an empty message; its first error says what happened.
    const m = e instanceof Error ? String(e.message || ((e as Link).errors?.[0]?.message ?? "")) : "";
    if (typeof e.code === "string" && CODE.test(e.code)) {
      code = e.code;
      message = m;
    } else if (!code && m) {
      message = m;
    }
    e = (e.cause ?? e.errors?.[0]) as Link | undefined;
  }
  message = redact(message, secrets).replace(/\s+/g, " ").trim().slice(0, 200);
  return {
    code,
    detail: !code ? message || "no reason given" : !message || message.includes(code) ? code : `${code}: ${message}`,
    connect: !!code && CONNECT.test(code),
  };
}

/** `could not connect to <origin> (ECONNREFUSED)`, or `the request to <origin> failed (...)` after connecting. */
export function connectionText(failure: NetworkFailure, origin: string): string {
  return failure.connect ? `could not connect to ${origin} (${failure.detail})` : `the request to ${origin} failed (${failure.detail})`;
}
