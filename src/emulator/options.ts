/**
 * Up-front validation of {@link EmulatorOptions}: a malformed option is a {@link ConfigurationError} naming the
 * field, thrown by `createEmulator` before any request is served. Messages never include secret values.
 */
import { ConfigurationError } from "../errors";
import type { EmulatorOptions } from "./types";

function isNonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v !== "";
}

export function validateOptions(options: EmulatorOptions): void {
  if (typeof options !== "object" || options === null) throw new ConfigurationError("options", "createEmulator options must be an object.");
  if (options.credentials !== undefined) {
    if (!Array.isArray(options.credentials)) throw new ConfigurationError("credentials", "credentials must be an array of { accessKeyId, secretAccessKey, sessionToken? }.");
    options.credentials.forEach((c: unknown, i) => {
      const cred = (typeof c === "object" && c !== null ? c : {}) as Record<string, unknown>;
      if (!isNonEmptyString(cred.accessKeyId)) throw new ConfigurationError(`credentials[${i}].accessKeyId`, `credentials[${i}].accessKeyId must be a non-empty string.`);
      if (!isNonEmptyString(cred.secretAccessKey)) throw new ConfigurationError(`credentials[${i}].secretAccessKey`, `credentials[${i}].secretAccessKey must be a non-empty string.`);
      if (cred.sessionToken !== undefined && !isNonEmptyString(cred.sessionToken)) {
        throw new ConfigurationError(`credentials[${i}].sessionToken`, `credentials[${i}].sessionToken must be a non-empty string when given.`);
      }
    });
  }
  if (options.apiKeys !== undefined && (!Array.isArray(options.apiKeys) || !options.apiKeys.every(isNonEmptyString))) {
    throw new ConfigurationError("apiKeys", "apiKeys must be an array of non-empty strings.");
  }
  for (const field of ["verifyApiKey", "now", "sleep", "requestId"] as const) {
    if (options[field] !== undefined && typeof options[field] !== "function") throw new ConfigurationError(field, `${field} must be a function.`);
  }
  if (options.lenient !== undefined && typeof options.lenient !== "boolean") throw new ConfigurationError("lenient", "lenient must be true or false.");
  if (options.blockedWords !== undefined && (!Array.isArray(options.blockedWords) || !options.blockedWords.every(isNonEmptyString))) {
    throw new ConfigurationError("blockedWords", "blockedWords must be an array of non-empty strings.");
  }
  if (options.replay !== undefined) {
    if (!Array.isArray(options.replay)) throw new ConfigurationError("replay", "replay must be an array of recorded exchanges.");
    options.replay.forEach((e: unknown, i) => {
      const x = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
      const response = x.response as Record<string, unknown> | undefined;
      if (typeof x.operation !== "string" || typeof x.request !== "object" || x.request === null || typeof response?.status !== "number") {
        throw new ConfigurationError(`replay[${i}]`, `replay[${i}] must have operation, request and response.status (the exchanges schema).`);
      }
    });
  }
}
