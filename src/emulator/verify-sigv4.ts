/**
 * Server-side SigV4 verification, as Bedrock Runtime's front end does it: rebuild the canonical request from the
 * request exactly as received, derive the key for the credential scope and compare signatures. Header signatures
 * (`Authorization: AWS4-HMAC-SHA256 ...`) and query (presigned) signatures are both accepted.
 *
 * The hashing, key derivation and string-to-sign steps are the library's own SigV4 step functions; what is
 * specific to a server (reading the parameters back, the clock window, choosing the payload hash, the error
 * answers) lives here. Tests check it against an independent signer (aws4fetch) and the AWS SDK. Algorithm:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 * Error codes and wording follow real Bedrock answers (recorded in `exchanges/errors/` and the 403s elsewhere).
 */
import {
  ALGORITHM,
  canonicalQuery,
  canonicalUri,
  credentialScope,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
  toAmzDate,
} from "../sigv4/index";
import type { Credentials } from "../sigv4/index";

/**
 * Why a request was refused, independent of any one service's error codes: each server maps these to its own
 * (Bedrock's are in {@link BEDROCK_SIGV4_CODES}; STS's in src/aws-emulators).
 */
export type SigV4FailureKind =
  | "missing"
  | "incomplete"
  | "unknown-key"
  | "expired-token"
  | "wrong-service"
  | "expired-signature"
  | "mismatch";

/** Outcome of {@link verifySigV4}. */
export type SigV4Result<C extends Credentials = Credentials> =
  | { ok: true; accessKeyId: string; region: string; credentials: C }
  | { ok: false; kind: SigV4FailureKind; status: number; code: string; message: string };

export interface VerifySigV4Options<C extends Credentials = Credentials> {
  /** The signing name the credential scope must carry, e.g. `bedrock` or `sts`. */
  service: string;
  /** The credentials of an access key id, or undefined when the key is unknown. */
  lookup: (accessKeyId: string) => C | undefined;
  now: Date;
  /** How far the signing time may be from `now`. @defaultValue 5 minutes, as Bedrock */
  skewMs?: number;
  /** Status and error code per failure kind. @defaultValue {@link BEDROCK_SIGV4_CODES} */
  codes?: SigV4Codes;
}

/** How a service answers each kind of refusal. */
export type SigV4Codes = Readonly<Record<SigV4FailureKind, { status: number; code: string }>>;

/** Bedrock Runtime's answers, as its real 403s carry them. */
export const BEDROCK_SIGV4_CODES: SigV4Codes = {
  missing: { status: 403, code: "MissingAuthenticationTokenException" },
  incomplete: { status: 403, code: "IncompleteSignatureException" },
  "unknown-key": { status: 403, code: "UnrecognizedClientException" },
  "expired-token": { status: 403, code: "ExpiredTokenException" },
  "wrong-service": { status: 403, code: "InvalidSignatureException" },
  "expired-signature": { status: 403, code: "InvalidSignatureException" },
  mismatch: { status: 403, code: "InvalidSignatureException" },
};

const SKEW_MS = 5 * 60 * 1000;

interface Failure {
  ok: false;
  kind: SigV4FailureKind;
  message: string;
}

function fail(kind: SigV4FailureKind, message: string): Failure {
  return { ok: false, kind, message };
}

/** Sorted, re-encoded query string, leaving out `X-Amz-Signature` (it cannot sign itself). */
export function canonicalQueryOf(search: string): string {
  const raw = search.startsWith("?") ? search.slice(1) : search;
  return canonicalQuery(raw.split("&").filter((part) => part !== "" && !part.startsWith("X-Amz-Signature=")).join("&"));
}

interface Parsed {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  sessionToken: string | null;
  expiresSeconds: number | undefined;
}

function parseHeaderAuth(authorization: string, headers: Headers): Parsed | Failure {
  const params = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((p) => !params.has(p));
  const amzDate = headers.get("x-amz-date");
  if (missing.length > 0 || amzDate === null) {
    const parts = missing.map((p) => `Authorization header requires '${p}' parameter.`);
    if (amzDate === null) parts.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    return fail("incomplete", parts.join(" "));
  }
  return fromParts(params.get("Credential")!, params.get("SignedHeaders")!, params.get("Signature")!, amzDate,
    headers.get("x-amz-security-token"), undefined);
}

function parseQueryAuth(query: URLSearchParams): Parsed | Failure {
  const required = ["X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Date"];
  const missing = required.filter((p) => !query.has(p));
  if (missing.length > 0) {
    return fail("incomplete", missing.map((p) => `Query string requires '${p}' parameter.`).join(" "));
  }
  const expires = query.get("X-Amz-Expires");
  return fromParts(query.get("X-Amz-Credential")!, query.get("X-Amz-SignedHeaders")!, query.get("X-Amz-Signature")!,
    query.get("X-Amz-Date")!, query.get("X-Amz-Security-Token"), expires === null ? undefined : Number(expires));
}

function fromParts(credential: string, signedHeaders: string, signature: string, amzDate: string,
  sessionToken: string | null, expiresSeconds: number | undefined): Parsed | Failure {
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request") {
    return fail("incomplete", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
  }
  const [accessKeyId, scopeDate, region, service] = scope as [string, string, string, string, string];
  return { accessKeyId, scopeDate, region, service, signature, amzDate, sessionToken, expiresSeconds,
    signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()) };
}

function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se));
}

/** `20250808T084415Z`, the form AWS quotes in its messages. */
export const formatAmzDate: (d: Date) => string = toAmzDate;

function checkTime(p: Parsed, now: Date, skewMs: number): Failure | undefined {
  const signedAt = parseAmzDate(p.amzDate);
  if (signedAt === undefined) {
    return fail("incomplete", `Date must be in ISO-8601 'basic format'. Got '${p.amzDate}'.`);
  }
  if (p.amzDate.slice(0, 8) !== p.scopeDate) {
    return fail("mismatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${p.scopeDate}' != '${p.amzDate.slice(0, 8)}', from '${p.amzDate}'.`);
  }
  const lower = new Date(now.getTime() - skewMs);
  const upper = new Date(now.getTime() + skewMs);
  const window = `${skewMs / 60_000} min.`;
  if (p.expiresSeconds !== undefined && now.getTime() > signedAt.getTime() + p.expiresSeconds * 1000) {
    const limit = new Date(now.getTime() - p.expiresSeconds * 1000);
    return fail("expired-signature",
      `Signature expired: ${p.amzDate} is now earlier than ${formatAmzDate(limit)} (${formatAmzDate(now)} - ${p.expiresSeconds} sec.)`);
  }
  if (p.expiresSeconds === undefined && signedAt < lower) {
    return fail("expired-signature",
      `Signature expired: ${p.amzDate} is now earlier than ${formatAmzDate(lower)} (${formatAmzDate(now)} - ${window})`);
  }
  if (signedAt > upper) {
    return fail("expired-signature",
      `Signature not yet current: ${p.amzDate} is still later than ${formatAmzDate(upper)} (${formatAmzDate(now)} + ${window})`);
  }
  return undefined;
}

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Verifies a SigV4-signed request (header or presigned query). `body` is the full request body (already read).
 * Returns which credentials signed it, or the refusal with the status and code the service would answer.
 */
export async function verifySigV4<C extends Credentials>(
  request: Request,
  body: Uint8Array,
  options: VerifySigV4Options<C>,
): Promise<SigV4Result<C>> {
  const result = await check(request, body, options);
  if (result.ok) return result;
  return { ...result, ...(options.codes ?? BEDROCK_SIGV4_CODES)[result.kind] };
}

async function check<C extends Credentials>(
  request: Request,
  body: Uint8Array,
  options: VerifySigV4Options<C>,
): Promise<{ ok: true; accessKeyId: string; region: string; credentials: C } | Failure> {
  const { service, now } = options;
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  let parsed: Parsed | Failure;
  const presigned = url.searchParams.get("X-Amz-Algorithm") === ALGORITHM;
  if (authorization !== null && authorization.startsWith(`${ALGORITHM} `)) {
    parsed = parseHeaderAuth(authorization, request.headers);
  } else if (presigned) {
    parsed = parseQueryAuth(url.searchParams);
  } else {
    return fail("missing", "Missing Authentication Token");
  }
  if ("ok" in parsed) return parsed;
  const p = parsed;
  if (p.service !== service) {
    return fail("wrong-service", `Credential should be scoped to correct service: '${service}'. `);
  }
  const credentials = options.lookup(p.accessKeyId);
  if (credentials === undefined || (credentials.sessionToken ?? null) !== p.sessionToken) {
    return fail("unknown-key", "The security token included in the request is invalid.");
  }
  if (credentials.expiration !== undefined && now.getTime() >= credentials.expiration.getTime()) {
    return fail("expired-token", "The security token included in the request is expired");
  }
  const timeError = checkTime(p, now, options.skewMs ?? SKEW_MS);
  if (timeError) return timeError;
  // Over HTTP/2 the AWS SDK signs the `:authority` pseudo-header instead of `host`; both name the authority.
  if (!p.signedHeaders.includes("host") && !p.signedHeaders.includes(":authority")) {
    return fail("mismatch", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  const canonicalHeaders = p.signedHeaders
    .map((name) => {
      const authority = name === "host" || name === ":authority";
      const value = (authority ? request.headers.get("host") : request.headers.get(name)) ?? (authority ? url.host : "");
      return `${name}:${value.trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const hashes = [await sha256Hex(body)];
  if (presigned || request.headers.get("x-amz-content-sha256") === "UNSIGNED-PAYLOAD") hashes.push("UNSIGNED-PAYLOAD");
  const scope = credentialScope(p.scopeDate, p.region, p.service);
  const key = await signingKey(credentials.secretAccessKey, p.scopeDate, p.region, p.service);

  for (const payloadHash of hashes) {
    // The path is verified as received: `canonicalUri` encodes the wire path once more (`%3A` → `%253A`).
    const canonical = [request.method.toUpperCase(), canonicalUri(url.pathname), canonicalQueryOf(url.search),
      canonicalHeaders, p.signedHeaders.join(";"), payloadHash].join("\n");
    const expected = await signature(key, stringToSign(p.amzDate, scope, await sha256Hex(canonical)));
    if (timingSafeEqual(expected, p.signature.toLowerCase())) {
      return { ok: true, accessKeyId: p.accessKeyId, region: p.region, credentials };
    }
  }
  return fail("mismatch", MISMATCH);
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
