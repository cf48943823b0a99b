/**
 * `assumeRole`: temporary credentials from STS AssumeRole, signed with source credentials (which may themselves come
 * from a provider, so roles chain). API: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import type { Credentials } from "../sigv4";
import { ConfigurationError, isExpiredCredentialsCode, isBedrockError } from "../errors";
import type { CachedProvider } from "./cached";
import { callStsForCredentials, roleProvider, sessionPolicyParams, type ParamEncoder, type RoleSessionOptions } from "./sts-client";
import type { CredentialsInput } from "./types";
import { toProvider } from "./validate";

/** Options of {@link assumeRole}: the role session (see {@link RoleSessionOptions}) and who assumes it. */
export interface AssumeRoleOptions extends RoleSessionOptions {
  /** Credentials that may assume the role: fixed ones or a provider (another `assumeRole` chains roles). */
  sourceCredentials: CredentialsInput;
}

/**
 * A provider of the role's temporary credentials, cached and refreshed ahead of expiry. All options are checked
 * now, so a malformed ARN or a bad session name throws a {@link ConfigurationError} before any request.
 *
 * If STS answers `ExpiredToken` for the source credentials and they come from a provider, that provider is asked
 * once for fresh ones (`forceRefresh`) and the call retried once.
 *
 * @example
 * ```ts
 * const credentials = assumeRole({
 *   roleArn: "arn:aws:iam::123456789012:role/BedrockAccess",
 *   sourceCredentials: fromEnv(),
 *   region: "us-east-1",
 * });
 * const bedrock = createBedrock({ region: "us-east-1", credentials });
 * ```
 */
export function assumeRole(options: AssumeRoleOptions): CachedProvider {
  return assumeRoleWith(options, sessionPolicyParams);
}

/** {@link assumeRole} with `more` encoding the options beyond role, session name, duration and external id. @internal */
export function assumeRoleWith(options: AssumeRoleOptions, more?: ParamEncoder): CachedProvider {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", "assumeRole takes { roleArn, sourceCredentials, region, ... }.");
  }
  if (options.sourceCredentials === undefined || options.sourceCredentials === null) {
    throw new ConfigurationError("sourceCredentials", "assumeRole needs sourceCredentials: the credentials (or provider) allowed to assume the role.");
  }
  const source = toProvider(options.sourceCredentials, "sourceCredentials");
  const sourceIsProvider = typeof options.sourceCredentials === "function";
  return roleProvider(options, "assumeRole", more, async (params, signal) => {
    const call = (credentials: Credentials) => callStsForCredentials("AssumeRole", params, options, "assumeRole", signal, credentials);
    // A forced refresh of the role does not force the source: its credentials are refreshed only if STS says so.
    const sourceCredentials = await source({ signal });
    try {
      return await call(sourceCredentials);
    } catch (error) {
      if (!sourceIsProvider || !isBedrockError(error) || !isExpiredCredentialsCode(error.code)) throw error;
      return call(await source({ forceRefresh: true, signal }));
    }
  });
}
