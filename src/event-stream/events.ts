/**
 * Bedrock Runtime's event-stream messages on top of the frame codec: `event` frames become `{ type, data }`, and
 * `exception` / `error` frames become typed errors.
 *
 * ConverseStream sends messageStart, contentBlockStart, contentBlockDelta, contentBlockStop, messageStop and
 * metadata events whose payload is the event's JSON
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html), with a `p` padding
 * member of random length, which is dropped here. InvokeModelWithResponseStream's `chunk` events wrap the model's
 * event in base64 (see chunk.ts); their decoder is passed in by the callers that can receive them, so that a bundle
 * without InvokeModelWithResponseStream does not carry it.
 * @internal
 */
import { createAPIError } from "../errors";
import { createFrameDecoder, type FrameDecoder, type Limits } from "./decoder";
import { EventStreamError } from "./errors";
import { decodeHeaders, type ValueReader } from "./headers";
import type { EventStreamHeaderValue } from "./types";

/** One Bedrock stream event: `type` is the frame's `:event-type`; `data` its payload (for `chunk`, the model's event). */
export type BedrockStreamEvent = { type: string; data: unknown };

/** Decodes the payload `b[start, end)` of a `chunk` event into the model's own event. */
export type ChunkDecoder = (b: Uint8Array, start: number, end: number, offset: number) => unknown;

type Headers = Record<string, EventStreamHeaderValue>;

export const utf8 = /* @__PURE__ */ new TextDecoder();

/**
 * Header names and string values, `undefined` for the other types: this layer reads nothing but string headers and
 * never exposes the rest. No string cache: the headers section cache below already skips repeated sections.
 */
const readStringValue: ValueReader = (b, i, size, type) => (type === 7 ? utf8.decode(b.subarray(i, i + size)) : undefined);

/** The value of a string header, `undefined` when absent or of another type. */
function str(headers: Headers, name: string): string | undefined {
  const header = headers[name];
  return header?.type === "string" ? header.value : undefined;
}

function stringHeader(headers: Headers, name: string, offset: number): string {
  const value = str(headers, name);
  if (value === undefined) throw new EventStreamError("invalid-header", `Event-stream frame has no string ${name} header`, offset);
  return value;
}

export function parseJson(text: string, what: string, offset: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EventStreamError("invalid-payload", `${what} is not valid JSON`, offset);
  }
}

function decodeEventPayload(headers: Headers, payload: Uint8Array, offset: number): unknown {
  const contentType = str(headers, ":content-type");
  if (contentType !== undefined && !contentType.includes("json")) {
    return contentType.startsWith("text/") ? utf8.decode(payload) : payload;
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
 * A frame whose payload is `b[start, end)` as an event, or the error it carries (with `requestId`, that of the
 * response, which the frame itself does not carry). `chunk` decodes `chunk` events; without it they are read like
 * any other JSON event.
 */
export function decodeEvent(
  headers: Headers,
  b: Uint8Array,
  start: number,
  end: number,
  offset: number,
  chunk?: ChunkDecoder,
  requestId?: string,
): BedrockStreamEvent {
  const messageType = stringHeader(headers, ":message-type", offset);
  if (messageType === "event") {
    const type = stringHeader(headers, ":event-type", offset);
    return { type, data: chunk && type === "chunk" ? chunk(b, start, end, offset) : decodeEventPayload(headers, b.subarray(start, end), offset) };
  }
  if (messageType === "exception") {
    const text = utf8.decode(b.subarray(start, end));
    let body: { message?: unknown; Message?: unknown } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      // a plain-text exception: its text is the message
    }
    const said = [body?.message, body?.Message, text].find((s) => typeof s === "string") as string;
    throw createAPIError({ code: str(headers, ":exception-type"), message: said || undefined, requestId });
  }
  if (messageType === "error") {
    throw createAPIError({ code: str(headers, ":error-code"), message: str(headers, ":error-message"), requestId });
  }
  throw new EventStreamError("invalid-header", `Event-stream frame has unknown :message-type "${messageType}"`, offset);
}

/**
 * A push decoder from Bedrock response-stream bytes to events, without option checks or `reset()` (see
 * {@link createBedrockEventDecoder} for the public one).
 */
export function createEventDecoder(
  onEvent: (event: BedrockStreamEvent) => void,
  chunk?: ChunkDecoder,
  requestId?: string,
  limits: Limits = [],
): FrameDecoder {
  // Bedrock sends the same headers section, byte for byte, in nearly every frame (all 3,037 recorded frames:
  // `:event-type`, `:content-type: application/json`, `:message-type: event`, and for InvokeModelWithResponseStream
  // always `chunk`). Comparing it with the last section decoded skips decoding it and building the headers object,
  // its values, the message and a payload view per frame; those headers never leave this closure, so one decoded
  // copy can serve every repeat.
  let known = new Uint8Array(0);
  let headers: Headers = {};
  return createFrameDecoder((b, i, headersEnd, end, at, maxName) => {
    const start = i + 12; // past the prelude: total length, headers length, prelude CRC
    const n = headersEnd - start;
    // `k` ends at n only when the section equals `known` byte for byte (an empty one matches the initial `{}`).
    let k = n === known.length ? 0 : -1;
    while (k >= 0 && k < n && b[start + k] === known[k]) k++;
    if (k !== n) {
      // A copy, to compare the next frames with: the caller may reuse its chunk.
      const copy = b.slice(start, headersEnd);
      // Only string headers are ever read here; the others are checked for shape but not decoded.
      headers = decodeHeaders(copy, 0, n, at + 12, maxName, readStringValue);
      known = copy;
    }
    onEvent(decodeEvent(headers, b, headersEnd, end, at, chunk, requestId));
  }, ...limits);
}
