/**
 * The Node variant of `credentialsFromLiteLLMParams`: the same mapping, plus profiles (`aws_profile_name`,
 * `AWS_PROFILE`) from the shared files and the full default chain when no parameter names credentials.
 */
import type { EnvRecord } from "../../env";
import { resolveLiteLLMAuth, type LiteLLMAuthOptions, type LiteLLMAuthParams, type ResolvedLiteLLMAuth } from "../../credentials/litellm";
import { defaultProvider } from "./default-provider";
import { fromProfile } from "./from-profile";

/**
 * Maps LiteLLM's `aws_*` parameters to `{ credentials | apiKey, region, endpoint }`, reading profiles from
 * `~/.aws/config` and `~/.aws/credentials` (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`).
 *
 * @param env - @defaultValue `process.env`
 */
export function credentialsFromLiteLLMParams(
  params: LiteLLMAuthParams,
  env: EnvRecord = process.env,
  options: LiteLLMAuthOptions = {},
): ResolvedLiteLLMAuth {
  return resolveLiteLLMAuth(params, env, options, {
    fromProfile: (profile, e, o) => fromProfile({ profile, env: e, fetch: o.fetch, now: o.now }),
    defaultChain: (e, o) => defaultProvider({ env: e, fetch: o.fetch, now: o.now }),
  });
}
