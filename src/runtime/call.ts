/**
 * What every non-streaming operation does with its HTTP request: send it and parse the JSON answer; plus the typed
 * `$metadata` of a response. Shared by the operation functions in operations.ts (the streaming ones open their
 * request through event-reader.ts).
 * @internal
 */
import { APIError } from "../errors";
import { requestIdOf } from "../transport/errors";
import { newCallState } from "../transport/transport";
import type { BufferedResponse, Transport } from "../transport/transport";
import type { HttpRequest, RequestOptions, ResponseMetadata } from "../transport/types";

const utf8 = /* @__PURE__ */ new TextDecoder();

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Typed facts from the response headers (names per the InvokeModel docs; `Headers` lookups ignore case). */
export function metadataOf(response: { status: number; headers: Headers }, attempts: number): ResponseMetadata {
  const h = response.headers;
  return {
    httpStatus: response.status,
    requestId: requestIdOf(h),
    latencyMs: numberHeader(h, "x-amzn-bedrock-invocation-latency"),
    inputTokens: numberHeader(h, "x-amzn-bedrock-input-token-count"),
    outputTokens: numberHeader(h, "x-amzn-bedrock-output-token-count"),
    attempts,
  };
}

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * Completes `$metadata` from the answer itself where the headers said nothing (only InvokeModel's carry latency and
 * token counts): Converse's `metrics.latencyMs` and `usage`, the `metadata` event ending a ConverseStream, the
 * `amazon-bedrock-invocationMetrics` of an InvokeModelWithResponseStream's last chunk. Values that are not
 * non-negative numbers are ignored.
 */
export function fillMetadata(metadata: ResponseMetadata, latencyMs: unknown, inputTokens: unknown, outputTokens: unknown): void {
  metadata.latencyMs ??= count(latencyMs);
  metadata.inputTokens ??= count(inputTokens);
  metadata.outputTokens ??= count(outputTokens);
}

function parseJson(response: BufferedResponse, operation: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(utf8.decode(response.body));
    if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  } catch {
    // handled below
  }
  throw new APIError(`${operation}: the service answered ${response.status} with a body that is not a JSON object.`, {
    status: response.status,
    code: "InvalidResponse",
    requestId: requestIdOf(response.headers),
  });
}

/** Sends a request, reading the whole body; `attempts` is how many it took. */
export async function sendRequest(
  transport: Transport,
  request: HttpRequest,
  options: RequestOptions | undefined,
): Promise<{ response: BufferedResponse; attempts: number }> {
  const state = newCallState();
  const response = await transport.send(request, options, state);
  return { response, attempts: state.attempts };
}

/** Sends a request and returns its JSON object answer with `$metadata`. */
export async function sendJson<T>(
  transport: Transport,
  request: HttpRequest,
  options: RequestOptions | undefined,
): Promise<T & { $metadata: ResponseMetadata }> {
  const { response, attempts } = await sendRequest(transport, request, options);
  const result = parseJson(response, request.operation) as T & { $metadata: ResponseMetadata };
  result.$metadata = metadataOf(response, attempts);
  return result;
}
