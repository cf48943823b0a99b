/**
 * Shapes of the proxy's configuration: LiteLLM's `config.yaml` (https://docs.litellm.ai/docs/proxy/configs) as far
 * as it concerns Bedrock, plus the options of {@link createProxy}.
 */
import type { EnvRecord } from "../env";
import type { LiteLLMAuthOptions, LiteLLMAuthParams, ResolvedLiteLLMAuth } from "../credentials/litellm";
import type { MediaPolicy } from "../openai/media-policy";
import type { RouterStore } from "./router/store";

/**
 * A deployment's `litellm_params`: the Bedrock model, its credentials and region (any string may be
 * `os.environ/NAME`, read from the proxy's `env`), and default request parameters that a client's own values override.
 * A key named `aws_…` that is none of LiteLLM's (a typo such as `aws_regon_name`) is refused with the closest one,
 * since any other key would be sent to the model. `allow_insecure_endpoint: true` lets `api_base` /
 * `aws_bedrock_runtime_endpoint` (and `aws_sts_endpoint`) be plain http on another host, such as an emulator's
 * container (`http://emulator:4010`).
 */
export interface ProxyLiteLLMParams extends LiteLLMAuthParams {
  /** `bedrock/[converse/|invoke/]<model id, profile id or ARN>`. */
  model: string;
  /** Provisioned-throughput or application-inference-profile ARN: replaces the id in the URL only. */
  model_id?: string;
  /** A custom Bedrock Runtime endpoint (alias of `aws_bedrock_runtime_endpoint`). */
  api_base?: string;
  /** Seconds per upstream attempt until the response headers arrive. @defaultValue `general_settings.request_timeout` */
  timeout?: number | string;
  /**
   * Retries on this same deployment, by its own client, before the router counts the attempt as failed. The router
   * retries too (`router_settings.num_retries`), on another deployment when one is free: leave this unset unless a
   * deployment should be retried in place. @defaultValue 0
   */
  max_retries?: number | string;
  /**
   * Its share of the picks among the entries with the same `model_name` (simple-shuffle); an entry without it counts
   * 1, and `weight: 0` makes a standby, picked only when no other entry can take the request. @defaultValue 1
   */
  weight?: number | string;
  /** Requests per minute this deployment may take (its quota); over it, other entries take the request. @defaultValue no limit */
  rpm?: number | string;
  /** Tokens per minute this deployment may use, counted from each answer's usage. @defaultValue no limit */
  tpm?: number | string;
  temperature?: number | string;
  top_p?: number | string;
  top_k?: number | string;
  max_tokens?: number | string;
  /** Any other field is a default request parameter passed to the model (provider-specific params). */
  [param: string]: unknown;
}

/**
 * One `model_list` entry. Several entries may share a `model_name` (one model in several regions or accounts): the
 * router then spreads requests among them and fails over between them (see {@link ProxyRouterSettings}).
 */
export interface ProxyModelEntry {
  /** The name clients send as `model`. */
  model_name: string;
  litellm_params: ProxyLiteLLMParams;
  /**
   * Free-form metadata (LiteLLM's `model_info`). Its `id` names the deployment in the `x-litellm-model-id` response
   * header and in a shared store (letters, digits and `. _ : @ / + = -`, unique in the list).
   * @defaultValue an id digested from the entry's name, model, region and endpoint (never its credentials)
   */
  model_info?: { id?: string; [key: string]: unknown };
  /** LiteLLM also takes `rpm` and `tpm` here, beside `litellm_params`. */
  rpm?: number | string;
  tpm?: number | string;
}

/**
 * `router_settings` (https://docs.litellm.ai/docs/proxy/reliability): how requests are spread among the entries of one
 * `model_name`, retried and failed over. `num_retries`, `allowed_fails`, `fallbacks` and `context_window_fallbacks`
 * are also read from `litellm_settings`, as LiteLLM does; `router_settings` wins. Any value may be `os.environ/NAME`.
 * Other LiteLLM router settings (`enable_pre_call_checks`, `retry_policy`, `timeout`, ...) are accepted and have no
 * effect; an unknown key is refused, naming the closest known one.
 */
export interface ProxyRouterSettings {
  /** Only `"simple-shuffle"`: random, weighted by `weight` (else `rpm`, else `tpm`). @defaultValue "simple-shuffle" */
  routing_strategy?: "simple-shuffle";
  /**
   * Further attempts after a failed one (throttling, 5xx, timeout, connection failure; also 401/403/404 on another
   * deployment), each on a deployment this request has not tried when there is one, else on the same after a
   * backoff. A streamed answer is retried only before its first chunk. @defaultValue 2
   */
  num_retries?: number | string;
  /** A deployment failing more than this many times in a minute cools down. @defaultValue 3 */
  allowed_fails?: number | string;
  /** Seconds a deployment is skipped after too many failures. The only entry of a `model_name` never cools down. @defaultValue 5 */
  cooldown_time?: number | string;
  /** Never cool a deployment down. @defaultValue false */
  disable_cooldowns?: boolean | string;
  /** `[{"model-a": ["model-b", "model-c"]}]`: models tried in order when every attempt on model-a failed. @defaultValue [] */
  fallbacks?: Array<Record<string, string[]>>;
  /** The same, for a prompt too long for the model (Bedrock's "Input is too long for requested model."). @defaultValue [] */
  context_window_fallbacks?: Array<Record<string, string[]>>;
  /** The most fallback models one request tries. @defaultValue 5 */
  max_fallbacks?: number | string;
  /**
   * A Redis server where several proxy processes share cooldowns and rpm/tpm counts: `redis_url`
   * (`redis://[:password@]host:port`, or `rediss://`), or `redis_host` with `redis_port` (default 6379) and
   * `redis_password`. Needs the optional package `redis` and `createProxy` from `bedrock-fetch/node` (or
   * `bedrock-fetch serve`). @defaultValue none: each process keeps its own state
   */
  redis_url?: string;
  redis_host?: string;
  redis_port?: number | string;
  redis_password?: string;
  [setting: string]: unknown;
}

/** `general_settings`: access control and limits. Any other key is refused, naming the closest of these. */
export interface ProxyGeneralSettings {
  /**
   * Clients must send `Authorization: Bearer <master_key>` (or `api-key`/`x-api-key: <master_key>`). Compared in
   * constant time. May be `os.environ/NAME`. Without it, the proxy accepts any key or none.
   */
  master_key?: string;
  /** Origins allowed to call the proxy from a browser (`["*"]` for any). @defaultValue `[]`: no CORS headers */
  allowed_origins?: string[] | string;
  /** Largest request body, in MiB. @defaultValue 10 */
  max_request_size_mb?: number | string;
  /**
   * Seconds per upstream attempt until the response headers arrive; also, from the request's start, the deadline
   * after which the router starts no retry and takes no backoff. @defaultValue 600
   */
  request_timeout?: number | string;
  /**
   * The remote-media policy (`MediaPolicy`) in snake_case: `allow_hosts`, `allow_private_network`, `allow_text`,
   * `max_items`, `max_item_mb`, `max_total_mb`, `concurrency`, `max_redirects`, `timeout` (seconds). The `media`
   * option of `createProxy` is merged over it. @defaultValue public hosts only, with the policy's limits
   */
  media?: Record<string, unknown>;
}

/**
 * The whole configuration file. Of `litellm_settings`, only the routing keys are read (`num_retries`,
 * `allowed_fails`, `fallbacks`, `context_window_fallbacks`); other top-level sections are ignored.
 */
export interface ProxyConfig {
  model_list: ProxyModelEntry[];
  general_settings?: ProxyGeneralSettings;
  router_settings?: ProxyRouterSettings;
  litellm_settings?: Record<string, unknown>;
  [section: string]: unknown;
}

/** Turns a deployment's auth parameters into credentials; the Node variant also reads AWS profiles. */
export type LiteLLMAuthResolver = (params: LiteLLMAuthParams, env: EnvRecord, options: LiteLLMAuthOptions) => ResolvedLiteLLMAuth;

/** What {@link ProxyOptions.onAccess} is told about each request once its answer has ended. Never a header or a body. */
export interface ProxyAccessRecord {
  /** The id the proxy gave the request, also sent back as the `x-request-id` response header. */
  requestId: string;
  method: string;
  /** The path, without the query string (where a presigned link would carry its signature). */
  path: string;
  status: number;
  /** Milliseconds from the request's arrival to the end of its answer (a stream's last byte). */
  ms: number;
  /** The `model` the request named, once the proxy read it. */
  model?: string;
  /** The `model_info.id` of the deployment that answered (the `x-litellm-model-id` header). */
  deployment?: string;
  /** Tokens the answer used, when Bedrock reported them. */
  tokens?: number;
  /** The client left before the answer ended. */
  aborted?: true;
  /** The answer broke off. */
  failed?: true;
}

/** Options of {@link createProxy}: the runtime's capabilities. */
export interface ProxyOptions {
  /**
   * Where `os.environ/NAME` references and AWS fallbacks (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, …) are read: a Workers
   * `env`, `Deno.env.toObject()`, Node's environment. @defaultValue the host environment, when it has one
   */
  env?: EnvRecord | undefined;
  /** The `fetch` used for Bedrock and STS. @defaultValue `globalThis.fetch` */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * How `aws_*` parameters become credentials. @defaultValue the web `credentialsFromLiteLLMParams`; the
   * `bedrock-fetch serve` command passes the Node one, which also reads `aws_profile_name` profiles.
   */
  resolveAuth?: LiteLLMAuthResolver | undefined;
  /**
   * Called with every error answered with a 5xx status (or sent inside a stream), for logging. The error's message
   * never holds a secret. The client's own doing is not reported: malformed requests (4xx), and a client that goes
   * away before its body is read (answered 499) or while its answer streams.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /**
   * Called once per request when its answer has ended (a stream included), with what an access log needs: request id,
   * path, model, deployment, status, milliseconds and tokens; never a header or a body. `bedrock-fetch serve` writes
   * each as a JSON line.
   */
  onAccess?: ((record: ProxyAccessRecord, request: Request) => void) | undefined;
  /**
   * Which remote images and documents of chat requests every deployment downloads (`createBedrock`'s `media`). Clients
   * of a proxy are untrusted: keep the default (public http(s) hosts only), and on Node pass
   * `createMediaFetch()` from `bedrock-fetch/node` as `media.fetch` so the address connected to is checked too.
   * @defaultValue `{}`: 25 items of 4.5 MiB, 32 MiB together, 4 at a time, no private host
   */
  media?: MediaPolicy | undefined;
  /**
   * Where the router keeps cooldowns and per-minute counts. Pass a shared one (e.g. `createRedisStore` from
   * `bedrock-fetch/node`) when several proxy processes serve one config; each call to it has a deadline, and when it
   * fails the proxy goes on with its own state and reports the failure once through `onError`.
   * @defaultValue this process's memory (`createProxy` from `bedrock-fetch/node` connects to the Redis server that
   *   `router_settings` names)
   */
  store?: RouterStore | undefined;
  /** The clock the router reads (cooldowns, per-minute counts), in epoch milliseconds. @defaultValue `Date.now` */
  now?: (() => number) | undefined;
  /** Uniform numbers in [0, 1) for the router's random picks and backoff jitter. @defaultValue `Math.random` */
  random?: (() => number) | undefined;
}

/** A proxy: a web-standard request handler. */
export type ProxyHandler = (request: Request) => Promise<Response>;
