/**
 * @module transport
 * Endpoint resolution, auth, retries and error mapping under the runtime operations. Internal except for the
 * types and helpers re-exported from the package entry.
 */
export { resolveEndpoint, partitionOf } from "./endpoints";
export type { EndpointParams } from "./endpoints";
export { bearerAuthorizer, sigv4Authorizer, validateCredentials } from "./auth";
export type { Authorizer } from "./auth";
export { errorFromResponse, isClockSkewError, requestIdOf } from "./errors";
export { abortableSleep, backoffDelay, parseRetryAfter, DEFAULT_RETRY_TIMING } from "./retry";
export type { RetryTiming, Sleep } from "./retry";
export { createTransport, newCallState } from "./transport";
export type { BufferedResponse, CallState, OpenResponse, Transport, TransportConfig } from "./transport";
export type { HttpRequest, RequestOptions, ResponseMetadata } from "./types";
