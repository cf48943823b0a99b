/**
 * Anthropic's Messages API on the proxy: `POST /v1/messages` (JSON or server-sent events) and
 * `POST /v1/messages/count_tokens`, for clients such as Anthropic's SDKs and Claude Code pointed at the proxy.
 * `model` names a `model_list` entry, as on the OpenAI routes. Claude models go over InvokeModel with Bedrock's
 * Claude body (the Messages API's own); other models over Converse, translated both ways. A deployment whose model
 * string says `converse/` (`bedrock/converse/anthropic.claude-…`) sends Claude over Converse too.
 *
 * The deployment's `temperature`, `top_p`, `top_k` and `max_tokens` are defaults for a request that sets none; its
 * other model parameters are for the OpenAI routes. Errors on these routes are in Anthropic's shape (errors.ts).
 */
import { parseModel } from "../../api/models";
import { encodeBase64 } from "../../internal/base64";
import { invalidResponse } from "../../families/invalid-response";
import { converse, converseStream, countTokens, invokeModel, invokeModelWithResponseStream } from "../../runtime/operations";
import type { ConverseInput, CountTokensResult } from "../../runtime/io-types";
import type { CountTokensInput } from "../../runtime/types";
import { Stream } from "../../stream";
import { readJsonObject } from "../body";
import type { Deployment } from "../config";
import { JSON_HEADERS } from "../errors";
import type { Route } from "../routes";
import { SSE_HEADERS } from "../sse";
import { betaFlags, DROPPED_BETAS_HEADER, splitBetas } from "./betas";
import { converseInput } from "./converse-request";
import { converseEvents, converseMessage } from "./converse-response";
import { invalidField } from "./errors";
import { claudeBody, claudeEvents, claudeMessage } from "./invoke";
import { toAnthropicEventStream } from "./sse";
import type { MessagesRequest } from "./types";
import { checkMessagesRequest } from "./validate";

// As on the OpenAI routes: an answer, even of 128k tokens, is a few MiB; a larger one is a broken upstream.
const TEXT_ANSWER_BYTES = 16 * 1024 * 1024;
const DEFAULTS = ["max_tokens", "temperature", "top_p", "top_k"] as const;
const FLAG = /^[A-Za-z0-9._-]{1,100}$/;

/** Whether a request is for one of these routes (its errors are then answered in Anthropic's shape). */
export function isAnthropicPath(url: string): boolean {
  const path = new URL(url).pathname.replace(/\/+$/, "");
  return /^(\/v1)?\/messages(\/count_tokens)?$/.test(path);
}

interface Target {
  /** The id for the URL. */
  readonly modelId: string;
  /** The foundation-model id, when the model string names one (CountTokens takes no inference profile). */
  readonly baseModelId: string | undefined;
  readonly provider: string | undefined;
  /** Claude over InvokeModel, rather than Converse. */
  readonly claude: boolean;
}

function targetOf(deployment: Deployment): Target {
  const parsed = parseModel(deployment.model, deployment.modelId);
  const converseRoute = /^(bedrock\/)?converse\//.test(deployment.model);
  return { modelId: parsed.modelId, baseModelId: parsed.baseModelId, provider: parsed.provider, claude: parsed.provider === "anthropic" && !converseRoute };
}

function headersWith(base: Readonly<Record<string, string>>, dropped: readonly string[], requestId: string | undefined): Headers {
  const headers = new Headers(base);
  const listed = dropped.filter((flag) => FLAG.test(flag)).slice(0, 50);
  if (listed.length > 0) headers.set(DROPPED_BETAS_HEADER, listed.join(","));
  // Anthropic's SDKs report this header as the request id; Bedrock's identifies the call in AWS's logs.
  if (requestId !== undefined && FLAG.test(requestId)) headers.set("request-id", requestId);
  return headers;
}

function messageId(requestId: string | undefined): string {
  return `msg_bdrk_${(requestId ?? crypto.randomUUID()).replace(/-/g, "")}`;
}

function parseAnswer(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalidResponse("Claude", "not JSON");
  }
}

/** The request with the deployment's defaults filled in (a copy: each routed attempt may be another deployment). */
function withDefaults(checked: MessagesRequest, defaults: Readonly<Record<string, unknown>>): MessagesRequest {
  const out = { ...checked };
  for (const key of DEFAULTS) if (out[key] === undefined && typeof defaults[key] === "number") out[key] = defaults[key] as number;
  if (out.max_tokens === undefined) throw invalidField("max_tokens", "is required: the most tokens the answer may have, e.g. 1024.");
  return out;
}

/** `POST /v1/messages`, through the proxy's router (retries, cooldowns and fallbacks among the deployments). */
export const messages: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  const checked = checkMessagesRequest(body, betaFlags(request.headers));
  const model = checked.model;
  return context.run(model, async (deployment, attempt) => {
    const target = targetOf(deployment);
    const call = withDefaults(checked, deployment.defaults);
    const { send, dropped } = splitBetas(call.betas, target.claude);
    const options = { signal: request.signal, maxResponseBytes: TEXT_ANSWER_BYTES };
    const { client } = deployment;

    if (target.claude) {
      const input = { modelId: target.modelId, body: claudeBody(call, send) };
      if (call.stream) {
        const upstream = await invokeModelWithResponseStream(client, input, options);
        // Waits for the first event, so that a stream failing before it is retried like a failed request; the
        // router counts the `usage` of message_delta toward the deployment's tpm.
        const stream = await attempt.stream(new Stream(() => claudeEvents(upstream, model), upstream.controller));
        const events = toAnthropicEventStream(stream, (error) => context.streamError(error));
        return new Response(events, { headers: headersWith(SSE_HEADERS, dropped, upstream.$metadata.requestId) });
      }
      const result = await invokeModel(client, input, options);
      const message = claudeMessage(parseAnswer(result.body), model);
      attempt.usage(message.usage);
      return new Response(JSON.stringify(message), { headers: headersWith(JSON_HEADERS, dropped, result.$metadata.requestId) });
    }

    const input = converseInput(call, target.modelId, target.provider) as unknown as ConverseInput;
    if (call.stream) {
      const upstream = await converseStream(client, input, options);
      const id = messageId(upstream.$metadata.requestId);
      const stream = await attempt.stream(new Stream(() => converseEvents(upstream, id, model), upstream.controller));
      const events = toAnthropicEventStream(stream, (error) => context.streamError(error));
      return new Response(events, { headers: headersWith(SSE_HEADERS, dropped, upstream.$metadata.requestId) });
    }
    const result = await converse(client, input, options);
    const message = converseMessage(result, messageId(result.$metadata.requestId), model);
    attempt.usage(message.usage);
    return new Response(JSON.stringify(message), { headers: headersWith(JSON_HEADERS, dropped, result.$metadata.requestId) });
  });
};

/** What CountTokens counts: Claude's InvokeModel body (base64), or the Converse members that make the input. */
function countInput(checked: MessagesRequest, target: Target, betas: string[]): CountTokensInput {
  if (target.claude) {
    // Bedrock's Claude body requires max_tokens, and more of them than a thinking budget; neither changes the count.
    const budget = typeof checked.thinking?.budget_tokens === "number" ? checked.thinking.budget_tokens : 0;
    const body = claudeBody(checked, betas, budget + 1);
    return { invokeModel: { body: encodeBase64(new TextEncoder().encode(JSON.stringify(body))) } };
  }
  const { messages: turns, system, toolConfig, additionalModelRequestFields } = converseInput(checked, target.modelId, target.provider);
  const converseMembers: Record<string, unknown> = { messages: turns };
  if (system !== undefined) converseMembers.system = system;
  if (toolConfig !== undefined) converseMembers.toolConfig = toolConfig;
  if (additionalModelRequestFields !== undefined) converseMembers.additionalModelRequestFields = additionalModelRequestFields;
  return { converse: converseMembers } as CountTokensInput;
}

/** `POST /v1/messages/count_tokens`, answered `{"input_tokens": N}`, through the router. */
export const countMessageTokens: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  const checked = checkMessagesRequest(body, betaFlags(request.headers), true);
  return context.run(checked.model, async (deployment) => {
    const target = targetOf(deployment);
    const { send, dropped } = splitBetas(checked.betas, target.claude);
    const input = countInput(checked, target, send);
    const options = { signal: request.signal, maxResponseBytes: TEXT_ANSWER_BYTES };
    const result: CountTokensResult = await countTokens(deployment.client, { modelId: target.baseModelId ?? target.modelId, input }, options);
    if (typeof result.inputTokens !== "number" || !Number.isFinite(result.inputTokens)) throw invalidResponse("CountTokens", "no `inputTokens` count");
    return new Response(JSON.stringify({ input_tokens: result.inputTokens }), { headers: headersWith(JSON_HEADERS, dropped, result.$metadata.requestId) });
  });
};
