/**
 * Mistral: the text-completion format (`prompt`, `max_tokens`, `stop` → `outputs[].text`, `stop_reason`) and the
 * chat format of Mistral Large 2 / Pixtral (`messages`, `tools` → `choices[].message` with `tool_calls`).
 * Wire formats from `exchanges/mistral/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
 */
import type { Generation } from "../types";
import { fromPrompt, num, strings } from "./common";
import { openAiToolCalls, parseChat } from "./openai-chat";
import type { TextFamily } from "./types";

function reason(g: Generation): string {
  return g.stop === "max_tokens" ? "length" : g.stop === "tool_use" ? "tool_calls" : "stop";
}

function isChat(body: Record<string, unknown>): boolean {
  return Array.isArray(body.messages);
}

export const mistral: TextFamily = {
  kind: "text",
  name: "mistral",
  parse(body) {
    if (isChat(body)) return parseChat(body);
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens), stopSequences: strings(body.stop) };
  },
  render(g, ctx) {
    if (!isChat(ctx.body)) return { outputs: [{ text: g.text, stop_reason: reason(g) }] };
    const toolCalls = openAiToolCalls(g);
    return { choices: [{ index: 0, message: { role: "assistant", content: g.text, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
      stop_reason: reason(g) }] };
  },
  events(g, ctx) {
    if (!isChat(ctx.body)) {
      const events: Record<string, unknown>[] = g.pieces.map((text) => ({ outputs: [{ text, stop_reason: null }] }));
      events.push({ outputs: [{ text: "", stop_reason: reason(g) }] });
      return events;
    }
    const events: Record<string, unknown>[] = g.pieces.map((content, i) => ({
      choices: [{ index: 0, message: { ...(i === 0 ? { role: "assistant" } : {}), content }, stop_reason: null }] }));
    const toolCalls = openAiToolCalls(g);
    events.push({ choices: [{ index: 0, message: { content: "", ...(toolCalls ? { tool_calls: toolCalls } : {}) }, stop_reason: reason(g) }] });
    return events;
  },
};
