/**
 * Answers made of content blocks (Converse, Claude Messages, Nova): the blocks of a whole answer → the OpenAI
 * message, and the tool-use blocks of a stream → OpenAI tool-call deltas. Pure.
 *
 * @module
 */
import type { ChatCompletionMessageToolCall, CompletionUsage, FinishReason } from "../api/chat-types";
import { RESPONSE_FORMAT_TOOL } from "./response-format";
import { toolArgumentsOf, toolCallId } from "./tools";
import type { MappedDelta, MappedResponse } from "./types";

/** One content block of an answer, in a family-neutral form. */
export type AnswerBlock =
  | { text: string }
  | { thinking: string; signature?: unknown }
  | { redacted: string }
  | { tool: { id: unknown; name: unknown; input: unknown } };

/**
 * Content blocks → the OpenAI answer: text (and the input of the {@link RESPONSE_FORMAT_TOOL}, which is the JSON
 * answer) as `content`, reasoning as `reasoning_content` and `thinking_blocks`, other tool uses as `tool_calls`.
 * A `tool_use` stop that only delivered the JSON answer is a plain `stop`.
 */
export function blocksAnswer(blocks: readonly AnswerBlock[], stopReason: unknown, finishOf: (reason: unknown) => FinishReason, usage: CompletionUsage): MappedResponse {
  let text: string | null = null;
  let reasoning: string | undefined;
  const thinking: NonNullable<MappedResponse["thinking_blocks"]> = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  let formatAnswer = false;
  for (const block of blocks) {
    if ("text" in block) text = (text ?? "") + block.text;
    else if ("thinking" in block) {
      reasoning = (reasoning ?? "") + block.thinking;
      thinking.push(typeof block.signature === "string" ? { type: "thinking", thinking: block.thinking, signature: block.signature } : { type: "thinking", thinking: block.thinking });
    } else if ("redacted" in block) thinking.push({ type: "redacted_thinking", data: block.redacted });
    else {
      const { id, name, input } = block.tool;
      if (name === RESPONSE_FORMAT_TOOL) {
        text = (text ?? "") + toolArgumentsOf(input);
        formatAnswer = true;
      } else toolCalls.push({ id: toolCallId(id, toolCalls.length), type: "function", function: { name: typeof name === "string" ? name : "", arguments: toolArgumentsOf(input) } });
    }
  }
  const result: MappedResponse = { content: text, finish_reason: formatAnswer && stopReason === "tool_use" ? "stop" : finishOf(stopReason), usage };
  if (reasoning !== undefined) result.reasoning_content = reasoning;
  if (thinking.length) result.thinking_blocks = thinking;
  if (toolCalls.length) result.tool_calls = toolCalls;
  return result;
}

/**
 * Tool-use blocks of a stream → OpenAI tool-call deltas. Tool-call `index` counts tool calls (0, 1, …), not content
 * blocks, as OpenAI clients expect; the input of the {@link RESPONSE_FORMAT_TOOL} streams as content (it is the
 * JSON answer), and then a `tool_use` stop is a plain `stop`.
 */
export function createToolStream(finishOf: (reason: unknown) => FinishReason) {
  // content block index → tool-call index (or -1 for the response-format tool).
  const byBlock = new Map<number, number>();
  let format = false;
  let count = 0;
  return {
    start(block: number, id: unknown, name: unknown): MappedDelta[] {
      const index = name === RESPONSE_FORMAT_TOOL ? -1 : count++;
      byBlock.set(block, index);
      if (index < 0) {
        format = true;
        return [];
      }
      return [{ tool_calls: [{ index, id: String(id), type: "function", function: { name: String(name), arguments: "" } }] }];
    },
    input(block: number, json: string): MappedDelta[] {
      const index = byBlock.get(block);
      return json === "" || index === undefined ? [] : index < 0 ? [{ content: json }] : [{ tool_calls: [{ index, function: { arguments: json } }] }];
    },
    finish(reason: unknown): FinishReason {
      return format && reason === "tool_use" ? "stop" : finishOf(reason);
    },
  };
}
