/**
 * Short-term Amazon Bedrock API keys: a SigV4 presigned URL wrapped as a bearer token.
 *
 * Format, as AWS's own generator makes it (aws-bedrock-token-generator for Python/JavaScript, described on
 * https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-generate.html, "Generate a short-term Amazon Bedrock
 * API key using a client library"):
 *
 * 1. presign `POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken` with SigV4 query signing, service
 *    `bedrock`, the caller's region, `X-Amz-Expires` = lifetime in seconds (at most 43200 = 12 h), only `host`
 *    signed, payload hash of the empty body. The method is POST even though nothing is sent: the generator signs
 *    a POST, so a GET-signed key would not verify at the service;
 * 2. drop the leading `https://` and append `&Version=1`;
 * 3. base64 (standard alphabet, padded) and prefix `bedrock-api-key-`.
 *
 * The key is a bearer secret: it embeds the session token of the credentials that made it. Nothing here ever puts
 * a key, or any part of one other than the access key id and region, into an error or result message.
 */
import { ConfigurationError } from "../errors";
import {
  canonicalRequest,
  credentialScope,
  presignUrl,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  type Credentials,
} from "../sigv4";
import { cached } from "./cached";
import type { Clock, CredentialsInput } from "./types";
import { checkRegion, toProvider } from "./validate";

/** Prefix of every Bedrock API key made from a presigned URL. */
export const SHORT_TERM_API_KEY_PREFIX = "bedrock-api-key-";
/** Longest lifetime of a short-term key, in seconds (12 hours). */
export const MAX_SHORT_TERM_API_KEY_SECONDS = 43200;

const HOST = "bedrock.amazonaws.com";
const VERSION_SUFFIX = "&Version=1";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// Clock skew tolerated for a key dated in the future, as for any SigV4 signature (5 minutes).
const SKEW_MS = 5 * 60_000;

/** Options of {@link createShortTermApiKey}. */
export interface ShortTermApiKeyOptions {
  /** Credentials (or a provider) that sign the key; the key carries their permissions and session token. */
  credentials: CredentialsInput;
  /** Region the key is valid in, e.g. `us-east-1`. */
  region: string;
  /** Lifetime in seconds, 1 to 43200. The key also stops working when the signing credentials expire. @defaultValue 43200 */
  expiresIn?: number | undefined;
  /** @defaultValue `() => new Date()` */
  now?: Clock | undefined;
}

function checkExpiresIn(value: unknown): number {
  if (value === undefined) return MAX_SHORT_TERM_API_KEY_SECONDS;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_SHORT_TERM_API_KEY_SECONDS) {
    throw new ConfigurationError("expiresIn", "expiresIn must be a whole number of seconds from 1 to 43200 (12 hours).");
  }
  return value;
}

/**
 * Makes a short-term Bedrock API key, usable as `apiKey` (`Authorization: Bearer <key>`) in the key's region.
 *
 * @example
 * ```ts
 * const apiKey = await createShortTermApiKey({ credentials: fromEnv(), region: "us-east-1", expiresIn: 3600 });
 * const bedrock = createBedrock({ region: "us-east-1", apiKey });
 * ```
 */
export async function createShortTermApiKey(options: ShortTermApiKeyOptions): Promise<string> {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", "createShortTermApiKey takes { credentials, region, expiresIn? }.");
  }
  const region = checkRegion(options.region);
  const expiresIn = checkExpiresIn(options.expiresIn);
  if (options.credentials === undefined || options.credentials === null) {
    throw new ConfigurationError("credentials", "createShortTermApiKey needs credentials to sign the key.");
  }
  const credentials = await toProvider(options.credentials, "credentials")();
  const url = await presignUrl(
    { method: "POST", url: `https://${HOST}/?Action=CallWithBearerToken` },
    { credentials, region, service: "bedrock", expiresIn, now: options.now },
  );
  return SHORT_TERM_API_KEY_PREFIX + toBase64(url.slice("https://".length) + VERSION_SUFFIX);
}

/**
 * A function returning a current short-term key, minting a new one `refreshBefore` ms before the old one expires
 * (one mint in flight at a time). For clients that take an API key per request.
 */
export function shortTermApiKeyProvider(
  options: ShortTermApiKeyOptions & { refreshBefore?: number | undefined },
): () => Promise<string> {
  const region = checkRegion(options.region);
  const expiresIn = checkExpiresIn(options.expiresIn);
  const now = options.now ?? (() => new Date());
  // Reuse `cached` by carrying the key in a credentials-shaped value.
  const mint = cached(
    async () => {
      const key = await createShortTermApiKey({ credentials: options.credentials, region, expiresIn, now });
      return { accessKeyId: "api-key", secretAccessKey: key, expiration: new Date(now().getTime() + expiresIn * 1000) };
    },
    { refreshBefore: options.refreshBefore ?? Math.min(5 * 60_000, (expiresIn * 1000) / 4), now },
  );
  return async () => (await mint()).secretAccessKey;
}

/** Facts read from a short-term key without verifying it. */
export interface ShortTermApiKeyInfo {
  accessKeyId: string;
  region: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Whether `key` has the shape of a short-term key (`bedrock-api-key-` + base64 of a presigned URL). */
export function isShortTermApiKey(key: string): boolean {
  return parse(key) !== undefined;
}

/** Reads the access key id, region and validity window of a short-term key, or `undefined` if it is not one. */
export function describeShortTermApiKey(key: string): ShortTermApiKeyInfo | undefined {
  const p = parse(key);
  return p && { accessKeyId: p.accessKeyId, region: p.region, issuedAt: p.issuedAt, expiresAt: p.expiresAt };
}

/** Where {@link verifyShortTermApiKey} finds the secret for an access key id. */
export type CredentialLookup =
  | ((accessKeyId: string) => Credentials | undefined | Promise<Credentials | undefined>)
  | { lookup(accessKeyId: string): Credentials | undefined | Promise<Credentials | undefined> }
  | readonly Credentials[];

/** Options of {@link verifyShortTermApiKey}. */
export interface VerifyShortTermApiKeyOptions {
  /** The known credentials: a function, an object with `lookup` (e.g. a credential store), or a list. */
  credentials: CredentialLookup;
  /** Only accept keys for this region. */
  region?: string | undefined;
  /** @defaultValue `() => new Date()` */
  now?: Clock | undefined;
}

/** Why a key was refused. */
export type ShortTermApiKeyRejection = "malformed" | "unknown-key" | "expired" | "not-yet-valid" | "wrong-region" | "bad-signature";

/** Outcome of {@link verifyShortTermApiKey}. */
export type ShortTermApiKeyVerification =
  | ({ valid: true } & ShortTermApiKeyInfo)
  | { valid: false; reason: ShortTermApiKeyRejection; message: string };

/**
 * Verifies a short-term key the way the service does: decode it, check the validity window and recompute the
 * presigned signature with the secret of the access key it names. For emulators and gateways.
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ verifyApiKey: async (key) => (await verifyShortTermApiKey(key, { credentials: store })).valid });
 * ```
 */
export async function verifyShortTermApiKey(key: string, options: VerifyShortTermApiKeyOptions): Promise<ShortTermApiKeyVerification> {
  const p = parse(key);
  if (!p) return reject("malformed", "The value is not a short-term Bedrock API key.");
  const t = (options.now ?? (() => new Date()))().getTime();
  if (options.region !== undefined && p.region !== options.region) {
    return reject("wrong-region", `The API key is for region ${p.region}, not ${options.region}.`);
  }
  if (t < p.issuedAt.getTime() - SKEW_MS) return reject("not-yet-valid", "The API key is dated in the future.");
  if (t > p.expiresAt.getTime()) return reject("expired", `The API key expired at ${p.expiresAt.toISOString()}.`);
  const credentials = await lookup(options.credentials, p.accessKeyId);
  if (!credentials || (credentials.sessionToken ?? null) !== p.sessionToken) {
    return reject("unknown-key", `The API key was signed with unknown credentials (access key ${p.accessKeyId}).`);
  }
  if (credentials.expiration && t >= credentials.expiration.getTime()) {
    return reject("expired", "The credentials that signed the API key have expired.");
  }
  const canonical = canonicalRequest({
    method: "POST",
    path: "/",
    query: p.unsignedQuery,
    headers: { host: HOST },
    signedHeaders: p.signedHeaders,
    payloadHash: EMPTY_SHA256,
  });
  const toSign = stringToSign(p.amzDate, credentialScope(p.amzDate, p.region, "bedrock"), await sha256Hex(canonical));
  const expected = await signature(await signingKey(credentials.secretAccessKey, p.amzDate.slice(0, 8), p.region, "bedrock"), toSign);
  if (!timingSafeEqual(expected, p.signature)) return reject("bad-signature", "The API key's signature does not verify.");
  return { valid: true, accessKeyId: p.accessKeyId, region: p.region, issuedAt: p.issuedAt, expiresAt: p.expiresAt };
}

function reject(reason: ShortTermApiKeyRejection, message: string): ShortTermApiKeyVerification {
  return { valid: false, reason, message };
}

async function lookup(source: CredentialLookup, accessKeyId: string): Promise<Credentials | undefined> {
  if (typeof source === "function") return source(accessKeyId);
  if (Array.isArray(source)) return (source as readonly Credentials[]).find((c) => c.accessKeyId === accessKeyId);
  return (source as { lookup(id: string): Credentials | undefined | Promise<Credentials | undefined> }).lookup(accessKeyId);
}

interface Parsed extends ShortTermApiKeyInfo {
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  sessionToken: string | null;
  /** The raw query without `X-Amz-Signature`, as signed. */
  unsignedQuery: string;
}

function parse(key: string): Parsed | undefined {
  if (typeof key !== "string" || !key.startsWith(SHORT_TERM_API_KEY_PREFIX)) return undefined;
  const decoded = fromBase64(key.slice(SHORT_TERM_API_KEY_PREFIX.length));
  const start = `${HOST}/?`;
  if (decoded === undefined || !decoded.startsWith(start) || !decoded.endsWith(VERSION_SUFFIX)) return undefined;
  const rawQuery = decoded.slice(start.length, decoded.length - VERSION_SUFFIX.length);
  const q = new URLSearchParams(rawQuery);
  const credential = q.get("X-Amz-Credential")?.split("/");
  const amzDate = q.get("X-Amz-Date") ?? "";
  const expires = Number(q.get("X-Amz-Expires"));
  const sig = q.get("X-Amz-Signature") ?? "";
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (q.get("Action") !== "CallWithBearerToken" || q.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256" || !credential ||
    credential.length !== 5 || credential[3] !== "bedrock" || credential[4] !== "aws4_request" ||
    credential[1] !== amzDate.slice(0, 8) || !m || !Number.isInteger(expires) || expires < 1 ||
    expires > MAX_SHORT_TERM_API_KEY_SECONDS || !/^[0-9a-f]{64}$/.test(sig)) {
    return undefined;
  }
  const issuedAt = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  const unsignedQuery = rawQuery.split("&").filter((part) => !part.startsWith("X-Amz-Signature=")).join("&");
  return {
    accessKeyId: credential[0]!,
    region: credential[2]!,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expires * 1000),
    amzDate,
    signedHeaders: (q.get("X-Amz-SignedHeaders") ?? "host").split(";"),
    signature: sig,
    sessionToken: q.get("X-Amz-Security-Token"),
    unsignedQuery,
  };
}

function toBase64(text: string): string {
  // The presigned URL is ASCII (every non-ASCII byte is percent-encoded), so btoa's Latin-1 input is exact.
  return btoa(text);
}

function fromBase64(text: string): string | undefined {
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
