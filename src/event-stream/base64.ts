/**
 * Standard base64 (RFC 4648 §4) decoding straight from bytes into bytes. Bedrock chunk payloads carry the model's
 * JSON as base64 inside JSON; decoding from the payload's bytes skips building the base64 string and `atob`'s
 * binary string, which is the larger part of the per-chunk cost. Returns `null` on any character outside the
 * alphabet so the caller can raise its own typed error.
 * @internal
 */

const VALUES = /* @__PURE__ */ (() => {
  const t = new Int16Array(256).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
})();

/** Decodes base64 held as ASCII in `src[start, end)`; padding optional. */
export function decodeBase64Bytes(src: Uint8Array, start: number, end: number): Uint8Array | null {
  if (end > start && src[end - 1] === 0x3d) end--;
  if (end > start && src[end - 1] === 0x3d) end--;
  const length = end - start;
  if (length % 4 === 1) return null;
  const out = new Uint8Array((length * 3) >> 2);
  const t = VALUES;
  let i = start;
  let o = 0;
  const end4 = start + (length & ~3);
  while (i < end4) {
    const a = t[src[i]!]!;
    const b = t[src[i + 1]!]!;
    const c = t[src[i + 2]!]!;
    const d = t[src[i + 3]!]!;
    if ((a | b | c | d) < 0) return null;
    out[o] = (a << 2) | (b >> 4);
    out[o + 1] = (b << 4) | (c >> 2);
    out[o + 2] = (c << 6) | d;
    o += 3;
    i += 4;
  }
  const rest = end - i;
  if (rest >= 2) {
    const a = t[src[i]!]!;
    const b = t[src[i + 1]!]!;
    const c = rest === 3 ? t[src[i + 2]!]! : 0;
    if ((a | b | c) < 0) return null;
    out[o++] = (a << 2) | (b >> 4);
    if (rest === 3) out[o] = (b << 4) | (c >> 2);
  }
  return out;
}

/** Decodes a base64 string; `null` if it is not base64. */
export function decodeBase64String(s: string): Uint8Array | null {
  const ascii = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return null;
    ascii[i] = c;
  }
  return decodeBase64Bytes(ascii, 0, ascii.length);
}
