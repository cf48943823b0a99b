/**
 * `cached`: memoises a credential provider and refreshes ahead of expiration, with at most one refresh in flight.
 */
import { APITimeoutError } from "../errors";
import { raceAbort } from "../internal/abort";
import type { Credentials } from "../sigv4";
import { abortError, timeoutOf } from "./http";
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
  /**
   * Milliseconds one refresh may take. Past it the refresh's signal aborts, its waiters get an
   * {@link APITimeoutError}, and the next call starts a new refresh.
   * @defaultValue 30000
   */
  timeout?: number | undefined;
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
 * A refresh has its own signal and deadline (`timeout`), not any one caller's: a caller whose `signal` aborts stops
 * waiting at once with an {@link APIUserAbortError} (or the timeout error its signal carries), while the refresh goes
 * on for the others; when the last one waiting leaves, the refresh is cancelled. A refresh that fails, runs out of
 * time or is left by everyone is dropped, so one stuck request never blocks later calls.
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
  const timeout = timeoutOf(options.timeout, 30_000);
  let current: Credentials | undefined;
  // The refresh in flight, its controller, and how many callers wait for it.
  let inflight: { promise: Promise<Credentials>; controller: AbortController; waiters: number } | undefined;

  function refresh(force: boolean): NonNullable<typeof inflight> {
    if (!inflight) {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new APITimeoutError(`The credentials refresh took over ${timeout} ms; raise the cache's \`timeout\`.`)),
        timeout,
      );
      // The provider is called in a `then` so that a synchronous throw becomes this refresh's rejection; the race
      // ends the refresh at its deadline even if the provider ignores the signal. Either way it is dropped.
      const own = {
        controller,
        waiters: 0,
        promise: raceAbort(Promise.resolve().then(() => provider({ forceRefresh: force, signal: controller.signal })), controller.signal)
          .then((c) => (current = c))
          .finally(() => {
            clearTimeout(timer);
            if (inflight === own) inflight = undefined;
          }),
      };
      inflight = own;
    }
    return inflight;
  }

  // A caller waits until the shared refresh settles or its own signal aborts, whichever comes first. When the last
  // caller waiting for a refresh leaves, nobody needs it any more: it is cancelled and dropped, so that the next call
  // starts afresh (an endpoint that stalled and then recovered serves it at once).
  async function wait(force: boolean, signal: AbortSignal | undefined): Promise<Credentials> {
    const r = refresh(force);
    r.waiters++;
    try {
      return await raceAbort(r.promise, signal);
    } catch (error) {
      if (!signal?.aborted) throw error;
      if (r.waiters === 1 && inflight === r) {
        inflight = undefined;
        r.controller.abort(signal.reason);
      }
      throw abortError(signal.reason, "Waiting for credentials");
    } finally {
      r.waiters--;
    }
  }

  const wrapped = (async (call?: ProviderCallOptions): Promise<Credentials> => {
    if (call?.forceRefresh === true) return wait(true, call.signal);
    const c = current;
    if (c === undefined) return wait(false, call?.signal);
    if (c.expiration === undefined) return c;
    const t = now().getTime();
    const expires = c.expiration.getTime();
    if (t >= expires) return wait(false, call?.signal);
    if (t >= expires - refreshBefore) {
      // Still valid: refresh in the background and answer with what we have. The failure, if any, is retried by
      // the next caller; it must not become an unhandled rejection.
      refresh(false).promise.catch(() => undefined);
    }
    return c;
  }) as CachedProvider;
  wrapped.invalidate = () => {
    current = undefined;
  };
  Object.defineProperty(wrapped, CACHED, { value: true });
  return wrapped;
}
