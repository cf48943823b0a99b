/**
 * Percent-encoding and hex helpers. Internal, except {@link encodePathSegment} and
 * {@link uriEncode}, which the public entry re-exports.
 *
 * SigV4 encodes every byte except the RFC 3986 unreserved characters `A-Z a-z 0-9 - _ . ~`, with upper-case hex,
 * UTF-8 first: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (step 1, "URI encode").
 * `encodeURIComponent` leaves `! ' ( ) *` alone, so {@link uriEncode} escapes those after it.
 */

const encoder = new TextEncoder();

/** Lower-case two-digit hex for every byte. */
const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? "0" : "") + i.toString(16));

/** Lower-case hex of `bytes` (a SHA-256 digest or a signature). */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * RFC 3986 strict percent-encoding of `value` as UTF-8: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX`.
 * Keeps `/` when `keepSlash` is true (the canonical URI case).
 */
export function uriEncode(value: string, keepSlash = false): string {
  let out: string;
  try {
    out = encodeURIComponent(value);
  } catch {
    // A lone surrogate: encoded as U+FFFD, as TextEncoder (and so every UTF-8 signer) does.
    out = encodeURIComponent(value.replace(/\p{Cs}/gu, "\ufffd"));
  }
  out = out.replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  return keepSlash ? out.replace(/%2F/g, "/") : out;
}

/**
 * Encodes one path segment for a Bedrock URL, RFC 3986 strict: every character except the unreserved
 * `A-Z a-z 0-9 - _ . ~` becomes `%XX` (UTF-8). Use it to put a model id, inference-profile id or ARN in a path:
 * `:` becomes `%3A` and an ARN's `/` becomes `%2F`, as Bedrock expects.
 *
 * @example
 * ```ts
 * `/model/${encodePathSegment("anthropic.claude-3-sonnet-20240229-v1:0")}/invoke`
 * // "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke"
 * ```
 */
export function encodePathSegment(segment: string): string {
  return uriEncode(segment, false);
}

/**
 * Decodes `%XX` escapes (and `+` as a space when `plusAsSpace`) of a query component. A malformed escape is kept
 * literally rather than thrown on, so that signing never fails on a URL the server would also take literally.
 */
export function decodeComponent(value: string, plusAsSpace: boolean): string {
  let v = value;
  if (plusAsSpace && v.includes("+")) v = v.replace(/\+/g, " ");
  if (!v.includes("%")) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v.replace(/%([0-9A-Fa-f]{2})/g, (m, h: string) => {
      const code = parseInt(h, 16);
      return code < 128 ? String.fromCharCode(code) : m;
    });
  }
}

/** UTF-8 bytes of `value`. */
export function utf8(value: string): Uint8Array {
  return encoder.encode(value);
}
