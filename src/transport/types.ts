/**
 * Shapes shared by the transport and the operations built on it, and the credentials provider the transport calls.
 */
import type { Credentials } from "../sigv4/types";


/** Per-call options accepted by every runtime operation. */
export interface RequestOptions {
  /** Cancels the call (and, for a stream, the body) when it aborts; the call then rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt until the response headers (and, for non-streaming calls, the whole body) arrive; for
   * streams, also the longest wait for the next chunk. */
  timeout?: number | undefined;
  /**
   * Milliseconds for the whole call: every attempt, backoff wait and credentials lookup, remote media downloads, and
   * for a stream its last event. Past it the call ends with a non-retryable `APITimeoutError`.
   */
  totalTimeout?: number | undefined;
  /** The largest non-streamed response body accepted, in bytes; a larger one is a `ResponseTooLargeError`. */
  maxResponseBytes?: number | undefined;
  /** Overrides the client's `maxRetries` for this call; 0 disables retries. */
  maxRetries?: number | undefined;
  /** Extra request headers, added before signing. */
  headers?: Record<string, string> | undefined;
}

/**
 * Facts about the exchange behind a result: from the response headers, and the latency and token counts from the
 * answer where the headers do not carry them. A stream's counts arrive with its last event: until the stream has
 * been read to its end they are `undefined`.
 */
export interface ResponseMetadata {
  /** HTTP status of the final attempt. */
  httpStatus: number;
  /** `x-amzn-RequestId`. */
  requestId: string | undefined;
  /**
   * Milliseconds the model took, as Bedrock reports it: InvokeModel's `x-amzn-Bedrock-Invocation-Latency` header,
   * Converse's `metrics.latencyMs`, ConverseStream's final `metadata` event, InvokeModelWithResponseStream's
   * `amazon-bedrock-invocationMetrics.invocationLatency` (last chunk). `undefined` for the other operations.
   */
  latencyMs: number | undefined;
  /**
   * Input tokens: InvokeModel's `x-amzn-Bedrock-Input-Token-Count` header, `usage.inputTokens` of Converse and of
   * ConverseStream's final `metadata` event, `inputTokenCount` of InvokeModelWithResponseStream's last chunk.
   * `undefined` for the other operations (CountTokens answers with its own `inputTokens`), or when not reported.
   */
  inputTokens: number | undefined;
  /** Output tokens, from the same places as {@link ResponseMetadata.inputTokens}. */
  outputTokens: number | undefined;
  /** How many attempts the call took (1 when it succeeded at once). */
  attempts: number;
}

/** One HTTP request as an operation describes it, before auth. @internal */
export interface HttpRequest {
  /** Operation name for messages, e.g. `Converse`. */
  operation: string;
  method: "GET" | "POST";
  /**
   * Path and query, already percent-encoded, starting with `/`. A query must be in SigV4 canonical form piece by
   * piece (`name=value`, letters-only names, values from `encodePathSegment`): the signer only sorts it
   * (see transport/auth.ts; test/transport/signing.test.ts holds it to the general signer).
   */
  path: string;
  /**
   * The base URL of another service signed under the same name (`bedrock`), already resolved and checked: the Agent
   * Runtime's for Rerank (transport/agent-runtime-endpoint.ts). The client's endpoint when absent.
   */
  baseUrl?: string | undefined;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

/** Options a caller (usually the transport) passes to a provider. */
export interface ProviderCallOptions {
  /**
   * Ignore anything cached and fetch new credentials, e.g. after the service answered `ExpiredTokenException`.
   * @defaultValue false
   */
  forceRefresh?: boolean;
  /**
   * Aborts when the caller stops waiting (its own signal, or the call's deadline). A provider passes it on to its
   * requests; a shared refresh (see `cached` in bedrock-fetch/credentials) is not cancelled by one caller leaving.
   */
  signal?: AbortSignal | undefined;
}

/**
 * A source of AWS credentials: an async function the transport calls before signing. The providers of
 * `bedrock-fetch/credentials` cache what they fetch (see its `cached`), so calling one per request is cheap.
 */
export type CredentialProvider = (options?: ProviderCallOptions) => Promise<Credentials>;
