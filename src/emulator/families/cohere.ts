/**
 * Cohere Command (text: `prompt` → `generations[]`) and Command R/R+ (chat: `message`, `chat_history`, `tools`
 * → `text`, `chat_history`, `tool_calls`; stream events `text-generation` … `stream-end`).
 * Wire formats from `exchanges/cohere-command/`, `exchanges/cohere-command-r/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html
 */
import { stableUuid } from "../generate";
import type { Generation, StopKind, ToolSpec } from "../types";
import { fromPrompt, isObject, num, strings, textOf } from "./common";
import type { TextFamily } from "./types";

const FINISH: Record<StopKind, string> = {
  end: "COMPLETE",
  max_tokens: "MAX_TOKENS",
  stop_sequence: "COMPLETE",
  tool_use: "COMPLETE",
  guardrail: "ERROR_TOXIC",
};

export const cohereCommand: TextFamily = {
  kind: "text",
  name: "cohere-command",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens), stopSequences: strings(body.stop_sequences) };
  },
  render(g, ctx) {
    const n = Math.max(1, num(ctx.body.num_generations) ?? 1);
    const generations = Array.from({ length: n }, (_, i) => ({
      finish_reason: FINISH[g.stop], id: stableUuid(`${g.id}/${i}`), text: ` ${g.text}`,
    }));
    return { generations, id: stableUuid(g.id), prompt: ctx.body.prompt };
  },
  events(g, ctx) {
    const n = Math.max(1, num(ctx.body.num_generations) ?? 1);
    const events: Record<string, unknown>[] = [];
    for (let index = 0; index < n; index++) {
      // Like the non-streamed text (and real Cohere streams), the first piece starts with a space.
      g.pieces.forEach((piece, i) => events.push({ ...(n > 1 ? { index } : {}), is_finished: false, text: i === 0 ? ` ${piece}` : piece }));
    }
    events.push({ finish_reason: FINISH[g.stop], is_finished: true });
    return events;
  },
};

const COHERE_TYPES: Record<string, string> = { str: "string", int: "integer", float: "number", bool: "boolean" };

function cohereTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((t) => {
    if (typeof t.name !== "string") return [];
    const defs = isObject(t.parameter_definitions) ? t.parameter_definitions : {};
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [key, def] of Object.entries(defs)) {
      const d = isObject(def) ? def : {};
      properties[key] = { type: COHERE_TYPES[String(d.type)] ?? "string" };
      if (d.required === true) required.push(key);
    }
    return [{ name: t.name, description: typeof t.description === "string" ? t.description : "",
      schema: { type: "object", properties, required } }];
  });
}

function chatHistory(ctx: { body: Record<string, unknown> }, g: Generation): Record<string, unknown>[] {
  const previous = Array.isArray(ctx.body.chat_history) ? ctx.body.chat_history : [];
  return [...previous, { role: "USER", message: ctx.body.message }, { role: "CHATBOT", message: g.text }];
}

function toolCalls(g: Generation): Record<string, unknown>[] {
  return g.toolCalls.map((c) => ({ name: c.name, parameters: c.input }));
}

function response(g: Generation, ctx: { body: Record<string, unknown> }): Record<string, unknown> {
  return {
    response_id: `emulator/${stableUuid(g.id)}`,
    text: g.text,
    generation_id: stableUuid(`${g.id}/generation`),
    chat_history: chatHistory(ctx, g),
    ...(g.toolCalls.length > 0 ? { tool_calls: toolCalls(g) } : {}),
    finish_reason: FINISH[g.stop],
  };
}

export const cohereCommandR: TextFamily = {
  kind: "text",
  name: "cohere-command-r",
  parse(body) {
    const history = Array.isArray(body.chat_history) ? body.chat_history : [];
    const message = typeof body.message === "string" ? body.message : "";
    return {
      lastUserText: message,
      allText: [textOf(body.preamble), ...history.map(textOf), message].filter((t) => t !== "").join("\n"),
      hasToolResult: Array.isArray(body.tool_results) && body.tool_results.length > 0,
      tools: cohereTools(body.tools),
      maxTokens: num(body.max_tokens),
      stopSequences: strings(body.stop_sequences),
    };
  },
  render: response,
  events(g, ctx) {
    const events: Record<string, unknown>[] = g.pieces.map((text) => ({ is_finished: false, event_type: "text-generation", text }));
    if (g.toolCalls.length > 0) {
      events.push({ is_finished: false, event_type: "tool-calls-generation", text: g.text, tool_calls: toolCalls(g) });
    }
    const final = { ...response(g, ctx), meta: { api_version: { version: "1" },
      billed_units: { input_tokens: g.inputTokens, output_tokens: g.outputTokens },
      tokens: { input_tokens: g.inputTokens, output_tokens: g.outputTokens } } };
    events.push({ is_finished: true, event_type: "stream-end", response: final, finish_reason: FINISH[g.stop] });
    return events;
  },
};
