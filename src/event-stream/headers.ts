/**
 * Header section codec. Each header: name length (u8), name (UTF-8), value type (u8), value. Integers are big-endian
 * two's complement; `binary` and `string` carry a u16 length; `timestamp` is int64 milliseconds since the epoch;
 * `uuid` is 16 raw bytes. https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */
import { EventStreamError } from "./errors";
import type { EventStreamHeaderValue } from "./types";

const utf8 = /* @__PURE__ */ new TextDecoder();

// Header names and short values repeat in every frame (":event-type", "chunk", "application/json"). A small
// direct-mapped cache keyed by length and edge bytes returns the same string without allocating: building it anew
// (char by char or through TextDecoder) and internalising it as a property key cost more than the rest of a frame.
const CACHE_SIZE = 64;
const cachedBytes: (Uint8Array | undefined)[] = /* @__PURE__ */ new Array(CACHE_SIZE);
const cachedStrings: string[] = /* @__PURE__ */ new Array(CACHE_SIZE).fill("");

function readString(b: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return "";
  if (length > 32) return utf8.decode(b.subarray(start, end));
  const slot = (length * 7 + b[start]! * 3 + b[end - 1]! + b[start + (length >> 1)]!) & (CACHE_SIZE - 1);
  const known = cachedBytes[slot];
  if (known !== undefined && known.length === length) {
    let k = 0;
    while (k < length && known[k] === b[start + k]) k++;
    if (k === length) return cachedStrings[slot]!;
  }
  const copy = b.slice(start, end);
  const value = utf8.decode(copy);
  cachedBytes[slot] = copy;
  cachedStrings[slot] = value;
  return value;
}

/** 16 bytes as the 8-4-4-4-12 hex form. */
function uuid(b: Uint8Array, i: number): string {
  let s = "";
  for (let k = 0; k < 16; k++) s += (k === 4 || k === 6 || k === 8 || k === 10 ? "-" : "") + (b[i + k]! | 256).toString(16).slice(1);
  return s;
}

/** By wire type code: the type's name, and its value's byte size (-1 for the u16-length-prefixed ones). */
const TYPES = ["boolean", "boolean", "byte", "short", "integer", "long", "binary", "string", "timestamp", "uuid"] as const;
const FIXED = [0, 0, 1, 2, 4, 8, -1, -1, 8, 16];

/**
 * Reads a header value of wire type `type` and byte size `size` at `b[i]`; type 7 (string) also reads the names.
 * @internal
 */
export type ValueReader = (b: Uint8Array, i: number, size: number, type: number) => unknown;

/** Every value type, as {@link EventStreamHeaderValue} describes it; strings through the cache above. @internal */
export function readValue(b: Uint8Array, i: number, size: number, type: number): unknown {
  if (type === 7) return readString(b, i, i + size);
  if (type < 2) return type === 0;
  if (type < 5) {
    // byte, short, integer: big-endian two's complement of `size` bytes, sign-extended from its top bit.
    let n = 0;
    for (let k = 0; k < size; k++) n = (n << 8) | b[i + k]!;
    return (n << (32 - 8 * size)) >> (32 - 8 * size);
  }
  if (type === 6) return b.subarray(i, i + size);
  if (type === 9) return uuid(b, i);
  const n = new DataView(b.buffer, b.byteOffset + i, 8).getBigInt64(0);
  return type === 5 ? n : new Date(Number(n));
}

/**
 * Decodes the headers in `b[start, end)`, each value through `read`. `base` is the stream offset of `b[0]`, for
 * error offsets.
 * @internal
 */
export function decodeHeaders(
  b: Uint8Array,
  start: number,
  end: number,
  base: number,
  maxNameLength: number,
  read: ValueReader,
): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let i = start;
  while (i < end) {
    const at = base + i;
    const nameLength = b[i]!;
    if (nameLength === 0) throw new EventStreamError("invalid-header", "Event-stream header has an empty name", at);
    if (nameLength > maxNameLength) {
      throw new EventStreamError("too-large", `Event-stream header name exceeds ${maxNameLength} bytes`, at);
    }
    const nameEnd = i + 1 + nameLength;
    if (nameEnd >= end) throw new EventStreamError("invalid-header", "Event-stream header overruns the headers section", at);
    const name = read(b, i + 1, nameLength, 7) as string;
    const type = b[nameEnd]!;
    i = nameEnd + 1;
    const fixed = FIXED[type];
    if (fixed === undefined) {
      throw new EventStreamError("invalid-header", `Event-stream header "${name}" has unknown value type ${type}`, at);
    }
    let size = fixed;
    if (fixed < 0) {
      // A u16 length; one cut short is an overrun like a value cut short (`end` past the end stands for it).
      size = i + 2 > end ? end : (b[i]! << 8) | b[i + 1]!;
      i += 2;
    }
    if (i + size > end) throw new EventStreamError("invalid-header", `Event-stream header "${name}" overruns the headers section`, at);
    const header = { type: TYPES[type]!, value: read(b, i, size, type) } as EventStreamHeaderValue;
    i += size;
    // The property load is the fast check; hasOwn only confirms, so that "constructor" and the like are not
    // mistaken for repeats through the prototype.
    if (headers[name] !== undefined && Object.hasOwn(headers, name)) {
      throw new EventStreamError("duplicate-header", `Event-stream frame repeats header "${name}"`, at);
    }
    // A plain assignment of "__proto__" would replace the prototype instead of adding a header.
    if (name === "__proto__") Object.defineProperty(headers, name, { value: header, enumerable: true, writable: true, configurable: true });
    else headers[name] = header;
  }
  return headers;
}
