/**
 * Canonical request construction, task 1 of SigV4:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 *
 * Every function here works on parts as they appear on the wire, so a server can recompute a canonical request
 * from what it received (method, path as received, raw query, headers named in `SignedHeaders`).
 */
import type { HeaderInput, QueryInput } from "./types";
import { decodeComponent, uriEncode } from "./encode";

/**
 * Headers never signed: hop-by-hop or rewritten by proxies and browsers, so a signature over them would break in
 * transit (the same set the AWS SDKs skip). `authorization` is the signature itself.
 */
const UNSIGNABLE =
  /^(authorization|cache-control|connection|expect|from|keep-alive|max-forwards|pragma|referer|te|trailer|transfer-encoding|upgrade|user-agent|x-amzn-trace-id)$/;

/** Whether the signer signs a header of this (lower-case) name by default. */
export function isSignableHeader(lowerName: string): boolean {
  return !UNSIGNABLE.test(lowerName);
}

/** Options of {@link canonicalUri}. */
export interface CanonicalUriOptions {
  /** Remove `.`/`..` and empty segments. @defaultValue true */
  normalizePath?: boolean | undefined;
  /** Encode the wire path once more (every service but S3). @defaultValue true */
  doubleEncodePath?: boolean | undefined;
}

/**
 * Canonical URI of a path as it is sent (already percent-encoded, e.g.
 * `/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke`). For every service but S3 the path is URI-encoded
 * once more, so `%3A` becomes `%253A`; with `doubleEncodePath: false` (S3) it is decoded and encoded once.
 */
export function canonicalUri(path: string, options: CanonicalUriOptions = {}): string {
  const p = normalizedPath(path, options.normalizePath !== false);
  return uriEncode(options.doubleEncodePath === false ? decodeComponent(p, false) : p, true);
}

/** {@link canonicalUri} with its defaults (normalised, encoded once more): the header signer's path. @internal */
export function defaultCanonicalUri(path: string): string {
  return uriEncode(normalizedPath(path, true), true);
}

function normalizedPath(path: string, normalizePath: boolean): string {
  const p = path === "" ? "/" : path;
  // Only a path with an empty or dot segment, or not starting with `/`, changes.
  return normalizePath && /^[^/]|\/[/.]/.test(p) ? normalize(p) : p;
}

// Remove dot segments and collapse empty segments, keeping a trailing slash (the AWS suites' normalisation).
function normalize(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "..") out.pop();
    else if (segment !== "" && segment !== ".") out.push(segment);
  }
  return "/" + out.join("/") + (out.length > 0 && /\/\.{0,2}$/.test(path) ? "/" : "");
}

type EncodedPair = [string, string];

/** Encodes query pairs, RFC 3986 strict, without sorting. A raw string is decoded first (`+` is a space). */
export function encodeQueryPairs(query: QueryInput | undefined, out: EncodedPair[] = []): EncodedPair[] {
  if (typeof query === "string") return encodeRawQuery(query, out);
  if (query !== undefined) for (const [key, value] of query) out.push([uriEncode(key), uriEncode(value)]);
  return out;
}

// A raw query string, with or without `?`: each piece decoded (`+` is a space) and encoded again.
function encodeRawQuery(query: string, out: EncodedPair[]): EncodedPair[] {
  const raw = query.charCodeAt(0) === 63 ? query.slice(1) : query;
  if (raw === "") return out;
  for (const piece of raw.split("&")) {
    if (piece === "") continue;
    const [key, ...value] = piece.split("=");
    out.push([uriEncode(decodeComponent(key!, true)), uriEncode(decodeComponent(value.join("="), true))]);
  }
  return out;
}

/**
 * Sorts encoded pairs by name, then value, and joins them. Encoded names and values are ASCII above NUL, so sorting
 * `name\0value` strings in code-unit order (byte order here) is sorting by name, then value.
 */
export function joinSortedQuery(pairs: EncodedPair[]): string {
  return pairs
    .map((p) => p[0] + "\0" + p[1])
    .sort()
    .join("&")
    .replace(/\0/g, "=");
}

/**
 * Canonical query string: every name and value URI-encoded (space is `%20`, never `+`), sorted by name then value,
 * joined with `&`. A raw string (as received, with or without `?`) is decoded first, `+` counting as a space.
 */
export function canonicalQuery(query: QueryInput): string {
  return joinSortedQuery(encodeQueryPairs(query));
}

/** {@link canonicalQuery} of a raw query string (a URL's `search`). @internal */
export function canonicalRawQuery(query: string): string {
  return joinSortedQuery(encodeRawQuery(query, []));
}

/** Trim and collapse inner whitespace runs (including folded multi-line values) to one space. */
export function normalizeHeaderValue(value: string): string {
  const trimmed = value.trim();
  // Only a tab, CR, LF or a space followed by a space or control character starts a run to collapse; a lone space
  // (the usual case) and lone Unicode spaces are kept as they are.
  return /[\t\n\r]| [\0- ]/.test(trimmed) ? trimmed.replace(/\s+/g, " ") : trimmed;
}

/** Iterates header input as `[name, value]` pairs, keeping repeats (arrays) in order. */
export function headerEntries(headers: HeaderInput): Iterable<readonly [string, string]> {
  if (Array.isArray(headers)) return headers as ReadonlyArray<readonly [string, string]>;
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.entries();
  return Object.entries(headers as Record<string, string>);
}

/** Result of {@link canonicalHeaders}. */
export interface CanonicalHeaders {
  /** `name:value\n` per signed header, sorted by name. */
  canonicalHeaders: string;
  /** Signed header names joined with `;`. */
  signedHeaders: string;
}

/**
 * Canonical headers and the signed-header list. Names are lower-cased, values trimmed with inner whitespace
 * collapsed; a repeated header's values are joined with `,` in order. Note that a WHATWG `Headers` object has
 * already joined repeats with `, `, which is what goes on the wire, so that is what gets signed.
 *
 * @param headers - headers as received or to be sent.
 * @param signedHeaders - sign exactly these (lower-case) names, as a verifier reads them from `SignedHeaders`;
 *   a name absent from `headers` is signed with an empty value. Omitted: every header but the unsignable ones.
 */
export function canonicalHeaders(headers: HeaderInput, signedHeaders?: readonly string[]): CanonicalHeaders {
  const map = new Map<string, string>();
  const wanted = signedHeaders === undefined ? undefined : new Set(signedHeaders);
  for (const [name, value] of headerEntries(headers)) {
    const lower = name.toLowerCase();
    if (wanted ? !wanted.has(lower) : !isSignableHeader(lower)) continue;
    const v = normalizeHeaderValue(value);
    const prev = map.get(lower);
    map.set(lower, prev === undefined ? v : prev + "," + v);
  }
  if (wanted) for (const name of wanted) if (!map.has(name)) map.set(name, "");
  const names = [...map.keys()].sort();
  let canonical = "";
  for (const name of names) canonical += name + ":" + map.get(name)! + "\n";
  return { canonicalHeaders: canonical, signedHeaders: names.join(";") };
}

/** Parts of a canonical request, as received or as to be sent. */
export interface CanonicalRequestParts extends CanonicalUriOptions {
  method: string;
  /** Path as on the wire (already percent-encoded), without the query. */
  path: string;
  /** Raw query string or decoded pairs. */
  query?: QueryInput | undefined;
  headers: HeaderInput;
  /** Lower-case names to sign (a verifier passes `SignedHeaders` split on `;`). */
  signedHeaders?: readonly string[] | undefined;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. See {@link sha256Hex}. */
  payloadHash: string;
}

/**
 * The canonical request: method, canonical URI, canonical query, canonical headers, signed headers and payload
 * hash, one per line. Usable by a verifier on already-parsed parts.
 *
 * @example
 * ```ts
 * const creq = canonicalRequest({
 *   method: "POST", path: "/model/amazon.nova-lite-v1%3A0/converse", query: "",
 *   headers: { host: "bedrock-runtime.us-east-1.amazonaws.com", "x-amz-date": "20240101T000000Z" },
 *   signedHeaders: ["host", "x-amz-date"], payloadHash: await sha256Hex(body),
 * });
 * ```
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  const h = canonicalHeaders(parts.headers, parts.signedHeaders);
  return (
    parts.method.toUpperCase() + "\n" +
    canonicalUri(parts.path, parts) + "\n" +
    (parts.query === undefined ? "" : canonicalQuery(parts.query)) + "\n" +
    h.canonicalHeaders + "\n" +
    h.signedHeaders + "\n" +
    parts.payloadHash
  );
}
