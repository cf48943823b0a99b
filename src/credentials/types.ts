/**
 * Shapes shared by the credential providers.
 */
import type { Credentials } from "../sigv4";
import type { CredentialProvider } from "../transport/types";

// What the transport calls is defined beside it (the transport sits below the providers); re-exported here.
export type { CredentialProvider, ProviderCallOptions } from "../transport/types";

/** Either fixed credentials or a provider of them. */
export type CredentialsInput = Credentials | CredentialProvider;

/** The `fetch` signature providers accept, so tests and unusual runtimes can inject their own. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A clock. Injected in tests; defaults to `() => new Date()`. */
export type Clock = () => Date;
