/**
 * Claude v2, v2.1 and Instant with the legacy Text Completions body on InvokeModel
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-text-completion.html):
 * `{ prompt: "\n\nHuman: …\n\nAssistant:", max_tokens_to_sample, temperature, top_p, top_k, stop_sequences }` →
 * `{ completion, stop_reason }`.
 *
 * Prompt layout as LiteLLM's Bedrock page shows it: a system prompt goes first, before the first `\n\nHuman:` (the
 * Claude 2.1 system-prompt convention); a final assistant message is a pre-fill, written after `Assistant:`, and the
 * completion returned does not repeat it.
 *
 * @module
 */
import { APIError, ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, claudeSampling } from "./anthropic-messages";
import { checkN, maxTokensOf, providerSpecificParams } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { contentToText, extractSystem } from "./message-parts";
import { refuseParams } from "./params";
import { invocationMetricsUsage, usageOf } from "./usage";
import type { ChatMapper, MappedDelta, MappedResponse, MapperOptions, StreamMapper } from "./types";

const FAMILY = "anthropic (text completion)";
const HUMAN = "\n\nHuman:";
const ASSISTANT = "\n\nAssistant:";

/** The base model ids of the Claude models that take the legacy text-completion body. */
export const ANTHROPIC_TEXT_MODELS = /^anthropic\.claude-(v1|v2|instant-v1)(\b|:)/;

/** OpenAI messages → the `\n\nHuman: … \n\nAssistant:` prompt. */
export function anthropicTextPrompt(messages: ChatCompletionCreateParamsBase["messages"]): string {
  const { system, messages: turns } = extractSystem(messages);
  let prompt = system.map((s) => s.text).join("\n");
  turns.forEach(({ message, index }, i) => {
    if (message.role === "tool" || (message.role === "assistant" && message.tool_calls?.length)) {
      throw new ConfigurationError(
        `messages[${index}]`,
        `\`messages[${index}]\` is a tool call or tool result, which Claude text completions cannot express. Use a Claude 3+ model (Messages API or Converse) for tools.`,
      );
    }
    const text = contentToText(message.content, `messages[${index}].content`, FAMILY);
    const isLast = i === turns.length - 1;
    if (message.role === "assistant") prompt += `${ASSISTANT} ${isLast ? text.trimEnd() : text}`;
    else prompt += `${HUMAN} ${text}`;
  });
  const last = turns[turns.length - 1];
  if (last?.message.role !== "assistant") prompt += ASSISTANT;
  return prompt;
}

/** Builds the text-completion body. */
export function buildAnthropicTextRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  checkN(params, FAMILY, options.dropParams);
  refuseParams(params, ["tools", "tool_choice", "response_format", "thinking", "reasoning_effort", "seed", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs"], FAMILY, options.dropParams, true);
  const body: Record<string, unknown> = {
    prompt: anthropicTextPrompt(params.messages),
    max_tokens_to_sample: maxTokensOf(params) ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
  };
  claudeSampling(body, params);
  Object.assign(body, providerSpecificParams(params));
  return body;
}

/** `{ completion, stop_reason }` → answer. The body has no token counts: they come from the response headers. */
export function parseAnthropicTextResponse(body: unknown, options?: MapperOptions): MappedResponse {
  if (!isRecord(body) || typeof body.completion !== "string") throw new TypeError("Claude text-completion response has no completion");
  return { content: body.completion, finish_reason: mapStopReason(body.stop_reason), usage: usageOf(0, undefined, options) };
}

/** Stream events are `{ completion, stop_reason, stop }`; the last carries `amazon-bedrock-invocationMetrics`. */
export function createAnthropicTextStreamMapper(_options?: MapperOptions): StreamMapper {
  let started = false;
  let stopped = false;
  return {
    next(event: unknown): MappedDelta[] {
      if (!isRecord(event)) return [];
      const out: MappedDelta[] = [];
      if (!started) {
        started = true;
        out.push({ role: "assistant" });
      }
      if (typeof event.completion === "string" && event.completion !== "") out.push({ content: event.completion });
      if (typeof event.stop_reason === "string") {
        stopped = true;
        out.push({ finish_reason: mapStopReason(event.stop_reason) });
      }
      const usage = invocationMetricsUsage(event);
      if (usage) out.push({ usage });
      return out;
    },
    end(): MappedDelta[] {
      if (!stopped) throw new APIError("Claude text-completion stream ended without a stop_reason: the answer is incomplete.", { code: "IncompleteStream" });
      return [];
    },
  };
}

/** Claude v2 / v2.1 / Instant legacy text completions on InvokeModel. */
export const anthropicText: ChatMapper = {
  name: "anthropic-text",
  buildRequest: buildAnthropicTextRequest,
  parseResponse: (body, options) => parseAnthropicTextResponse(body, options),
  createStreamMapper: (options) => createAnthropicTextStreamMapper(options),
};
