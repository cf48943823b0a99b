/**
 * SigV4 for a plain `{ method, url, headers, body }`: what `signRequest` does for a non-`Request` input, in a module
 * of its own so that the runtime's header-signing path ships without the `Request` handling and `presignUrl`.
 * @internal
 */
import { ConfigurationError } from "../errors";
import type { HttpRequestLike, SignedRequest, SignOptions } from "./types";
import { headerEntries } from "./canonical";
import { bodyBytes, EMPTY_SHA256, requireWebCrypto, sha256HexOfBytes } from "./digest";
import { signParts } from "./sign-parts";
import { validateOptions } from "./validate";

const UNSIGNED = "UNSIGNED-PAYLOAD";

function parseUrl(url: unknown): URL {
  if (url instanceof URL) return url;
  if (typeof url === "string") {
    try {
      return new URL(url);
    } catch {
      // fall through: a relative or malformed URL
    }
  }
  throw new ConfigurationError("url", "url must be an absolute URL such as https://bedrock-runtime.us-east-1.amazonaws.com/...");
}

function checkMethod(method: unknown): string {
  if (typeof method !== "string" || method === "") {
    throw new ConfigurationError("method", "method must be a non-empty HTTP method such as POST.");
  }
  return method;
}

/**
 * Output headers keyed case-insensitively: the last spelling of a name wins, values of repeats joined.
 * @param entries - `[name, value]` pairs; anything but strings is refused
 */
export function collectHeaders(entries: Iterable<readonly [unknown, unknown]>): Map<string, [string, string]> {
  const map = new Map<string, [string, string]>();
  for (const [name, value] of entries) {
    if (typeof name !== "string" || typeof value !== "string") {
      throw new ConfigurationError("headers", "every header name and value must be a string.");
    }
    const lower = name.toLowerCase();
    // `host` comes from the URL: fetch forbids setting it and sends the URL's host.
    if (lower === "host" || lower === "authorization") continue;
    const prev = map.get(lower);
    // Repeats are joined as fetch's Headers would join them, since that is what will be sent.
    map.set(lower, prev === undefined ? [name, value] : [name, prev[1] + ", " + value]);
  }
  return map;
}

function headersOf(input: HttpRequestLike["headers"]): Map<string, [string, string]> {
  if (input === undefined || input === null) return new Map();
  if (typeof input !== "object") throw new ConfigurationError("headers", "headers must be a Headers, an array of pairs or a record.");
  return collectHeaders(headerEntries(input as Record<string, string>));
}

function isSignableBody(body: unknown): body is string | Uint8Array | ArrayBuffer {
  return typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

export interface Prepared {
  method: string;
  url: URL;
  headers: Map<string, [string, string]>;
}

export async function signPrepared(p: Prepared, bytes: Uint8Array | undefined, options: SignOptions): Promise<{ url: string; headers: Record<string, string> }> {
  let payloadHash: string;
  const explicit = p.headers.get("x-amz-content-sha256");
  if (options.unsignedPayload === true) payloadHash = UNSIGNED;
  else if (explicit !== undefined && options.contentSha256 !== true) payloadHash = explicit[1].trim();
  else payloadHash = bytes === undefined ? EMPTY_SHA256 : await sha256HexOfBytes(bytes);

  const pairs: Array<[string, string]> = [];
  for (const entry of p.headers.values()) pairs.push(entry);
  const url = p.url;
  const signed = signParts(
    { method: p.method, path: url.pathname, query: url.search, headers: pairs, host: url.host, payloadHash },
    options,
  );
  const headers: Record<string, string> = {};
  const replaced = new Set(signed.headers.map(([n]) => n.toLowerCase()));
  for (const [lower, [name, value]] of p.headers) if (!replaced.has(lower)) headers[name] = value;
  for (const [name, value] of signed.headers) headers[name] = value;
  let href = url.href;
  if (signed.query.length > 0) {
    let extra = "";
    for (const [k, v] of signed.query) extra += (extra === "" ? "" : "&") + k + "=" + v;
    const hash = href.indexOf("#");
    if (hash >= 0) href = href.slice(0, hash);
    href += (url.search === "" || url.search === "?" ? (url.search === "?" ? "" : "?") : "&") + extra;
  }
  return { url: href, headers };
}

export function prepare(method: unknown, url: unknown, headers: HttpRequestLike["headers"], options: SignOptions): Prepared {
  validateOptions(options);
  const p = { method: checkMethod(method), url: parseUrl(url), headers: headersOf(headers) };
  requireWebCrypto();
  return p;
}

function unsupportedBody(): never {
  throw new ConfigurationError(
    "body",
    "body must be a string, Uint8Array, ArrayBuffer or null; to send a stream, sign with unsignedPayload: true.",
  );
}

/** Signs a plain request; see `signRequest`. */
export async function signPlain(input: HttpRequestLike, options: SignOptions): Promise<SignedRequest> {
  if (input === null || typeof input !== "object") {
    throw new ConfigurationError("input", "signRequest takes a Request or { method, url, headers?, body? }.");
  }
  const p = prepare(input.method, input.url, input.headers, options);
  const body = input.body;
  let bytes: Uint8Array | undefined;
  if (body !== undefined && body !== null) {
    if (!isSignableBody(body)) unsupportedBody();
    if (options.unsignedPayload !== true) bytes = bodyBytes(body);
  }
  const signed = await signPrepared(p, bytes, options);
  const out: SignedRequest = { method: p.method, url: signed.url, headers: signed.headers };
  if (body !== undefined) out.body = body;
  return out;
}

