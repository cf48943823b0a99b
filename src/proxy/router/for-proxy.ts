/**
 * The router a proxy runs on: its store (the `store` option, else memory) and its capabilities (clock, randomness),
 * and shared-store failures reported through the proxy's `onError`.
 * @internal
 */
import { ConfigurationError } from "../../errors";
import type { ResolvedProxyConfig } from "../config";
import type { ProxyOptions } from "../types";
import { createRouter } from "./router";
import type { Router } from "./router";

/** Deadline of each call to a shared store: past it the request goes on with this process's own view. */
export const STORE_TIMEOUT_MS = 500;

/**
 * Builds the router for `config`.
 *
 * @throws ConfigurationError when `router_settings` names a Redis server and no store was given: the web proxy has no
 *   Redis client; `createProxy` from `bedrock-fetch/node` (and `bedrock-fetch serve`) connects one.
 */
export function routerFor(config: ResolvedProxyConfig, options: ProxyOptions, onTokens?: (request: Request, count: number) => void): Router {
  const { store, now, random, onError } = options;
  if (store !== undefined && (typeof store !== "object" || store === null || typeof store.get !== "function" || typeof store.increment !== "function" || typeof store.set !== "function")) {
    throw new ConfigurationError("store", "`store` must implement the RouterStore interface: get(keys), increment(key, amount, ttlMs) and set(key, value, ttlMs).");
  }
  for (const [name, fn] of [["now", now], ["random", random]] as const) {
    if (fn !== undefined && typeof fn !== "function") throw new ConfigurationError(name, `\`${name}\` must be a function.`);
  }
  const redis = config.router.redis;
  if (redis !== undefined && store === undefined) {
    throw new ConfigurationError(
      redis.field,
      `${redis.field} names a Redis server, which createProxy from "bedrock-fetch/proxy" cannot reach: use createProxy from "bedrock-fetch/node" (or \`bedrock-fetch serve\`), which connects to it, or pass a RouterStore as the \`store\` option.`,
    );
  }
  return createRouter(config, {
    store,
    now: now ?? Date.now,
    random: random ?? Math.random,
    storeTimeoutMs: STORE_TIMEOUT_MS,
    onStoreError: (error, request) => {
      if (request !== undefined) onError?.(error, request);
    },
    onTokens,
  });
}
