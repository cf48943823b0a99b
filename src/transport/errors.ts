/**
 * From an HTTP error response to a typed error. Bedrock Runtime is a rest-json service: the error code travels in
 * the `x-amzn-ErrorType` header (`ValidationException:http://internal.amazon.com/coral/...`, the code is the part
 * before the colon) and/or the body's `__type`, the text in the body's `message` (or `Message`); see
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html.
 * @internal
 */
import { createAPIError } from "../errors";
import type { APIError } from "../errors";
import { isRecord } from "../internal/is-record";

const utf8 = /* @__PURE__ */ new TextDecoder();
// The service's own text is safe to show, but an HTML page from a proxy is not useful past a few lines.
const MAX_MESSAGE = 1000;

/**
 * Builds the error for a response that failed: a non-2xx status, or a 2xx with `x-amzn-ErrorType` set.
 *
 * @param status - the HTTP status
 * @param headers - the response headers
 * @param body - the response body as read (may be empty or not JSON)
 */
export function errorFromResponse(status: number, headers: Headers, body: Uint8Array | string): APIError {
  const text = typeof body === "string" ? body : utf8.decode(body);
  let parsed: Record<string, unknown> | undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) parsed = value;
  } catch {
    // Empty, or not JSON (a load balancer's HTML page): the raw text is the message.
  }
  // A body `__type` may carry a namespace (`com.amazon.coral.validate#ValidationException`); createAPIError keeps
  // the part of either before any `:`.
  const type = typeof parsed?.__type === "string" ? parsed.__type : parsed?.code;
  const message = parsed ? (parsed.message ?? parsed.Message) : text.trim().slice(0, MAX_MESSAGE);
  return createAPIError({
    status: status >= 200 && status < 300 ? undefined : status,
    code: headers.get("x-amzn-errortype") || (typeof type === "string" ? type.slice(type.lastIndexOf("#") + 1) : undefined),
    message: typeof message === "string" ? message : undefined,
    requestId: requestIdOf(headers),
  });
}

/** The service's request id: `x-amzn-RequestId` (Headers lookups are case-insensitive). */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-amzn-requestid") ?? headers.get("x-amz-request-id") ?? undefined;
}

/**
 * Whether an error means "your clock is off": SigV4 signatures are valid for five minutes around the server's time
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html, "signature expired" / "not yet current").
 */
export function isClockSkewError(error: APIError): boolean {
  const code = error.code;
  if (code === "RequestTimeTooSkewed" || code === "RequestExpired" || code === "RequestInTheFuture") return true;
  if (code === "InvalidSignatureException" || code === "SignatureDoesNotMatch" || code === undefined) {
    return /Signature expired|Signature not yet current/i.test(error.message);
  }
  return false;
}

/**
 * The server's time as a clock-skew error states it, for responses without a `Date` header (some proxies strip it):
 * "Signature expired: 20250130T064508Z is now earlier than 20250210T013411Z (20250210T013911Z - 5 min.)"; the time
 * in parentheses is the server's.
 */
export function serverTimeFromMessage(message: string): number | undefined {
  const m = /\((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\s*[-+]/.exec(message);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
