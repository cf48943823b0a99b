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
  // `declare`d fields are set in the constructor only: no empty field definitions in the emitted class.
  /** HTTP status of the response that caused it; `undefined` for connection, timeout, abort and input errors. */
  declare readonly status: number | undefined;
  /** AWS error code, e.g. `ThrottlingException`, or a library code such as `InvalidConfiguration`. */
  declare readonly code: string | undefined;
  /** The `x-amzn-RequestId` of the failed response, when there was one. */
  declare readonly requestId: string | undefined;
  /** Whether the same request may succeed if sent again. */
  declare readonly retryable: boolean;

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
  declare readonly field: string;
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
/**
 * A response body (or a download) was larger than the configured cap (`maxResponseBytes`), so it was cut off unread:
 * an endless or oversized answer costs bounded memory.
 */
export class ResponseTooLargeError extends BedrockError {
  override name = "ResponseTooLargeError";
  constructor(message: string, init: BedrockErrorInit = {}) {
    super(message, { code: "ResponseTooLarge", ...init, retryable: false });
  }
}
/** The caller's `AbortSignal` fired, or the caller stopped reading a stream. */
export class APIUserAbortError extends BedrockError {
  override name = "APIUserAbortError";
  constructor(message = "Request was aborted.", init: BedrockErrorInit = {}) {
    super(message, { ...init, status: undefined, retryable: false });
  }
}

type APIErrorClass = new (message: string, init?: BedrockErrorInit) => APIError;

// Codes from the Bedrock Runtime service model (shapes with the `error` trait and their `httpStatusCode`), plus
// the Coral/STS generic ones, each with the status that picks its class below. The status also fills in for
// exception frames, which carry a code but no HTTP status. 401 marks the credential codes: AuthenticationError,
// reported as status 403 when the response gave none.
const BY_CODE: Record<string, number> = {
  ValidationException: 400,
  ConflictException: 400,
  ServiceQuotaExceededException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  TooManyRequestsException: 429,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  InternalServerException: 500,
  InternalFailure: 500,
  ServiceUnavailableException: 503,
  ServiceUnavailable: 503,
  UnrecognizedClientException: 401,
  InvalidSignatureException: 401,
  SignatureDoesNotMatch: 401,
  IncompleteSignatureException: 401,
  MissingAuthenticationTokenException: 401,
  ExpiredTokenException: 401,
  ExpiredToken: 401,
  InvalidClientTokenId: 401,
  InvalidAccessKeyId: 401,
  TokenRefreshRequired: 401,
};

// The class of a status; other 5xx are InternalServerError, other 4xx BadRequestError.
const BY_STATUS: Record<number, APIErrorClass> = {
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: ModelTimeoutError,
  424: ModelError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};

/** Codes whose failure means the credentials should be refreshed before trying again. */
export function isExpiredCredentialsCode(code: string | undefined): boolean {
  return code === "ExpiredTokenException" || code === "ExpiredToken" || code === "TokenRefreshRequired";
}

/**
 * Builds the error class that fits an AWS error: by its code first (the part of `x-amzn-ErrorType` before `:`,
 * or an exception frame's `:exception-type`, any letter case), then by HTTP status. Throttling, model-not-ready
 * and 5xx errors are retryable.
 */
export function createAPIError(init: {
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}): APIError {
  const code = normaliseCode(init.code);
  const found = code === undefined ? undefined : BY_CODE[code];
  const known = typeof found === "number" ? found : undefined;
  const status = init.status ?? (known === 401 ? 403 : known);
  // What classifies: the code's own status when the code is known, else the response's.
  const s = (known ?? status)!;
  const Class =
    code === "ModelNotReadyException" ? ModelNotReadyError : BY_STATUS[s] ?? (s >= 500 ? InternalServerError : s >= 400 ? BadRequestError : APIError);
  const text = init.message || code || (status === undefined ? "Bedrock error" : `HTTP ${status}`);
  return new Class(text, { status, code, requestId: init.requestId, cause: init.cause, retryable: s === 429 || s >= 500 });
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
