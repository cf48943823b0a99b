/**
 * InvokeModelWithResponseStream's `chunk` events: the payload is `{"bytes":"<base64 of the model's JSON
 * event>","p":"<padding>"}` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html,
 * `PayloadPart`). Only the callers that can receive chunks reference this module.
 * @internal
 */
import { BASE64, decodeBase64Text } from "./base64";
import { EventStreamError } from "./errors";
import { parseJson, utf8 } from "./events";

const BYTES_PREFIX = '{"bytes":"';
const P_PREFIX = ',"p":"';

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

/** The model's event inside the chunk payload `b[start, end)`. */
export function decodeChunk(b: Uint8Array, start: number, end: number, offset: number): unknown {
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
