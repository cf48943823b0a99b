/**
 * Checks of signing options, run before any crypto work. Messages name the field and never quote a credential.
 */
import { ConfigurationError } from "../errors";
import type { SignOptions } from "./types";
import { toAmzDate } from "./signature";

/** Longest presigned URL lifetime SigV4 allows: seven days. */
export const MAX_EXPIRES = 604800;
/** Default presigned URL lifetime. */
export const DEFAULT_EXPIRES = 900;

// Characters that would corrupt the credential scope or the authorization header.
const SCOPE_BREAKING = /[\s/,;=]/;

function fail(field: string, message: string): never {
  throw new ConfigurationError(field, message);
}

/** Validates `options` and returns the `x-amz-date` to sign with. */
export function validateOptions(options: SignOptions): string {
  if (options === null || typeof options !== "object") fail("options", "Signing options are required.");
  const c = options.credentials;
  if (c === null || typeof c !== "object") {
    fail("credentials", "credentials are required: { accessKeyId, secretAccessKey, sessionToken? }.");
  }
  if (typeof c.accessKeyId !== "string" || c.accessKeyId === "") {
    fail("credentials.accessKeyId", "credentials.accessKeyId must be a non-empty string.");
  }
  if (SCOPE_BREAKING.test(c.accessKeyId)) {
    fail("credentials.accessKeyId", "credentials.accessKeyId must not contain whitespace or any of / , ; =.");
  }
  if (typeof c.secretAccessKey !== "string" || c.secretAccessKey === "") {
    fail("credentials.secretAccessKey", "credentials.secretAccessKey must be a non-empty string.");
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== "string") {
    fail("credentials.sessionToken", "credentials.sessionToken must be a string when given.");
  }
  if (typeof options.region !== "string" || options.region === "" || SCOPE_BREAKING.test(options.region)) {
    fail("region", "region must be a non-empty AWS region name such as us-east-1.");
  }
  if (typeof options.service !== "string" || options.service === "" || SCOPE_BREAKING.test(options.service)) {
    fail("service", 'service must be a non-empty signing name such as "bedrock".');
  }
  if (options.expiresIn !== undefined) {
    const e = options.expiresIn;
    if (typeof e !== "number" || !Number.isInteger(e) || e < 1 || e > MAX_EXPIRES) {
      fail("expiresIn", `expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES} (seven days).`);
    }
  }
  let when: unknown;
  if (options.datetime !== undefined) when = options.datetime;
  else if (options.now !== undefined) {
    if (typeof options.now !== "function") fail("now", "now must be a function returning a Date.");
    when = options.now();
  } else when = new Date();
  if (!(when instanceof Date) || Number.isNaN(when.getTime())) {
    fail(options.datetime !== undefined ? "datetime" : "now", "The signing time must be a valid Date.");
  }
  return toAmzDate(when);
}
