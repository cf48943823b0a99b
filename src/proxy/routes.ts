/**
 * The endpoints the proxy serves, each with and without the `/v1` prefix: OpenAI's chat completions (JSON or SSE),
 * embeddings, image generations and model list, Anthropic's messages and token count (./anthropic/), Cohere's rerank
 * (./rerank-route.ts), LiteLLM's token counter (./token-counter-route.ts) and health checks. A request's `model`
 * names a `model_list` entry, called through the router (./router/);
 * the entry's parameters are the defaults and the client's own values win, except for the settings that choose the
 * upstream (credentials, endpoint, `model_id`), which a client can never set.
 */
import { isBedrockError } from "../errors";
import type { ChatCompletionCreateParams } from "../api/chat-types";
import type { EmbeddingCreateParams } from "../api/embedding-types";
import type { ImageGenerateParams } from "../api/image-types";
import { Stream } from "../stream";
import { countMessageTokens, messages } from "./anthropic/routes";
import { readJsonObject } from "./body";
import type { Deployment, ResolvedProxyConfig } from "./config";
import { isUnusableCredentials, JSON_HEADERS, ProxyRequestError } from "./errors";
import { SSE_HEADERS, toServerSentEvents } from "./sse";
import type { RoutedCall } from "./router/router";
import { askUsageForLimits } from "./router/stream";
import { rerank } from "./rerank-route";
import { tokenCounter } from "./token-counter-route";

/** What a route needs. */
export interface RouteContext {
  readonly config: ResolvedProxyConfig;
  /**
   * Calls a deployment of `model` through the router (./router/router.ts): `call` runs once per attempt, on the
   * deployment the router picked, and its Response is answered with the `x-litellm-model-id`/`-model-group` headers;
   * a failed attempt is retried, cooled down and failed over as `router_settings` says. A streamed answer goes
   * through `attempt.stream(stream)`, so that it is retried only before its first item. Throws 400/404 for a missing
   * or unknown `model`.
   */
  run(model: unknown, call: RoutedCall): Promise<Response>;
  /** One deployment of a model name, by weight alone: no retries, cooldowns or limits (prefer {@link RouteContext.run}). */
  pick(model: unknown): Deployment;
  /** Reports an error that ended a stream after its headers were sent. */
  streamError(error: unknown): void;
}

export type Route = (request: Request, context: RouteContext) => Promise<Response>;

// Fields a client may not set: they configure the upstream, not the model. OpenAI-platform fields with no Bedrock
// meaning (`store`, `metadata`, `service_tier`, ...) are dropped too, rather than passed to the model as
// provider-specific params, which Bedrock would reject as unknown.
const CLIENT_DENIED: ReadonlySet<string> = new Set([
  "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_region_name", "aws_session_name",
  "aws_profile_name", "aws_role_name", "aws_web_identity_token", "aws_sts_endpoint", "aws_external_id",
  "aws_bedrock_runtime_endpoint", "api_key", "api_base", "model_id", "timeout", "max_retries",
  "store", "metadata", "service_tier", "prompt_cache_key", "safety_identifier",
  // LiteLLM's per-request routing fields: routing is the proxy's (router_settings), and Bedrock would refuse them.
  "num_retries", "fallbacks", "context_window_fallbacks", "mock_testing_fallbacks",
]);

// A chat answer (even 128k output tokens) or a batch of 96 embeddings is a few MiB at most; only generated images need
// the client's larger default. A broken or hostile upstream that sends an endless answer then costs each request at
// most this much memory.
const TEXT_ANSWER_BYTES = 16 * 1024 * 1024;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/**
 * Config defaults, then the client's fields (null counts as unset), then the deployment's model. The assignment is
 * safe because {@link readJsonObject} refuses a `__proto__` key, the one key that an assignment would turn into a
 * prototype.
 */
function merge(deployment: Deployment, body: Record<string, unknown>, drop: readonly string[] = []): Record<string, unknown> {
  const params: Record<string, unknown> = { ...deployment.defaults };
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null || CLIENT_DENIED.has(key) || drop.includes(key)) continue;
    params[key] = value;
  }
  params.model = deployment.model;
  if (deployment.modelId !== undefined) params.model_id = deployment.modelId;
  return params;
}

const chatCompletions: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  return context.run(body.model, async (deployment, attempt) => {
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw new ProxyRequestError(400, "`messages` is required: a non-empty array of { role, content } messages.", { param: "messages", code: "missing_required_parameter" });
    }
    const params = merge(deployment, body);
    const keepUsage = askUsageForLimits(deployment, params);
    const result = await deployment.client.completion(params as unknown as ChatCompletionCreateParams, { signal: request.signal, maxResponseBytes: TEXT_ANSWER_BYTES });
    if (result instanceof Stream) {
      const stream = await attempt.stream(result, keepUsage);
      return new Response(toServerSentEvents(stream, (error) => context.streamError(error)), { headers: SSE_HEADERS });
    }
    attempt.usage(result.usage);
    return json(result);
  });
};

const embeddings: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  return context.run(body.model, async (deployment, attempt) => {
    if (body.input === undefined || body.input === null) {
      throw new ProxyRequestError(400, "`input` is required: a string or an array of strings to embed.", { param: "input", code: "missing_required_parameter" });
    }
    const params = merge(deployment, body, ["stream", "stream_options"]) as unknown as EmbeddingCreateParams;
    const result = await deployment.client.embedding(params, { signal: request.signal, maxResponseBytes: TEXT_ANSWER_BYTES });
    attempt.usage(result.usage);
    return json(result);
  });
};

const imageGenerations: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  return context.run(body.model, async (deployment) => {
    if (typeof body.prompt !== "string" || body.prompt === "") {
      throw new ProxyRequestError(400, "`prompt` is required: a text description of the image.", { param: "prompt", code: "missing_required_parameter" });
    }
    const params = merge(deployment, body, ["stream", "stream_options"]) as unknown as ImageGenerateParams;
    return json(await deployment.client.imageGeneration(params, { signal: request.signal }));
  });
};

function modelObject(id: string, created: number) {
  return { id, object: "model", created, owned_by: "amazon-bedrock" };
}

const listModels: Route = async (_request, { config }) =>
  json({ object: "list", data: [...config.models.keys()].map((id) => modelObject(id, config.created)) });

const health: Route = async () => json({ status: "healthy" });

/** Routes by path (after removing an optional `/v1` prefix) and method. */
export const ROUTES: Readonly<Record<string, { method: "GET" | "POST"; handler: Route; public?: boolean }>> = {
  "/chat/completions": { method: "POST", handler: chatCompletions },
  "/embeddings": { method: "POST", handler: embeddings },
  "/images/generations": { method: "POST", handler: imageGenerations },
  // Anthropic's Messages API (src/proxy/anthropic/).
  "/messages": { method: "POST", handler: messages },
  "/messages/count_tokens": { method: "POST", handler: countMessageTokens },
  // Cohere's rerank (./rerank-route.ts), and LiteLLM's token counter (./token-counter-route.ts).
  "/rerank": { method: "POST", handler: rerank },
  "/v2/rerank": { method: "POST", handler: rerank },
  "/utils/token_counter": { method: "POST", handler: tokenCounter },
  "/models": { method: "GET", handler: listModels },
  "/health": { method: "GET", handler: health, public: true },
  "/health/liveliness": { method: "GET", handler: health, public: true },
  "/health/liveness": { method: "GET", handler: health, public: true },
  "/health/readiness": { method: "GET", handler: health, public: true },
};

/** `GET /models/{id}`: one model, or 404. */
export function retrieveModel(id: string, config: ResolvedProxyConfig): Response {
  if (!config.models.has(id)) throw unknownModel(id, config);
  return json(modelObject(id, config.created));
}

export function unknownModel(name: string, config: ResolvedProxyConfig): ProxyRequestError {
  const known = [...config.models.keys()];
  return new ProxyRequestError(404, `The model \`${name}\` does not exist on this proxy. Use one of the configured model_name values: ${known.join(", ")}.`, {
    param: "model",
    code: "model_not_found",
  });
}

/** Whether an error deserves a log line: the proxy's or upstream's fault rather than the client's. */
export function isServerSide(error: unknown): boolean {
  if (error instanceof ProxyRequestError) return error.status >= 500;
  if (isUnusableCredentials(error)) return true;
  if (isBedrockError(error) && (error.name === "ConfigurationError" || error.name === "APIUserAbortError")) return false;
  if (isBedrockError(error)) return error.status === undefined || error.status >= 500;
  return true;
}
