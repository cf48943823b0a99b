/**
 * Errors in the shape of Anthropic's API (https://docs.anthropic.com/en/api/errors):
 * `{"type": "error", "error": {"type": "invalid_request_error", "message": "..."}}`, with the status each type goes
 * with (400 invalid_request_error, 401 authentication_error, 403 permission_error, 404 not_found_error,
 * 413 request_too_large, 429 rate_limit_error, 500 api_error, 529 overloaded_error), so that Anthropic's SDKs raise
 * their usual typed errors. The status and message come from the proxy's own mapping ({@link describeError}), which
 * never passes on a secret or an upstream host name; only the wrapping differs.
 */
import { describeError, JSON_HEADERS, ProxyRequestError } from "../errors";

/** The body of an Anthropic error response, and of an `error` event in a stream. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
}

function typeForStatus(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  // 424: the model failed (ModelErrorException); 5xx: the proxy, Bedrock or the connection between them.
  if (status >= 500 || status === 424) return "api_error";
  return "invalid_request_error";
}

/**
 * Status and Anthropic-shaped body for any thrown value. Bedrock's 503 (ServiceUnavailableException: "Bedrock is
 * unable to process your request") is answered as Anthropic answers an overloaded API: 529 `overloaded_error`.
 *
 * @param streamStarted - the error ended a stream after its first event. @defaultValue false
 */
export function describeAnthropicError(error: unknown, streamStarted = false): { status: number; body: AnthropicErrorBody } {
  const described = describeError(error, streamStarted);
  let status = described.status === 503 ? 529 : described.status;
  let message = described.body.error.message;
  if (error instanceof ProxyRequestError && error.status === 401) {
    // The OpenAI routes' message names the Bearer header; Anthropic clients send the key as x-api-key.
    message = message.replace("send `Authorization: Bearer <key>`", "send `x-api-key: <key>` (or `Authorization: Bearer <key>`)");
  }
  if (status < 400 || status > 599) status = 500;
  return { status, body: { type: "error", error: { type: typeForStatus(status), message } } };
}

/** An Anthropic-shaped JSON error response for any thrown value. */
export function anthropicErrorResponse(error: unknown): Response {
  const { status, body } = describeAnthropicError(error);
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** A 400 naming the JSON path of the offending field, as the Messages API's validation errors do. */
export function invalidField(path: string, message: string): ProxyRequestError {
  return new ProxyRequestError(400, `\`${path}\`: ${message}`, { param: path, code: "invalid_parameter" });
}
