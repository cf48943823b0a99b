/**
 * `createProxy` for Node: the web proxy of `bedrock-fetch/proxy` with Node's defaults. `os.environ/NAME` and the
 * AWS fallbacks come from `process.env`, `aws_profile_name` reads the shared config files, and remote media is
 * downloaded by {@link createMediaFetch}, which checks the address each download actually connects to.
 */
import { createProxy as createWebProxy } from "../proxy/create-proxy";
import type { ProxyConfig, ProxyHandler, ProxyOptions } from "../proxy/types";
import type { MediaPolicy } from "../openai/media-policy";
import { credentialsFromLiteLLMParams } from "./credentials/litellm";
import { createMediaFetch } from "./media-fetch";
import { mediaSettings } from "../proxy/media-settings";
import { resolveRedisSettings } from "../proxy/router/settings";
import type { RouterStore } from "../proxy/router/store";
import { createRedisStore } from "./redis-store";
import type { RedisStore } from "./redis-store";
import type { EnvRecord } from "../env";

/** `media` with a {@link createMediaFetch} that trusts the same hosts, unless it brings its own fetch. */
export function withNodeMediaFetch(media: MediaPolicy = {}): MediaPolicy {
  return media.fetch ? media : { ...media, fetch: createMediaFetch(media) };
}

/**
 * The Redis store `router_settings` names (`redis_url`, or `redis_host`/`redis_port`/`redis_password`), connecting in
 * the background, or `undefined` when it names none. The caller owns it: close it on shutdown.
 *
 * @throws ConfigurationError naming the redis setting at fault
 */
export function redisStoreFromConfig(config: ProxyConfig, env: EnvRecord, options: { unref?: boolean } = {}): RedisStore | undefined {
  const redis = resolveRedisSettings(config, env);
  return redis === undefined ? undefined : createRedisStore(redis, options);
}

/**
 * The OpenAI-compatible proxy with Node's defaults; every option can still be given. When `router_settings` names a
 * Redis server and no `store` is given, the router's state is shared through it (the optional package `redis`; a
 * missing package is reported once through `onError`, naming `npm install redis`, and each process keeps its own
 * state meanwhile). That connection does not keep the process alive; to close it yourself, create the store with
 * `createRedisStore` and pass it as `store`.
 *
 * @example
 * ```ts
 * import { createProxy, loadProxyConfig, serve } from "bedrock-fetch/node";
 * const server = await serve(createProxy(await loadProxyConfig("config.yaml")), { port: 4000 });
 * ```
 */
export function createProxy(config: ProxyConfig, options: ProxyOptions = {}): ProxyHandler {
  const env = options.env ?? process.env;
  // The fetch must trust the hosts the file's general_settings.media trusts, as well as the code's.
  const settings = typeof config === "object" && config !== null ? config.general_settings?.media : undefined;
  const own = options.store === undefined ? redisStoreFromConfig(config, env, { unref: true }) : undefined;
  const store: RouterStore | undefined = options.store ?? own;
  try {
    return createWebProxy(config, {
      env,
      resolveAuth: credentialsFromLiteLLMParams,
      ...options,
      store,
      media: withNodeMediaFetch({ ...mediaSettings(settings, env), ...options.media }),
    });
  } catch (error) {
    void own?.close();
    throw error;
  }
}
