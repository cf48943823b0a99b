/**
 * The Bedrock Runtime operations over a transport. Each call builds its HTTP request, sends it with retries, and
 * returns the parsed result with `$metadata`; the streaming ones return a {@link Stream} once the response headers
 * have arrived, so HTTP errors reject the call itself while exception frames are thrown from the iterator.
 */
import { APIError } from "../errors";
import { Stream } from "../stream";
import { requestIdOf } from "../transport/errors";
import { newCallState } from "../transport/transport";
import type { BufferedResponse, OpenResponse, Transport } from "../transport/transport";
import type { HttpRequest, RequestOptions, ResponseMetadata } from "../transport/types";
import { readEvents, requireConverseEnd, requireSomeEvent } from "./event-reader";
import type {
  ApplyGuardrailInput,
  ApplyGuardrailResult,
  ConverseInput,
  ConverseResult,
  ConverseStreamEvent,
  ConverseStreamInput,
  ConverseStreamResult,
  CountTokensResult,
  GetAsyncInvokeInput,
  GetAsyncInvokeResult,
  InvokeModelInput,
  InvokeModelResult,
  InvokeModelStreamEvent,
  InvokeModelStreamResult,
  InvokeModelWithResponseStreamInput,
  ListAsyncInvokesInput,
  ListAsyncInvokesResult,
  StartAsyncInvokeInput,
  StartAsyncInvokeResult,
} from "./io-types";
import {
  applyGuardrailRequest,
  getAsyncInvokeRequest,
  invokeRequest,
  listAsyncInvokesRequest,
  modelJsonRequest,
  startAsyncInvokeRequest,
} from "./requests";
import type { CountTokensRequest, PerformanceConfigLatency, ServiceTierType } from "./types";

/** The raw, typed Bedrock Runtime operations. Every method takes per-call {@link RequestOptions}. */
export interface BedrockRuntime {
  /** InvokeModel: the model's native request and response bodies. */
  invokeModel(input: InvokeModelInput, options?: RequestOptions): Promise<InvokeModelResult>;
  /** InvokeModelWithResponseStream: the model's native stream events. */
  invokeModelWithResponseStream(input: InvokeModelWithResponseStreamInput, options?: RequestOptions): Promise<InvokeModelStreamResult>;
  /** Converse: one model-agnostic chat turn. */
  converse(input: ConverseInput, options?: RequestOptions): Promise<ConverseResult>;
  /** ConverseStream: a chat turn as events, ending with `messageStop` and `metadata`. */
  converseStream(input: ConverseStreamInput, options?: RequestOptions): Promise<ConverseStreamResult>;
  /** CountTokens: the input token count of a request, without running inference. */
  countTokens(input: CountTokensRequest, options?: RequestOptions): Promise<CountTokensResult>;
  /** ApplyGuardrail: checks content against a guardrail. */
  applyGuardrail(input: ApplyGuardrailInput, options?: RequestOptions): Promise<ApplyGuardrailResult>;
  /** StartAsyncInvoke: starts a job whose output goes to S3. */
  startAsyncInvoke(input: StartAsyncInvokeInput, options?: RequestOptions): Promise<StartAsyncInvokeResult>;
  /** GetAsyncInvoke: the status of a job. */
  getAsyncInvoke(input: GetAsyncInvokeInput, options?: RequestOptions): Promise<GetAsyncInvokeResult>;
  /** ListAsyncInvokes: one page of jobs; pass `nextToken` for the next. */
  listAsyncInvokes(input?: ListAsyncInvokesInput, options?: RequestOptions): Promise<ListAsyncInvokesResult>;
}

const utf8 = /* @__PURE__ */ new TextDecoder();

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Typed facts from the response headers (names per the InvokeModel docs; `Headers` lookups ignore case). */
function metadataOf(response: { status: number; headers: Headers }, attempts: number): ResponseMetadata {
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

/** Creates the runtime operations over a transport. */
export function createRuntime(transport: Transport): BedrockRuntime {
  async function json<T>(request: HttpRequest, options: RequestOptions | undefined): Promise<T & { $metadata: ResponseMetadata }> {
    const state = newCallState();
    const response = await transport.send(request, options, state);
    const result = parseJson(response, request.operation) as T & { $metadata: ResponseMetadata };
    result.$metadata = metadataOf(response, state.attempts);
    return result;
  }

  async function stream<E, M extends { $metadata: ResponseMetadata }>(
    request: HttpRequest,
    options: RequestOptions | undefined,
    describe: (response: OpenResponse, attempts: number) => M,
    checkEnd: (seen: ReadonlySet<string>) => void,
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
          // A re-opened stream has its own request id and headers.
          onResponse: (response) => Object.assign(result, describe(response, state.attempts)),
        }) as AsyncGenerator<E>;
      } finally {
        unlink();
      }
    }, controller) as Stream<E> & M;
    return Object.assign(result, describe(first, state.attempts));
  }

  const streamMetadata = (response: OpenResponse, attempts: number) => ({ $metadata: metadataOf(response, attempts) });

  return {
    async invokeModel(input, options) {
      const request = invokeRequest(input, false);
      const state = newCallState();
      const response = await transport.send(request, options, state);
      const h = response.headers;
      const result: InvokeModelResult = {
        body: response.body,
        contentType: h.get("content-type") ?? "application/json",
        $metadata: metadataOf(response, state.attempts),
      };
      const latency = h.get("x-amzn-bedrock-performanceconfig-latency");
      if (latency !== null) result.performanceConfigLatency = latency as PerformanceConfigLatency;
      const tier = h.get("x-amzn-bedrock-service-tier");
      if (tier !== null) result.serviceTier = tier as ServiceTierType;
      return result;
    },

    async invokeModelWithResponseStream(input, options) {
      const request = invokeRequest(input, true);
      return stream<InvokeModelStreamEvent, Omit<InvokeModelStreamResult, keyof Stream<InvokeModelStreamEvent>>>(
        request,
        options,
        (response, attempts) => {
          const h = response.headers;
          const described: Omit<InvokeModelStreamResult, keyof Stream<InvokeModelStreamEvent>> = {
            contentType: h.get("x-amzn-bedrock-content-type") ?? undefined,
            $metadata: metadataOf(response, attempts),
          };
          const latency = h.get("x-amzn-bedrock-performanceconfig-latency");
          if (latency !== null) described.performanceConfigLatency = latency as PerformanceConfigLatency;
          const tier = h.get("x-amzn-bedrock-service-tier");
          if (tier !== null) described.serviceTier = tier as ServiceTierType;
          return described;
        },
        requireSomeEvent,
      ) as Promise<InvokeModelStreamResult>;
    },

    converse: async (input, options) => json(modelJsonRequest("Converse", "converse", input, false), options),

    async converseStream(input, options) {
      const request = modelJsonRequest("ConverseStream", "converse-stream", input, true);
      return stream<ConverseStreamEvent, { $metadata: ResponseMetadata }>(request, options, streamMetadata, requireConverseEnd);
    },

    countTokens: async (input, options) => json(modelJsonRequest("CountTokens", "count-tokens", input, false), options),
    applyGuardrail: async (input, options) => json(applyGuardrailRequest(input), options),
    startAsyncInvoke: async (input, options) => json(startAsyncInvokeRequest(input), options),
    getAsyncInvoke: async (input, options) => json(getAsyncInvokeRequest(input), options),
    listAsyncInvokes: async (input, options) => json(listAsyncInvokesRequest(input), options),
  };
}
