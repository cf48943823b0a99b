/**
 * Error answers in the shape Bedrock Runtime really sends (see the recordings under `exchanges/errors/`):
 * the HTTP status, `x-amzn-ErrorType: <Code>:<namespace>`, `x-amzn-RequestId` and a JSON body `{"message": ...}`.
 * Authentication failures come from the Coral front end (namespace `com.amazon.coral.service`), the rest from
 * Bedrock itself (`com.amazon.bedrock`).
 */

const CORAL = "http://internal.amazon.com/coral/com.amazon.coral.service/";
const BEDROCK = "http://internal.amazon.com/coral/com.amazon.bedrock/";

const CORAL_CODES = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
]);

/** Builds an AWS-shaped JSON error response. */
export function awsErrorResponse(status: number, code: string, message: string, requestId: string): Response {
  const namespace = CORAL_CODES.has(code) ? CORAL : BEDROCK;
  return new Response(JSON.stringify({ message }), {
    status,
    headers: {
      "content-type": "application/json",
      "x-amzn-RequestId": requestId,
      "x-amzn-ErrorType": `${code}:${namespace}`,
    },
  });
}

/** A failure raised inside a handler, turned into {@link awsErrorResponse} at the top. */
export class EmulatedAwsError extends Error {
  override name = "EmulatedAwsError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `ValidationException` with the message Bedrock gives for an unknown model id. */
export function invalidModel(): EmulatedAwsError {
  return new EmulatedAwsError(400, "ValidationException", "The provided model identifier is invalid.");
}

/** `ValidationException` with a custom message. */
export function validation(message: string): EmulatedAwsError {
  return new EmulatedAwsError(400, "ValidationException", message);
}
