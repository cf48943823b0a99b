/**
 * `signRequest` and `presignUrl`: SigV4 for a `Request` or a plain `{ method, url, headers, body }`.
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

/** Output headers keyed case-insensitively: the last spelling of a name wins, values of repeats joined. */
function collectHeaders(input: HttpRequestLike["headers"]): Map<string, [string, string]> {
  const map = new Map<string, [string, string]>();
  if (input === undefined || input === null) return map;
  if (typeof input !== "object") throw new ConfigurationError("headers", "headers must be a Headers, an array of pairs or a record.");
  for (const pair of headerEntries(input as Record<string, string>)) {
    const [name, value] = pair;
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

function isSignableBody(body: unknown): body is string | Uint8Array | ArrayBuffer {
  return typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

interface Prepared {
  method: string;
  url: URL;
  headers: Map<string, [string, string]>;
}

async function signPrepared(p: Prepared, bytes: Uint8Array | undefined, options: SignOptions): Promise<{ url: string; headers: Record<string, string> }> {
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

function prepare(method: unknown, url: unknown, headers: HttpRequestLike["headers"], options: SignOptions): Prepared {
  validateOptions(options);
  const p = { method: checkMethod(method), url: parseUrl(url), headers: collectHeaders(headers) };
  requireWebCrypto();
  return p;
}

function unsupportedBody(): never {
  throw new ConfigurationError(
    "body",
    "body must be a string, Uint8Array, ArrayBuffer or null; to send a stream, sign with unsignedPayload: true.",
  );
}

/**
 * Signs a request with AWS Signature Version 4, in the `authorization` header or (with `signQuery`) in the URL.
 * A `Request` comes back as a new `Request` (its body is read once and carried over); a plain
 * `{ method, url, headers, body }` comes back plain, with `x-amz-date`, `authorization` and, for temporary
 * credentials, `x-amz-security-token` added. Any `host` header is dropped: fetch sends the URL's host, which is
 * what gets signed.
 *
 * Bad input (missing credentials, empty region or service, a relative URL, an unsupported body) throws a
 * {@link ConfigurationError} naming the field before any crypto work.
 *
 * @example
 * ```ts
 * const signed = await signRequest(
 *   new Request(`https://bedrock-runtime.us-east-1.amazonaws.com/model/${encodePathSegment(modelId)}/invoke`, {
 *     method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload),
 *   }),
 *   { credentials, region: "us-east-1", service: "bedrock" },
 * );
 * const response = await fetch(signed);
 * ```
 */
export function signRequest(input: Request, options: SignOptions): Promise<Request>;
export function signRequest(input: HttpRequestLike, options: SignOptions): Promise<SignedRequest>;
export async function signRequest(input: Request | HttpRequestLike, options: SignOptions): Promise<Request | SignedRequest> {
  if (typeof Request !== "undefined" && input instanceof Request) return signWebRequest(input, options);
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

async function signWebRequest(input: Request, options: SignOptions): Promise<Request> {
  const p = prepare(input.method, input.url, input.headers, options);
  let body: BodyInit | null = null;
  let bytes: Uint8Array | undefined;
  if (input.body !== null) {
    if (input.bodyUsed) throw new ConfigurationError("body", "The Request body has already been read.");
    if (options.unsignedPayload === true) body = input.body;
    else {
      bytes = new Uint8Array(await input.arrayBuffer());
      body = bytes as Uint8Array<ArrayBuffer>;
    }
  }
  const signed = await signPrepared(p, bytes, options);
  const init: RequestInit & { duplex?: "half" } = {
    method: p.method,
    headers: signed.headers,
    body,
    signal: input.signal,
    redirect: input.redirect,
    credentials: input.credentials,
    cache: input.cache,
    mode: input.mode,
    referrerPolicy: input.referrerPolicy,
    integrity: input.integrity,
    keepalive: input.keepalive,
  };
  // A stream body (unsignedPayload) needs half duplex in fetch implementations that support streaming uploads.
  if (body !== null && !(body instanceof Uint8Array)) init.duplex = "half";
  return new Request(signed.url, init);
}

/**
 * A presigned URL: the signature travels in the query string (`X-Amz-Signature`), valid for `expiresIn` seconds.
 * Headers of the input other than `host` are signed and must be sent with the URL.
 *
 * @example
 * ```ts
 * const url = await presignUrl("https://bedrock-runtime.us-east-1.amazonaws.com/async-invoke",
 *   { credentials, region: "us-east-1", service: "bedrock", expiresIn: 300 });
 * ```
 */
export async function presignUrl(
  input: HttpRequestLike | Request | string | URL,
  options: SignOptions & { expiresIn?: number | undefined },
): Promise<string> {
  const opts: SignOptions = { ...options, signQuery: true };
  if (typeof input === "string" || input instanceof URL) {
    return (await signRequest({ method: "GET", url: input }, opts)).url;
  }
  if (typeof Request !== "undefined" && input instanceof Request) return (await signWebRequest(input, opts)).url;
  return (await signRequest(input as HttpRequestLike, opts)).url;
}
