/**
 * `cached`: memoises a credential provider and refreshes ahead of expiration, with at most one refresh in flight.
 */
import type { Credentials } from "../sigv4";
import type { Clock, CredentialProvider, ProviderCallOptions } from "./types";

/** Options of {@link cached}. */
export interface CachedOptions {
  /**
   * Start a refresh this many milliseconds before the credentials expire. Until they actually expire, callers keep
   * getting the old credentials while the refresh runs.
   * @defaultValue 300000 (5 minutes)
   */
  refreshBefore?: number | undefined;
  /** The clock. @defaultValue `() => new Date()` */
  now?: Clock | undefined;
}

const CACHED = Symbol.for("bedrock-fetch.cachedProvider");

/** A provider made by {@link cached}. */
export interface CachedProvider extends CredentialProvider {
  /** Drops the cached credentials, so the next call fetches new ones. */
  invalidate(): void;
  readonly [CACHED]: true;
}

/** Whether `provider` was made by {@link cached} (so wrapping it again is pointless). */
export function isCachedProvider(provider: unknown): provider is CachedProvider {
  return typeof provider === "function" && (provider as Partial<CachedProvider>)[CACHED] === true;
}

/**
 * Wraps a provider so that it is called only when needed:
 *
 * - credentials without `expiration` (static keys) are fetched once and kept;
 * - `refreshBefore` ms before `expiration` one background refresh starts, and callers keep receiving the current,
 *   still-valid credentials until it lands; once they have expired, callers wait for the refresh;
 * - however many callers ask meanwhile, only one refresh is in flight, and all of them share its result;
 * - `{ forceRefresh: true }` (the transport sends it after an `ExpiredTokenException`) refreshes now, or joins the
 *   refresh already in flight.
 *
 * A failed background refresh is not thrown at anyone while the current credentials are still valid; the next call
 * tries again. Wrapping a cached provider again returns it unchanged.
 *
 * @example
 * ```ts
 * const credentials = cached(assumeRole({ roleArn, sourceCredentials, region: "us-east-1" }), { refreshBefore: 60_000 });
 * ```
 */
export function cached(provider: CredentialProvider, options: CachedOptions = {}): CachedProvider {
  if (isCachedProvider(provider)) return provider;
  const refreshBefore = options.refreshBefore ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  let current: Credentials | undefined;
  let inflight: Promise<Credentials> | undefined;

  function refresh(force: boolean): Promise<Credentials> {
    // Cleared in `finally` attached after the assignment: a provider that throws synchronously (not an async
    // function) rejects at once, and must not leave that rejection cached for every later caller.
    inflight ??= (async () => (current = await (force ? provider({ forceRefresh: true }) : provider())))().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  const wrapped = (async (call?: ProviderCallOptions): Promise<Credentials> => {
    if (call?.forceRefresh === true) return refresh(true);
    const c = current;
    if (c === undefined) return refresh(false);
    if (c.expiration === undefined) return c;
    const t = now().getTime();
    const expires = c.expiration.getTime();
    if (t >= expires) return refresh(false);
    if (t >= expires - refreshBefore) {
      // Still valid: refresh in the background and answer with what we have. The failure, if any, is retried by
      // the next caller; it must not become an unhandled rejection.
      refresh(false).catch(() => undefined);
    }
    return c;
  }) as CachedProvider;
  wrapped.invalidate = () => {
    current = undefined;
  };
  Object.defineProperty(wrapped, CACHED, { value: true });
  return wrapped;
}
