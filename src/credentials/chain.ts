/**
 * `chain`: the first provider that has credentials wins, and keeps winning.
 */
import { isCredentialsProviderError, CredentialsProviderError } from "./errors";
import type { CredentialProvider, ProviderCallOptions } from "./types";

/**
 * Tries `providers` in order. A provider that throws a {@link CredentialsProviderError} with `tryNextLink` (its
 * source is not configured) is skipped; any other error stops the chain, because a source that is configured but
 * broken should be fixed rather than silently bypassed. The first provider that answers is remembered and asked
 * directly afterwards (with `forceRefresh` passed through).
 */
export function chain(...providers: CredentialProvider[]): CredentialProvider {
  let winner: CredentialProvider | undefined;
  return async (call?: ProviderCallOptions) => {
    if (winner) return winner(call);
    const skipped: string[] = [];
    for (const provider of providers) {
      try {
        const credentials = await provider(call);
        winner = provider;
        return credentials;
      } catch (error) {
        if (!isCredentialsProviderError(error) || !error.tryNextLink) throw error;
        skipped.push(error.message);
      }
    }
    throw new CredentialsProviderError("chain", `No credentials found. Tried: ${skipped.join(" ")}`, { tryNextLink: true });
  };
}
