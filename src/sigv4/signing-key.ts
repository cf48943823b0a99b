/**
 * Derived signing keys (task 3 of SigV4,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#derive-signing-key), cached.
 *
 * The cache never holds a secret as a key: entries are keyed by a SHA-256 of the secret (plus date, region and
 * service), and that digest is itself remembered per credentials object in a WeakMap, so the steady state costs
 * one WeakMap lookup and one Map lookup per request. Bounded at {@link MAX_KEYS} entries, least recently used out.
 */
import type { Credentials } from "./types";
import { toHex, utf8 } from "./encode";
import { type HmacKey, hmacKey, hmacSync, sha256Sync } from "./sha256";

const MAX_KEYS = 50;

interface Entry {
  /** kSigning itself, for the public {@link signingKey}. */
  raw: Uint8Array;
  /** kSigning prepared for HMAC. */
  hmac: HmacKey;
}

const keys = new Map<string, Entry>();
const secretIds = new WeakMap<object, { secret: string; id: string }>();

// Domain-separated so the cache id is not simply "the SHA-256 of the secret" someone could match elsewhere.
function digestSecret(secret: string): string {
  return toHex(sha256Sync(utf8("bedrock-fetch/sigv4 key cache\n" + secret)));
}

function secretIdOf(credentials: Credentials): string {
  const known = secretIds.get(credentials);
  // A credentials object mutated in place (refreshed) gets a fresh id.
  if (known !== undefined && known.secret === credentials.secretAccessKey) return known.id;
  const id = digestSecret(credentials.secretAccessKey);
  secretIds.set(credentials, { secret: credentials.secretAccessKey, id });
  return id;
}

function derive(secret: string, date: string, region: string, service: string): Entry {
  let raw = utf8("AWS4" + secret);
  for (const part of [date, region, service, "aws4_request"]) raw = hmacSync(hmacKey(raw), utf8(part));
  return { raw, hmac: hmacKey(raw) };
}

function lookup(id: string, secret: string, date: string, region: string, service: string): Entry {
  const cacheKey = id + "\n" + date + "\n" + region + "\n" + service;
  let entry = keys.get(cacheKey);
  if (entry !== undefined) {
    // Refresh recency: Map iteration order is insertion order, so the first key is the least recently used.
    keys.delete(cacheKey);
  } else {
    entry = derive(secret, date, region, service);
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
  }
  keys.set(cacheKey, entry);
  return entry;
}

/** The cached kSigning of these credentials, prepared for HMAC. Internal hot path. */
export function signingHmacKey(credentials: Credentials, date: string, region: string, service: string): HmacKey {
  return lookup(secretIdOf(credentials), credentials.secretAccessKey, date, region, service).hmac;
}

/** Prepares a raw signing key for {@link hmacSync}. */
export function prepareKey(key: Uint8Array): HmacKey {
  return hmacKey(key);
}

/**
 * The SigV4 signing key kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
 * from the bounded cache.
 *
 * @param secretAccessKey - the secret access key (never stored; only a digest of it keys the cache).
 * @param date - `YYYYMMDD`, the first 8 characters of `x-amz-date`.
 */
export async function signingKey(secretAccessKey: string, date: string, region: string, service: string): Promise<Uint8Array> {
  return lookup(digestSecret(secretAccessKey), secretAccessKey, date, region, service).raw.slice();
}

/** Number of cached keys (for tests). @internal */
export function cachedKeyCount(): number {
  return keys.size;
}
