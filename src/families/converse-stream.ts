/**
 * ConverseStream events → OpenAI chunk deltas. Event shapes:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html (messageStart,
 * contentBlockStart, contentBlockDelta, contentBlockStop, messageStop, metadata).
 *
 * @module
 */
import { APIError } from "../errors";
import { isRecord } from "../internal/is-record";
import { converseFinishReason, converseUsage } from "./converse";
import { createToolStream } from "./answer";
import { thinkingDeltas } from "./thinking";
import type { MappedDelta, MapperOptions, StreamMapper } from "./types";

/** Reads `{ type, data }` (the event-stream decoder's shape) or the SDK's `{ [type]: data }` union. */
function unwrap(event: unknown): { type: string; data: Record<string, unknown> } | undefined {
  if (!isRecord(event)) return undefined;
  if (typeof event.type === "string") return { type: event.type, data: isRecord(event.data) ? event.data : {} };
  const keys = Object.keys(event);
  if (keys.length === 1 && isRecord(event[keys[0]!])) return { type: keys[0]!, data: event[keys[0]!] as Record<string, unknown> };
  return undefined;
}

/**
 * A stateful mapper for one ConverseStream response. Tool-call `index` counts tool calls (0, 1, …), not content
 * blocks, as OpenAI clients expect. `end()` throws when `messageStop` never arrived: a cut-off stream must not look
 * like a finished answer.
 */
export function createConverseStreamMapper(_options?: MapperOptions): StreamMapper {
  const tools = createToolStream(converseFinishReason);
  let stopped = false;

  return {
    next(event: unknown): MappedDelta[] {
      const e = unwrap(event);
      if (!e) return [];
      const { type, data } = e;
      const blockIndex = typeof data.contentBlockIndex === "number" ? data.contentBlockIndex : -1;
      switch (type) {
        case "messageStart":
          return [{ role: "assistant" }];
        case "contentBlockStart": {
          const start = isRecord(data.start) ? data.start : {};
          return isRecord(start.toolUse) ? tools.start(blockIndex, start.toolUse.toolUseId, start.toolUse.name) : [];
        }
        case "contentBlockDelta": {
          const delta = isRecord(data.delta) ? data.delta : {};
          if (typeof delta.text === "string") return delta.text === "" ? [] : [{ content: delta.text }];
          if (isRecord(delta.toolUse) && typeof delta.toolUse.input === "string") return tools.input(blockIndex, delta.toolUse.input);
          // ReasoningContentBlockDelta: exactly one of text, signature or redactedContent (base64 in JSON).
          // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlockDelta.html
          if (isRecord(delta.reasoningContent)) {
            const { text, signature, redactedContent } = delta.reasoningContent;
            return thinkingDeltas(text, signature, typeof redactedContent === "string" ? redactedContent : undefined);
          }
          // Citations carry no text for the OpenAI delta.
          return [];
        }
        case "messageStop":
          stopped = true;
          return [{ finish_reason: tools.finish(data.stopReason) }];
        case "metadata":
          return isRecord(data.usage) ? [{ usage: converseUsage(data.usage) }] : [];
        default:
          return [];
      }
    },
    end(): MappedDelta[] {
      if (!stopped) {
        throw new APIError("ConverseStream ended before its messageStop event: the answer is incomplete.", { code: "IncompleteStream" });
      }
      return [];
    },
  };
}
