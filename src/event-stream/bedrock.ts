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
import { BASE64, decodeBase64Text } from "./base64";
import { createFrameDecoder } from "./decoder";
import { EventStreamError } from "./errors";
import { decodeHeaders } from "./headers";
import type { EventStreamDecoder, EventStreamDecoderOptions, EventStreamHeaderValue, EventStreamMessage } from "./types";

/** One Bedrock stream event: `type` is the frame's `:event-type`; `data` its payload (for `chunk`, the model's event). */
export type BedrockStreamEvent = { type: string; data: unknown };

const utf8 = /* @__PURE__ */ new TextDecoder();
const BYTES_PREFIX = '{"bytes":"';
const P_PREFIX = ',"p":"';

function stringHeader(headers: Record<string, EventStreamHeaderValue>, name: string, offset: number): string {
  const header = headers[name];
  if (header?.type !== "string") throw new EventStreamError("invalid-header", `Event-stream frame has no string ${name} header`, offset);
  return header.value;
}

function parseJson(text: string, what: string, offset: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EventStreamError("invalid-payload", `${what} is not valid JSON`, offset);
  }
}

/** Whether `b[at…]` holds the ASCII `expected`; the callers have checked that it fits. */
function matches(b: Uint8Array, at: number, expected: string): boolean {
  for (let k = 0; k < expected.length; k++) if (b[at + k] !== expected.charCodeAt(k)) return false;
  return true;
}

/**
 * The end of the base64 in a chunk payload `b[start, end)` shaped exactly `{"bytes":"…"}` or
 * `{"bytes":"…","p":"[0-9A-Za-z]*"}`, the form Bedrock sends; -1 for any other shape. Scanning back from the end
 * crosses only the short padding; the base64 itself is checked as it is decoded, and anything but base64 there
 * (a quote, an escape) makes the caller fall back to JSON.parse.
 */
function bytesEnd(b: Uint8Array, start: number, end: number): number {
  if (end - start < 12 || !matches(b, start, BYTES_PREFIX) || b[end - 1] !== 0x7d || b[end - 2] !== 0x22) return -1;
  let k = end - 3;
  // [0-9A-Za-z] are the base64 values below 62: the padding alphabet.
  while ((BASE64[b[k]!]! >>> 0) < 62) k--;
  const q = k - P_PREFIX.length;
  return q >= start + BYTES_PREFIX.length && b[q] === 0x22 && matches(b, q + 1, P_PREFIX) ? q : end - 2;
}

function decodeChunk(b: Uint8Array, start: number, end: number, offset: number): unknown {
  const q = bytesEnd(b, start, end);
  let text = q < 0 ? null : decodeBase64Text(b, start + BYTES_PREFIX.length, q);
  if (text === null) {
    const wrapper = parseJson(utf8.decode(b.subarray(start, end)), "Bedrock chunk payload", offset) as { bytes?: unknown } | null;
    if (typeof wrapper !== "object" || wrapper === null || typeof wrapper.bytes !== "string") {
      throw new EventStreamError("invalid-payload", 'Bedrock chunk payload has no "bytes" string', offset);
    }
    // Any character above U+007F encodes to bytes outside the base64 alphabet, so it is refused like any other.
    const bytes = new TextEncoder().encode(wrapper.bytes);
    text = decodeBase64Text(bytes, 0, bytes.length);
  }
  if (text === null) throw new EventStreamError("invalid-payload", 'Bedrock chunk "bytes" is not valid base64', offset);
  return parseJson(text, "Bedrock chunk model event", offset);
}

function decodeEventPayload(headers: Record<string, EventStreamHeaderValue>, payload: Uint8Array, offset: number): unknown {
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
  return decodeEvent(message.headers, message.payload, 0, message.payload.length, offset);
}

/** {@link decodeBedrockEvent} of a frame whose payload is `b[start, end)`: chunks are decoded without a view. */
function decodeEvent(
  headers: Record<string, EventStreamHeaderValue>,
  b: Uint8Array,
  start: number,
  end: number,
  offset: number,
): BedrockStreamEvent {
  const messageType = stringHeader(headers, ":message-type", offset);
  if (messageType === "event") {
    const type = stringHeader(headers, ":event-type", offset);
    return { type, data: type === "chunk" ? decodeChunk(b, start, end, offset) : decodeEventPayload(headers, b.subarray(start, end), offset) };
  }
  if (messageType === "exception") {
    const code = headers[":exception-type"];
    const text = utf8.decode(b.subarray(start, end));
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
  // Bedrock sends the same headers section, byte for byte, in nearly every frame (all 3,037 recorded frames:
  // `:event-type`, `:content-type: application/json`, `:message-type: event`, and for InvokeModelWithResponseStream
  // always `chunk`). Comparing it with the last section decoded skips decoding it and building the headers object,
  // its values, the message and a payload view per frame; those headers never leave this closure, so one decoded
  // copy can serve every repeat.
  let known = new Uint8Array(0);
  let headers: Record<string, EventStreamHeaderValue> = {};
  return createFrameDecoder(options, (b, i, headersEnd, end, at, maxName) => {
    const start = i + 12; // past the prelude: total length, headers length, prelude CRC
    const n = headersEnd - start;
    // `k` ends at n only when the section equals `known` byte for byte (an empty one matches the initial `{}`).
    let k = n === known.length ? 0 : -1;
    while (k >= 0 && k < n && b[start + k] === known[k]) k++;
    if (k !== n) {
      // Decoded from a copy, so that `binary` header views do not pin the caller's chunk.
      const copy = b.slice(start, headersEnd);
      headers = decodeHeaders(copy, 0, n, at + 12, maxName);
      known = copy;
    }
    onEvent(decodeEvent(headers, b, headersEnd, end, at));
  });
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
