/**
 * SigV4 verification for the AWS test servers: the emulator's verifier (one implementation of the algorithm,
 * built from the library's step functions), answering with STS's error codes and statuses
 * (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
 * @internal
 */
import { verifySigV4 } from "../emulator/verify-sigv4";
import type { SigV4Codes } from "../emulator/verify-sigv4";
import type { CredentialStore, StoredCredentials } from "./credential-store";

/** Outcome of {@link verifyHeaderSignature}. */
export type VerifyResult =
  | { ok: true; credentials: StoredCredentials; region: string }
  | { ok: false; status: number; code: string; message: string };

const STS_CODES: SigV4Codes = {
  missing: { status: 403, code: "MissingAuthenticationToken" },
  incomplete: { status: 400, code: "IncompleteSignature" },
  "unknown-key": { status: 403, code: "InvalidClientTokenId" },
  "expired-token": { status: 400, code: "ExpiredToken" },
  "wrong-service": { status: 403, code: "SignatureDoesNotMatch" },
  "expired-signature": { status: 403, code: "SignatureDoesNotMatch" },
  mismatch: { status: 403, code: "SignatureDoesNotMatch" },
};

/** Verifies a SigV4-signed request to `service` whose body has been read into `body`. */
export async function verifyHeaderSignature(
  request: Request,
  body: Uint8Array,
  store: CredentialStore,
  service: string,
  now: Date,
): Promise<VerifyResult> {
  // STS allows 15 minutes of clock difference (Bedrock: 5).
  const result = await verifySigV4(request, body, {
    service,
    lookup: (id) => store.lookup(id),
    now,
    skewMs: 15 * 60_000,
    codes: STS_CODES,
  });
  if (!result.ok) return { ok: false, status: result.status, code: result.code, message: result.message };
  return { ok: true, credentials: result.credentials, region: result.region };
}
