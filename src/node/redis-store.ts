/**
 * The proxy router's {@link RouterStore} on a Redis server, so that several proxy processes share cooldowns and
 * `rpm`/`tpm` counts (LiteLLM's `router_settings.redis_host`/`redis_port`/`redis_password`, or `redis_url`:
 * https://docs.litellm.ai/docs/routing). It drives the optional peer dependency `redis` (node-redis 5 or later),
 * imported only when a store is created, through its raw `sendCommand`, so that it needs nothing of the client's API
 * beyond connecting:
 *
 * - `get` is `MGET`;
 * - `increment` is `INCRBY` and, for a new key, `PEXPIRE`, in one Lua script (`EVAL`), so that counting is atomic
 *   across processes and a counter never outlives its minute;
 * - `set` is `SET key value PX ttl`.
 *
 * Commands fail at once while the connection is down (no offline queue), and the client reconnects in the
 * background; the router reads the store with a deadline and falls back to its own state meanwhile.
 */
import { ConfigurationError } from "../errors";
import { redact } from "../internal/redact";
import type { RouterStore } from "../proxy/router/store";

/** Where the Redis server is: `url`, or `host` and `port`, with an optional `password`. */
export interface RedisStoreSettings {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). */
  url?: string | undefined;
  host?: string | undefined;
  /** @defaultValue 6379 */
  port?: number | undefined;
  password?: string | undefined;
  /** The setting to name in messages, e.g. `router_settings.redis_host`. @defaultValue "redis" */
  field?: string | undefined;
}

/** The part of node-redis this store uses. */
export interface RedisClientLike {
  connect(): Promise<unknown>;
  sendCommand(args: string[]): Promise<unknown>;
  on(event: "error", listener: (error: unknown) => void): unknown;
  readonly isReady: boolean;
  readonly isOpen?: boolean;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  destroy?(): void;
  disconnect?(): Promise<unknown>;
  unref?(): void;
}

/** The part of the `redis` package this store uses. */
export interface RedisModuleLike {
  createClient(options: Record<string, unknown>): RedisClientLike;
}

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** How to load the `redis` package. @defaultValue a dynamic `import("redis")` */
  importRedis?: (() => Promise<RedisModuleLike>) | undefined;
  /** Milliseconds one connection attempt may take. @defaultValue 2000 */
  connectTimeout?: number | undefined;
  /** Let the process exit while the connection is open (for a store nobody will close). @defaultValue false */
  unref?: boolean | undefined;
}

/** A {@link RouterStore} on Redis, with its connection's life. */
export interface RedisStore extends RouterStore {
  /**
   * Resolves once connected. Rejects with a {@link ConfigurationError} when the `redis` package is not installed;
   * while the server cannot be reached it stays pending (the client keeps trying).
   */
  readonly ready: Promise<void>;
  /** Closes the connection (or stops trying to open it). */
  close(): Promise<void>;
}

// Atomic: the counter's new value, and a lifetime for a key that has none (a new one).
const INCREMENT = "local v = redis.call('INCRBY', KEYS[1], ARGV[1]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return v";

/** The password inside a redis:// URL, decoded; "" when there is none. */
function urlPassword(url: string | undefined): string {
  try {
    return url === undefined ? "" : decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

async function defaultImportRedis(): Promise<RedisModuleLike> {
  return (await import("redis")) as unknown as RedisModuleLike;
}

/**
 * Connects to Redis (in the background: the store is usable at once, and its calls fail until the connection is up).
 *
 * @example
 * ```ts
 * import { createProxy, createRedisStore, serve } from "bedrock-fetch/node";
 * const store = createRedisStore({ url: "redis://redis.internal:6379" });
 * const server = await serve(createProxy(config, { store }), { port: 4000 });
 * // on shutdown: await server.close(); await store.close();
 * ```
 */
export function createRedisStore(settings: RedisStoreSettings, options: RedisStoreOptions = {}): RedisStore {
  const field = settings.field ?? "redis";
  if (settings.url === undefined && settings.host === undefined) {
    throw new ConfigurationError(field, `${field}: name the Redis server with url (redis://host:port) or host.`);
  }
  let client: RedisClientLike | undefined;
  let closed = false;
  const ready = (async () => {
    let redis: RedisModuleLike;
    try {
      redis = await (options.importRedis ?? defaultImportRedis)();
    } catch (cause) {
      throw new ConfigurationError(field, `${field} names a Redis server for the proxy's shared state, which needs the optional package "redis": run \`npm install redis\`, or remove the redis settings to keep the state in each process.`, { cause });
    }
    if (closed) return;
    const socket = {
      connectTimeout: options.connectTimeout ?? 2000,
      // Keep trying, at most every 5 s; calls fail at once meanwhile (disableOfflineQueue).
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 6), 5000),
      ...(settings.url === undefined ? { host: settings.host, port: settings.port ?? 6379 } : {}),
    };
    const created = redis.createClient({
      ...(settings.url !== undefined ? { url: settings.url } : {}),
      ...(settings.password !== undefined ? { password: settings.password } : {}),
      socket,
      disableOfflineQueue: true,
    });
    // Without a listener, node-redis turns a connection error into an uncaught exception; the errors that matter
    // reach the router through the failed commands.
    created.on("error", () => {});
    client = created;
    if (options.unref) created.unref?.();
    await created.connect();
  })();
  ready.catch(() => {}); // read through the calls and by whoever awaits `ready`

  // The password, as given or inside the URL, never reaches a message.
  const secrets = [settings.password, urlPassword(settings.url)];
  const command = async (args: string[]): Promise<unknown> => {
    if (client === undefined || !client.isReady) {
      await ready;
      if (client === undefined || !client.isReady) throw new Error("not connected to Redis");
    }
    try {
      return await client.sendCommand(args);
    } catch (error) {
      throw new Error(`Redis ${args[0]}: ${redact(error instanceof Error ? error.message : String(error), secrets)}`, { cause: error });
    }
  };
  const ms = (ttl: number) => String(Math.max(1, Math.ceil(ttl)));

  return {
    ready,
    async get(keys) {
      if (keys.length === 0) return [];
      const values = (await command(["MGET", ...keys])) as Array<string | null>;
      return keys.map((_, i) => {
        const value = values[i];
        const n = value === null || value === undefined ? NaN : Number(value);
        return Number.isFinite(n) ? n : undefined;
      });
    },
    async increment(key, amount, ttlMs) {
      return Number(await command(["EVAL", INCREMENT, "1", key, String(Math.round(amount)), ms(ttlMs)]));
    },
    async set(key, value, ttlMs) {
      await command(["SET", key, String(value), "PX", ms(ttlMs)]);
    },
    async close() {
      closed = true;
      const c = client;
      if (c === undefined) return;
      if (c.isReady) {
        await (c.close ?? c.quit)?.call(c).catch(() => c.destroy?.());
        return;
      }
      if (c.destroy) c.destroy();
      else await c.disconnect?.().catch(() => {});
    },
  };
}
