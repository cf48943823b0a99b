/**
 * @module
 * Credentials for every AWS auth style that works without Node: static keys, environment variables, STS
 * AssumeRole (with role chaining) and AssumeRoleWithWebIdentity, Amazon Cognito identity pools for browsers,
 * Bedrock API keys (long-term bearer tokens, and short-term ones minted from credentials), a refresh-ahead cache,
 * and LiteLLM's `aws_*` parameters. Every provider is `(options?: { forceRefresh?, signal? }) => Promise<Credentials>`
 * and can be passed as `credentials` to `createBedrock`. Each request to a credential service has a deadline
 * (`timeout`), ends when the caller's `signal` aborts, follows no redirect and reads at most 1 MiB. Shared config
 * files, SSO, credential_process, containers and EC2 instance metadata are in `bedrock-fetch/node`.
 */
export type { Credentials } from "../sigv4";
export type { Clock, CredentialProvider, CredentialsInput, FetchLike, ProviderCallOptions } from "./types";
export { CredentialsProviderError, isCredentialsProviderError, type CredentialsProviderErrorInit } from "./errors";
export { cached, isCachedProvider, type CachedOptions, type CachedProvider } from "./cached";
export { chain } from "./chain";
export { fromStatic } from "./static";
export { fromEnv } from "./from-env";
export { assumeRole, type AssumeRoleOptions } from "./assume-role";
export { fromWebIdentity, type WebIdentityOptions } from "./web-identity";
export { fromCognitoIdentity, type CognitoIdentityOptions, type CognitoLogin } from "./cognito-identity";
export type { RoleSessionOptions, StsEndpointOptions } from "./sts-client";
export { apiKeyFromEnv, BEDROCK_API_KEY_ENV } from "./api-key";
export {
  createShortTermApiKey,
  describeShortTermApiKey,
  isShortTermApiKey,
  shortTermApiKeyProvider,
  verifyShortTermApiKey,
  MAX_SHORT_TERM_API_KEY_SECONDS,
  SHORT_TERM_API_KEY_PREFIX,
  type CredentialLookup,
  type ShortTermApiKeyInfo,
  type ShortTermApiKeyOptions,
  type ShortTermApiKeyRejection,
  type ShortTermApiKeyVerification,
  type VerifyShortTermApiKeyOptions,
} from "./short-term-api-key";
export {
  credentialsFromLiteLLMParams,
  type LiteLLMAuthOptions,
  type LiteLLMAuthParams,
  type ResolvedLiteLLMAuth,
} from "./litellm";
