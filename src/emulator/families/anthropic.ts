/**
 * Anthropic Claude on Bedrock, Messages API (`anthropic_version: "bedrock-2023-05-31"`, `messages`, `max_tokens`).
 * Wire format from the recordings in `exchanges/anthropic/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 */
import type { Generation, StopKind } from "../types";
import { anthropicToolChoice, fromMessages, isObject, num, shortModelName, strings } from "./common";
import type { TextFamily } from "./types";

const STOP: Record<StopKind, string> = {
  end: "end_turn",
  max_tokens: "max_tokens",
  stop_sequence: "stop_sequence",
  tool_use: "tool_use",
  guardrail: "end_turn",
};

// Extended thinking (`thinking: { type: "enabled", budget_tokens }`): a thinking block with a signature comes before
// the answer, as https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html shows it.
const THINKING_PIECES = ["Let me read the request ", "and answer its last ", "message plainly."];

/** The thinking block of an answer, when the request enabled extended thinking. */
function thinkingOf(g: Generation, body: Record<string, unknown>): { thinking: string; signature: string } | undefined {
  if (!isObject(body.thinking) || body.thinking.type !== "enabled") return undefined;
  // Deterministic and opaque, as a real signature is to the caller.
  return { thinking: THINKING_PIECES.join(""), signature: btoa(`bedrock-fetch-emulator-signature:${g.id}`) };
}

function content(g: Generation, body: Record<string, unknown>): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const thinking = thinkingOf(g, body);
  if (thinking) blocks.push({ type: "thinking", ...thinking });
  if (g.text !== "") blocks.push({ type: "text", text: g.text });
  for (const call of g.toolCalls) {
    blocks.push({ type: "tool_use", id: `toolu_bdrk_${call.id.slice(8)}`, name: call.name, input: call.input });
  }
  return blocks;
}

/** Splits a JSON text into a few fragments, as `input_json_delta` events carry it. */
export function jsonFragments(json: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += 10) out.push(json.slice(i, i + 10));
  return out;
}

export const anthropicMessages: TextFamily = {
  kind: "text",
  name: "anthropic",
  parse(body) {
    const tools = Array.isArray(body.tools)
      ? body.tools.filter(isObject).flatMap((t) =>
          typeof t.name === "string"
            ? [{ name: t.name, description: typeof t.description === "string" ? t.description : "", schema: t.input_schema }]
            : [],
        )
      : [];
    return { ...fromMessages(body.messages, body.system), tools, toolChoice: anthropicToolChoice(body.tool_choice), maxTokens: num(body.max_tokens),
      stopSequences: strings(body.stop_sequences) };
  },
  render(g, ctx) {
    return {
      id: `msg_bdrk_${g.id}`,
      type: "message",
      role: "assistant",
      model: shortModelName(ctx.modelId),
      content: content(g, ctx.body),
      stop_reason: STOP[g.stop],
      stop_sequence: g.stopSequence ?? null,
      usage: { input_tokens: g.inputTokens, output_tokens: g.outputTokens },
    };
  },
  events(g, ctx) {
    const events: Record<string, unknown>[] = [
      {
        type: "message_start",
        message: { id: `msg_bdrk_${g.id}`, type: "message", role: "assistant", model: shortModelName(ctx.modelId),
          content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: g.inputTokens, output_tokens: 1 } },
      },
    ];
    let index = 0;
    const thinking = thinkingOf(g, ctx.body);
    if (thinking) {
      events.push({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "" } });
      for (const piece of THINKING_PIECES) events.push({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: piece } });
      events.push({ type: "content_block_delta", index, delta: { type: "signature_delta", signature: thinking.signature } });
      events.push({ type: "content_block_stop", index });
      index++;
    }
    if (g.text !== "") {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      for (const piece of g.pieces) events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } });
      events.push({ type: "content_block_stop", index });
      index++;
    }
    for (const call of g.toolCalls) {
      events.push({ type: "content_block_start", index,
        content_block: { type: "tool_use", id: `toolu_bdrk_${call.id.slice(8)}`, name: call.name, input: {} } });
      events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: "" } });
      for (const part of jsonFragments(JSON.stringify(call.input))) {
        events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: part } });
      }
      events.push({ type: "content_block_stop", index });
      index++;
    }
    events.push({ type: "message_delta", delta: { stop_reason: STOP[g.stop], stop_sequence: g.stopSequence ?? null },
      usage: { output_tokens: g.outputTokens } });
    events.push({ type: "message_stop" });
    return events;
  },
};
