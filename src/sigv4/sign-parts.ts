/**
 * The signing core over wire-level parts: everything but reading URLs and bodies.
 */
import type { Credentials, HeaderPairs, QueryInput, SignOptions } from "./types";
import { canonicalUri, encodeQueryPairs, isSignableHeader, joinSortedQuery, normalizeHeaderValue } from "./canonical";
import { toHex, uriEncode, utf8 } from "./encode";
import { sha256Sync, hmacSync } from "./sha256";
import { ALGORITHM, authorizationHeader, credentialScope } from "./signature";
import { signingHmacKey } from "./signing-key";
import { DEFAULT_EXPIRES, validateOptions } from "./validate";

/** A request as it will go on the wire. */
export interface RequestParts {
  method: string;
  /** Path as sent (percent-encoded for a URL; the AWS suites give it raw), without the query. */
  path: string;
  /** Raw query string as sent, or decoded pairs. */
  query?: QueryInput | undefined;
  /** Headers as sent; a name may repeat. */
  headers: HeaderPairs;
  /** Value of the `host` header when `headers` has none (fetch derives it from the URL). */
  host?: string | undefined;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
}

/** Everything a signature produced, for callers that assemble the request themselves. */
export interface SignedParts {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** The `authorization` header value (header signing only). */
  authorization: string | undefined;
  /** Headers to set, in the order AWS's reference signer adds them (replace any existing header of the name). */
  headers: Array<[string, string]>;
  /** Encoded query parameters to append after the existing query, in order (query signing only). */
  query: Array<[string, string]>;
}

/** Canonical headers (`name:value\n`, sorted) and the signed-header list of lower-case name → normalised value. */
export function headerBlock(signed: Map<string, string>): [canonicalHeaders: string, signedHeaders: string] {
  const names = [...signed.keys()].sort();
  let canonical = "";
  for (const name of names) canonical += name + ":" + signed.get(name)! + "\n";
  return [canonical, names.join(";")];
}

/** String to sign and hex signature of a canonical request, with the cached signing key. */
export function signatureOf(
  canonicalRequest: string,
  amzDate: string,
  scope: string,
  credentials: Credentials,
  region: string,
  service: string,
): [stringToSign: string, signature: string] {
  const stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + toHex(sha256Sync(utf8(canonicalRequest)));
  const key = signingHmacKey(credentials, amzDate.slice(0, 8), region, service);
  return [stringToSign, toHex(hmacSync(key, utf8(stringToSign)))];
}

/**
 * Signs wire-level parts: builds the canonical request, string to sign and signature, and returns the headers or
 * query parameters to add. `x-amz-date`, `x-amz-security-token` and `authorization` already in `headers` are
 * replaced; unsignable headers (user-agent, connection, ...) are sent but not signed.
 */
export function signParts(parts: RequestParts, options: SignOptions): SignedParts {
  const amzDate = validateOptions(options);
  const { credentials, region, service } = options;
  const token = credentials.sessionToken || undefined;
  const signToken = token !== undefined && options.omitSessionToken !== true;
  const query = options.signQuery === true;
  const scope = credentialScope(amzDate, region, service);

  // Collect signable headers, joining repeats with "," in order.
  const signed = new Map<string, string>();
  let hasHost = false;
  for (const [name, value] of parts.headers) {
    const lower = name.toLowerCase();
    if (!isSignableHeader(lower) || lower === "x-amz-date") continue;
    if (lower === "x-amz-security-token" && token !== undefined) continue;
    if (lower === "x-amz-content-sha256" && options.contentSha256 === true && !query) continue;
    if (lower === "host") hasHost = true;
    const v = normalizeHeaderValue(value);
    const prev = signed.get(lower);
    signed.set(lower, prev === undefined ? v : prev + "," + v);
  }
  if (!hasHost && parts.host !== undefined) signed.set("host", parts.host);
  const added: Array<[string, string]> = [];
  if (token !== undefined && !query) {
    added.push(["X-Amz-Security-Token", token]);
    if (signToken) signed.set("x-amz-security-token", token);
  }
  if (!query) {
    added.push(["X-Amz-Date", amzDate]);
    signed.set("x-amz-date", amzDate);
    if (options.contentSha256 === true) {
      added.push(["x-amz-content-sha256", parts.payloadHash]);
      signed.set("x-amz-content-sha256", parts.payloadHash);
    }
  }

  const [canonicalHeaders, signedHeaders] = headerBlock(signed);

  const pairs = encodeQueryPairs(parts.query);
  const appended: Array<[string, string]> = [];
  if (query) {
    appended.push(
      ["X-Amz-Algorithm", ALGORITHM],
      ["X-Amz-Credential", uriEncode(credentials.accessKeyId + "/" + scope)],
      ["X-Amz-Date", amzDate],
      ["X-Amz-SignedHeaders", uriEncode(signedHeaders)],
      ["X-Amz-Expires", String(options.expiresIn ?? DEFAULT_EXPIRES)],
    );
    for (const p of appended) pairs.push([p[0], p[1]]);
    if (token !== undefined) {
      const t: [string, string] = ["X-Amz-Security-Token", uriEncode(token)];
      appended.push(t);
      if (signToken) pairs.push([t[0], t[1]]);
    }
  }

  const canonicalRequest =
    parts.method.toUpperCase() + "\n" +
    canonicalUri(parts.path, options) + "\n" +
    joinSortedQuery(pairs) + "\n" +
    canonicalHeaders + "\n" +
    signedHeaders + "\n" +
    parts.payloadHash;
  const [stringToSign, signature] = signatureOf(canonicalRequest, amzDate, scope, credentials, region, service);

  let authorization: string | undefined;
  if (query) appended.push(["X-Amz-Signature", signature]);
  else {
    authorization = authorizationHeader(credentials.accessKeyId, scope, signedHeaders, signature);
    added.push(["Authorization", authorization]);
  }
  return { canonicalRequest, stringToSign, signature, authorization, headers: added, query: appended };
}
