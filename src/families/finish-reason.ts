/**
 * Native stop reasons → OpenAI `finish_reason`. Pure.
 *
 * @module
 */
import type { FinishReason } from "../api/chat-types";

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  end_turn: "stop",
  stop_sequence: "stop",
  eos_token: "stop",
  complete: "stop",
  finished: "stop",
  length: "length",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  tool_calls: "tool_calls",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
  content_filter: "content_filter",
};

/**
 * A native stop reason → OpenAI `finish_reason` (Converse `StopReason`, Anthropic `stop_reason`, and the common
 * names other families use). `extra` lets a family add its own; unknown reasons map to `"stop"`.
 */
export function mapStopReason(reason: unknown, extra?: Record<string, FinishReason>): FinishReason {
  if (typeof reason !== "string") return "stop";
  const key = reason.toLowerCase();
  return extra?.[reason] ?? extra?.[key] ?? FINISH[key] ?? "stop";
}
