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

/** `media` with a {@link createMediaFetch} that trusts the same hosts, unless it brings its own fetch. */
export function withNodeMediaFetch(media: MediaPolicy = {}): MediaPolicy {
  return media.fetch ? media : { ...media, fetch: createMediaFetch(media) };
}

/**
 * The OpenAI-compatible proxy with Node's defaults; every option can still be given.
 *
 * @example
 * ```ts
 * import { createProxy, loadProxyConfig, serve } from "bedrock-fetch/node";
 * const server = await serve(createProxy(await loadProxyConfig("config.yaml")), { port: 4000 });
 * ```
 */
export function createProxy(config: ProxyConfig, options: ProxyOptions = {}): ProxyHandler {
  return createWebProxy(config, {
    env: process.env,
    resolveAuth: credentialsFromLiteLLMParams,
    ...options,
    media: withNodeMediaFetch(options.media),
  });
}
