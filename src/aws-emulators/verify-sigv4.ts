/**
 * Header-signed SigV4 verification for the AWS test servers, built from the exported step functions of
 * `../sigv4` (canonical request → string to sign → signing key → signature), so the servers check exactly the
 * documented algorithm: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 * Error codes are those of STS (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
 * @internal
 */
import {
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
} from "../sigv4";
import type { CredentialStore, StoredCredentials } from "./credential-store";

/** Outcome of {@link verifyHeaderSignature}. */
export type VerifyResult =
  | { ok: true; credentials: StoredCredentials; region: string }
  | { ok: false; status: number; code: string; message: string };

const SKEW_MS = 15 * 60_000;

function fail(status: number, code: string, message: string): VerifyResult {
  return { ok: false, status, code, message };
}

/** Verifies `Authorization: AWS4-HMAC-SHA256 …` on a request whose body has been read into `body`. */
export async function verifyHeaderSignature(
  request: Request,
  body: Uint8Array,
  store: CredentialStore,
  service: string,
  now: Date,
): Promise<VerifyResult> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) {
    return fail(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization.trim());
  const amzDate = request.headers.get("x-amz-date");
  if (!m || amzDate === null || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return fail(400, "IncompleteSignature", "Authorization header requires Credential, SignedHeaders, Signature and an X-Amz-Date header.");
  }
  const [accessKeyId, date, region, scopeService, terminator] = m[1]!.split("/");
  if (!accessKeyId || !region || terminator !== "aws4_request" || date !== amzDate.slice(0, 8)) {
    return fail(400, "IncompleteSignature", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
  }
  if (scopeService !== service) {
    return fail(403, "SignatureDoesNotMatch", `Credential should be scoped to correct service: '${service}'.`);
  }
  const credentials = store.lookup(accessKeyId);
  if (!credentials) return fail(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
  if ((credentials.sessionToken ?? null) !== request.headers.get("x-amz-security-token")) {
    return fail(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
  }
  if (credentials.expiration && now.getTime() >= credentials.expiration.getTime()) {
    return fail(400, "ExpiredToken", "The security token included in the request is expired");
  }
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8),
    +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (Math.abs(now.getTime() - signedAt) > SKEW_MS) {
    return fail(403, "SignatureDoesNotMatch", "Signature expired or not yet current: the request time is more than 15 minutes from the server time.");
  }
  const signedHeaders = m[2]!.split(";");
  if (!signedHeaders.includes("host")) {
    return fail(403, "SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const url = new URL(request.url);
  const headers: Array<[string, string]> = [...request.headers.entries()];
  if (!request.headers.has("host")) headers.push(["host", url.host]);
  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname,
    query: url.search,
    headers,
    signedHeaders,
    payloadHash: await sha256Hex(body),
  });
  const toSign = stringToSign(amzDate, credentialScope(amzDate, region, service), await sha256Hex(canonical));
  const expected = await signature(await signingKey(credentials.secretAccessKey, date, region, service), toSign);
  let diff = expected.length ^ m[3]!.length;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ m[3]!.charCodeAt(i);
  if (diff !== 0) {
    return fail(403, "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  }
  return { ok: true, credentials, region };
}
