/**
 * Where the router keeps what it knows about deployments: which are cooling down, and how many requests, tokens and
 * failures each had this minute. One proxy process keeps it in memory ({@link createMemoryStore}, the default);
 * several processes behind a load balancer share one store (`createRedisStore` from `bedrock-fetch/node`, used when
 * `router_settings` names a Redis server), so that a deployment one process cooled down is skipped by the others and
 * `rpm`/`tpm` limits hold for all of them together.
 *
 * The interface is three operations on numeric keys with a lifetime, small enough to back with Redis, a Workers KV or
 * Durable Object, or anything else that counts atomically.
 */

/** The router's state store. Keys are strings of at most a few hundred characters; values are numbers. */
export interface RouterStore {
  /** The values of `keys`, in order; a key that is missing or expired reads as `undefined`. */
  get(keys: readonly string[]): Promise<Array<number | undefined>>;
  /**
   * Adds `amount` to the counter `key` and resolves to its new value. A missing key starts at 0 and expires `ttlMs`
   * later; incrementing does not extend its life. Atomic: two callers incrementing at once see different totals,
   * which is what makes an `rpm` limit exact across processes.
   */
  increment(key: string, amount: number, ttlMs: number): Promise<number>;
  /** Sets `key` to `value`, expiring `ttlMs` from now. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  /** Releases what the store holds open (connections). The proxy does not call it; whoever created the store does. */
  close?(): Promise<void>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, in epoch milliseconds. @defaultValue `Date.now` */
  now?: () => number;
}

// Expired entries are dropped when read, and all of them once every this many writes, so that the map stays as
// small as the live keys (a few per deployment and minute).
const SWEEP_EVERY = 512;

/**
 * A {@link RouterStore} in this process's memory: the default, and what the router falls back to while a shared
 * store does not answer.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): RouterStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: number; expiresAt: number }>();
  let writes = 0;

  const live = (key: string, at: number) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= at) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = (at: number) => {
    if (++writes % SWEEP_EVERY !== 0) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
  };

  return {
    async get(keys) {
      const at = now();
      return keys.map((key) => live(key, at)?.value);
    },
    async increment(key, amount, ttlMs) {
      const at = now();
      sweep(at);
      const entry = live(key, at);
      if (entry) return (entry.value += amount);
      entries.set(key, { value: amount, expiresAt: at + ttlMs });
      return amount;
    },
    async set(key, value, ttlMs) {
      const at = now();
      sweep(at);
      entries.set(key, { value, expiresAt: at + ttlMs });
    },
  };
}
