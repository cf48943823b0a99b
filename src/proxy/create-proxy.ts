/**
 * `createProxy()`: an OpenAI-compatible server for Amazon Bedrock as one web-standard handler
 * `(Request) => Promise<Response>`, configured like LiteLLM's proxy (`model_list`, `general_settings`). It runs
 * unchanged on Cloudflare Workers, Deno, Bun and Node (through `bedrock-fetch/node`'s `serve`).
 */
import { ConfigurationError } from "../errors";
import { onBodyEnd } from "../internal/on-body-end";
import { resolveProxyConfig } from "./config";
import type { Deployment } from "./config";
import { anthropicErrorResponse } from "./anthropic/errors";
import { isAnthropicPath } from "./anthropic/routes";
import { createKeyCheck } from "./auth";
import { createCors } from "./cors";
import { errorResponse, ProxyRequestError } from "./errors";
import { isServerSide, retrieveModel, ROUTES, unknownModel } from "./routes";
import type { RouteContext } from "./routes";
import type { ProxyConfig, ProxyHandler, ProxyOptions } from "./types";
import { routerFor } from "./router/for-proxy";

/**
 * Builds the proxy. The whole configuration is validated now and one Bedrock client is built per `model_list` entry;
 * `os.environ/NAME` values are read from `options.env`.
 *
 * @throws ConfigurationError naming the entry and field, e.g. `model_list[0].litellm_params.aws_region_name`
 *
 * @example
 * ```ts
 * import { createProxy } from "bedrock-fetch/proxy";
 *
 * const proxy = createProxy({
 *   model_list: [{
 *     model_name: "bedrock-claude-v1",
 *     litellm_params: {
 *       model: "bedrock/anthropic.claude-instant-v1",
 *       aws_access_key_id: "os.environ/CUSTOM_AWS_ACCESS_KEY_ID",
 *       aws_secret_access_key: "os.environ/CUSTOM_AWS_SECRET_ACCESS_KEY",
 *       aws_region_name: "os.environ/CUSTOM_AWS_REGION_NAME",
 *     },
 *   }],
 *   general_settings: { master_key: "os.environ/PROXY_MASTER_KEY" },
 * }, { env });
 *
 * Deno.serve(proxy); // or Bun.serve({ fetch: proxy }), or `export default { fetch: proxy }` on Workers
 * ```
 */
export function createProxy(config: ProxyConfig, options: ProxyOptions = {}): ProxyHandler {
  const resolved = resolveProxyConfig(config, options);
  const checkKey = createKeyCheck(resolved.masterKey);
  const cors = createCors(resolved.allowedOrigins);
  const onError = options.onError;
  const onAccess = options.onAccess;
  if (onAccess !== undefined && typeof onAccess !== "function") throw new ConfigurationError("onAccess", "`onAccess` must be a function.");
  // What the access log says of a request beyond its status: filled in as the request is routed.
  const notes = new WeakMap<Request, { model?: string; deployment?: string; tokens?: number }>();
  // Retries, cooldowns, fallbacks and rpm/tpm limits among the entries sharing a model_name (./router/router.ts).
  const router = routerFor(resolved, options, (request, count) => {
    const note = notes.get(request);
    if (note) note.tokens = (note.tokens ?? 0) + count;
  });

  const modelName = (model: unknown): string => {
    if (typeof model !== "string" || model === "") {
      throw new ProxyRequestError(400, "`model` is required: one of the model_name values from GET /v1/models.", { param: "model", code: "missing_required_parameter" });
    }
    if (!resolved.models.has(model)) throw unknownModel(model, resolved);
    return model;
  };
  const pick = (model: unknown): Deployment => router.pick(resolved.models.get(modelName(model))!);

  return async function proxy(request: Request): Promise<Response> {
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const note: { model?: string; deployment?: string; tokens?: number } = {};
    notes.set(request, note);
    let response = await answer(request, note);
    // Headers of a fetched or shared Response may be immutable; a new Response shares the body without copying it.
    response = new Response(response.body, response);
    response.headers.set("x-request-id", requestId);
    if (!onAccess) return response;
    const path = new URL(request.url).pathname;
    return onBodyEnd(response, (ending) =>
      onAccess({
        requestId,
        method: request.method,
        path,
        status: response.status,
        ms: Date.now() - started,
        ...note,
        ...(ending ? { [ending]: true as const } : {}),
      }, request),
    );
  };

  async function answer(request: Request, note: { model?: string; deployment?: string }): Promise<Response> {
    const preflight = cors.preflight(request);
    if (preflight) return preflight;
    const refused = cors.refuse(request);
    if (refused) return cors.decorate(request, refused);
    let response: Response;
    try {
      const context: RouteContext = {
        config: resolved,
        pick,
        run: async (model, call) => {
          if (typeof model === "string") note.model = model.slice(0, 256);
          return router.run(modelName(model), (deployment, attempt) => {
            note.deployment = deployment.id;
            return call(deployment, attempt);
          }, request);
        },
        streamError: (error) => onError?.(error, request),
      };
      response = await route(request, context);
    } catch (error) {
      if (isServerSide(error)) onError?.(error, request);
      // Anthropic's routes answer errors in Anthropic's shape, so that its SDKs raise their typed errors.
      response = isAnthropicPath(request.url) ? anthropicErrorResponse(error) : errorResponse(error);
    }
    return cors.decorate(request, response);
  }

  async function route(request: Request, context: RouteContext): Promise<Response> {
    const url = new URL(request.url);
    let path = url.pathname.replace(/\/+$/, "") || "/";
    if (path === "/v1" || path.startsWith("/v1/")) path = path.slice(3) || "/";
    const found = ROUTES[path];
    const modelPath = /^\/models\/(.+)$/.exec(path);
    const method = found?.method ?? (modelPath ? "GET" : undefined);
    if (method === undefined) {
      throw new ProxyRequestError(404, `Unknown route ${request.method} ${url.pathname}. The proxy serves POST /v1/chat/completions, /v1/embeddings, /v1/images/generations, /v1/messages, /v1/messages/count_tokens, /v1/rerank, /utils/token_counter and GET /v1/models.`, {
        code: "unknown_url",
      });
    }
    if (request.method !== method && !(method === "GET" && request.method === "HEAD")) {
      await request.body?.cancel().catch(() => {});
      throw new ProxyRequestError(405, `${url.pathname} accepts ${method} requests, not ${request.method}.`, { code: "method_not_allowed" });
    }
    if (!found?.public) await checkKey(request.headers);
    if (found) return found.handler(request, context);
    let id: string;
    try {
      id = decodeURIComponent(modelPath![1]!);
    } catch {
      throw new ProxyRequestError(400, `The model id in ${url.pathname} is not valid percent-encoding (RFC 3986): encode it with encodeURIComponent.`, { param: "model", code: "invalid_url" });
    }
    return retrieveModel(id, resolved);
  }
}
