/**
 * `fromProfile`: credentials described by a profile of the shared config/credentials files. Within a profile the
 * settings are tried in this order (after the AWS SDKs; settings reference:
 * https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html):
 *
 * 1. `role_arn` + `web_identity_token_file` → AssumeRoleWithWebIdentity;
 * 2. `role_arn` + `source_profile` (resolved recursively; cycles are an error) or `credential_source`
 *    (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`) → AssumeRole, with `role_session_name`, `external_id`,
 *    `duration_seconds` (https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html);
 * 3. `sso_session` or `sso_start_url` → IAM Identity Center (see `fromSSO`);
 * 4. `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`) → static keys;
 * 5. `credential_process` → an external command (see `fromProcess`).
 *
 * A profile naming itself as `source_profile` uses its own static keys as the source, as the SDKs allow.
 */
import { ConfigurationError } from "../../errors";
import type { EnvRecord } from "../../env";
import { assumeRole } from "../../credentials/assume-role";
import { cached, type CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import { fromEnv } from "../../credentials/from-env";
import type { Clock, CredentialProvider, FetchLike } from "../../credentials/types";
import { makeCredentials } from "../../credentials/validate";
import { fromContainerMetadata } from "./from-container";
import { fromInstanceMetadata } from "./from-instance-metadata";
import { runCredentialProcess } from "./from-process";
import { fromSSO } from "./from-sso";
import { webIdentityFromFile } from "./from-token-file";
import { configuredEndpoint, expandHome, loadSharedConfig, type ConfigSection, type SharedConfig, type SharedConfigOptions } from "./shared-config";

/** Options of {@link fromProfile}. */
export interface ProfileOptions extends SharedConfigOptions {
  /** Profile name. @defaultValue `AWS_PROFILE`, else `default` */
  profile?: string | undefined;
  fetch?: FetchLike | undefined;
  now?: Clock | undefined;
  /** STS endpoint override for `role_arn` profiles. @defaultValue `AWS_ENDPOINT_URL_STS`, config, else regional */
  stsEndpoint?: string | undefined;
  /** SSO portal endpoint override. @defaultValue `AWS_ENDPOINT_URL_SSO`, config, else `portal.sso.{region}` */
  ssoEndpoint?: string | undefined;
  /** Options for `credential_source = Ec2InstanceMetadata`. */
  instanceMetadataEndpoint?: string | undefined;
  /** See `cached`. @defaultValue 300000 */
  refreshBefore?: number | undefined;
  /** Milliseconds each STS or SSO portal request may take, its answer included. @defaultValue 10000 */
  timeout?: number | undefined;
}

/** The profile a caller means: the option, then `AWS_PROFILE`, then `default`, and whether it was chosen explicitly. */
export function selectedProfile(options: { profile?: string | undefined; env?: EnvRecord | undefined }): { name: string; explicit: boolean } {
  const env = options.env ?? process.env;
  const name = options.profile ?? (env.AWS_PROFILE?.trim() || undefined);
  return name === undefined ? { name: "default", explicit: false } : { name, explicit: true };
}

/**
 * A cached provider for a profile. The files are read when credentials are first needed and again on each refresh.
 * A profile that does not exist throws a {@link ConfigurationError} naming both files (or, for an implicit
 * `default`, a {@link CredentialsProviderError} with `tryNextLink`, so the default chain moves on).
 *
 * @example
 * ```ts
 * const credentials = fromProfile({ profile: "dev" });
 * ```
 */
export function fromProfile(options: ProfileOptions = {}): CachedProvider {
  const now = options.now ?? (() => new Date());
  return cached(
    async (call) => {
      const env = options.env ?? process.env;
      const config = await loadSharedConfig({ ...options, env });
      const { name, explicit } = selectedProfile(options);
      return resolveProfile(config, name, explicit, [], { ...options, env, now })(call);
    },
    { refreshBefore: options.refreshBefore, now },
  );
}

type Resolved = ProfileOptions & { env: EnvRecord; now: Clock };

function resolveProfile(config: SharedConfig, name: string, explicit: boolean, visited: string[], options: Resolved): CredentialProvider {
  const section = config.profiles[name];
  const where = `${config.configPath} or ${config.credentialsPath}`;
  if (!section) {
    if (!explicit) {
      throw new CredentialsProviderError("profile default", `No default profile in ${where}.`, { tryNextLink: true });
    }
    const known = Object.keys(config.profiles);
    throw new ConfigurationError(
      "profile",
      `The AWS profile "${name}" is not in ${where}; check the name (${known.length ? `known: ${known.join(", ")}` : "no profiles are defined"}) ` +
        "or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at the right files.",
    );
  }
  if (visited.includes(name)) {
    throw new ConfigurationError("source_profile", `Profiles form a source_profile cycle: ${[...visited, name].join(" -> ")}; one of them needs static keys or a credential_source.`);
  }
  const chain = [...visited, name];
  const label = `profile "${name}"`;
  const region = section.region || options.env.AWS_REGION || options.env.AWS_DEFAULT_REGION || "us-east-1";

  if (section.role_arn) {
    const sts = {
      region,
      endpoint: options.stsEndpoint ?? configuredEndpoint(config, section, options.env, "STS", "sts"),
      fetch: options.fetch,
      now: options.now,
      timeout: options.timeout,
    };
    const common = {
      ...sts,
      roleArn: section.role_arn,
      roleSessionName: section.role_session_name || undefined,
      durationSeconds: section.duration_seconds ? Number(section.duration_seconds) : undefined,
    };
    if (section.web_identity_token_file && !section.source_profile && !section.credential_source) {
      const file = expandHome(section.web_identity_token_file, options.env);
      return webIdentityFromFile(file, common, `web_identity_token_file of ${label}`);
    }
    if (section.mfa_serial) {
      throw new ConfigurationError("mfa_serial", `${label} uses mfa_serial, which needs an interactive MFA code; bedrock-fetch does not prompt. Use a profile without MFA or pass credentials.`);
    }
    let source: CredentialProvider;
    if (section.source_profile && section.credential_source) {
      throw new ConfigurationError("source_profile", `${label} sets both source_profile and credential_source; keep one.`);
    } else if (section.source_profile === name) {
      source = staticKeys(section, label, true);
    } else if (section.source_profile) {
      source = resolveProfile(config, section.source_profile, true, chain, options);
    } else if (section.credential_source) {
      source = credentialSource(section.credential_source, label, options);
    } else {
      throw new ConfigurationError("source_profile", `${label} has role_arn but neither source_profile nor credential_source; add one to say which credentials assume the role.`);
    }
    return assumeRole({ ...common, sourceCredentials: source, externalId: section.external_id || undefined });
  }
  if (section.sso_session || section.sso_start_url) {
    const session = section.sso_session ? config.ssoSessions[section.sso_session] : undefined;
    if (section.sso_session && !session) {
      throw new ConfigurationError("sso_session", `${label} names sso_session "${section.sso_session}", but there is no [sso-session ${section.sso_session}] section in ${config.configPath}.`);
    }
    return fromSSO({
      startUrl: session?.sso_start_url ?? section.sso_start_url ?? "",
      ssoRegion: session?.sso_region ?? section.sso_region ?? "",
      accountId: section.sso_account_id ?? "",
      roleName: section.sso_role_name ?? "",
      sessionName: section.sso_session || undefined,
      profile: name,
      endpoint: options.ssoEndpoint ?? configuredEndpoint(config, section, options.env, "SSO", "sso"),
      env: options.env,
      fetch: options.fetch,
      now: options.now,
      timeout: options.timeout,
    });
  }
  if (section.aws_access_key_id || section.aws_secret_access_key) return staticKeys(section, label, false);
  if (section.credential_process) {
    const command = section.credential_process;
    return (call) => runCredentialProcess({ command, profile: name, now: options.now, signal: call?.signal });
  }
  if (!explicit && chain.length === 1) {
    throw new CredentialsProviderError(`profile ${name}`, `The ${label} has no credential settings.`, { tryNextLink: true });
  }
  throw new ConfigurationError(
    "profile",
    `The ${label} has no credentials: add aws_access_key_id/aws_secret_access_key, role_arn with source_profile, sso_session, or credential_process.`,
  );
}

function staticKeys(section: ConfigSection, label: string, forRole: boolean): CredentialProvider {
  if (!section.aws_access_key_id || !section.aws_secret_access_key) {
    const missing = section.aws_access_key_id ? "aws_secret_access_key" : "aws_access_key_id";
    throw new ConfigurationError(missing, `${label} ${forRole ? "is its own source_profile but " : ""}has no ${missing}; add it to the profile.`);
  }
  const credentials = makeCredentials(section.aws_access_key_id, section.aws_secret_access_key, section.aws_session_token || undefined);
  return async () => credentials;
}

function credentialSource(source: string, label: string, options: Resolved): CredentialProvider {
  switch (source) {
    case "Environment":
      return fromEnv(options.env);
    case "Ec2InstanceMetadata":
      return fromInstanceMetadata({ env: options.env, fetch: options.fetch, now: options.now, endpoint: options.instanceMetadataEndpoint });
    case "EcsContainer":
      return fromContainerMetadata({ env: options.env, fetch: options.fetch, now: options.now });
    default:
      throw new ConfigurationError("credential_source", `${label} has credential_source = ${source}; use Environment, Ec2InstanceMetadata or EcsContainer.`);
  }
}
