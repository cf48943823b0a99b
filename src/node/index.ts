/**
 * @module bedrock-fetch/node
 *
 * Node-only pieces: serve any web handler (the emulator, the proxy) over `node:http`, load recorded exchanges for
 * the emulator's replay mode, credential providers that read files, run processes or ask instance metadata, a fetch
 * for remote media that checks the address it connects to, the proxy with Node's defaults, and one-shot calls that
 * understand `aws_profile_name`.
 */
export { serve, toWebRequest, writeWebResponse } from "./server";
export type { RunningServer, ServeOptions } from "./server";
export { loadExchanges } from "./exchanges";
export { loadProxyConfig } from "./proxy-config";
export type { LoadProxyConfigOptions, YamlParse } from "./proxy-config";
export * from "./credentials/index";
export { completion, embedding, imageGeneration, rerank } from "./one-shot";
export { createMediaFetch } from "./media-fetch";
export type { MediaFetchOptions, MediaLookup, ResolvedAddress } from "./media-fetch";
export { createProxy, redisStoreFromConfig } from "./proxy";
export { createRedisStore } from "./redis-store";
export type { RedisStore, RedisStoreOptions, RedisStoreSettings } from "./redis-store";
