/**
 * Standard base64 (RFC 4648 §4) decoding straight from bytes to text. Bedrock chunk payloads carry the model's JSON
 * as base64 inside JSON; decoding from the payload's bytes skips building the base64 string and `atob`'s binary
 * string. The decoded bytes go to a reused scratch buffer: allocating a typed array of more than a few dozen bytes
 * per frame (its backing store lives outside the JS heap) costs more than the decoding itself.
 * Returns `null` on any character outside the alphabet so the caller can raise its own typed error.
 * @internal
 */

/** Base64 character code → 6-bit value, -1 outside the alphabet. */
export const BASE64 = /* @__PURE__ */ (() => {
  const t = new Int32Array(256).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

const utf8 = /* @__PURE__ */ new TextDecoder();
let scratch = new Uint8Array(4096);

/** Decodes base64 held as ASCII in `src[start, end)` (padding optional) and returns the UTF-8 text it encodes. */
export function decodeBase64Text(src: Uint8Array, start: number, end: number): string | null {
  if (end > start && src[end - 1] === 0x3d) end--;
  if (end > start && src[end - 1] === 0x3d) end--;
  const length = end - start;
  if (length % 4 === 1) return null;
  const size = (length * 3) >> 2;
  if (size > scratch.length) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  const out = scratch;
  const t = BASE64;
  let bad = 0;
  let o = 0;
  let i = start;
  const end4 = start + (length & ~3);
  for (; i < end4; i += 4) {
    const a = t[src[i]!]!;
    const b = t[src[i + 1]!]!;
    const c = t[src[i + 2]!]!;
    const d = t[src[i + 3]!]!;
    bad |= a | b | c | d;
    out[o] = (a << 2) | (b >> 4);
    out[o + 1] = (b << 4) | (c >> 2);
    out[o + 2] = (c << 6) | d;
    o += 3;
  }
  const rest = end - i;
  if (rest >= 2) {
    const a = t[src[i]!]!;
    const b = t[src[i + 1]!]!;
    const c = rest === 3 ? t[src[i + 2]!]! : 0;
    bad |= a | b | c;
    out[o++] = (a << 2) | (b >> 4);
    if (rest === 3) out[o++] = (b << 4) | (c >> 2);
  }
  return bad < 0 ? null : utf8.decode(out.subarray(0, o));
}

/** Decodes a base64 string to the UTF-8 text it encodes; `null` if it is not base64. */
export function decodeBase64StringText(s: string): string | null {
  const ascii = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return null;
    ascii[i] = c;
  }
  return decodeBase64Text(ascii, 0, ascii.length);
}
