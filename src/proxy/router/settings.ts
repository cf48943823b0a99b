/**
 * The router's settings, read as LiteLLM's proxy reads them (https://docs.litellm.ai/docs/proxy/reliability,
 * https://docs.litellm.ai/docs/routing, https://docs.litellm.ai/docs/proxy/configs): `router_settings` first, then
 * `litellm_settings` for the settings LiteLLM also takes from there (`num_retries`, `allowed_fails`, `fallbacks`,
 * `context_window_fallbacks`), then LiteLLM's defaults. Every value may be `os.environ/NAME`.
 *
 * A `router_settings` key this proxy does not know is refused with the closest known one (a misspelt `num_retires`
 * would otherwise leave retries at their default without a word); LiteLLM router settings it does not implement are
 * accepted and have no effect (see {@link IGNORED_ROUTER_KEYS}). `litellm_settings` holds many LiteLLM settings that do
 * not concern routing, so only the keys above are read and checked there.
 */
import type { EnvRecord } from "../../env";
import { ConfigurationError } from "../../errors";
import { suggestName } from "../../credentials/litellm-keys";
import { boolean, integer, isRecord, nonNegativeNumber, resolveValue } from "./values";

/** Where the router's shared state lives: a Redis server. */
export interface RedisSettings {
  /** `redis://` or `rediss://` URL (`router_settings.redis_url`); otherwise host and port. */
  readonly url: string | undefined;
  readonly host: string | undefined;
  readonly port: number;
  readonly password: string | undefined;
  /** The setting to name in messages about the connection (`router_settings.redis_url` or `.redis_host`). */
  readonly field: string;
}

/** The validated router settings. */
export interface RouterSettings {
  /** Further attempts after the first, per model group. */
  readonly numRetries: number;
  /** A deployment that fails more than this many times in a minute cools down. */
  readonly allowedFails: number;
  readonly cooldownMs: number;
  readonly disableCooldowns: boolean;
  /** Model name → the model names tried, in order, when all of its deployments failed. */
  readonly fallbacks: ReadonlyMap<string, readonly string[]>;
  /** The same, for a prompt longer than the model's context window. */
  readonly contextWindowFallbacks: ReadonlyMap<string, readonly string[]>;
  /** The most fallback model groups one request tries. */
  readonly maxFallbacks: number;
  readonly redis: RedisSettings | undefined;
}

/** LiteLLM's defaults: `openai.DEFAULT_MAX_RETRIES`, `litellm.allowed_fails`, `DEFAULT_COOLDOWN_TIME_SECONDS`, `ROUTER_MAX_FALLBACKS`. */
export const ROUTER_DEFAULTS = { numRetries: 2, allowedFails: 3, cooldownSeconds: 5, maxFallbacks: 5 } as const;

const ROUTER_KEYS = [
  "routing_strategy", "num_retries", "allowed_fails", "cooldown_time", "disable_cooldowns", "fallbacks",
  "context_window_fallbacks", "max_fallbacks", "redis_host", "redis_port", "redis_password", "redis_url",
];

/**
 * LiteLLM router settings that this proxy accepts and ignores, so that a LiteLLM config loads unchanged: pre-call
 * checks, aliases, per-exception policies, response caching and the like. `timeout` and `stream_timeout` are
 * `general_settings.request_timeout` and `litellm_params.timeout` here.
 */
export const IGNORED_ROUTER_KEYS: readonly string[] = [
  "enable_pre_call_checks", "optional_pre_call_checks", "model_group_alias", "retry_policy", "model_group_retry_policy",
  "allowed_fails_policy", "content_policy_fallbacks", "default_fallbacks", "retry_after", "timeout", "stream_timeout",
  "routing_strategy_args", "cache_responses", "cache_kwargs", "caching_groups", "client_ttl", "polling_interval",
  "default_max_parallel_requests", "default_priority", "provider_budget_config", "alerting_config", "set_verbose",
  "debug_level", "enable_tag_filtering", "tag_filtering_match_any", "router_general_settings", "redis_db",
];

function section(config: Record<string, unknown>, name: string): Record<string, unknown> {
  const raw = config[name];
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new ConfigurationError(name, `${name} must be a mapping (num_retries, fallbacks, ...).`);
  return raw;
}

/** `router_settings.X` when set there, else `litellm_settings.X` when `alsoLiteLLM`, with the field that held it. */
function pick(router: Record<string, unknown>, litellm: Record<string, unknown>, key: string, env: EnvRecord, alsoLiteLLM = true) {
  if (router[key] !== undefined && router[key] !== null) {
    const field = `router_settings.${key}`;
    return { value: resolveValue(router[key], field, env), field };
  }
  const field = `litellm_settings.${key}`;
  if (alsoLiteLLM && litellm[key] !== undefined && litellm[key] !== null) return { value: resolveValue(litellm[key], field, env), field };
  return { value: undefined, field: `router_settings.${key}` };
}

const FALLBACK_EXAMPLE = '[{"claude": ["claude-backup"]}]';

function fallbackMap(value: unknown, field: string, names: ReadonlySet<string>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (value === undefined) return map;
  if (!Array.isArray(value)) throw new ConfigurationError(field, `${field} must be a list of mappings from a model_name to the model_name values to try next, e.g. ${FALLBACK_EXAMPLE}.`);
  value.forEach((item, i) => {
    if (!isRecord(item)) throw new ConfigurationError(`${field}[${i}]`, `${field}[${i}] must be a mapping from a model_name to a list of model_name values, e.g. ${FALLBACK_EXAMPLE}.`);
    for (const [from, to] of Object.entries(item)) {
      const at = `${field}[${i}].${from}`;
      if (!names.has(from)) throw new ConfigurationError(at, `${at}: "${from}" is not a model_name of model_list; ${suggestName(from, [...names])}`);
      if (!Array.isArray(to) || to.length === 0) throw new ConfigurationError(at, `${at} must be a non-empty list of model_name values, e.g. ${FALLBACK_EXAMPLE}.`);
      to.forEach((name: unknown, j) => {
        if (typeof name !== "string" || !names.has(name)) {
          const shown = typeof name === "string" ? `"${name}" is not a model_name of model_list; ${suggestName(name, [...names])}` : "must be a model_name";
          throw new ConfigurationError(`${at}[${j}]`, `${at}[${j}] ${shown}`);
        }
        if (name === from) throw new ConfigurationError(`${at}[${j}]`, `${at}[${j}]: a model cannot fall back to itself; name another model_name.`);
      });
      map.set(from, [...new Set([...(map.get(from) ?? []), ...(to as string[])])]);
    }
  });
  return map;
}

function stringSetting(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(field, `${field} must be a non-empty string (or os.environ/NAME).`);
  return value.trim();
}

/**
 * The Redis server `router_settings` names (`redis_url`, or `redis_host` with `redis_port` and `redis_password`), or
 * `undefined` when it names none.
 *
 * @throws ConfigurationError naming the setting
 */
export function resolveRedisSettings(config: unknown, env: EnvRecord): RedisSettings | undefined {
  if (!isRecord(config)) return undefined;
  const router = section(config, "router_settings");
  const value = (key: string) => resolveValue(router[key], `router_settings.${key}`, env);
  const url = stringSetting(value("redis_url"), "router_settings.redis_url");
  const host = stringSetting(value("redis_host"), "router_settings.redis_host");
  const password = value("redis_password");
  if (password !== undefined && password !== null && typeof password !== "string") {
    throw new ConfigurationError("router_settings.redis_password", "router_settings.redis_password must be a string (or os.environ/NAME).");
  }
  const port = integer(value("redis_port"), "router_settings.redis_port", 6379, 1);
  if (port > 65535) throw new ConfigurationError("router_settings.redis_port", "router_settings.redis_port must be a port number (1 to 65535).");
  if (url !== undefined && host !== undefined) {
    throw new ConfigurationError("router_settings.redis_url", "router_settings names both redis_url and redis_host: keep one (redis_url holds host, port and password together).");
  }
  if (url !== undefined && !/^rediss?:\/\/[^\s]+$/i.test(url)) {
    throw new ConfigurationError("router_settings.redis_url", "router_settings.redis_url must be a redis:// or rediss:// URL, e.g. redis://redis.internal:6379.");
  }
  if (url === undefined && host === undefined) {
    const stray = ["redis_port", "redis_password"].find((key) => router[key] !== undefined && router[key] !== null);
    if (stray) throw new ConfigurationError(`router_settings.${stray}`, `router_settings.${stray} is set without router_settings.redis_host (or redis_url): name the Redis server too.`);
    return undefined;
  }
  return {
    url,
    host,
    port,
    password: typeof password === "string" && password !== "" ? password : undefined,
    field: url !== undefined ? "router_settings.redis_url" : "router_settings.redis_host",
  };
}

/**
 * Validates `router_settings` (and the routing keys of `litellm_settings`) against the configured model names.
 *
 * @throws ConfigurationError naming the setting, e.g. `router_settings.fallbacks[0].claude[0]`
 */
export function resolveRouterSettings(config: Record<string, unknown>, env: EnvRecord, names: ReadonlySet<string>): RouterSettings {
  const router = section(config, "router_settings");
  const litellm = section(config, "litellm_settings");
  for (const key of Object.keys(router)) {
    if (!ROUTER_KEYS.includes(key) && !IGNORED_ROUTER_KEYS.includes(key)) {
      throw new ConfigurationError(`router_settings.${key}`, `router_settings.${key} is not a setting of this proxy; ${suggestName(key, ROUTER_KEYS)}`);
    }
  }
  const strategy = pick(router, litellm, "routing_strategy", env, false);
  if (strategy.value !== undefined && strategy.value !== "simple-shuffle") {
    throw new ConfigurationError(strategy.field, `${strategy.field}: this proxy routes with "simple-shuffle" only (random, weighted by weight, rpm or tpm, skipping deployments that cool down or are over their limits); remove the setting or set it to simple-shuffle.`);
  }
  const setting = (key: string) => pick(router, litellm, key, env);
  const retries = setting("num_retries");
  const fails = setting("allowed_fails");
  const cooldown = pick(router, litellm, "cooldown_time", env, false);
  const disable = pick(router, litellm, "disable_cooldowns", env, false);
  const maxFallbacks = pick(router, litellm, "max_fallbacks", env, false);
  const fallbacks = setting("fallbacks");
  const contextFallbacks = setting("context_window_fallbacks");
  return {
    numRetries: integer(retries.value, retries.field, ROUTER_DEFAULTS.numRetries),
    allowedFails: integer(fails.value, fails.field, ROUTER_DEFAULTS.allowedFails),
    cooldownMs: nonNegativeNumber(cooldown.value, cooldown.field, ROUTER_DEFAULTS.cooldownSeconds) * 1000,
    disableCooldowns: boolean(disable.value, disable.field, false),
    maxFallbacks: integer(maxFallbacks.value, maxFallbacks.field, ROUTER_DEFAULTS.maxFallbacks),
    fallbacks: fallbackMap(fallbacks.value, fallbacks.field, names),
    contextWindowFallbacks: fallbackMap(contextFallbacks.value, contextFallbacks.field, names),
    redis: resolveRedisSettings(config, env),
  };
}
