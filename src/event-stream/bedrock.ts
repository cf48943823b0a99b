/**
 * Bedrock Runtime's event-stream messages on top of the frame codec: `event` frames become `{ type, data }`, and
 * `exception` / `error` frames become typed errors.
 *
 * InvokeModelWithResponseStream sends `:event-type` `chunk` whose payload is `{"bytes":"<base64 of the model's JSON
 * event>","p":"<padding>"}` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html,
 * `PayloadPart`); ConverseStream sends messageStart, contentBlockStart, contentBlockDelta, contentBlockStop,
 * messageStop and metadata events whose payload is the event's JSON
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). Both add a `p` padding
 * member of random length, which is dropped here.
 */
import { ConfigurationError, createAPIError } from "../errors";
import { decodeBase64StringText, decodeBase64Text } from "./base64";
import { createEventStreamDecoder } from "./decoder";
import { EventStreamError } from "./errors";
import type { EventStreamDecoder, EventStreamDecoderOptions, EventStreamHeaderValue, EventStreamMessage } from "./types";

/** One Bedrock stream event: `type` is the frame's `:event-type`; `data` its payload (for `chunk`, the model's event). */
export type BedrockStreamEvent = { type: string; data: unknown };

const utf8 = /* @__PURE__ */ new TextDecoder();
/** `{"bytes":"` */
const BYTES_PREFIX = [0x7b, 0x22, 0x62, 0x79, 0x74, 0x65, 0x73, 0x22, 0x3a, 0x22];
/** `,"p":"` */
const P_PREFIX = [0x2c, 0x22, 0x70, 0x22, 0x3a, 0x22];

function stringHeader(headers: Record<string, EventStreamHeaderValue>, name: string, offset: number): string {
  const header = headers[name];
  if (header === undefined) throw new EventStreamError("invalid-header", `Event-stream frame has no ${name} header`, offset);
  if (header.type !== "string") {
    throw new EventStreamError("invalid-header", `Event-stream header ${name} is ${header.type}, not string`, offset);
  }
  return header.value;
}

function parseJson(text: string, what: string, offset: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EventStreamError("invalid-payload", `${what} is not valid JSON`, offset);
  }
}

function matches(b: Uint8Array, at: number, expected: number[]): boolean {
  if (at + expected.length > b.length) return false;
  for (let k = 0; k < expected.length; k++) if (b[at + k] !== expected[k]) return false;
  return true;
}

/**
 * Finds the base64 span of a payload shaped exactly `{"bytes":"…"}` or `{"bytes":"…","p":"[A-Za-z0-9]*"}`, the
 * form Bedrock sends; anything else (escapes, whitespace, other members) returns -1 and goes through JSON.parse.
 */
function bytesSpan(b: Uint8Array): number {
  if (!matches(b, 0, BYTES_PREFIX)) return -1;
  let q = BYTES_PREFIX.length;
  while (q < b.length && b[q] !== 0x22 && b[q] !== 0x5c) q++;
  if (q >= b.length || b[q] !== 0x22) return -1;
  const last = b.length - 1;
  if (q + 1 === last) return b[last] === 0x7d ? q : -1;
  if (!matches(b, q + 1, P_PREFIX)) return -1;
  let k = q + 1 + P_PREFIX.length;
  for (; k < last; k++) {
    const c = b[k]!;
    // [0-9A-Za-z]: the padding alphabet Bedrock uses; anything else takes the general path.
    if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a))) break;
  }
  return k === last - 1 && b[k] === 0x22 && b[last] === 0x7d ? q : -1;
}

function decodeChunk(payload: Uint8Array, offset: number): unknown {
  let text: string | null;
  const q = bytesSpan(payload);
  if (q >= 0) text = decodeBase64Text(payload, BYTES_PREFIX.length, q);
  else {
    const wrapper = parseJson(utf8.decode(payload), "Bedrock chunk payload", offset) as { bytes?: unknown } | null;
    if (typeof wrapper !== "object" || wrapper === null || typeof wrapper.bytes !== "string") {
      throw new EventStreamError("invalid-payload", 'Bedrock chunk payload has no "bytes" string', offset);
    }
    text = decodeBase64StringText(wrapper.bytes);
  }
  if (text === null) throw new EventStreamError("invalid-payload", 'Bedrock chunk "bytes" is not valid base64', offset);
  return parseJson(text, "Bedrock chunk model event", offset);
}

function decodeEventPayload(message: EventStreamMessage, offset: number): unknown {
  const { payload, headers } = message;
  const contentType = headers[":content-type"];
  if (contentType?.type === "string" && !contentType.value.includes("json")) {
    return contentType.value.startsWith("text/") ? utf8.decode(payload) : payload;
  }
  if (payload.length === 0) return {};
  const data = parseJson(utf8.decode(payload), "Bedrock event payload", offset);
  if (typeof data === "object" && data !== null && !Array.isArray(data) && Object.hasOwn(data, "p")) {
    const { p: _padding, ...rest } = data as Record<string, unknown>;
    return rest;
  }
  return data;
}

/**
 * Turns one decoded frame of a Bedrock response stream into an event, or throws the error it carries.
 *
 * @param message - a frame from {@link createEventStreamDecoder}
 * @param offset - the frame's position in the stream, for error messages. @defaultValue -1 (unknown)
 * @returns `{ type: ":event-type", data }`; for `chunk`, `data` is the model's own parsed JSON event. Unknown event
 *   types pass through with their JSON payload.
 * @throws an `APIError` subclass (via `createAPIError`) for an `exception` or `error` frame, e.g. `RateLimitError` for
 *   `throttlingException`; an {@link EventStreamError} when `:message-type`/`:event-type` is missing or the payload is
 *   not the JSON/base64 it must be.
 */
export function decodeBedrockEvent(message: EventStreamMessage, offset = -1): BedrockStreamEvent {
  const headers = message.headers;
  const messageType = stringHeader(headers, ":message-type", offset);
  if (messageType === "event") {
    const type = stringHeader(headers, ":event-type", offset);
    return { type, data: type === "chunk" ? decodeChunk(message.payload, offset) : decodeEventPayload(message, offset) };
  }
  if (messageType === "exception") {
    const code = headers[":exception-type"];
    const text = utf8.decode(message.payload);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const fields = (typeof body === "object" && body !== null ? body : {}) as { message?: unknown; Message?: unknown };
    const said = typeof fields.message === "string" ? fields.message : typeof fields.Message === "string" ? fields.Message : text;
    throw createAPIError({ code: code?.type === "string" ? code.value : undefined, message: said || undefined });
  }
  if (messageType === "error") {
    const code = headers[":error-code"];
    const said = headers[":error-message"];
    throw createAPIError({
      code: code?.type === "string" ? code.value : undefined,
      message: said?.type === "string" ? said.value : undefined,
    });
  }
  throw new EventStreamError("invalid-header", `Event-stream frame has unknown :message-type "${messageType}"`, offset);
}

/** Options of {@link createBedrockEventDecoder}: the frame limits plus the event callback. */
export interface BedrockEventDecoderOptions extends Omit<EventStreamDecoderOptions, "onMessage"> {
  /** Called for every event as soon as its frame is complete. */
  onEvent(event: BedrockStreamEvent): void;
}

/**
 * A push decoder from Bedrock response-stream bytes to events. `feed`/`end` throw the typed error of an exception
 * frame, or an {@link EventStreamError} for malformed bytes.
 *
 * @example
 * ```ts
 * const decoder = createBedrockEventDecoder({ onEvent: (e) => console.log(e.type, e.data) });
 * for await (const chunk of response.body!) decoder.feed(chunk);
 * decoder.end();
 * ```
 */
export function createBedrockEventDecoder(options: BedrockEventDecoderOptions): EventStreamDecoder {
  const onEvent = options?.onEvent;
  if (typeof onEvent !== "function") {
    throw new ConfigurationError(
      "onEvent",
      "createBedrockEventDecoder needs an `onEvent` callback. Did you mean `createBedrockEventDecoder({ onEvent: fn })`?",
    );
  }
  return createEventStreamDecoder({ ...options, onMessage: (message, at) => onEvent(decodeBedrockEvent(message, at)) });
}

/**
 * A `TransformStream` from Bedrock response-stream bytes to {@link BedrockStreamEvent}s. The readable side errors
 * with the typed error of an exception frame (e.g. `ModelError` for `modelStreamErrorException`).
 *
 * @example
 * ```ts
 * for await (const event of response.body!.pipeThrough(new BedrockEventStream())) console.log(event.type, event.data);
 * ```
 */
export class BedrockEventStream extends TransformStream<Uint8Array, BedrockStreamEvent> {
  /** @param options - frame size limits, as for {@link createEventStreamDecoder}. */
  constructor(options: Omit<EventStreamDecoderOptions, "onMessage"> = {}) {
    let decoder: EventStreamDecoder;
    super({
      start(controller) {
        decoder = createBedrockEventDecoder({ ...options, onEvent: (event) => controller.enqueue(event) });
      },
      transform(chunk) {
        decoder.feed(chunk);
      },
      flush() {
        decoder.end();
      },
    });
  }
}
