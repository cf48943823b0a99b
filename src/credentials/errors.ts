/**
 * Errors of the credential providers. A provider that is simply not configured (no variables, no profile, no
 * metadata endpoint) throws {@link CredentialsProviderError} with `tryNextLink: true`, which a chain skips; any other
 * failure (a configured source that is broken) surfaces. Messages name the source and the fix, never a secret.
 */
import { BedrockError, type BedrockErrorInit } from "../errors";

/** Options of {@link CredentialsProviderError}. */
export interface CredentialsProviderErrorInit extends BedrockErrorInit {
  /** The source is absent (not misconfigured): a provider chain should try the next one. @defaultValue false */
  tryNextLink?: boolean | undefined;
}

/** A credential source could not produce credentials. `provider` names it, e.g. `fromEnv` or `profile dev`. */
export class CredentialsProviderError extends BedrockError {
  override name = "CredentialsProviderError";
  /** Which provider failed. */
  readonly provider: string;
  /** True when the source is simply not configured, so a chain may move on. */
  readonly tryNextLink: boolean;
  constructor(provider: string, message: string, init: CredentialsProviderErrorInit = {}) {
    const { tryNextLink, ...rest } = init;
    super(message, { code: tryNextLink ? "CredentialsNotFound" : "CredentialsProviderError", ...rest });
    this.provider = provider;
    this.tryNextLink = tryNextLink ?? false;
  }
}

/** Cross-realm guard for {@link CredentialsProviderError}. */
export function isCredentialsProviderError(error: unknown): error is CredentialsProviderError {
  return error instanceof Error && error.name === "CredentialsProviderError" && "tryNextLink" in error;
}
