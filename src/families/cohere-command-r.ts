/**
 * Cohere Command R and Command R+ on InvokeModel (Cohere's chat format):
 * `{ message, chat_history: [{ role: USER|CHATBOT, message }], preamble, max_tokens, temperature, p, k,
 * stop_sequences, seed, tools, tool_results, … }` → `{ response_id, text, generation_id, chat_history, finish_reason,
 * tool_calls?, meta? }`. Streamed events carry `event_type`: `text-generation` (`text`), `tool-calls-generation`
 * (`tool_calls`) and `stream-end` (`finish_reason`, `response`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageToolCall } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { COHERE_FINISH } from "./cohere-command";
import { assignDefined, checkParams, createTextStreamMapper } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { contentToText, extractSystem } from "./message-parts";
import { unsupported } from "./params";
import { checkTool, parseToolArguments, toolArgumentsOf, toolCallId } from "./tools";
import { knownUsage, numberOf, usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "cohere-command-r";

// JSON Schema type → Cohere parameter_definitions type (Python type names, as Cohere's tool-use docs write them).
const TYPES: Record<string, string> = { string: "str", integer: "int", number: "float", boolean: "bool", array: "list", object: "dict" };

function cohereTools(params: ChatCompletionCreateParamsBase): Record<string, unknown>[] {
  return (params.tools ?? []).map((tool, i) => {
    const t = checkTool(tool, i);
    const properties = isRecord(t.schema.properties) ? t.schema.properties : {};
    const required = Array.isArray(t.schema.required) ? t.schema.required : [];
    const definitions: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(properties)) {
      const p = isRecord(prop) ? prop : {};
      definitions[name] = assignDefined({}, {
        description: typeof p.description === "string" ? p.description : undefined,
        type: typeof p.type === "string" ? (TYPES[p.type] ?? p.type) : undefined,
        required: required.includes(name),
      });
    }
    return assignDefined({ name: t.name }, { description: t.description, parameter_definitions: definitions });
  });
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, topK: true, seed: true, penalties: true, tools: true });
  if (params.tool_choice !== undefined && params.tool_choice !== "auto" && params.tool_choice !== "none") {
    unsupported("tool_choice", "Cohere Command R", options.dropParams, 'Only "auto" works ("none" leaves the tools out).');
  }
  const { system, messages } = extractSystem(params.messages);
  const history: Record<string, unknown>[] = [];
  const calls = new Map<string, { name: string; parameters: Record<string, unknown> }>();
  let toolResults: Record<string, unknown>[] = [];
  let message: string | undefined;
  messages.forEach(({ message: m, index }, k) => {
    const field = `messages[${index}]`;
    const last = k === messages.length - 1;
    if (m.role === "user") {
      const text = contentToText(m.content, `${field}.content`, FAMILY);
      if (last) message = text;
      else history.push({ role: "USER", message: text });
      toolResults = [];
    } else if (m.role === "assistant") {
      if (last) throw new ConfigurationError("messages", "Cohere Command R cannot continue an assistant message: end `messages` with a user or tool message.");
      const turn: Record<string, unknown> = { role: "CHATBOT", message: contentToText(m.content, `${field}.content`, FAMILY) };
      if (m.tool_calls !== undefined && m.tool_calls.length > 0) {
        turn.tool_calls = m.tool_calls.map((c, j) => {
          const call = { name: c.function.name, parameters: parseToolArguments(c.function.arguments, `${field}.tool_calls[${j}].function.arguments`) };
          calls.set(c.id, call);
          return call;
        });
      }
      history.push(turn);
    } else if (m.role === "tool") {
      const call = calls.get(m.tool_call_id);
      if (call === undefined) {
        throw new ConfigurationError(`${field}.tool_call_id`, `\`${field}.tool_call_id\` must be the id of a tool call in an earlier assistant message.`);
      }
      const text = contentToText(m.content, `${field}.content`, FAMILY);
      let output: unknown;
      try {
        output = JSON.parse(text);
      } catch {
        output = undefined;
      }
      // Cohere wants each output as an object: a JSON-object result goes as it is, anything else as `{ result }`.
      toolResults.push({ call, outputs: [isRecord(output) ? output : { result: text }] });
      if (last) message = "";
    }
  });
  if (message === undefined) throw new ConfigurationError("messages", "`messages` must end with a user message (or tool results) for Cohere Command R.");
  const body: Record<string, unknown> = { ...providerSpecificParams(params), message };
  if (history.length > 0) body.chat_history = history;
  if (system.length > 0) body.preamble = system.map((p) => p.text).join("\n\n");
  assignDefined(body, {
    max_tokens: maxTokensOf(params),
    temperature: params.temperature,
    p: params.top_p,
    k: params.top_k,
    stop_sequences: drop.has("stop") ? undefined : stopSequencesOf(params),
    seed: params.seed,
    presence_penalty: params.presence_penalty,
    frequency_penalty: params.frequency_penalty,
  });
  if (params.tools !== undefined && params.tools.length > 0 && params.tool_choice !== "none") body.tools = cohereTools(params);
  if (message === "" && toolResults.length > 0) body.tool_results = toolResults;
  return body;
}

function toolCallsOf(value: unknown, offset = 0): ChatCompletionMessageToolCall[] {
  if (!Array.isArray(value)) return [];
  // Cohere tool calls carry no id; a deterministic one stands in (mappers have no randomness).
  return value.filter(isRecord).map((c, i) => ({
    id: toolCallId(c.id, offset + i),
    type: "function" as const,
    function: { name: typeof c.name === "string" ? c.name : "", arguments: toolArgumentsOf(c.parameters) },
  }));
}

function billedUsage(b: Record<string, unknown>): { input: number | undefined; output: number | undefined } {
  const meta = isRecord(b.meta) ? b.meta : {};
  const billed = isRecord(meta.billed_units) ? meta.billed_units : {};
  return { input: numberOf(billed.input_tokens), output: numberOf(billed.output_tokens) };
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const calls = toolCallsOf(b.tool_calls);
  const billed = billedUsage(b);
  const out: MappedResponse = {
    content: typeof b.text === "string" && !(b.text === "" && calls.length > 0) ? b.text : null,
    finish_reason: calls.length > 0 ? "tool_calls" : mapStopReason(b.finish_reason, COHERE_FINISH),
    usage: usageOf(billed.input, billed.output, options),
  };
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

/** Cohere Command R / R+. */
export const cohereCommandR: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    let toolCount = 0;
    return createTextStreamMapper(FAMILY, (event) => {
      if (event.event_type === "text-generation") return { content: typeof event.text === "string" ? event.text : undefined };
      if (event.event_type === "tool-calls-generation") {
        const calls = toolCallsOf(event.tool_calls, toolCount).map((c, i) => ({ index: toolCount + i, ...c }));
        toolCount += calls.length;
        return { tool_calls: calls };
      }
      if (event.event_type === "stream-end" || event.is_finished === true) {
        const response = isRecord(event.response) ? event.response : {};
        const billed = billedUsage(response);
        return {
          finish_reason: toolCount > 0 ? "tool_calls" : mapStopReason(event.finish_reason ?? response.finish_reason, COHERE_FINISH),
          usage: knownUsage(billed.input, billed.output),
        };
      }
      return {};
    });
  },
};
