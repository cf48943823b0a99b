/**
 * Bedrock API keys (bearer tokens) from the environment. Both long-term keys (made in the console or with IAM
 * CreateServiceSpecificCredential) and short-term ones (see {@link createShortTermApiKey}) travel as
 * `Authorization: Bearer <key>`; the AWS SDKs read them from `AWS_BEARER_TOKEN_BEDROCK`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html).
 */
import { defaultEnv, readEnv, type EnvRecord } from "../env";

/** The variable the AWS SDKs read a Bedrock API key from. */
export const BEDROCK_API_KEY_ENV = "AWS_BEARER_TOKEN_BEDROCK";

/**
 * The Bedrock API key in `AWS_BEARER_TOKEN_BEDROCK`, or `undefined`.
 *
 * @param env - @defaultValue the host's environment, feature-detected
 */
export function apiKeyFromEnv(env?: EnvRecord): string | undefined {
  return readEnv(env ?? defaultEnv(), BEDROCK_API_KEY_ENV);
}
