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
let view = new DataView(scratch.buffer);

/** Decodes base64 held as ASCII in `src[start, end)` (padding optional) and returns the UTF-8 text it encodes. */
export function decodeBase64Text(src: Uint8Array, start: number, end: number): string | null {
  if (end > start && src[end - 1] === 0x3d) end--;
  if (end > start && src[end - 1] === 0x3d) end--;
  const length = end - start;
  if (length % 4 === 1) return null;
  const size = (length * 3) >> 2;
  // Three spare bytes: each group is stored as a 4-byte word (below), the last one perhaps for a single byte.
  if (size + 3 > scratch.length) view = new DataView((scratch = new Uint8Array(Math.max(size + 3, scratch.length * 2))).buffer);
  const t = BASE64;
  // A -1 (outside the alphabet) shifted left stays negative, so one sign test of `bad` checks every character.
  let bad = 0;
  let o = 0;
  let i = start;
  for (const end4 = end - 3; i < end4; i += 4) {
    const w = (t[src[i]!]! << 18) | (t[src[i + 1]!]! << 12) | (t[src[i + 2]!]! << 6) | t[src[i + 3]!]!;
    bad |= w;
    // Three bytes per group, written as one big-endian word whose fourth byte the next group overwrites: one
    // store instead of three, and byte order fixed by DataView whatever the platform's.
    view.setInt32(o, w << 8);
    o += 3;
  }
  if (i < end) {
    // A short last group (2 or 3 characters: RFC 4648 §4 with the padding stripped) reads its missing one as 0.
    const w = (t[src[i]!]! << 18) | (t[src[i + 1]!]! << 12) | (end - i > 2 ? t[src[i + 2]!]! << 6 : 0);
    bad |= w;
    view.setInt32(o, w << 8);
    o += end - i - 1;
  }
  return bad < 0 ? null : utf8.decode(scratch.subarray(0, o));
}
