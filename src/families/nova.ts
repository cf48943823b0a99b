/**
 * Amazon Nova (Micro, Lite, Pro, Premier, Nova 2) on InvokeModel. The native body is Converse-shaped:
 * `{ schemaVersion: "messages-v1", system: [{text}], messages: [{role, content: [blocks]}], inferenceConfig: {
 * maxTokens, temperature, topP, topK, stopSequences }, toolConfig }` → `{ output: { message }, stopReason, usage:
 * { inputTokens, outputTokens, totalTokens, cacheReadInputTokenCount, cacheWriteInputTokenCount } }`; streamed
 * chunks are Converse-stream events (`messageStart`, `contentBlockStart`, `contentBlockDelta`, `contentBlockStop`,
 * `messageStop`, `metadata`).
 * https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html
 * (linked from https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-nova.html)
 *
 * @module
 */
import { APIError, ConfigurationError } from "../errors";
import type { ChatCompletionChunkToolCall, ChatCompletionCreateParamsBase, ChatCompletionMessageToolCall, CompletionUsage, FinishReason } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { converseBlocks } from "./converse";
import { converseMessages, converseSystem, converseTools } from "./converse-messages";
import { assignDefined, checkParams, guardrailIntervened } from "./prompt";
import { blocksAnswer } from "./answer";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { toolArgumentsOf, toolCallId } from "./tools";
import { buildUsage, invocationMetricsUsage, numberOf, usageOf } from "./usage";
import type { ChatMapper, MappedDelta, MappedResponse, MapperOptions } from "./types";

const FAMILY = "amazon-nova";

function toolChoiceOf(choice: ChatCompletionCreateParamsBase["tool_choice"]): Record<string, unknown> | undefined {
  if (choice === undefined) return undefined;
  if (choice === "auto") return { auto: {} };
  if (choice === "required") return { any: {} };
  if (typeof choice === "object" && choice !== null && typeof choice.function?.name === "string") return { tool: { name: choice.function.name } };
  throw new ConfigurationError(
    "tool_choice",
    '`tool_choice` for Amazon Nova must be "auto", "required" or `{ type: "function", function: { name } }` (Nova has no "none": leave `tools` out instead).',
  );
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  checkParams(params, FAMILY, options, { stop: true, topK: true, tools: true });
  const messages = converseMessages(params.messages);
  if (messages.length === 0) throw new ConfigurationError("messages", "`messages` must contain at least one user message.");
  const body: Record<string, unknown> = { ...providerSpecificParams(params), schemaVersion: "messages-v1" };
  const system = converseSystem(params.messages);
  if (system.length > 0) body.system = system;
  body.messages = messages;
  const inferenceConfig = assignDefined({}, {
    maxTokens: maxTokensOf(params),
    temperature: params.temperature,
    topP: params.top_p,
    topK: params.top_k,
    stopSequences: stopSequencesOf(params),
  });
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  if (params.tools !== undefined && params.tools.length > 0 && params.tool_choice !== "none") {
    const toolConfig: Record<string, unknown> = { tools: converseTools(params.tools) };
    const toolChoice = toolChoiceOf(params.tool_choice);
    if (toolChoice !== undefined) toolConfig.toolChoice = toolChoice;
    body.toolConfig = toolConfig;
  }
  return body;
}

function usageOfNova(usage: unknown): CompletionUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const prompt = numberOf(usage.inputTokens);
  const completion = numberOf(usage.outputTokens);
  if (prompt === undefined || completion === undefined) return undefined;
  return buildUsage({
    prompt,
    completion,
    total: numberOf(usage.totalTokens),
    cacheRead: numberOf(usage.cacheReadInputTokenCount),
    cacheWrite: numberOf(usage.cacheWriteInputTokenCount),
  });
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const message = isRecord(b.output) && isRecord(b.output.message) ? b.output.message : {};
  // Nova's answer has Converse's content blocks; it reports no thinking blocks.
  const { thinking_blocks: _, ...out } = blocksAnswer(
    converseBlocks(Array.isArray(message.content) ? message.content : []),
    b.stopReason,
    (reason) => (guardrailIntervened(b) ? "content_filter" : mapStopReason(reason)),
    usageOfNova(b.usage) ?? usageOf(0, undefined, options),
  );
  return out;
}

/** Amazon Nova understanding models (text, image, document and video in; text and tool calls out). */
export const nova: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    let started = false;
    let finish: FinishReason | undefined;
    let usage: CompletionUsage | undefined;
    let filtered = false;
    // contentBlockIndex of a tool-use block → its OpenAI tool_calls index (0, 1, … in order of appearance).
    const toolIndex = new Map<number, number>();
    const open = (delta: MappedDelta): MappedDelta[] => {
      if (started) return [delta];
      started = true;
      return [{ role: "assistant", ...delta }];
    };
    return {
      next(event) {
        if (!isRecord(event)) return [];
        if (guardrailIntervened(event)) filtered = true;
        if (isRecord(event.messageStart)) return started ? [] : open({});
        if (isRecord(event.contentBlockStart)) {
          const start = event.contentBlockStart;
          const use = isRecord(start.start) ? start.start.toolUse : undefined;
          if (!isRecord(use)) return [];
          const index = toolIndex.size;
          toolIndex.set(numberOf(start.contentBlockIndex) ?? index, index);
          const call: ChatCompletionChunkToolCall = {
            index,
            id: toolCallId(use.toolUseId, index),
            type: "function",
            function: { name: typeof use.name === "string" ? use.name : "", arguments: "" },
          };
          return open({ tool_calls: [call] });
        }
        if (isRecord(event.contentBlockDelta)) {
          const block = event.contentBlockDelta;
          const delta = isRecord(block.delta) ? block.delta : {};
          if (typeof delta.text === "string") return delta.text === "" ? [] : open({ content: delta.text });
          if (isRecord(delta.toolUse) && typeof delta.toolUse.input === "string") {
            const index = toolIndex.get(numberOf(block.contentBlockIndex) ?? -1);
            if (index === undefined) return [];
            return open({ tool_calls: [{ index, function: { arguments: delta.toolUse.input } }] });
          }
          if (isRecord(delta.reasoningContent) && typeof delta.reasoningContent.text === "string") {
            return open({ reasoning_content: delta.reasoningContent.text });
          }
          return [];
        }
        if (isRecord(event.messageStop)) finish = mapStopReason(event.messageStop.stopReason);
        if (isRecord(event.metadata)) usage = usageOfNova(event.metadata.usage) ?? usage;
        usage = usage ?? invocationMetricsUsage(event);
        return [];
      },
      end() {
        if (finish === undefined) {
          throw new APIError(`The ${FAMILY} response stream ended before its messageStop event.`, { code: "IncompleteStream" });
        }
        const last: MappedDelta = { finish_reason: filtered ? "content_filter" : finish };
        if (usage !== undefined) last.usage = usage;
        return open(last);
      },
    };
  },
};
