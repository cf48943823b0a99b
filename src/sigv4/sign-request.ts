/**
 * `signRequest` and `presignUrl`: SigV4 for a `Request` or a plain `{ method, url, headers, body }`.
 */
import { ConfigurationError } from "../errors";
import type { HttpRequestLike, SignedRequest, SignOptions } from "./types";
import { prepare, signPlain, signPrepared } from "./sign-plain";

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
  return signPlain(input as HttpRequestLike, options);
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
