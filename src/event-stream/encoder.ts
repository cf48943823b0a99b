/**
 * Event-stream frame encoder (for the emulator, tests and request streams). Layout and header wire types:
 * https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */
import { ConfigurationError } from "../errors";
import { crc32Range } from "./crc32";
import type { EventStreamHeaderValue } from "./types";

const utf8 = /* @__PURE__ */ new TextEncoder();
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A message to encode: plain string header values are shorthand for `{ type: "string", value }`. */
export interface EventStreamMessageInput {
  headers?: Record<string, EventStreamHeaderValue | string>;
  payload?: Uint8Array | string;
}

function bad(name: string, message: string): ConfigurationError {
  return new ConfigurationError(`headers.${name}`, `Event-stream header "${name}": ${message}`);
}

function integer(name: string, value: unknown, bits: number): number {
  const min = -(2 ** (bits - 1));
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > -min - 1) {
    throw bad(name, `value must be an integer from ${min} to ${-min - 1}`);
  }
  return value;
}

function bigint64(name: string, value: unknown): bigint {
  const v = typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof v !== "bigint" || v < INT64_MIN || v > INT64_MAX) throw bad(name, "value must be a 64-bit signed bigint");
  return v;
}

function putInt64(out: Uint8Array, at: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  const hi = Number(u >> 32n);
  const lo = Number(u & 0xffffffffn);
  putU32(out, at, hi);
  putU32(out, at + 4, lo);
}

function putU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
}

function uuidBytes(name: string, value: unknown): Uint8Array {
  const hex = typeof value === "string" ? value.replace(/-/g, "") : "";
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw bad(name, "uuid value must be 32 hex digits (dashes allowed)");
  const out = new Uint8Array(16);
  for (let k = 0; k < 16; k++) out[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  return out;
}

/** Encodes one header's type byte and value. */
function encodeValue(name: string, header: EventStreamHeaderValue | string): Uint8Array {
  if (typeof header === "string") header = { type: "string", value: header };
  if (typeof header !== "object" || header === null) throw bad(name, "value must be a string or { type, value }");
  const value: unknown = header.value;
  switch (header.type) {
    case "boolean":
      if (typeof value !== "boolean") throw bad(name, "boolean value must be true or false");
      return Uint8Array.of(value ? 0 : 1);
    case "byte":
      return Uint8Array.of(2, integer(name, value, 8));
    case "short": {
      const v = integer(name, value, 16);
      return Uint8Array.of(3, v >> 8, v);
    }
    case "integer": {
      const out = new Uint8Array(5);
      out[0] = 4;
      putU32(out, 1, integer(name, value, 32));
      return out;
    }
    case "long":
    case "timestamp": {
      let v: bigint;
      if (header.type === "long") v = bigint64(name, value);
      else {
        const ms = value instanceof Date ? value.getTime() : NaN;
        if (!Number.isFinite(ms)) throw bad(name, "timestamp value must be a valid Date");
        v = BigInt(ms);
      }
      const out = new Uint8Array(9);
      out[0] = header.type === "long" ? 5 : 8;
      putInt64(out, 1, v);
      return out;
    }
    case "binary":
    case "string": {
      let bytes: Uint8Array;
      if (header.type === "binary") {
        if (!(value instanceof Uint8Array)) throw bad(name, "binary value must be a Uint8Array");
        bytes = value;
      } else {
        if (typeof value !== "string") throw bad(name, "string value must be a string");
        bytes = utf8.encode(value);
      }
      if (bytes.length > 0xffff) throw bad(name, "value exceeds 65,535 bytes");
      const out = new Uint8Array(3 + bytes.length);
      out[0] = header.type === "binary" ? 6 : 7;
      out[1] = bytes.length >> 8;
      out[2] = bytes.length;
      out.set(bytes, 3);
      return out;
    }
    case "uuid": {
      const out = new Uint8Array(17);
      out[0] = 9;
      out.set(uuidBytes(name, value), 1);
      return out;
    }
    default:
      throw bad(name, `unknown header type "${String((header as { type: unknown }).type)}"`);
  }
}

/**
 * Encodes one event-stream frame: prelude, headers in insertion order, payload and both CRCs.
 *
 * @param message - headers (plain strings are `string` headers) and payload (a string is UTF-8 encoded)
 * @returns the frame's bytes
 * @throws ConfigurationError naming the header (`headers.<name>`) or `payload` that cannot be encoded
 * @example
 * ```ts
 * const frame = encodeEventStreamMessage({
 *   headers: { ":message-type": "event", ":event-type": "chunk", ":content-type": "application/json" },
 *   payload: JSON.stringify({ bytes: btoa('{"type":"message_stop"}') }),
 * });
 * ```
 */
export function encodeEventStreamMessage(message: EventStreamMessageInput = {}): Uint8Array {
  const rawPayload = message.payload ?? new Uint8Array(0);
  let payload: Uint8Array;
  if (typeof rawPayload === "string") payload = utf8.encode(rawPayload);
  else if (rawPayload instanceof Uint8Array) payload = rawPayload;
  else throw new ConfigurationError("payload", "Event-stream payload must be a Uint8Array or a string.");

  const parts: Uint8Array[] = [];
  let headersLength = 0;
  for (const [name, header] of Object.entries(message.headers ?? {})) {
    const nameBytes = utf8.encode(name);
    if (nameBytes.length < 1 || nameBytes.length > 255) throw bad(name, "name must be 1 to 255 bytes of UTF-8");
    const value = encodeValue(name, header);
    parts.push(Uint8Array.of(nameBytes.length), nameBytes, value);
    headersLength += 1 + nameBytes.length + value.length;
  }
  const total = 16 + headersLength + payload.length;
  if (total > 0xffffffff) throw new ConfigurationError("payload", "Event-stream frame would exceed 4 GiB.");

  const out = new Uint8Array(total);
  putU32(out, 0, total);
  putU32(out, 4, headersLength);
  putU32(out, 8, crc32Range(out, 0, 8, 0));
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  out.set(payload, at);
  putU32(out, total - 4, crc32Range(out, 0, total - 4, 0));
  return out;
}
