/**
 * Validation of a proxy configuration, all of it up front: every `model_list` entry is resolved (its
 * `os.environ/NAME` references read from the env record), its model string parsed and its Bedrock client built when
 * the proxy is created, so that a mistake is a {@link ConfigurationError} naming the entry and field before any
 * request, never a 500 later. Messages name fields and environment variables, never their values.
 */
import { createBedrock } from "../bedrock";
import type { BedrockClient } from "../bedrock";
import { credentialsFromLiteLLMParams } from "../credentials/litellm";
import type { LiteLLMAuthParams } from "../credentials/litellm";
import { AUTH_PARAM_NAMES, isUnknownAwsKey, suggestAwsName, suggestName } from "../credentials/litellm-keys";
import { defaultEnv } from "../env";
import type { EnvRecord } from "../env";
import { ConfigurationError, isBedrockError } from "../errors";
import { resolveMediaPolicy } from "../openai/media-policy";
import { mediaSettings } from "./media-settings";
import { parseModel } from "../api/models";
import { MISSING_REGION } from "../transport/endpoints";
import type { ProxyConfig, ProxyOptions } from "./types";
import { deploymentRouting } from "./router/deployment-fields";
import type { DeploymentRouting } from "./router/deployment-fields";
import { resolveRouterSettings } from "./router/settings";
import type { RouterSettings } from "./router/settings";
import { isRecord, positiveNumber, resolveValue } from "./router/values";

/** One upstream a model name routes to, with what the router reads (`id`, `weight`, `rpm`, `tpm`). */
export interface Deployment extends DeploymentRouting {
  /** The `model_name` clients use. */
  readonly name: string;
  /** `bedrock/...` model string, and the optional `model_id` that replaces the id in the URL. */
  readonly model: string;
  readonly modelId: string | undefined;
  /** Default request parameters (temperature, top_p, top_k, ...); a client's own values win. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly client: BedrockClient;
}

/** The validated configuration the handler runs on. */
export interface ResolvedProxyConfig {
  /** Deployments by model name, in config order. */
  readonly models: ReadonlyMap<string, readonly Deployment[]>;
  readonly masterKey: string | undefined;
  /** Allowed CORS origins; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  readonly maxBodyBytes: number;
  /** Unix seconds at creation, reported as each model's `created`. */
  readonly created: number;
  /** Retries, cooldowns, fallbacks and the shared store (`router_settings`). */
  readonly router: RouterSettings;
  /** `general_settings.request_timeout` in milliseconds: each attempt's limit, and the deadline of retries. */
  readonly timeoutMs: number;
}

const MIB = 1024 * 1024;
const DEFAULT_MAX_BODY_MB = 10;
const DEFAULT_TIMEOUT_SECONDS = 600;

// The auth parameters (LiteLLM's, and allow_insecure_endpoint) configure the client and never reach a request body.
const AUTH_KEYS = AUTH_PARAM_NAMES;
// What general_settings may hold.
const GENERAL_KEYS = ["master_key", "allowed_origins", "max_request_size_mb", "request_timeout", "media"];
// Deployment settings LiteLLM accepts in litellm_params that are not model parameters.
const SETTING_KEYS: ReadonlySet<string> = new Set([
  "model", "model_id", "api_base", "timeout", "stream_timeout", "max_retries", "rpm", "tpm",
  "input_cost_per_token", "output_cost_per_token", "custom_llm_provider", "weight",
]);
const NUMERIC_KEYS: ReadonlySet<string> = new Set(["temperature", "top_p", "top_k", "max_tokens", "timeout", "max_retries"]);
// The library's field names, as LiteLLM spells them in litellm_params.
const FIELD_NAMES: Record<string, string> = {
  region: "aws_region_name", endpoint: "aws_bedrock_runtime_endpoint", apiKey: "api_key", credentials: "aws_access_key_id",
  timeout: "timeout", maxRetries: "max_retries",
};

function resolveSettings(config: ProxyConfig, env: EnvRecord) {
  const raw = config.general_settings ?? {};
  if (!isRecord(raw)) throw new ConfigurationError("general_settings", "general_settings must be a mapping (master_key, allowed_origins, ...).");
  // A misspelt setting would otherwise leave the one it meant at its default (no master key, say) without a word.
  for (const key of Object.keys(raw)) {
    if (!GENERAL_KEYS.includes(key)) {
      throw new ConfigurationError(
        `general_settings.${key}`,
        `general_settings.${key} is not a setting of this proxy; ${suggestName(key, GENERAL_KEYS)}`,
      );
    }
  }
  const masterKey = resolveValue(raw.master_key, "general_settings.master_key", env);
  if (masterKey !== undefined && masterKey !== null && (typeof masterKey !== "string" || masterKey.trim() === "")) {
    throw new ConfigurationError("general_settings.master_key", "general_settings.master_key must be a non-empty string (or os.environ/NAME).");
  }
  let origins = resolveValue(raw.allowed_origins, "general_settings.allowed_origins", env) ?? [];
  if (typeof origins === "string") origins = origins.split(",").map((o) => o.trim()).filter(Boolean);
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === "string" && o !== "")) {
    throw new ConfigurationError("general_settings.allowed_origins", 'general_settings.allowed_origins must be a list of origins such as "https://app.example.com", or ["*"].');
  }
  const maxMb = positiveNumber(resolveValue(raw.max_request_size_mb, "general_settings.max_request_size_mb", env), "general_settings.max_request_size_mb", DEFAULT_MAX_BODY_MB);
  const timeout = positiveNumber(resolveValue(raw.request_timeout, "general_settings.request_timeout", env), "general_settings.request_timeout", DEFAULT_TIMEOUT_SECONDS);
  return {
    masterKey: typeof masterKey === "string" ? masterKey.trim() : undefined,
    allowedOrigins: (origins as string[]).map((o) => o.replace(/\/+$/, "")),
    maxBodyBytes: Math.floor(maxMb * MIB),
    timeoutMs: timeout * 1000,
  };
}

function buildDeployment(entry: unknown, i: number, env: EnvRecord, options: ProxyOptions, timeoutMs: number, positions: Map<string, number>): Deployment {
  const at = `model_list[${i}]`;
  if (!isRecord(entry)) throw new ConfigurationError(at, `${at} must be a mapping with model_name and litellm_params.`);
  const name = entry.model_name;
  if (typeof name !== "string" || name.trim() === "") throw new ConfigurationError(`${at}.model_name`, `${at}.model_name must be a non-empty string: the name clients send as \`model\`.`);
  const label = `${at} ("${name}")`;
  if (!isRecord(entry.litellm_params)) {
    throw new ConfigurationError(`${at}.litellm_params`, `${label}: litellm_params must be a mapping with at least \`model: bedrock/<model id>\`.`);
  }
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry.litellm_params)) {
    const field = `${at}.litellm_params.${key}`;
    // Any other key is a model parameter: a misspelt aws_* setting would be sent to the model, its value with it.
    if (isUnknownAwsKey(key)) {
      throw new ConfigurationError(field, `${label}: litellm_params.${key} is not a known setting; ${suggestAwsName(key)}`);
    }
    let v = resolveValue(value, field, env);
    if (NUMERIC_KEYS.has(key) && typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) v = Number(v);
    if (NUMERIC_KEYS.has(key) && v !== undefined && v !== null && typeof v !== "number") {
      throw new ConfigurationError(field, `${label}: litellm_params.${key} must be a number.`);
    }
    params[key] = v;
  }
  const rewrap = (error: unknown): never => {
    if (isBedrockError(error) && error.name === "ConfigurationError") {
      const inner = (error as ConfigurationError).field;
      const key = FIELD_NAMES[inner] ?? inner;
      // The client's own message names its option (`region`); here the setting is litellm_params' aws_region_name.
      const message = error.code === MISSING_REGION
        ? "no AWS region: set aws_region_name in litellm_params (e.g. us-east-1, or os.environ/NAME), or the AWS_REGION environment variable."
        : error.message;
      throw new ConfigurationError(`${at}.litellm_params.${key}`, `${label}: ${message}`, { cause: error });
    }
    throw error;
  };
  if (typeof params.model !== "string" || params.model.trim() === "") {
    throw new ConfigurationError(`${at}.litellm_params.model`, `${label}: litellm_params.model is required, e.g. "bedrock/anthropic.claude-3-haiku-20240307-v1:0".`);
  }
  const model = params.model.trim();
  const slash = model.indexOf("/");
  if (slash > 0 && !model.startsWith("bedrock/") && !/^(converse|invoke)\//.test(model) && !model.startsWith("arn:")) {
    throw new ConfigurationError(`${at}.litellm_params.model`, `${label}: this proxy serves Amazon Bedrock only; write the model as "bedrock/<model id>" (got provider "${model.slice(0, slash)}").`);
  }
  const modelId = params.model_id === undefined || params.model_id === null ? undefined : params.model_id;
  if (modelId !== undefined && typeof modelId !== "string") throw new ConfigurationError(`${at}.litellm_params.model_id`, `${label}: litellm_params.model_id must be a string (an ARN).`);
  try {
    parseModel(model, modelId);
  } catch (error) {
    rewrap(error);
  }

  const auth: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (AUTH_KEYS.has(key)) auth[key] = value;
    else if (!SETTING_KEYS.has(key) && value !== undefined && value !== null) defaults[key] = value;
  }
  if (auth.aws_bedrock_runtime_endpoint === undefined && typeof params.api_base === "string") auth.aws_bedrock_runtime_endpoint = params.api_base;
  const timeout = params.timeout === undefined || params.timeout === null ? timeoutMs : positiveNumber(params.timeout, `${at}.litellm_params.timeout`, 0) * 1000;
  // The router is the retry loop (router_settings.num_retries, on another deployment when one is free): a deployment's
  // client retries in place only when litellm_params.max_retries asks for it.
  const maxRetries = params.max_retries === undefined || params.max_retries === null ? 0 : params.max_retries as number;
  const position = positions.get(name.trim()) ?? 0;
  positions.set(name.trim(), position + 1);
  const entryLimits = { ...entry, rpm: resolveValue(entry.rpm, `${at}.rpm`, env), tpm: resolveValue(entry.tpm, `${at}.tpm`, env) };
  const routing = deploymentRouting(entryLimits, params, at, label, position);
  let client: BedrockClient;
  try {
    const resolve = options.resolveAuth ?? credentialsFromLiteLLMParams;
    const resolved = resolve(auth as LiteLLMAuthParams, env, options.fetch ? { fetch: options.fetch } : {});
    client = createBedrock({
      env,
      region: resolved.region,
      endpoint: resolved.endpoint,
      credentials: resolved.credentials,
      apiKey: resolved.apiKey,
      allowInsecureEndpoint: resolved.allowInsecureEndpoint,
      fetch: options.fetch,
      media: options.media,
      timeout,
      maxRetries,
    });
  } catch (error) {
    return rewrap(error);
  }
  return { name: name.trim(), model, modelId, defaults: Object.freeze(defaults), client, ...routing };
}

/**
 * Validates a proxy configuration and builds one Bedrock client per `model_list` entry.
 *
 * @throws ConfigurationError naming the entry and field (`model_list[1].litellm_params.aws_region_name`).
 */
export function resolveProxyConfig(config: ProxyConfig, options: ProxyOptions = {}): ResolvedProxyConfig {
  if (!isRecord(config)) throw new ConfigurationError("config", "createProxy(config) takes the parsed configuration: { model_list: [...], general_settings?: {...} }.");
  if (options.env !== undefined && !isRecord(options.env)) throw new ConfigurationError("env", "`env` must be a record of environment variables.");
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new ConfigurationError("fetch", "`fetch` must be a function with the signature of globalThis.fetch.");
  const env = options.env ?? defaultEnv();
  // The file's `general_settings.media`, then the code's `media` over it; checked once here, so that a bad policy is
  // named as itself, not as every deployment's.
  const media = { ...mediaSettings(isRecord(config.general_settings) ? config.general_settings.media : undefined, env), ...options.media };
  resolveMediaPolicy(media);
  options = { ...options, media };
  const list = config.model_list;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigurationError("model_list", "model_list must be a non-empty list of { model_name, litellm_params: { model: bedrock/<model id>, ... } }.");
  }
  const settings = resolveSettings(config, env);
  const models = new Map<string, Deployment[]>();
  const positions = new Map<string, number>();
  const ids = new Map<string, number>();
  list.forEach((entry, i) => {
    const deployment = buildDeployment(entry, i, env, options, settings.timeoutMs, positions);
    // Two entries with one id would share their cooldowns and limits.
    const earlier = ids.get(deployment.id);
    if (earlier !== undefined) {
      throw new ConfigurationError(`model_list[${i}].model_info.id`, `model_list[${i}] has the same model_info.id as model_list[${earlier}] ("${deployment.id}"): give each entry its own id.`);
    }
    ids.set(deployment.id, i);
    const group = models.get(deployment.name);
    if (group) group.push(deployment);
    else models.set(deployment.name, [deployment]);
  });
  const router = resolveRouterSettings(config, env, new Set(models.keys()));
  return {
    models,
    masterKey: settings.masterKey,
    allowedOrigins: Object.freeze(settings.allowedOrigins),
    maxBodyBytes: settings.maxBodyBytes,
    created: Math.floor(Date.now() / 1000),
    router,
    timeoutMs: settings.timeoutMs,
  };
}
