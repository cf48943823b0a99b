/**
 * Errors in OpenAI's wire shape, `{ "error": { "message", "type", "param", "code" } }`
 * (https://platform.openai.com/docs/guides/error-codes, and the `error` object OpenAI's API returns), so that
 * OpenAI clients raise their usual exception classes. Library errors map by their `status`; a
 * {@link ConfigurationError} is the client's bad input: 400 with `param` naming the field.
 *
 * Messages come from the library's errors (which never contain a secret) or from this module; an unexpected error
 * (a bug) is answered with a generic message, since its text is not known to be safe.
 */
import { ConfigurationError, isBedrockError } from "../errors";

/** The body of an OpenAI error response. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An error the proxy answers itself (bad request, unknown model, wrong key) with a chosen status. */
export class ProxyRequestError extends Error {
  override name = "ProxyRequestError";
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  constructor(status: number, message: string, init: { type?: string; param?: string | null; code?: string | null } = {}) {
    super(message);
    this.status = status;
    this.type = init.type ?? typeForStatus(status);
    this.param = init.param ?? null;
    this.code = init.code ?? null;
  }
}

function typeForStatus(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status === 408 || status === 504) return "timeout_error";
  // 424: the model itself failed (ModelErrorException, ModelStreamErrorException), not the request.
  if (status >= 500 || status === 424) return "server_error";
  return "invalid_request_error";
}

/**
 * Status and OpenAI body for any thrown value.
 *
 * @param streamStarted - the error ended a response stream after its first event: a connection failure then
 *   broke an answer that was under way, rather than leaving Bedrock unreached. @defaultValue false
 */
export function describeError(error: unknown, streamStarted = false): { status: number; body: OpenAIErrorBody } {
  const wrap = (status: number, message: string, type: string, param: string | null, code: string | null) => ({
    status,
    body: { error: { message, type, param, code } },
  });
  if (error instanceof ProxyRequestError) return wrap(error.status, error.message, error.type, error.param, error.code);
  if (isUnusableCredentials(error)) {
    return wrap(500, `The proxy's Bedrock credentials cannot be used: ${error.message}`, "server_error", null, error.code ?? null);
  }
  if (error instanceof ConfigurationError || (isBedrockError(error) && error.name === "ConfigurationError")) {
    const field = (error as ConfigurationError).field;
    return wrap(400, error.message, "invalid_request_error", typeof field === "string" ? field : null, "invalid_parameter");
  }
  if (isBedrockError(error)) {
    const code = error.code ?? null;
    // The call's deadline, a credentials endpoint's or a media download's: the error's message says which.
    if (error.name === "APITimeoutError") return wrap(504, `The request did not finish in time: ${error.message}`, "timeout_error", null, code);
    if (error.name === "APIUserAbortError") return wrap(499, "The client closed the request.", "invalid_request_error", null, code);
    // No status: no complete answer came (connection refused, DNS, TLS, a body or stream that broke off): the
    // gateway failed. The error's own message says which.
    if (error.status === undefined) {
      // The client is told what went wrong but not where: upstream host names stay for `onError`'s log.
      const why = error.message.replace(/\bhttps?:\/\/[^\s)]+/g, "the upstream endpoint");
      return wrap(502, `${streamStarted ? "The Bedrock response stream failed after it started" : "The request to Bedrock failed"}: ${why}`, "server_error", null, code);
    }
    const status = error.status >= 400 && error.status <= 599 ? error.status : 502;
    return wrap(status, error.message, typeForStatus(status), null, code);
  }
  return wrap(500, "The proxy failed to handle the request; see its logs.", "server_error", null, null);
}

/**
 * Whether `error` is a configuration error about the credentials the proxy signs with (expired, or a provider that
 * answered with something unusable), raised while a request was being sent: the proxy's fault, not the client's.
 */
export function isUnusableCredentials(error: unknown): error is ConfigurationError {
  return isBedrockError(error) && error.name === "ConfigurationError" && (error as ConfigurationError).field === "credentials";
}

/** Headers every JSON answer carries. */
export const JSON_HEADERS: Readonly<Record<string, string>> = { "content-type": "application/json" };

/** An OpenAI-shaped JSON error response for any thrown value. */
export function errorResponse(error: unknown): Response {
  const { status, body } = describeError(error);
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}
