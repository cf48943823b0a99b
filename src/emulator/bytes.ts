/** Byte helpers on web standards only (no Buffer): UTF-8 and base64. */

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

export { encodeBase64 as toBase64, base64ToBytes as fromBase64 } from "../internal/base64";
