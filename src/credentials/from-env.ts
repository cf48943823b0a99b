/**
 * `fromEnv`: credentials from the standard AWS environment variables
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-static-credentials.html).
 */
import { ConfigurationError } from "../errors";
import { defaultEnv, readEnv, type EnvRecord } from "../env";
import { CredentialsProviderError } from "./errors";
import type { CredentialProvider } from "./types";
import { makeCredentials } from "./validate";

/**
 * Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, and optionally `AWS_SESSION_TOKEN` and
 * `AWS_CREDENTIAL_EXPIRATION` (ISO 8601) on every call, so a rotated environment is picked up.
 *
 * With neither key variable set it throws a {@link CredentialsProviderError} with `tryNextLink` (a chain moves on);
 * with only one of them, a {@link ConfigurationError} naming the missing one.
 *
 * @param env - the variables: Node's or Bun's environment, a Workers `env` binding, `Deno.env.toObject()`.
 *   @defaultValue the host's environment, feature-detected by `defaultEnv()` (src/env.ts)
 *
 * @example
 * ```ts
 * // Cloudflare Workers: secrets arrive as bindings
 * export default { fetch: (req, env) => createBedrock({ region: "us-east-1", credentials: fromEnv(env) }) ... }
 * ```
 */
export function fromEnv(env?: EnvRecord): CredentialProvider {
  return async () => {
    const vars = env ?? defaultEnv();
    const accessKeyId = readEnv(vars, "AWS_ACCESS_KEY_ID");
    const secretAccessKey = readEnv(vars, "AWS_SECRET_ACCESS_KEY");
    if (accessKeyId === undefined && secretAccessKey === undefined) {
      throw new CredentialsProviderError("fromEnv", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.", {
        tryNextLink: true,
      });
    }
    if (accessKeyId === undefined) {
      throw new ConfigurationError("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both or neither.");
    }
    if (secretAccessKey === undefined) {
      throw new ConfigurationError("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both or neither.");
    }
    const rawExpiration = readEnv(vars, "AWS_CREDENTIAL_EXPIRATION");
    let expiration: Date | undefined;
    if (rawExpiration !== undefined) {
      expiration = new Date(rawExpiration);
      if (Number.isNaN(expiration.getTime())) {
        throw new ConfigurationError("AWS_CREDENTIAL_EXPIRATION", "AWS_CREDENTIAL_EXPIRATION must be an ISO 8601 date such as 2030-01-01T00:00:00Z.");
      }
    }
    return makeCredentials(accessKeyId, secretAccessKey, readEnv(vars, "AWS_SESSION_TOKEN"), expiration);
  };
}
