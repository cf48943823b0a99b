/**
 * @module bedrock-fetch/proxy
 *
 * An OpenAI-compatible proxy for Amazon Bedrock as a web-standard handler `(Request) => Promise<Response>`,
 * configured like LiteLLM's proxy (`model_list` with `litellm_params`, `general_settings`). Serves
 * `/v1/chat/completions` (JSON and server-sent events), `/v1/embeddings`, `/v1/images/generations`, `/v1/models`
 * and `/health` on Cloudflare Workers, Deno, Bun and Node (with `serve` from `bedrock-fetch/node`, or the
 * `bedrock-fetch serve --config config.yaml` command).
 */
export { createProxy } from "./create-proxy";
export { resolveProxyConfig } from "./config";
export type { Deployment, ResolvedProxyConfig } from "./config";
export { describeError, errorResponse, ProxyRequestError } from "./errors";
export type { OpenAIErrorBody } from "./errors";
export { SSE_HEADERS, toServerSentEvents } from "./sse";
export type { MediaPolicy } from "../openai/media-policy";
export { createMemoryStore } from "./router/store";
export type { MemoryStoreOptions, RouterStore } from "./router/store";
export { ROUTER_HEADERS } from "./router/router";
export type { RoutedCall, RouterAttempt } from "./router/router";
export type {
  LiteLLMAuthResolver,
  ProxyAccessRecord,
  ProxyConfig,
  ProxyGeneralSettings,
  ProxyHandler,
  ProxyLiteLLMParams,
  ProxyModelEntry,
  ProxyOptions,
  ProxyRouterSettings,
} from "./types";
