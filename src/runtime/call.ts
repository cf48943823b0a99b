/**
 * What every operation does with its HTTP request: send it and parse the JSON answer, or open it as an event stream;
 * plus the typed `$metadata` of a response. Shared by the operation functions in operations.ts.
 * @internal
 */
import { APIError } from "../errors";
import { Stream } from "../stream";
import { requestIdOf } from "../transport/errors";
import { newCallState } from "../transport/transport";
import type { BufferedResponse, OpenResponse, Transport } from "../transport/transport";
import type { HttpRequest, RequestOptions, ResponseMetadata } from "../transport/types";
import type { ChunkDecoder } from "../event-stream/events";
import { readEvents } from "./event-reader";

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

/** Links the caller's signal to a controller the stream owns, so `stream.abort()` and the caller both cancel it. */
function streamController(options: RequestOptions | undefined): { controller: AbortController; unlink(): void } {
  const controller = new AbortController();
  const signal = options?.signal;
  if (!signal) return { controller, unlink: () => {} };
  if (signal.aborted) controller.abort(signal.reason);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return { controller, unlink: () => signal.removeEventListener("abort", onAbort) };
}

/**
 * Opens an event-stream response: resolves once the headers of a successful response arrived, with a
 * {@link Stream} of its events carrying `describe(response)` (refreshed when a failed start is re-opened).
 *
 * @param checkEnd - validates the event types seen once the body ended cleanly
 * @param chunk - decodes `chunk` events, for the one operation that receives them
 */
export async function openStream<E, M extends { $metadata: ResponseMetadata }>(
  transport: Transport,
  request: HttpRequest,
  options: RequestOptions | undefined,
  describe: (response: OpenResponse, attempts: number) => M,
  checkEnd: (seen: ReadonlySet<string>) => void,
  chunk?: ChunkDecoder,
): Promise<Stream<E> & M> {
  const { controller, unlink } = streamController(options);
  const callOptions: RequestOptions = { ...options, signal: controller.signal };
  const state = newCallState();
  let first: OpenResponse;
  try {
    first = await transport.open(request, callOptions, state);
  } catch (error) {
    unlink();
    throw error;
  }
  const result = new Stream<E>(async function* () {
    try {
      yield* readEvents(first, {
        transport,
        request,
        options: callOptions,
        state,
        controller,
        checkEnd,
        chunk,
        // A re-opened stream has its own request id and headers.
        onResponse: (response) => Object.assign(result, describe(response, state.attempts)),
      }) as AsyncGenerator<E>;
    } finally {
      unlink();
    }
  }, controller) as Stream<E> & M;
  return Object.assign(result, describe(first, state.attempts));
}
