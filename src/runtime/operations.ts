/**
 * The Bedrock Runtime operations, one exported function each, over a client's transport. Each call builds its HTTP
 * request, sends it with retries, and returns the parsed result with `$metadata`; the streaming ones return a
 * {@link Stream} once the response headers have arrived, so HTTP errors reject the call itself while exception
 * frames are thrown from the iterator. Being separate functions, an app bundles only the operations it calls
 * (see {@link createBedrockClient}); {@link createRuntime} composes all of them into `bedrock.runtime`.
 */
import { decodeChunk } from "../event-stream/chunk";
import type { Stream } from "../stream";
import type { BedrockStreamEvent } from "../event-stream/events";
import type { Transport } from "../transport/transport";
import type { RequestOptions, ResponseMetadata } from "../transport/types";
import { fillMetadata, metadataOf, sendJson, sendRequest } from "./call";
import { openStream, requireConverseEnd, requireSomeEvent } from "./event-reader";
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

/**
 * What the operation functions take: any client of {@link createBedrockClient}, {@link createBedrockRuntime} or
 * {@link createBedrock}.
 */
export interface RuntimeTarget {
  /** @internal */
  readonly transport: Transport;
}

// What the answers that carry usage hold; read defensively, since the answer is not trusted to be well formed.
type Usage = { metrics?: { latencyMs?: unknown }; usage?: { inputTokens?: unknown; outputTokens?: unknown } } | null | undefined;
type InvocationMetrics = { inputTokenCount?: unknown; outputTokenCount?: unknown; invocationLatency?: unknown } | null | undefined;

/** `$metadata` completed from Converse's `metrics` and `usage` (a ConverseStream's final `metadata` event). */
function fillFromUsage(metadata: ResponseMetadata, answer: Usage): void {
  fillMetadata(metadata, answer?.metrics?.latencyMs, answer?.usage?.inputTokens, answer?.usage?.outputTokens);
}

/** The response headers InvokeModel and InvokeModelWithResponseStream echo back, when present. */
function invokeHeaders<T extends { performanceConfigLatency?: PerformanceConfigLatency; serviceTier?: ServiceTierType }>(
  headers: Headers,
  result: T,
): T {
  const latency = headers.get("x-amzn-bedrock-performanceconfig-latency");
  if (latency !== null) result.performanceConfigLatency = latency as PerformanceConfigLatency;
  const tier = headers.get("x-amzn-bedrock-service-tier");
  if (tier !== null) result.serviceTier = tier as ServiceTierType;
  return result;
}

/**
 * InvokeModel: the model's native request and response bodies.
 *
 * @example
 * ```ts
 * const client = createBedrockClient({ region: "us-east-1" });
 * const { body } = await invokeModel(client, { modelId, body: { inputText: "Hello" } });
 * ```
 */
export async function invokeModel(client: RuntimeTarget, input: InvokeModelInput, options?: RequestOptions): Promise<InvokeModelResult> {
  const { response, attempts } = await sendRequest(client.transport, invokeRequest(input, false), options);
  const h = response.headers;
  return invokeHeaders<InvokeModelResult>(h, {
    body: response.body,
    contentType: h.get("content-type") ?? "application/json",
    $metadata: metadataOf(response, attempts),
  });
}

/** InvokeModelWithResponseStream: the model's native stream events. See {@link invokeModel}. */
export async function invokeModelWithResponseStream(
  client: RuntimeTarget,
  input: InvokeModelWithResponseStreamInput,
  options?: RequestOptions,
): Promise<InvokeModelStreamResult> {
  return openStream<InvokeModelStreamEvent, Omit<InvokeModelStreamResult, keyof Stream<InvokeModelStreamEvent>>>(
    client.transport,
    invokeRequest(input, true),
    options,
    (response, attempts) =>
      invokeHeaders<Omit<InvokeModelStreamResult, keyof Stream<InvokeModelStreamEvent>>>(response.headers, {
        contentType: response.headers.get("x-amzn-bedrock-content-type") ?? undefined,
        $metadata: metadataOf(response, attempts),
      }),
    requireSomeEvent,
    decodeChunk,
    // Bedrock adds the counts to the model's last chunk (InvokeModel sends them as headers instead).
    (event, result) => {
      const m = (event.data as { "amazon-bedrock-invocationMetrics"?: InvocationMetrics } | null)?.["amazon-bedrock-invocationMetrics"];
      if (m) fillMetadata(result.$metadata, m.invocationLatency, m.inputTokenCount, m.outputTokenCount);
    },
  ) as Promise<InvokeModelStreamResult>;
}

/** Converse: one model-agnostic chat turn. See {@link converseStream}. */
export async function converse(client: RuntimeTarget, input: ConverseInput, options?: RequestOptions): Promise<ConverseResult> {
  const result = await sendJson<ConverseResult>(client.transport, modelJsonRequest("Converse", "converse", input, false), options);
  fillFromUsage(result.$metadata, result as Usage);
  return result;
}

/**
 * ConverseStream: a chat turn as events, ending with `messageStop` and `metadata`. The same as
 * `bedrock.runtime.converseStream(input, options)`, as a function of its own, so that a bundle holds this operation
 * and no other.
 *
 * @example
 * ```ts
 * import { createBedrockClient, converseStream } from "bedrock-fetch";
 * const client = createBedrockClient({ region: "us-east-1" });
 * const stream = await converseStream(client, { modelId, messages: [{ role: "user", content: [{ text: "Hi" }] }] });
 * for await (const event of stream) if (event.type === "contentBlockDelta") console.log(event.data.delta);
 * ```
 */
export async function converseStream(client: RuntimeTarget, input: ConverseStreamInput, options?: RequestOptions): Promise<ConverseStreamResult> {
  return openStream<ConverseStreamEvent, { $metadata: ResponseMetadata }>(
    client.transport,
    modelJsonRequest("ConverseStream", "converse-stream", input, true),
    options,
    (response, attempts) => ({ $metadata: metadataOf(response, attempts) }),
    requireConverseEnd,
    undefined,
    (event: BedrockStreamEvent, result) => {
      if (event.type === "metadata") fillFromUsage(result.$metadata, event.data as Usage);
    },
  );
}

/** CountTokens: the input token count of a request, without running inference. */
export async function countTokens(client: RuntimeTarget, input: CountTokensRequest, options?: RequestOptions): Promise<CountTokensResult> {
  return sendJson(client.transport, modelJsonRequest("CountTokens", "count-tokens", input, false), options);
}

/** ApplyGuardrail: checks content against a guardrail. */
export async function applyGuardrail(client: RuntimeTarget, input: ApplyGuardrailInput, options?: RequestOptions): Promise<ApplyGuardrailResult> {
  return sendJson(client.transport, applyGuardrailRequest(input), options);
}

/** StartAsyncInvoke: starts a job whose output goes to S3. */
export async function startAsyncInvoke(client: RuntimeTarget, input: StartAsyncInvokeInput, options?: RequestOptions): Promise<StartAsyncInvokeResult> {
  return sendJson(client.transport, startAsyncInvokeRequest(input), options);
}

/** GetAsyncInvoke: the status of a job. */
export async function getAsyncInvoke(client: RuntimeTarget, input: GetAsyncInvokeInput, options?: RequestOptions): Promise<GetAsyncInvokeResult> {
  return sendJson(client.transport, getAsyncInvokeRequest(input), options);
}

/** ListAsyncInvokes: one page of jobs; pass `nextToken` for the next. */
export async function listAsyncInvokes(client: RuntimeTarget, input?: ListAsyncInvokesInput, options?: RequestOptions): Promise<ListAsyncInvokesResult> {
  return sendJson(client.transport, listAsyncInvokesRequest(input), options);
}

/** Creates the runtime operations over a transport: every operation function above, bound to it. */
export function createRuntime(transport: Transport): BedrockRuntime {
  const c: RuntimeTarget = { transport };
  return {
    invokeModel: (input, options) => invokeModel(c, input, options),
    invokeModelWithResponseStream: (input, options) => invokeModelWithResponseStream(c, input, options),
    converse: (input, options) => converse(c, input, options),
    converseStream: (input, options) => converseStream(c, input, options),
    countTokens: (input, options) => countTokens(c, input, options),
    applyGuardrail: (input, options) => applyGuardrail(c, input, options),
    startAsyncInvoke: (input, options) => startAsyncInvoke(c, input, options),
    getAsyncInvoke: (input, options) => getAsyncInvoke(c, input, options),
    listAsyncInvokes: (input, options) => listAsyncInvokes(c, input, options),
  };
}
