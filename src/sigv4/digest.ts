/**
 * Payload hashing: small inputs in JavaScript (no promise round trip), large ones on WebCrypto (native speed).
 */
import { ConfigurationError } from "../errors";
import { toHex, utf8 } from "./encode";
import { sha256Sync } from "./sha256";

/**
 * Inputs up to this many bytes are hashed synchronously. Measured on Node 20: a `crypto.subtle.digest` call costs
 * ~40 µs of scheduling before any hashing, while the JavaScript hash runs at ~150 MB/s, so they break even near
 * 6 KB.
 */
export const SYNC_HASH_LIMIT = 6 * 1024;

/** Hex SHA-256 of the empty body, the payload hash of every GET. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Whether WebCrypto (`crypto.subtle`) is available: browsers expose it only in secure contexts (https). */
export function hasWebCrypto(): boolean {
  return typeof crypto !== "undefined" && typeof crypto.subtle?.digest === "function";
}

/** Throws the error that explains a missing `crypto.subtle`. */
export function requireWebCrypto(): void {
  if (!hasWebCrypto()) {
    throw new ConfigurationError(
      "crypto.subtle",
      "SigV4 signing requires WebCrypto (crypto.subtle), which this runtime lacks: browsers have it only on https " +
        "pages (or localhost); on Node 18 set `globalThis.crypto` to node:crypto's `webcrypto`.",
    );
  }
}

/** Bytes of a signable body (strings as UTF-8). */
export function bodyBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof body === "string") return utf8(body);
  return body instanceof Uint8Array ? body : new Uint8Array(body);
}

/** Hex SHA-256 of bytes, choosing the cheaper engine by size. */
export function sha256HexOfBytes(bytes: Uint8Array): string | Promise<string> {
  // The empty body too: one block of JavaScript hashing, so bundles without `EMPTY_SHA256` stay without it.
  if (bytes.length <= SYNC_HASH_LIMIT) return toHex(sha256Sync(bytes));
  requireWebCrypto();
  return crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>).then((d) => toHex(new Uint8Array(d)));
}

/**
 * Hex SHA-256 of a body, the payload hash of the canonical request (`null`/`undefined` hash as empty).
 *
 * @example
 * ```ts
 * await sha256Hex('{"messages":[]}'); // 64 lower-case hex digits
 * ```
 */
export async function sha256Hex(body: string | Uint8Array | ArrayBuffer | null | undefined): Promise<string> {
  if (body === null || body === undefined) return EMPTY_SHA256;
  if (typeof body !== "string" && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer)) {
    throw new ConfigurationError("body", "sha256Hex accepts a string, Uint8Array or ArrayBuffer body.");
  }
  return sha256HexOfBytes(bodyBytes(body));
}
