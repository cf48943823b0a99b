/**
 * `assumeRole`: temporary credentials from STS AssumeRole, signed with source credentials (which may themselves come
 * from a provider, so roles chain). API: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { ConfigurationError, isExpiredCredentialsCode, isBedrockError } from "../errors";
import { cached, type CachedProvider } from "./cached";
import { callStsForCredentials, stsEndpoint, type StsEndpointOptions } from "./sts-client";
import type { CredentialsInput } from "./types";
import { checkDuration, checkRoleArn, checkSessionName, toProvider } from "./validate";

/** Options of {@link assumeRole}. */
export interface AssumeRoleOptions extends StsEndpointOptions {
  /** ARN of the role, e.g. `arn:aws:iam::123456789012:role/BedrockAccess`. */
  roleArn: string;
  /** Credentials that may assume the role: fixed ones or a provider (another `assumeRole` chains roles). */
  sourceCredentials: CredentialsInput;
  /** Name of the session, visible in CloudTrail. @defaultValue `bedrock-fetch-<epoch ms>` */
  roleSessionName?: string | undefined;
  /** Lifetime of the credentials, 900-43200 s (capped by the role's maximum). @defaultValue STS's 3600 */
  durationSeconds?: number | undefined;
  /** The external id the role's trust policy requires (third-party access). */
  externalId?: string | undefined;
  /** An inline session policy (JSON text or an object) that narrows the role's permissions. */
  policy?: string | object | undefined;
  /** ARNs of managed policies used as session policies (up to 10). */
  policyArns?: readonly string[] | undefined;
  /** Session tags. */
  tags?: Readonly<Record<string, string>> | undefined;
  /** Tag keys that pass on to roles chained after this one. */
  transitiveTagKeys?: readonly string[] | undefined;
  /** Source identity recorded in CloudTrail. */
  sourceIdentity?: string | undefined;
  /** Refresh this many ms before expiry; see {@link cached}. @defaultValue 300000 */
  refreshBefore?: number | undefined;
}

// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, request parameters.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** Encodes and checks the AssumeRole request parameters (everything but the source credentials). @internal */
export function assumeRoleParams(options: AssumeRoleOptions, sessionName: string): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ["RoleArn", checkRoleArn(options.roleArn)],
    ["RoleSessionName", checkSessionName(sessionName)],
  ];
  const duration = checkDuration(options.durationSeconds);
  if (duration !== undefined) params.push(["DurationSeconds", String(duration)]);
  if (options.externalId !== undefined) {
    if (typeof options.externalId !== "string" || !EXTERNAL_ID.test(options.externalId)) {
      throw new ConfigurationError("externalId", "externalId must be 2 to 1224 characters of letters, digits and _+=,.@:/-.");
    }
    params.push(["ExternalId", options.externalId]);
  }
  if (options.policy !== undefined) {
    const text = typeof options.policy === "string" ? options.policy : JSON.stringify(options.policy);
    try {
      JSON.parse(text);
    } catch {
      throw new ConfigurationError("policy", "policy must be an IAM policy document: a JSON string or an object.");
    }
    params.push(["Policy", text]);
  }
  (options.policyArns ?? []).forEach((arn, i) => {
    if (typeof arn !== "string" || !/^arn:aws[\w-]*:iam::(?:\d{12}|aws):policy\//.test(arn)) {
      throw new ConfigurationError(`policyArns[${i}]`, `policyArns[${i}] must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonBedrockReadOnly.`);
    }
    params.push([`PolicyArns.member.${i + 1}.arn`, arn]);
  });
  let n = 0;
  for (const [key, value] of Object.entries(options.tags ?? {})) {
    if (!TAG_KEY.test(key) || typeof value !== "string" || !TAG_VALUE.test(value)) {
      throw new ConfigurationError(`tags.${key}`, "Session tag keys must be 1-128 and values 0-256 characters of letters, digits, spaces and _.:/=+-@.");
    }
    n++;
    params.push([`Tags.member.${n}.Key`, key], [`Tags.member.${n}.Value`, value]);
  }
  if (n > 50) throw new ConfigurationError("tags", "STS accepts at most 50 session tags.");
  (options.transitiveTagKeys ?? []).forEach((key, i) => params.push([`TransitiveTagKeys.member.${i + 1}`, key]));
  if (options.sourceIdentity !== undefined) {
    if (!/^[\w+=,.@-]{2,64}$/.test(options.sourceIdentity)) {
      throw new ConfigurationError("sourceIdentity", "sourceIdentity must be 2 to 64 characters of letters, digits and _+=,.@-.");
    }
    params.push(["SourceIdentity", options.sourceIdentity]);
  }
  return params;
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
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", "assumeRole takes { roleArn, sourceCredentials, region, ... }.");
  }
  const now = options.now ?? (() => new Date());
  if (options.sourceCredentials === undefined || options.sourceCredentials === null) {
    throw new ConfigurationError("sourceCredentials", "assumeRole needs sourceCredentials: the credentials (or provider) allowed to assume the role.");
  }
  const source = toProvider(options.sourceCredentials, "sourceCredentials");
  const sourceIsProvider = typeof options.sourceCredentials === "function";
  const fixedName = options.roleSessionName;
  // Validate everything up front with a representative session name.
  assumeRoleParams(options, fixedName ?? "bedrock-fetch-0");
  stsEndpoint(options, "assumeRole");

  return cached(
    async () => {
      const params = assumeRoleParams(options, fixedName ?? `bedrock-fetch-${now().getTime()}`);
      // A forced refresh of the role does not force the source: its credentials are refreshed only if STS says so.
      let sourceCredentials = await source();
      try {
        return (await callStsForCredentials("AssumeRole", params, options, "assumeRole", sourceCredentials)).credentials;
      } catch (error) {
        if (!sourceIsProvider || !isBedrockError(error) || !isExpiredCredentialsCode(error.code)) throw error;
        sourceCredentials = await source({ forceRefresh: true });
        return (await callStsForCredentials("AssumeRole", params, options, "assumeRole", sourceCredentials)).credentials;
      }
    },
    { refreshBefore: options.refreshBefore, now },
  );
}
