/**
 * The OpenAI chat params every chat family reads the same way: `n`, `max_tokens` / `max_completion_tokens`,
 * `stop`, the sampling params no Bedrock body has, and which params are provider-specific (everything not in
 * {@link KNOWN_PARAMS}). All pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { LITELLM_AUTH_PARAMS } from "../api/auth-params";
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { extraParams, refuseParams, unsupportedParam } from "./params";

/** `n` other than 1 asks for several choices, which no Bedrock chat model returns in one call. */
export function checkN(params: ChatCompletionCreateParamsBase, family: string, dropParams: boolean): void {
  if (params.n != null && params.n !== 1) unsupportedParam("n", family, dropParams);
}

/** `max_completion_tokens` (the newer OpenAI name) wins over `max_tokens`. */
export function maxTokensOf(params: ChatCompletionCreateParamsBase): number | undefined {
  const value = params.max_completion_tokens ?? params.max_tokens ?? undefined;
  if (value === undefined) return undefined;
  const field = params.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(field, `\`${field}\` must be a positive integer; got ${String(value)}.`);
  }
  return value;
}

/** OpenAI `stop` (string or list) → a list, or undefined when absent or empty. */
export function stopSequencesOf(params: ChatCompletionCreateParamsBase): string[] | undefined {
  const stop = params.stop;
  if (stop == null) return undefined;
  const list = typeof stop === "string" ? [stop] : stop;
  if (!Array.isArray(list) || list.some((s) => typeof s !== "string")) {
    throw new ConfigurationError("stop", "`stop` must be a string or an array of strings.");
  }
  return list.length === 0 ? undefined : [...list];
}

/** The params object, `n` and the OpenAI sampling params no Bedrock Converse or Claude body has. */
export function checkChatParams(params: ChatCompletionCreateParamsBase, family: string, dropParams: boolean): void {
  if (!isRecord(params)) throw new ConfigurationError("params", "Chat params must be an object with `model` and `messages`.");
  checkN(params, family, dropParams);
  refuseParams(params, ["seed", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs"], family, dropParams);
}

/** Every parameter the OpenAI layer or a mapper understands; anything else is provider-specific. */
export const KNOWN_PARAMS: ReadonlySet<string> = new Set([
  "model",
  "messages",
  "model_id",
  "temperature",
  "top_p",
  "top_k",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "n",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "reasoning_effort",
  "thinking",
  "stream",
  "stream_options",
  "user",
  "guardrailConfig",
  "drop_params",
  "performanceConfig",
  "promptVariables",
  "requestMetadata",
  "additionalModelRequestFields",
  "additionalModelResponseFieldPaths",
  "serviceTier",
  "anthropic_beta",
  "anthropic_version",
  // LiteLLM connection and auth params: consumed by the OpenAI layer, never sent to the model.
  ...LITELLM_AUTH_PARAMS,
  "api_base",
  "timeout",
  "metadata",
  "logprobs",
  "top_logprobs",
  "frequency_penalty",
  "presence_penalty",
  "logit_bias",
]);

/** The provider-specific params (LiteLLM: "a non-openai param is sent as a kwarg in the request body"). */
export function providerSpecificParams(params: ChatCompletionCreateParamsBase): Record<string, unknown> {
  return extraParams(params, KNOWN_PARAMS);
}
