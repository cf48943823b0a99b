/**
 * String to sign, signature and authorization header (tasks 2 to 4 of SigV4):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { toHex, utf8 } from "./encode";
import { hmacSync } from "./sha256";
import { prepareKey } from "./signing-key";

/** The signing algorithm name. */
export const ALGORITHM = "AWS4-HMAC-SHA256";

/** `YYYYMMDDTHHMMSSZ` (the `x-amz-date` format) of a date. */
export function toAmzDate(date: Date): string {
  // 2024-01-02T03:04:05.678Z → 20240102T030405Z
  return date.toISOString().replace(/[-:]|\.\d+/g, "");
}

/** Credential scope `YYYYMMDD/region/service/aws4_request`. */
export function credentialScope(date: string, region: string, service: string): string {
  return date.slice(0, 8) + "/" + region + "/" + service + "/aws4_request";
}

/**
 * The string to sign: algorithm, request datetime, credential scope and hex SHA-256 of the canonical request.
 *
 * @param datetime - `x-amz-date` value (`YYYYMMDDTHHMMSSZ`) or a `Date`.
 * @param scope - see {@link credentialScope}.
 * @param canonicalRequestHash - hex SHA-256 of the canonical request (see {@link sha256Hex}).
 */
export function stringToSign(datetime: string | Date, scope: string, canonicalRequestHash: string): string {
  const amzDate = typeof datetime === "string" ? datetime : toAmzDate(datetime);
  return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequestHash;
}

/**
 * Hex HMAC-SHA-256 of the string to sign under the signing key.
 *
 * @param key - kSigning, from {@link signingKey}.
 */
export async function signature(key: Uint8Array, toSign: string): Promise<string> {
  return toHex(hmacSync(prepareKey(key), utf8(toSign)));
}

/**
 * The `authorization` header value:
 * `AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=<names>, Signature=<hex>`.
 */
export function authorizationHeader(
  accessKeyId: string,
  scope: string,
  signedHeaders: string | readonly string[],
  signatureHex: string,
): string {
  const names = typeof signedHeaders === "string" ? signedHeaders : signedHeaders.join(";");
  return ALGORITHM + " Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + names + ", Signature=" + signatureHex;
}
