/**
 * Shapes of the proxy's configuration: LiteLLM's `config.yaml` (https://docs.litellm.ai/docs/proxy/configs) as far
 * as it concerns Bedrock, plus the options of {@link createProxy}.
 */
import type { EnvRecord } from "../env";
import type { LiteLLMAuthOptions, LiteLLMAuthParams, ResolvedLiteLLMAuth } from "../credentials/litellm";
import type { MediaPolicy } from "../openai/media-policy";

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
  /** Upstream retries after throttling, 5xx and network failures. @defaultValue 2 */
  max_retries?: number | string;
  temperature?: number | string;
  top_p?: number | string;
  top_k?: number | string;
  max_tokens?: number | string;
  /** Any other field is a default request parameter passed to the model (provider-specific params). */
  [param: string]: unknown;
}

/** One `model_list` entry. Several entries may share a `model_name`: requests then rotate among them. */
export interface ProxyModelEntry {
  /** The name clients send as `model`. */
  model_name: string;
  litellm_params: ProxyLiteLLMParams;
  /** Free-form metadata (LiteLLM's `model_info`); not used by the proxy. */
  model_info?: Record<string, unknown>;
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
  /** Seconds per upstream attempt until the response headers arrive. @defaultValue 600 */
  request_timeout?: number | string;
  /**
   * The remote-media policy (`MediaPolicy`) in snake_case: `allow_hosts`, `allow_private_network`, `allow_text`,
   * `max_items`, `max_item_mb`, `max_total_mb`, `concurrency`, `max_redirects`, `timeout` (seconds). The `media`
   * option of `createProxy` is merged over it. @defaultValue public hosts only, with the policy's limits
   */
  media?: Record<string, unknown>;
}

/** The whole configuration file. Other top-level sections (`litellm_settings`, `router_settings`) are ignored. */
export interface ProxyConfig {
  model_list: ProxyModelEntry[];
  general_settings?: ProxyGeneralSettings;
  [section: string]: unknown;
}

/** Turns a deployment's auth parameters into credentials; the Node variant also reads AWS profiles. */
export type LiteLLMAuthResolver = (params: LiteLLMAuthParams, env: EnvRecord, options: LiteLLMAuthOptions) => ResolvedLiteLLMAuth;

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
   * Which remote images and documents of chat requests every deployment downloads (`createBedrock`'s `media`). Clients
   * of a proxy are untrusted: keep the default (public http(s) hosts only), and on Node pass
   * `createMediaFetch()` from `bedrock-fetch/node` as `media.fetch` so the address connected to is checked too.
   * @defaultValue `{}`: 25 items of 4.5 MiB, 32 MiB together, 4 at a time, no private host
   */
  media?: MediaPolicy | undefined;
}

/** A proxy: a web-standard request handler. */
export type ProxyHandler = (request: Request) => Promise<Response>;
