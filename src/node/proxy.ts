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
  const env = options.env ?? process.env;
  // The fetch must trust the hosts the file's general_settings.media trusts, as well as the code's.
  const settings = typeof config === "object" && config !== null ? config.general_settings?.media : undefined;
  return createWebProxy(config, {
    env,
    resolveAuth: credentialsFromLiteLLMParams,
    ...options,
    media: withNodeMediaFetch({ ...mediaSettings(settings, env), ...options.media }),
  });
}
