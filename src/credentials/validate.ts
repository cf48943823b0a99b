/**
 * Input checks shared by the providers, run before any request. Each throws a {@link ConfigurationError} naming the
 * field and the fix; none quotes a secret.
 * @internal
 */
import { ConfigurationError } from "../errors";
import { validateCredentials } from "../transport/auth";
import { isLoopback } from "../transport/endpoints";
import type { Credentials } from "../sigv4";
import type { CredentialProvider, CredentialsInput } from "./types";

// IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/>name. Role names and paths use
// [\w+=,.@-] (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html, `RoleName` and `Path`).
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Checks a role ARN, e.g. `arn:aws:iam::123456789012:role/BedrockAccess`. */
export function checkRoleArn(value: unknown, field = "roleArn"): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(field, `${field} is required: the ARN of the IAM role to assume, e.g. arn:aws:iam::123456789012:role/BedrockAccess.`);
  }
  const arn = value.trim();
  if (!ROLE_ARN.test(arn)) {
    throw new ConfigurationError(
      field,
      `${field} "${arn}" is not an IAM role ARN; expected arn:aws:iam::<12-digit account id>:role/<role name>, e.g. arn:aws:iam::123456789012:role/BedrockAccess.`,
    );
  }
  return arn;
}

// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: RoleSessionName, 2-64 of [\w+=,.@-].
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Checks a role session name (2-64 characters of letters, digits and `_+=,.@-`). */
export function checkSessionName(value: unknown, field = "roleSessionName"): string {
  if (typeof value !== "string" || !SESSION_NAME.test(value)) {
    throw new ConfigurationError(field, `${field} must be 2 to 64 characters of letters, digits and _+=,.@- (e.g. "bedrock-fetch").`);
  }
  return value;
}

/** Checks `durationSeconds` (STS allows 900 to 43200; the role's own maximum may be lower). */
export function checkDuration(value: unknown, field = "durationSeconds"): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 900 || value > 43200) {
    throw new ConfigurationError(field, `${field} must be a whole number of seconds from 900 (15 min) to 43200 (12 h).`);
  }
  return value;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$|^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks an AWS region name; it becomes a DNS label, so anything else is refused. */
export function checkRegion(value: unknown, field = "region"): string {
  if (typeof value !== "string" || !REGION.test(value)) {
    throw new ConfigurationError(field, `${field} must be an AWS region name such as us-east-1.`);
  }
  return value;
}

/**
 * Checks an endpoint override and returns it without a trailing slash. Plain http: is accepted only on a loopback
 * host (a local test server), because these services return credentials and receive identity tokens; `remoteHttp`
 * lifts that for the instance metadata service, which is http: by design on its link-local address, and for an
 * emulator on a trusted network when the caller opted in (`optIn` names that opt-in in the message).
 */
export function checkEndpoint(value: unknown, field = "endpoint", remoteHttp = false, optIn?: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new ConfigurationError(field, `${field} must be an absolute http(s) URL such as https://sts.us-east-1.amazonaws.com.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && (remoteHttp || isLoopback(url)))) {
    const elsewhere = url.protocol === "http:" && optIn ? `; for an emulator on another host of a trusted network, ${optIn}` : "";
    throw new ConfigurationError(field, `${field} must use https: (plain http: only for a test server on 127.0.0.1, localhost or [::1])${elsewhere}.`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Checks that `value` has the shape of credentials, naming `field` otherwise: the transport's check (which every
 * client bundle has) plus a valid `expiration`.
 */
export function checkCredentials(value: unknown, field: string): Credentials {
  const c = validateCredentials(value, field);
  if (c.expiration !== undefined && !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))) {
    throw new ConfigurationError(`${field}.expiration`, `${field}.expiration must be a valid Date when given.`);
  }
  return c;
}

/** Turns fixed credentials or a provider into a provider. */
export function toProvider(input: CredentialsInput, field: string): CredentialProvider {
  if (typeof input === "function") return input;
  const fixed = checkCredentials(input, field);
  return async () => fixed;
}

/** Copies credentials without `undefined` optional fields (for `exactOptionalPropertyTypes`). */
export function makeCredentials(
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken?: string | undefined,
  expiration?: Date | undefined,
): Credentials {
  const c: Credentials = { accessKeyId, secretAccessKey };
  if (sessionToken) c.sessionToken = sessionToken;
  if (expiration) c.expiration = expiration;
  return c;
}
