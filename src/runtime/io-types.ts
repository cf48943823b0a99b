/**
 * The inputs and results of the runtime operations: the generated wire shapes ({@link ./types}) plus what the
 * library adds (the raw InvokeModel body, `$metadata`, typed stream events).
 */
import type { ResponseMetadata } from "../transport/types";
import type { Stream } from "../stream";
import type {
  ApplyGuardrailRequest,
  ApplyGuardrailResponse,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ContentBlockStopEvent,
  ConverseRequest,
  ConverseResponse,
  ConverseStreamMetadataEvent,
  ConverseStreamRequest,
  CountTokensRequest,
  CountTokensResponse,
  GetAsyncInvokeRequest,
  GetAsyncInvokeResponse,
  InvokeModelRequest,
  InvokeModelResponse,
  InvokeModelWithResponseStreamRequest,
  InvokeModelWithResponseStreamResponse,
  ListAsyncInvokesRequest,
  ListAsyncInvokesResponse,
  MessageStartEvent,
  MessageStopEvent,
  StartAsyncInvokeRequest,
  StartAsyncInvokeResponse,
} from "./types";

/** Adds the exchange's metadata (request id, latency, token counts, attempts) to a result. */
export type WithMetadata<T> = T & { $metadata: ResponseMetadata };

/**
 * A model's native request body: an object (sent as JSON), a JSON string, or raw bytes.
 */
export type InvokeBody = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

/** InvokeModel input: the model's own body plus the header-bound options. */
export interface InvokeModelInput extends Omit<InvokeModelRequest, "requestMetadata"> {
  body: InvokeBody;
  /** Key-value pairs for invocation logs; an object is sent as JSON. */
  requestMetadata?: string | Record<string, string>;
}

/** InvokeModelWithResponseStream input; `accept` is sent as `X-Amzn-Bedrock-Accept`. */
export interface InvokeModelWithResponseStreamInput extends Omit<InvokeModelWithResponseStreamRequest, "requestMetadata"> {
  body: InvokeBody;
  requestMetadata?: string | Record<string, string>;
}

/** InvokeModel result: the model's response bytes (decode with `JSON.parse(new TextDecoder().decode(body))`). */
export type InvokeModelResult = WithMetadata<InvokeModelResponse & { body: Uint8Array }>;

/** One InvokeModelWithResponseStream event: `data` is the model's own JSON event, already decoded from base64. */
export interface InvokeModelStreamEvent {
  type: "chunk";
  data: unknown;
}

/**
 * InvokeModelWithResponseStream result: the events, plus the response's headers as typed fields. `$metadata`'s
 * latency and token counts come from the `amazon-bedrock-invocationMetrics` Bedrock adds to the last chunk, once
 * it is read.
 */
export type InvokeModelStreamResult = Stream<InvokeModelStreamEvent> &
  WithMetadata<Omit<InvokeModelWithResponseStreamResponse, "contentType"> & { contentType: string | undefined }>;

/** One ConverseStream event, discriminated by `type` (the frame's `:event-type`). */
export type ConverseStreamEvent =
  | { type: "messageStart"; data: MessageStartEvent }
  | { type: "contentBlockStart"; data: ContentBlockStartEvent }
  | { type: "contentBlockDelta"; data: ContentBlockDeltaEvent }
  | { type: "contentBlockStop"; data: ContentBlockStopEvent }
  | { type: "messageStop"; data: MessageStopEvent }
  | { type: "metadata"; data: ConverseStreamMetadataEvent };

/**
 * ConverseStream result: the events; iterating throws the typed error of an exception frame. `$metadata.latencyMs`,
 * `inputTokens` and `outputTokens` come from the final `metadata` event: they are set once that event is read (by
 * the time a `for await` loop over the stream ends), `undefined` before.
 */
export type ConverseStreamResult = Stream<ConverseStreamEvent> & { $metadata: ResponseMetadata };

export type ConverseInput = ConverseRequest;
export type ConverseStreamInput = ConverseStreamRequest;
export type ConverseResult = WithMetadata<ConverseResponse>;
export type CountTokensResult = WithMetadata<CountTokensResponse>;
export type ApplyGuardrailInput = ApplyGuardrailRequest;
export type ApplyGuardrailResult = WithMetadata<ApplyGuardrailResponse>;
/** StartAsyncInvoke input; `clientRequestToken` is generated when omitted. */
export type StartAsyncInvokeInput = StartAsyncInvokeRequest;
export type StartAsyncInvokeResult = WithMetadata<StartAsyncInvokeResponse>;
export type GetAsyncInvokeInput = GetAsyncInvokeRequest;
export type GetAsyncInvokeResult = WithMetadata<GetAsyncInvokeResponse>;
/** ListAsyncInvokes input; timestamps may be given as `Date`s. */
export type ListAsyncInvokesInput = Omit<ListAsyncInvokesRequest, "submitTimeAfter" | "submitTimeBefore"> & {
  submitTimeAfter?: string | Date;
  submitTimeBefore?: string | Date;
};
export type ListAsyncInvokesResult = WithMetadata<ListAsyncInvokesResponse>;
