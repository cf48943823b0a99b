/**
 * Claude Messages API responses on Bedrock → OpenAI answers and chunk deltas.
 * Response body: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
 * Stream events (message_start, content_block_start/delta/stop, message_delta, message_stop):
 * https://docs.anthropic.com/en/api/messages-streaming; Bedrock adds `amazon-bedrock-invocationMetrics` to the last.
 *
 * @module
 */
import { APIError } from "../errors";
import { isRecord } from "../internal/is-record";
import { type AnswerBlock, blocksAnswer, createToolStream } from "./answer";
import { mapStopReason } from "./finish-reason";
import { thinkingDeltas } from "./thinking";
import { toolArgumentsOf, toolCallId } from "./tools";
import { cacheUsage, invocationMetricsUsage, usageOf } from "./usage";
import type { MappedDelta, MappedResponse, MapperOptions, StreamMapper } from "./types";

/** Anthropic `stop_reason` → OpenAI `finish_reason` (`refusal` is a safety stop). */
export function anthropicFinishReason(reason: unknown): MappedResponse["finish_reason"] {
  return mapStopReason(reason, { refusal: "content_filter", pause_turn: "stop" });
}

/** Anthropic `usage` → OpenAI usage; prompt_tokens counts cache reads and writes, as OpenAI's includes cached tokens. */
export function anthropicUsage(usage: unknown): MappedResponse["usage"] {
  return cacheUsage(usage, ["input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"])!;
}

/**
 * Parses a Messages API response body (text, tool_use, thinking and redacted_thinking blocks). A body without
 * `usage` reports the token counts Bedrock sent in the response headers (`options.invocationMetrics`). A legacy
 * `{ completion }` body (some Claude v2 deployments answer a Messages request that way) is read as text.
 */
export function parseAnthropicResponse(body: unknown, options?: MapperOptions): MappedResponse {
  if (isRecord(body) && !Array.isArray(body.content) && typeof body.completion === "string") {
    body = { ...body, content: [{ type: "text", text: body.completion }] };
  }
  if (!isRecord(body) || !Array.isArray(body.content)) throw new TypeError("Claude response has no content array");
  const blocks: AnswerBlock[] = [];
  for (const b of body.content) {
    if (!isRecord(b)) continue;
    if (b.type === "text" && typeof b.text === "string") blocks.push({ text: b.text });
    else if (b.type === "thinking" && typeof b.thinking === "string") blocks.push({ thinking: b.thinking, signature: b.signature });
    else if (b.type === "redacted_thinking" && typeof b.data === "string") blocks.push({ redacted: b.data });
    else if (b.type === "tool_use") blocks.push({ tool: b as { id: unknown; name: unknown; input: unknown } });
  }
  return blocksAnswer(blocks, body.stop_reason, anthropicFinishReason, isRecord(body.usage) ? anthropicUsage(body.usage) : usageOf(0, undefined, options));
}

/**
 * A mapper for Claude's InvokeModelWithResponseStream events. Usage is emitted once, at `message_stop`: Bedrock's
 * invocation metrics when present (the billed counts), else the counts from message_start and message_delta.
 * `end()` throws if `message_stop` never arrived.
 */
export function createAnthropicStreamMapper(_options?: MapperOptions): StreamMapper {
  const tools = createToolStream(anthropicFinishReason);
  let startUsage: Record<string, unknown> = {};
  let outputTokens: number | undefined;
  let stopped = false;
  return {
    next(event: unknown): MappedDelta[] {
      if (!isRecord(event)) return [];
      const index = typeof event.index === "number" ? event.index : -1;
      const block = isRecord(event.content_block) ? event.content_block : {};
      const delta = isRecord(event.delta) ? event.delta : {};
      switch (event.type) {
        case "message_start": {
          const message = isRecord(event.message) ? event.message : {};
          if (isRecord(message.usage)) startUsage = message.usage;
          return [{ role: "assistant" }];
        }
        case "content_block_start":
          if (block.type === "text" && typeof block.text === "string" && block.text !== "") return [{ content: block.text }];
          // A redacted thinking block arrives whole in its start event.
          if (block.type === "redacted_thinking") return thinkingDeltas(undefined, undefined, typeof block.data === "string" ? block.data : undefined);
          return block.type === "tool_use" ? tools.start(index, block.id, block.name) : [];
        case "content_block_delta":
          if (delta.type === "text_delta" && typeof delta.text === "string") return delta.text === "" ? [] : [{ content: delta.text }];
          // https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking (thinking_delta, then signature_delta)
          if (delta.type === "thinking_delta" || delta.type === "signature_delta") return thinkingDeltas(delta.thinking, delta.signature, undefined);
          // Citations carry nothing for the OpenAI delta.
          return delta.type === "input_json_delta" && typeof delta.partial_json === "string" ? tools.input(index, delta.partial_json) : [];
        case "message_delta":
          if (isRecord(event.usage) && typeof event.usage.output_tokens === "number") outputTokens = event.usage.output_tokens;
          return delta.stop_reason == null ? [] : [{ finish_reason: tools.finish(delta.stop_reason) }];
        case "message_stop":
          stopped = true;
          return [{ usage: invocationMetricsUsage(event) ?? anthropicUsage({ ...startUsage, output_tokens: outputTokens ?? startUsage.output_tokens }) }];
        default:
          return [];
      }
    },
    end(): MappedDelta[] {
      if (!stopped) throw new APIError("Claude stream ended before its message_stop event: the answer is incomplete.", { code: "IncompleteStream" });
      return [];
    },
  };
}
