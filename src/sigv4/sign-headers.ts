/**
 * SigV4 in the `authorization` header for the library's own requests: the result `signRequest` gives for a plain
 * `{ method, url, headers, body }` with options `{ credentials, region, service, now }` and nothing else, without the
 * code of the options and inputs it never sees (query signing and presigning, unsigned or pre-hashed payloads,
 * `Request` objects, relative URLs), so that the runtime's bundle does not carry them. Its caller has already checked
 * the credentials' shape (transport/auth.ts); the checks left are the ones the credential scope and the clock need.
 * @internal
 */
import type { Credentials } from "./types";
import { canonicalRawQuery, defaultCanonicalUri, isSignableHeader, normalizeHeaderValue } from "./canonical";
import { bodyBytes, requireWebCrypto, sha256HexOfBytes } from "./digest";
import { headerBlock, signatureOf } from "./sign-parts";
import { collectHeaders } from "./sign-plain";
import { authorizationHeader, credentialScope } from "./signature";
import { amzDateOf, checkKeyId, checkRegion } from "./validate";

/** Signs one request's headers; see {@link signHeaders}. */
export type HeaderSigner = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  credentials: Credentials,
  region: string,
  service: string,
  now: () => Date,
) => Promise<Record<string, string>>;

/**
 * The headers to send: `headers` (any `host` or `authorization` dropped, fetch sends the URL's host) with
 * `X-Amz-Security-Token` for temporary credentials, `X-Amz-Date` and `Authorization`.
 *
 * @param url - an absolute URL whose path segments are already percent-encoded
 */
export const signHeaders: HeaderSigner = /* @__PURE__ */ headerSigner(canonicalRawQuery);

/**
 * A {@link signHeaders} whose canonical query string is `canonicalQuery(url.search)`: a caller whose URLs only ever
 * carry a query already in canonical form (the transport) passes a cheaper function than the general one.
 */
export function headerSigner(canonicalQuery: (search: string) => string): HeaderSigner {
  return async (method, url, headers, body, credentials, region, service, now) => {
    checkKeyId(credentials.accessKeyId);
    // Only the region: every caller passes a constant signing name (`bedrock`, `sts`).
    checkRegion(region);
    const amzDate = amzDateOf(now(), "now");
    const u = new URL(url);
    const collected = collectHeaders(Object.entries(headers));
    requireWebCrypto();
    const explicit = collected.get("x-amz-content-sha256");
    const payloadHash =
      explicit !== undefined ? explicit[1].trim() : await sha256HexOfBytes(bodyBytes(body ?? ""));

    const token = credentials.sessionToken || undefined;
    const scope = credentialScope(amzDate, region, service);
    const out: Record<string, string> = {};
    const signed = new Map<string, string>();
    for (const [lower, [name, value]] of collected) {
      // Replaced below: the date always, the token when the credentials carry one.
      if (lower === "x-amz-date" || (lower === "x-amz-security-token" && token !== undefined)) continue;
      out[name] = value;
      if (isSignableHeader(lower)) signed.set(lower, normalizeHeaderValue(value));
    }
    signed.set("host", u.host);
    if (token !== undefined) signed.set("x-amz-security-token", (out["X-Amz-Security-Token"] = token));
    signed.set("x-amz-date", (out["X-Amz-Date"] = amzDate));

    const [canonicalHeaders, signedHeaders] = headerBlock(signed);
    const canonicalRequest =
      method.toUpperCase() + "\n" +
      defaultCanonicalUri(u.pathname) + "\n" +
      canonicalQuery(u.search) + "\n" +
      canonicalHeaders + "\n" +
      signedHeaders + "\n" +
      payloadHash;
    const [, signature] = signatureOf(canonicalRequest, amzDate, scope, credentials, region, service);
    out["Authorization"] = authorizationHeader(credentials.accessKeyId, scope, signedHeaders, signature);
    return out;
  };
}
