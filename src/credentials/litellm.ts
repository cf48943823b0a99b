/**
 * LiteLLM's one-shot auth parameters mapped to a credentials provider, a region and an endpoint, so that
 * `completion({ model: "bedrock/...", aws_role_name, aws_session_name, ... })` behaves as LiteLLM documents
 * (https://docs.litellm.ai/docs/providers/bedrock, "Boto3 - Authentication").
 *
 * This is the web version: profile-based parameters (`aws_profile_name`, `AWS_PROFILE`) need the shared config
 * files, so they fail here with a message pointing at `bedrock-fetch/node`, whose variant reads them.
 */
import { ConfigurationError } from "../errors";
import { defaultEnv, readEnv, type EnvRecord } from "../env";
import type { Credentials } from "../sigv4";
import { assumeRoleWith } from "./assume-role";
import { fromEnv } from "./from-env";
import { BEDROCK_API_KEY_ENV } from "./api-key";
import type { Clock, CredentialProvider, FetchLike } from "./types";
import { INSECURE_PARAM, isUnknownAwsKey, suggestAwsName } from "./litellm-keys";
import { checkEndpoint, checkRegion, makeCredentials } from "./validate";
import { ALLOW_INSECURE_ENV } from "../transport/endpoints";
import { webIdentityWith } from "./web-identity";

/** The LiteLLM parameters this maps. Values may be `os.environ/NAME`, read from `env` as LiteLLM's proxy does. */
export interface LiteLLMAuthParams {
  aws_access_key_id?: string | null | undefined;
  aws_secret_access_key?: string | null | undefined;
  aws_session_token?: string | null | undefined;
  aws_region_name?: string | null | undefined;
  aws_session_name?: string | null | undefined;
  aws_profile_name?: string | null | undefined;
  aws_role_name?: string | null | undefined;
  aws_web_identity_token?: string | null | undefined;
  aws_sts_endpoint?: string | null | undefined;
  aws_external_id?: string | null | undefined;
  aws_bedrock_runtime_endpoint?: string | null | undefined;
  /** A Bedrock API key (bearer token). */
  api_key?: string | null | undefined;
  /**
   * Not a LiteLLM parameter: `true` (or `"true"`) accepts a plain-http `aws_bedrock_runtime_endpoint` and
   * `aws_sts_endpoint` on any host, not only on loopback, for an emulator in another container on a trusted network.
   * @defaultValue env `BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT` === "true", else false
   */
  allow_insecure_endpoint?: boolean | string | null | undefined;
}

/** What to build a client from. Exactly one of `credentials` and `apiKey` is set. */
export interface ResolvedLiteLLMAuth {
  credentials?: Credentials | CredentialProvider;
  apiKey?: string;
  region: string | undefined;
  endpoint: string | undefined;
  /**
   * Whether `allow_insecure_endpoint` (or its environment variable) allows a plain-http endpoint elsewhere than on
   * loopback: pass it on as the client's `allowInsecureEndpoint`.
   */
  allowInsecureEndpoint?: boolean | undefined;
}

/** Extra capabilities for the resolution. */
export interface LiteLLMAuthOptions {
  fetch?: FetchLike | undefined;
  now?: Clock | undefined;
}

/** Hooks a runtime adds (the Node variant supplies profiles and the default chain). @internal */
export interface LiteLLMRuntimeHooks {
  fromProfile?: (profile: string, env: EnvRecord, options: LiteLLMAuthOptions) => CredentialProvider;
  defaultChain?: (env: EnvRecord, options: LiteLLMAuthOptions) => CredentialProvider;
}

const ENV_REF = "os.environ/";

/** Reads one parameter, following `os.environ/NAME` references; empty strings count as absent. */
function param(params: LiteLLMAuthParams, name: keyof LiteLLMAuthParams, env: EnvRecord): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "boolean" && name === INSECURE_PARAM) return String(raw);
  if (typeof raw !== "string") throw new ConfigurationError(name, `${name} must be a string.`);
  const value = raw.trim();
  if (value.startsWith(ENV_REF)) {
    const variable = value.slice(ENV_REF.length);
    const resolved = readEnv(env, variable);
    if (resolved === undefined) {
      throw new ConfigurationError(name, `${name} refers to the environment variable ${variable}, which is not set.`);
    }
    return resolved;
  }
  return value === "" ? undefined : value;
}

/**
 * Maps LiteLLM's auth parameters (and `AWS_PROFILE`, `AWS_REGION`, `AWS_DEFAULT_REGION`,
 * `AWS_BEARER_TOKEN_BEDROCK` from `env`) to `{ credentials | apiKey, region, endpoint }`. In LiteLLM's order:
 *
 * 1. `aws_web_identity_token` + `aws_role_name` → AssumeRoleWithWebIdentity (`aws_session_name`, `aws_sts_endpoint`);
 * 2. `aws_role_name` → AssumeRole (`aws_session_name`, `aws_external_id`, `aws_sts_endpoint`), signed with the
 *    explicit keys if given, else with the environment's;
 * 3. `aws_access_key_id` + `aws_secret_access_key` (+ `aws_session_token`) → those keys;
 * 4. `aws_profile_name` → that profile (Node only);
 * 5. `api_key`, then `AWS_BEARER_TOKEN_BEDROCK` → a bearer API key (as the AWS SDKs prefer it when set);
 * 6. otherwise the environment: on Node the default chain (which honours `AWS_PROFILE`); elsewhere `fromEnv`, or
 *    an error pointing at `bedrock-fetch/node` when `AWS_PROFILE` is set.
 *
 * Everything is checked now: a malformed role ARN, a lone access key id or an unknown `aws_*` parameter (a typo such
 * as `aws_regon_name`, named with the closest known one) throws a {@link ConfigurationError}.
 *
 * @example
 * ```ts
 * const { credentials, region } = credentialsFromLiteLLMParams({
 *   aws_role_name: "arn:aws:iam::123456789012:role/BedrockAccess", aws_session_name: "my-test-session",
 *   aws_region_name: "us-east-1",
 * });
 * ```
 */
export function credentialsFromLiteLLMParams(
  params: LiteLLMAuthParams,
  env?: EnvRecord,
  options: LiteLLMAuthOptions = {},
): ResolvedLiteLLMAuth {
  return resolveLiteLLMAuth(params, env ?? defaultEnv(), options, {});
}

/** The shared implementation; `hooks` add what the runtime supports. @internal */
export function resolveLiteLLMAuth(
  params: LiteLLMAuthParams,
  env: EnvRecord,
  options: LiteLLMAuthOptions,
  hooks: LiteLLMRuntimeHooks,
): ResolvedLiteLLMAuth {
  if (params === null || typeof params !== "object") {
    throw new ConfigurationError("params", "credentialsFromLiteLLMParams takes an object of aws_* parameters.");
  }
  // A misspelt setting (aws_regon_name) would otherwise be dropped, and the one it meant silently missing.
  for (const key of Object.keys(params)) {
    if (isUnknownAwsKey(key)) {
      throw new ConfigurationError(key, `${key} is not a known setting; ${suggestAwsName(key)}`);
    }
  }
  const p = (name: keyof LiteLLMAuthParams) => param(params, name, env);
  const insecureText = p(INSECURE_PARAM)?.toLowerCase();
  if (insecureText !== undefined && insecureText !== "true" && insecureText !== "false") {
    throw new ConfigurationError(INSECURE_PARAM, `${INSECURE_PARAM} must be true or false.`);
  }
  // The variable counts only when "true", as AWS_USE_FIPS_ENDPOINT does for the client.
  const allowInsecure = (insecureText ?? readEnv(env, ALLOW_INSECURE_ENV)?.toLowerCase()) === "true";
  const optIn = `set ${INSECURE_PARAM}: true (or ${ALLOW_INSECURE_ENV}=true)`;
  const regionText = p("aws_region_name") ?? readEnv(env, "AWS_REGION", "AWS_DEFAULT_REGION");
  const region = regionText === undefined ? undefined : checkRegion(regionText, "aws_region_name");
  const endpointText = p("aws_bedrock_runtime_endpoint") ?? readEnv(env, "AWS_BEDROCK_RUNTIME_ENDPOINT");
  const endpoint = endpointText === undefined ? undefined : checkEndpoint(endpointText, "aws_bedrock_runtime_endpoint", allowInsecure, optIn);
  const stsEndpoint = p("aws_sts_endpoint");
  const sts = {
    region: region ?? "us-east-1",
    ...(stsEndpoint === undefined ? {} : { endpoint: checkEndpoint(stsEndpoint, "aws_sts_endpoint", allowInsecure, optIn), allowInsecureEndpoint: allowInsecure }),
    fetch: options.fetch,
    now: options.now,
  };
  const sessionName = p("aws_session_name");
  const roleArn = p("aws_role_name");
  const webIdentityToken = p("aws_web_identity_token");
  const accessKeyId = p("aws_access_key_id");
  const secretAccessKey = p("aws_secret_access_key");
  const sessionToken = p("aws_session_token");
  const profile = p("aws_profile_name");
  // Said only when set, so that an explicit false also wins over the variable in the client.
  const connection = { region, endpoint, ...(allowInsecure || insecureText !== undefined ? { allowInsecureEndpoint: allowInsecure } : {}) };
  const done = (credentials: Credentials | CredentialProvider): ResolvedLiteLLMAuth => ({ credentials, ...connection });

  if (accessKeyId !== undefined && secretAccessKey === undefined) {
    throw new ConfigurationError("aws_secret_access_key", "aws_access_key_id is set but aws_secret_access_key is not; pass both.");
  }
  if (secretAccessKey !== undefined && accessKeyId === undefined) {
    throw new ConfigurationError("aws_access_key_id", "aws_secret_access_key is set but aws_access_key_id is not; pass both.");
  }
  if (sessionToken !== undefined && accessKeyId === undefined) {
    throw new ConfigurationError("aws_session_token", "aws_session_token needs aws_access_key_id and aws_secret_access_key with it.");
  }
  const explicitKeys = accessKeyId !== undefined && secretAccessKey !== undefined
    ? makeCredentials(accessKeyId, secretAccessKey, sessionToken)
    : undefined;

  if (webIdentityToken !== undefined) {
    if (roleArn === undefined) {
      throw new ConfigurationError("aws_role_name", "aws_web_identity_token needs aws_role_name: the ARN of the role to assume with it.");
    }
    return done(webIdentityWith({ ...sts, roleArn, token: webIdentityToken, roleSessionName: sessionName }));
  }
  if (roleArn !== undefined) {
    const sourceCredentials = explicitKeys ?? (profile === undefined ? baseChain() : profileProvider(profile, "aws_profile_name"));
    return done(assumeRoleWith({
      ...sts,
      roleArn,
      sourceCredentials,
      roleSessionName: sessionName,
      externalId: p("aws_external_id"),
    }));
  }
  if (explicitKeys) return done(explicitKeys);
  if (profile !== undefined) return done(profileProvider(profile, "aws_profile_name"));
  const apiKey = p("api_key") ?? readEnv(env, BEDROCK_API_KEY_ENV);
  if (apiKey !== undefined) return { apiKey, ...connection };
  return done(baseChain());

  // The environment's own credentials: on Node the default chain (which honours AWS_PROFILE), elsewhere the
  // variables, or an error pointing at the Node entry when AWS_PROFILE asks for a profile.
  function baseChain(): CredentialProvider {
    if (hooks.defaultChain) return hooks.defaultChain(env, options);
    const envProfile = readEnv(env, "AWS_PROFILE");
    return envProfile === undefined ? fromEnv(env) : profileProvider(envProfile, "AWS_PROFILE");
  }

  function profileProvider(name: string, field: string): CredentialProvider {
    if (!hooks.fromProfile) {
      throw new ConfigurationError(
        field,
        `${field} names the AWS profile "${name}", but profiles live in ~/.aws files that only Node can read: ` +
          'import { credentialsFromLiteLLMParams } from "bedrock-fetch/node" instead, or pass aws_access_key_id and aws_secret_access_key.',
      );
    }
    return hooks.fromProfile(name, env, options);
  }
}
