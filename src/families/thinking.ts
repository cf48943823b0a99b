/**
 * Extended thinking: Claude's `thinking` for an OpenAI `reasoning_effort`, and the deltas a streamed thinking block
 * becomes (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking). Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { MappedDelta } from "./types";

/** Extended-thinking budgets for `reasoning_effort` on Claude (budget_tokens must be ≥ 1024 per Anthropic's docs). */
export const REASONING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 1024, medium: 2048, high: 4096 };

/** Claude's `thinking` for a `reasoning_effort`. */
export function claudeThinking(effort: string): { type: "enabled"; budget_tokens: number } {
  const budget = REASONING_BUDGETS[effort];
  if (budget === undefined) throw new ConfigurationError("reasoning_effort", '`reasoning_effort` must be "minimal", "low", "medium" or "high".');
  return { type: "enabled", budget_tokens: budget };
}

/**
 * The deltas for one piece of a streamed thinking block: its text (as `reasoning_content`, and as a `thinking_blocks`
 * piece so a client can rebuild the block), its signature (a piece with empty `thinking`), or a whole redacted block.
 * An empty piece emits nothing.
 */
export function thinkingDeltas(text: unknown, signature: unknown, redacted: string | undefined): MappedDelta[] {
  if (typeof text === "string" && text !== "") return [{ reasoning_content: text, thinking_blocks: [{ type: "thinking", thinking: text }] }];
  if (typeof signature === "string" && signature !== "") return [{ thinking_blocks: [{ type: "thinking", thinking: "", signature }] }];
  return redacted ? [{ thinking_blocks: [{ type: "redacted_thinking", data: redacted }] }] : [];
}
