/**
 * Shapes shared by the credential providers.
 */
import type { Credentials } from "../sigv4";

/** Options a caller (usually the transport) passes to a provider. */
export interface ProviderCallOptions {
  /**
   * Ignore anything cached and fetch new credentials, e.g. after the service answered `ExpiredTokenException`.
   * @defaultValue false
   */
  forceRefresh?: boolean;
  /**
   * Aborts when the caller stops waiting (its own signal, or the call's deadline). A provider passes it on to its
   * requests; a shared refresh (see {@link cached}) is not cancelled by one caller leaving.
   */
  signal?: AbortSignal | undefined;
}

/**
 * A source of AWS credentials: an async function the transport calls before signing. Providers returned by this
 * module cache what they fetch (see {@link cached}), so calling one per request is cheap.
 */
export type CredentialProvider = (options?: ProviderCallOptions) => Promise<Credentials>;

/** Either fixed credentials or a provider of them. */
export type CredentialsInput = Credentials | CredentialProvider;

/** The `fetch` signature providers accept, so tests and unusual runtimes can inject their own. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A clock. Injected in tests; defaults to `() => new Date()`. */
export type Clock = () => Date;
