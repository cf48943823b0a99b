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

/** The access key id goes into the credential scope: nothing there may break it. */
export function checkKeyId(accessKeyId: string): void {
  if (SCOPE_BREAKING.test(accessKeyId)) {
    fail("credentials.accessKeyId", "credentials.accessKeyId must not contain whitespace or any of / , ; =.");
  }
}

/** The region, another part of the credential scope. */
export function checkRegion(region: unknown): void {
  if (typeof region !== "string" || region === "" || SCOPE_BREAKING.test(region)) {
    fail("region", "region must be a non-empty AWS region name such as us-east-1.");
  }
}

/** Region and signing name, the other parts of the credential scope. */
export function checkScope(region: unknown, service: unknown): void {
  checkRegion(region);
  if (typeof service !== "string" || service === "" || SCOPE_BREAKING.test(service)) {
    fail("service", 'service must be a non-empty signing name such as "bedrock".');
  }
}

/** The `x-amz-date` of a signing time, which must be a valid `Date` (`field` names where it came from). */
export function amzDateOf(when: unknown, field: string): string {
  if (!(when instanceof Date) || Number.isNaN(when.getTime())) fail(field, "The signing time must be a valid Date.");
  return toAmzDate(when);
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
  checkKeyId(c.accessKeyId);
  if (typeof c.secretAccessKey !== "string" || c.secretAccessKey === "") {
    fail("credentials.secretAccessKey", "credentials.secretAccessKey must be a non-empty string.");
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== "string") {
    fail("credentials.sessionToken", "credentials.sessionToken must be a string when given.");
  }
  checkScope(options.region, options.service);
  if (options.expiresIn !== undefined) {
    const e = options.expiresIn;
    if (typeof e !== "number" || !Number.isInteger(e) || e < 1 || e > MAX_EXPIRES) {
      fail("expiresIn", `expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES} (seven days).`);
    }
  }
  if (options.datetime !== undefined) return amzDateOf(options.datetime, "datetime");
  if (options.now !== undefined && typeof options.now !== "function") fail("now", "now must be a function returning a Date.");
  return amzDateOf(options.now === undefined ? new Date() : options.now(), "now");
}
