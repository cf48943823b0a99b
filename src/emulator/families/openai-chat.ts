/**
 * OpenAI Chat Completions bodies on InvokeModel, as OpenAI gpt-oss (and other open-weight chat models) accept
 * them: `messages`, `max_completion_tokens`/`max_tokens`, `tools` → `choices[].message`, `usage`; streams of
 * `chat.completion.chunk`. https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html
 */
import type { Generation, StopKind } from "../types";
import { fromMessages, num, openAiToolChoice, openAiTools, shortModelName, strings } from "./common";
import type { TextFamily } from "./types";

export const OPENAI_FINISH: Record<StopKind, string> = {
  end: "stop",
  max_tokens: "length",
  stop_sequence: "stop",
  tool_use: "tool_calls",
  guardrail: "content_filter",
};

/** OpenAI-style `tool_calls` (arguments as a JSON string), or `undefined` when there are none. */
export function openAiToolCalls(g: Generation): Record<string, unknown>[] | undefined {
  if (g.toolCalls.length === 0) return undefined;
  return g.toolCalls.map((c) => ({ id: `call_${c.id.slice(8)}`, type: "function",
    function: { name: c.name, arguments: JSON.stringify(c.input) } }));
}

/** Prompt fields of an OpenAI-like chat body. */
export function parseChat(body: Record<string, unknown>) {
  const stop = typeof body.stop === "string" ? [body.stop] : strings(body.stop);
  return { ...fromMessages(body.messages, undefined), tools: openAiTools(body.tools), toolChoice: openAiToolChoice(body.tool_choice),
    maxTokens: num(body.max_completion_tokens) ?? num(body.max_tokens), stopSequences: stop };
}

export const openAiChat: TextFamily = {
  kind: "text",
  name: "openai-chat",
  parse: parseChat,
  render(g, ctx) {
    const toolCalls = openAiToolCalls(g);
    return {
      id: `chatcmpl-${g.id}`,
      object: "chat.completion",
      created: 1700000000,
      model: shortModelName(ctx.modelId),
      choices: [{ index: 0, message: { role: "assistant", content: g.text, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: OPENAI_FINISH[g.stop] }],
      usage: { prompt_tokens: g.inputTokens, completion_tokens: g.outputTokens, total_tokens: g.inputTokens + g.outputTokens },
    };
  },
  events(g, ctx) {
    const base = { id: `chatcmpl-${g.id}`, object: "chat.completion.chunk", created: 1700000000, model: shortModelName(ctx.modelId) };
    const events: Record<string, unknown>[] = [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    ];
    for (const content of g.pieces) events.push({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const toolCalls = openAiToolCalls(g);
    if (toolCalls) {
      events.push({ ...base, choices: [{ index: 0, delta: { tool_calls: toolCalls.map((c, index) => ({ index, ...c })) }, finish_reason: null }] });
    }
    events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: OPENAI_FINISH[g.stop] }],
      usage: { prompt_tokens: g.inputTokens, completion_tokens: g.outputTokens, total_tokens: g.inputTokens + g.outputTokens } });
    return events;
  },
};
