/**
 * Converse answers → Messages API messages, and ConverseStream events → Messages API stream events
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html →
 * https://docs.anthropic.com/en/api/messages-streaming). Text, reasoning (`thinking` with its signature,
 * `redacted_thinking`) and tool uses map one to one; stop reasons by meaning; usage with its cache counts.
 *
 * ConverseStream sends usage in its last event, after `messageStop`, and text blocks without a start event; so
 * `message_start` carries zero counts, blocks are opened at their first delta, and `message_delta` (stop reason and
 * the whole usage) and `message_stop` follow the final `metadata` event.
 */
import { invalidResponse } from "../../families/invalid-response";
import { base64ToBytes } from "../../internal/base64";
import { isRecord } from "../../internal/is-record";
import type { ContentBlock, Message, StreamEvent, Usage } from "./types";

const STOP_REASONS: Readonly<Record<string, string>> = {
  end_turn: "end_turn",
  tool_use: "tool_use",
  max_tokens: "max_tokens",
  stop_sequence: "stop_sequence",
  guardrail_intervened: "refusal",
  content_filtered: "refusal",
  model_context_window_exceeded: "model_context_window_exceeded",
  malformed_model_output: "end_turn",
  malformed_tool_use: "tool_use",
};

/** Converse `stopReason` → Messages API `stop_reason`. */
export function anthropicStopReason(reason: unknown): string {
  return (typeof reason === "string" ? STOP_REASONS[reason] : undefined) ?? "end_turn";
}

/** Converse `usage` → Messages API `usage` (cache writes are Anthropic's cache creation). */
export function anthropicUsage(value: unknown): Usage {
  const usage = isRecord(value) ? value : {};
  const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const out: Usage = { input_tokens: count(usage.inputTokens), output_tokens: count(usage.outputTokens) };
  if (typeof usage.cacheWriteInputTokens === "number") out.cache_creation_input_tokens = usage.cacheWriteInputTokens;
  if (typeof usage.cacheReadInputTokens === "number") out.cache_read_input_tokens = usage.cacheReadInputTokens;
  return out;
}

function block(value: unknown): ContentBlock[] {
  if (!isRecord(value)) return [];
  if (typeof value.text === "string") return [{ type: "text", text: value.text }];
  if (isRecord(value.citationsContent) && Array.isArray(value.citationsContent.content)) {
    const text = value.citationsContent.content.map((c) => (isRecord(c) && typeof c.text === "string" ? c.text : "")).join("");
    return [{ type: "text", text }];
  }
  if (isRecord(value.reasoningContent)) {
    const r = value.reasoningContent;
    if (isRecord(r.reasoningText) && typeof r.reasoningText.text === "string") {
      return [{ type: "thinking", thinking: r.reasoningText.text, signature: typeof r.reasoningText.signature === "string" ? r.reasoningText.signature : "" }];
    }
    if (typeof r.redactedContent === "string") return [{ type: "redacted_thinking", data: redactedData(r.redactedContent) }];
  }
  if (isRecord(value.toolUse)) {
    const use = value.toolUse;
    return [{ type: "tool_use", id: String(use.toolUseId), name: String(use.name), input: isRecord(use.input) ? use.input : {} }];
  }
  return [];
}

/** A Converse answer as a message. */
export function converseMessage(answer: unknown, id: string, model: string): Message {
  const output = isRecord(answer) && isRecord(answer.output) ? answer.output : undefined;
  const message = output && isRecord(output.message) ? output.message : undefined;
  if (!isRecord(answer) || !message || !Array.isArray(message.content)) throw invalidResponse("Converse", "no `output.message.content`");
  return {
    id,
    type: "message",
    role: "assistant",
    model,
    content: message.content.flatMap(block),
    stop_reason: anthropicStopReason(answer.stopReason),
    stop_sequence: null,
    usage: anthropicUsage(answer.usage),
  };
}

/**
 * Converse's `redactedContent` is a blob, base64 in JSON, holding the bytes of Claude's `redacted_thinking.data`
 * (as the recorded Claude answers show); anything else is passed on as it came.
 */
export function redactedData(base64: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(base64ToBytes(base64));
  } catch {
    return base64;
  }
}

type Kind = "text" | "thinking" | "tool_use" | "redacted_thinking";

/**
 * ConverseStream events (`{ type, data }`) → Messages API events. Blocks are numbered from 0 in the order they
 * open, whatever indices Converse gave them.
 */
export async function* converseEvents(events: AsyncIterable<{ type: string; data: unknown }>, id: string, model: string): AsyncGenerator<StreamEvent> {
  const blocks = new Map<number, { index: number; kind: Kind; redacted?: string }>();
  let next = 0;
  let stopReason: string | undefined;
  let usage: Usage = { input_tokens: 0, output_tokens: 0 };
  const open = (at: number, kind: Kind, start: ContentBlock): StreamEvent[] => {
    const found = blocks.get(at);
    if (found) return [];
    blocks.set(at, { index: next++, kind });
    return kind === "redacted_thinking" ? [] : [{ type: "content_block_start", index: next - 1, content_block: start }];
  };
  for await (const { type, data: raw } of events) {
    const data = isRecord(raw) ? raw : {};
    const at = typeof data.contentBlockIndex === "number" ? data.contentBlockIndex : 0;
    if (type === "messageStart") {
      yield { type: "message_start", message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } } };
    } else if (type === "contentBlockStart") {
      const use = isRecord(data.start) && isRecord(data.start.toolUse) ? data.start.toolUse : undefined;
      if (use) yield* open(at, "tool_use", { type: "tool_use", id: String(use.toolUseId), name: String(use.name), input: {} });
    } else if (type === "contentBlockDelta") {
      const delta = isRecord(data.delta) ? data.delta : {};
      const reasoning = isRecord(delta.reasoningContent) ? delta.reasoningContent : undefined;
      if (typeof delta.text === "string") {
        yield* open(at, "text", { type: "text", text: "" });
        yield { type: "content_block_delta", index: blocks.get(at)!.index, delta: { type: "text_delta", text: delta.text } };
      } else if (isRecord(delta.toolUse) && typeof delta.toolUse.input === "string") {
        if (!blocks.has(at)) throw invalidResponse("ConverseStream", "a tool-use delta before its contentBlockStart");
        yield { type: "content_block_delta", index: blocks.get(at)!.index, delta: { type: "input_json_delta", partial_json: delta.toolUse.input } };
      } else if (reasoning && typeof reasoning.redactedContent === "string") {
        open(at, "redacted_thinking", { type: "redacted_thinking", data: "" });
        const found = blocks.get(at)!;
        found.redacted = (found.redacted ?? "") + reasoning.redactedContent;
      } else if (reasoning) {
        yield* open(at, "thinking", { type: "thinking", thinking: "", signature: "" });
        const index = blocks.get(at)!.index;
        if (typeof reasoning.text === "string") yield { type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: reasoning.text } };
        if (typeof reasoning.signature === "string") yield { type: "content_block_delta", index, delta: { type: "signature_delta", signature: reasoning.signature } };
      }
    } else if (type === "contentBlockStop") {
      const found = blocks.get(at);
      if (found?.kind === "redacted_thinking") yield { type: "content_block_start", index: found.index, content_block: { type: "redacted_thinking", data: redactedData(found.redacted ?? "") } };
      if (found) yield { type: "content_block_stop", index: found.index };
    } else if (type === "messageStop") {
      stopReason = anthropicStopReason(data.stopReason);
    } else if (type === "metadata") {
      usage = anthropicUsage(data.usage);
    }
  }
  if (stopReason === undefined) throw invalidResponse("ConverseStream", "it ended before its `messageStop` event, so the answer is incomplete");
  yield { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage };
  yield { type: "message_stop" };
}
