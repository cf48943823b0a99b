/**
 * The Converse mapper: OpenAI chat params → a Converse / ConverseStream request body, and a Converse response →
 * the OpenAI answer. Works for every family Converse serves; family differences (top_k, reasoning) are confined to
 * `additionalModelRequestFields`.
 *
 * Request and response shapes: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * Per-model fields: https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { baseModelOf } from "../api/models";
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { converseMessages, converseSystem, converseTools, type ConverseBlock } from "./converse-messages";
import { type AnswerBlock, blocksAnswer } from "./answer";
import { checkChatParams, maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { unsupportedParam } from "./params";
import { jsonFormatOf, RESPONSE_FORMAT_DESCRIPTION, RESPONSE_FORMAT_TOOL } from "./response-format";
import { claudeThinking } from "./thinking";
import { toolChoiceOf } from "./tools";
import { cacheUsage } from "./usage";
import type { MappedResponse, MapperOptions } from "./types";


const FAMILY = "converse";

function providerOf(modelId: string): string | undefined {
  return baseModelOf(modelId)?.provider;
}

/** `top_k`, `thinking` and `reasoning_effort` in the field names each provider's native body uses. */
function familyFields(params: ChatCompletionCreateParamsBase, provider: string | undefined, extra: Record<string, unknown>): void {
  if (params.top_k != null) {
    // Nova reads topK inside its own inferenceConfig (https://docs.aws.amazon.com/nova/latest/userguide/using-converse-api.html).
    if (provider === "amazon") extra.inferenceConfig = { ...(isRecord(extra.inferenceConfig) ? extra.inferenceConfig : {}), topK: params.top_k };
    else extra.top_k = params.top_k;
  }
  // `thinking` is Anthropic's field; other providers that take one (e.g. gpt-oss, Kimi) use the same name.
  if (params.thinking !== undefined) extra.thinking = params.thinking;
  const effort = params.reasoning_effort;
  if (effort !== undefined && params.thinking === undefined) {
    if (provider === "anthropic") extra.thinking = claudeThinking(effort);
    else if (provider === "amazon") {
      // Nova 2 extended thinking (https://docs.aws.amazon.com/nova/latest/nova2-userguide/extended-thinking.html).
      extra.reasoningConfig = { type: "enabled", maxReasoningEffort: effort === "minimal" ? "low" : effort };
    } else if (provider === "qwen") {
      extra.reasoning_config = effort;
    } else {
      extra.reasoning_effort = effort;
    }
  }
}

/**
 * Builds a Converse (or ConverseStream) request body from OpenAI chat params. The body holds no `modelId`: that
 * goes in the URL.
 *
 * @throws ConfigurationError for invalid input, or a parameter Converse cannot honour (unless `dropParams`).
 */
export function buildConverseRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  checkChatParams(params, FAMILY, options.dropParams);
  if (params.parallel_tool_calls === false) unsupportedParam("parallel_tool_calls", FAMILY, options.dropParams);
  const provider = providerOf(options.modelId);

  const body: Record<string, unknown> = { messages: converseMessages(params.messages) };
  const system = converseSystem(params.messages);
  if (system.length) body.system = system;

  const inferenceConfig: Record<string, unknown> = {};
  const maxTokens = maxTokensOf(params);
  if (maxTokens !== undefined) inferenceConfig.maxTokens = maxTokens;
  if (params.temperature != null) inferenceConfig.temperature = params.temperature;
  if (params.top_p != null) inferenceConfig.topP = params.top_p;
  const stop = stopSequencesOf(params);
  if (stop) inferenceConfig.stopSequences = stop;
  if (Object.keys(inferenceConfig).length) body.inferenceConfig = inferenceConfig;

  let tools: ConverseBlock[] = params.tools && params.tools.length ? converseTools(params.tools) : [];
  const choice = toolChoiceOf(params, true);
  let toolChoice: Record<string, unknown> | string | undefined =
    typeof choice === "object" ? { tool: choice } : choice === "auto" ? { auto: {} } : choice === "required" ? { any: {} } : choice;

  const format = jsonFormatOf(params);
  if (format?.schema) {
    // Native structured output (service model `OutputConfig.textFormat`): the answer arrives as text.
    const jsonSchema: Record<string, unknown> = { schema: JSON.stringify(format.schema), name: format.name };
    if (format.description !== undefined) jsonSchema.description = format.description;
    body.outputConfig = { textFormat: { type: "json_schema", structure: { jsonSchema } } };
  } else if (format) {
    tools = [...tools, { toolSpec: { name: RESPONSE_FORMAT_TOOL, description: RESPONSE_FORMAT_DESCRIPTION, inputSchema: { json: { type: "object" } } } }];
    toolChoice = { tool: { name: RESPONSE_FORMAT_TOOL } };
  }

  const historyUsesTools = (body.messages as Array<{ content: ConverseBlock[] }>).some((m) => m.content.some((b) => "toolUse" in b || "toolResult" in b));
  if (toolChoice === "none") {
    // Converse has no "none" choice. Without tools the model cannot call one; but a history with tool blocks
    // needs toolConfig, and then "none" cannot be expressed.
    if (historyUsesTools) unsupportedParam("tool_choice", FAMILY, options.dropParams);
    else tools = [];
    toolChoice = undefined;
  }
  if (tools.length) {
    const toolConfig: Record<string, unknown> = { tools };
    if (toolChoice !== undefined) toolConfig.toolChoice = toolChoice;
    body.toolConfig = toolConfig;
  }

  const extra: Record<string, unknown> = isRecord(params.additionalModelRequestFields) ? { ...params.additionalModelRequestFields } : {};
  familyFields(params, provider, extra);
  Object.assign(extra, providerSpecificParams(params));
  if (Object.keys(extra).length) body.additionalModelRequestFields = extra;

  if (params.guardrailConfig !== undefined) body.guardrailConfig = params.guardrailConfig;
  for (const name of ["performanceConfig", "promptVariables", "requestMetadata", "additionalModelResponseFieldPaths", "serviceTier"] as const) {
    if (params[name] !== undefined) body[name] = params[name];
  }
  return body;
}

/** Converse `usage` → OpenAI usage. Bedrock's `totalTokens` counts cache reads and writes, so prompt_tokens does too. */
export function converseUsage(usage: unknown): MappedResponse["usage"] {
  return cacheUsage(usage, ["inputTokens", "outputTokens", "cacheReadInputTokens", "cacheWriteInputTokens", "totalTokens"])!;
}

/** Converse stop reasons (service model `StopReason`) → OpenAI `finish_reason`. */
export function converseFinishReason(stopReason: unknown): MappedResponse["finish_reason"] {
  return mapStopReason(stopReason, { malformed_model_output: "stop", malformed_tool_use: "tool_calls" });
}

/**
 * Parses a Converse response body: text (and citation text), reasoning (as `reasoning_content` and
 * `thinking_blocks`), tool uses (as `tool_calls`), the mapped stop reason and usage.
 */
export function parseConverseResponse(body: unknown): MappedResponse {
  const output = isRecord(body) && isRecord(body.output) ? body.output : undefined;
  const message = output && isRecord(output.message) ? output.message : undefined;
  if (!isRecord(body) || !message || !Array.isArray(message.content)) {
    throw new TypeError("Converse response has no output.message.content");
  }
  return blocksAnswer(converseBlocks(message.content), body.stopReason, converseFinishReason, converseUsage(body.usage));
}

/** Converse content blocks (text, citations, reasoning, tool uses) in the neutral form {@link blocksAnswer} reads. */
export function converseBlocks(content: unknown[]): AnswerBlock[] {
  const out: AnswerBlock[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (typeof block.text === "string") out.push({ text: block.text });
    else if (isRecord(block.citationsContent) && Array.isArray(block.citationsContent.content)) {
      for (const c of block.citationsContent.content) if (isRecord(c) && typeof c.text === "string") out.push({ text: c.text });
    } else if (isRecord(block.reasoningContent)) {
      const r = block.reasoningContent;
      if (isRecord(r.reasoningText) && typeof r.reasoningText.text === "string") out.push({ thinking: r.reasoningText.text, signature: r.reasoningText.signature });
      else if (typeof r.redactedContent === "string") out.push({ redacted: r.redactedContent });
    } else if (isRecord(block.toolUse)) {
      const use = block.toolUse;
      out.push({ tool: { id: use.toolUseId, name: use.name, input: use.input } });
    }
  }
  return out;
}
