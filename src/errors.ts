/**
 * Error classes shared by every layer. Each has a stable `name` (guards work across realms, where `instanceof`
 * does not), an OpenAI-like `status`, the AWS error `code`, the `requestId` and whether a retry may help.
 *
 * No message built here or anywhere in the library contains a secret key, session token, bearer token or
 * signature: messages are assembled from field names, model ids, operation names and the service's own text.
 */

export interface BedrockErrorInit {
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  retryable?: boolean | undefined;
  cause?: unknown;
}

/** Base class of every error the library throws. */
export class BedrockError extends Error {
  override name = "BedrockError";
  /** HTTP status of the response that caused it; `undefined` for connection, timeout, abort and input errors. */
  readonly status: number | undefined;
  /** AWS error code, e.g. `ThrottlingException`, or a library code such as `InvalidConfiguration`. */
  readonly code: string | undefined;
  /** The `x-amzn-RequestId` of the failed response, when there was one. */
  readonly requestId: string | undefined;
  /** Whether the same request may succeed if sent again. */
  readonly retryable: boolean;

  constructor(message: string, init: BedrockErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
  }
}

/** Bad input caught before any network call or crypto work. `field` names what to fix. */
export class ConfigurationError extends BedrockError {
  override name = "ConfigurationError";
  readonly field: string;
  constructor(field: string, message: string, init: BedrockErrorInit = {}) {
    super(message, { code: "InvalidConfiguration", ...init });
    this.field = field;
  }
}

/** The service answered with an error (an HTTP error status, or an exception frame inside a stream). */
export class APIError extends BedrockError {
  override name = "APIError";
}
/** 400: ValidationException, ConflictException, ServiceQuotaExceededException or another client error. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** The credentials or signature were rejected: expired token, unknown key id, bad signature. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** 403 AccessDeniedException: the identity may not call this model or operation. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 404 ResourceNotFoundException. */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 429 ThrottlingException: slow down and retry. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/** 429 ModelNotReadyException: the model is being loaded; retrying shortly usually succeeds. */
export class ModelNotReadyError extends APIError {
  override name = "ModelNotReadyError";
}
/** 408 ModelTimeoutException. */
export class ModelTimeoutError extends APIError {
  override name = "ModelTimeoutError";
}
/** 424 ModelErrorException or ModelStreamErrorException: the model itself failed. */
export class ModelError extends APIError {
  override name = "ModelError";
}
/** 500 InternalServerException or another 5xx. */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}
/** 503 ServiceUnavailableException. */
export class ServiceUnavailableError extends APIError {
  override name = "ServiceUnavailableError";
}

/** The request never got a response: DNS, connection reset, TLS, a body that could not be read. */
export class APIConnectionError extends BedrockError {
  override name = "APIConnectionError";
  constructor(message: string, init: BedrockErrorInit = {}) {
    super(message, { retryable: true, ...init, status: undefined });
  }
}
/** The configured `timeout` elapsed. */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
}
/** The caller's `AbortSignal` fired, or the caller stopped reading a stream. */
export class APIUserAbortError extends BedrockError {
  override name = "APIUserAbortError";
  constructor(message = "Request was aborted.", init: BedrockErrorInit = {}) {
    super(message, { ...init, status: undefined, retryable: false });
  }
}

type APIErrorClass = new (message: string, init?: BedrockErrorInit) => APIError;

const AUTH_CODES = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidClientTokenId",
  "InvalidAccessKeyId",
  "TokenRefreshRequired",
]);

// Codes from the Bedrock Runtime service model (shapes with the `error` trait and their `httpStatusCode`), plus
// the Coral/STS generic ones. The status fills in for exception frames, which carry a code but no HTTP status.
const BY_CODE: Record<string, [APIErrorClass, number, boolean]> = {
  ValidationException: [BadRequestError, 400, false],
  ConflictException: [BadRequestError, 400, false],
  ServiceQuotaExceededException: [BadRequestError, 400, false],
  AccessDeniedException: [PermissionDeniedError, 403, false],
  ResourceNotFoundException: [NotFoundError, 404, false],
  ThrottlingException: [RateLimitError, 429, true],
  TooManyRequestsException: [RateLimitError, 429, true],
  ModelNotReadyException: [ModelNotReadyError, 429, true],
  ModelTimeoutException: [ModelTimeoutError, 408, false],
  ModelErrorException: [ModelError, 424, false],
  ModelStreamErrorException: [ModelError, 424, false],
  InternalServerException: [InternalServerError, 500, true],
  InternalFailure: [InternalServerError, 500, true],
  ServiceUnavailableException: [ServiceUnavailableError, 503, true],
  ServiceUnavailable: [ServiceUnavailableError, 503, true],
};

/** Codes whose failure means the credentials should be refreshed before trying again. */
export function isExpiredCredentialsCode(code: string | undefined): boolean {
  return code === "ExpiredTokenException" || code === "ExpiredToken" || code === "TokenRefreshRequired";
}

/**
 * Builds the error class that fits an AWS error: by its code first (the part of `x-amzn-ErrorType` before `:`,
 * or an exception frame's `:exception-type`, any letter case), then by HTTP status.
 */
export function createAPIError(init: {
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}): APIError {
  const code = normaliseCode(init.code);
  const known = code === undefined ? undefined : BY_CODE[code];
  const status = init.status ?? known?.[1] ?? (code !== undefined && AUTH_CODES.has(code) ? 403 : undefined);
  const text = init.message || code || (status === undefined ? "Bedrock error" : `HTTP ${status}`);
  const base = { status, code, requestId: init.requestId, cause: init.cause };
  if (code !== undefined && AUTH_CODES.has(code)) return new AuthenticationError(text, { ...base, retryable: false });
  if (known) return new known[0](text, { ...base, retryable: known[2] });
  if (status === 401) return new AuthenticationError(text, { ...base, retryable: false });
  if (status === 403) return new PermissionDeniedError(text, { ...base, retryable: false });
  if (status === 404) return new NotFoundError(text, { ...base, retryable: false });
  if (status === 408) return new ModelTimeoutError(text, { ...base, retryable: false });
  if (status === 424) return new ModelError(text, { ...base, retryable: false });
  if (status === 429) return new RateLimitError(text, { ...base, retryable: true });
  if (status === 503) return new ServiceUnavailableError(text, { ...base, retryable: true });
  if (status !== undefined && status >= 500) return new InternalServerError(text, { ...base, retryable: true });
  if (status !== undefined && status >= 400) return new BadRequestError(text, { ...base, retryable: false });
  return new APIError(text, { ...base, retryable: false });
}

// Exception frames name the type in lowerCamelCase (`throttlingException`); x-amzn-ErrorType carries a suffix.
function normaliseCode(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const bare = code.split(":")[0]!.trim();
  if (!bare) return undefined;
  return bare[0]!.toUpperCase() + bare.slice(1);
}

/** True for any error thrown by this library, across realms and bundled copies. */
export function isBedrockError(error: unknown): error is BedrockError {
  return (
    error instanceof Error &&
    typeof (error as { retryable?: unknown }).retryable === "boolean" &&
    "requestId" in error &&
    "code" in error
  );
}
