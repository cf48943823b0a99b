/**
 * Base64 output for `encoding_format: "base64"`: the vector as little-endian IEEE-754 float32 bytes, standard
 * base64 (RFC 4648 §4) with padding — what OpenAI returns and what its SDKs decode with
 * `new Float32Array(bytes.buffer)`.
 */
import { encodeBase64 } from "../../internal/base64";

export { encodeBase64 };

/**
 * A vector as OpenAI's `encoding_format: "base64"` sends it. Written through a DataView with `littleEndian = true`
 * because a Float32Array uses the platform's byte order, which the format does not.
 */
export function toBase64Float32(vector: readonly number[]): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i]!, true);
  return encodeBase64(bytes);
}
