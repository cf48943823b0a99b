/**
 * AI21 Labs Jamba (Jamba-Instruct, Jamba 1.5 Mini/Large) on InvokeModel. The body is OpenAI-chat-like:
 * `{ messages: [{ role, content }], max_tokens, temperature, top_p, stop, n, tools, response_format, … }` →
 * `{ id, choices: [{ index, message: { role, content, tool_calls }, finish_reason }], usage: { prompt_tokens,
 * completion_tokens, total_tokens } }`; streamed chunks are `{ choices: [{ delta, finish_reason }], usage }`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
 *
 * @module
 */
import type { ChatCompletionChunkToolCall, ChatCompletionCreateParamsBase, ChatCompletionMessageToolCall } from "../openai/types";
import { assignDefined, checkParams, createTextStreamMapper, numberOf, usageOf } from "./prompt";
import { checkTool, contentToText, extractSystem, isRecord, mapStopReason, maxTokensOf, providerSpecificParams, stopSequencesOf, toolCallId } from "./shared";
import type { InvokeChatFamily, MappedResponse, MapperOptions } from "./types";

const FAMILY = "ai21-jamba";

function messagesOf(params: ChatCompletionCreateParamsBase): Record<string, unknown>[] {
  const { system, messages } = extractSystem(params.messages);
  const out: Record<string, unknown>[] = [];
  if (system.length > 0) out.push({ role: "system", content: system.map((p) => p.text).join("\n\n") });
  for (const { message, index } of messages) {
    const field = `messages[${index}].content`;
    if (message.role === "assistant") {
      const m: Record<string, unknown> = { role: "assistant", content: contentToText(message.content, field, FAMILY) };
      if (message.tool_calls !== undefined && message.tool_calls.length > 0) m.tool_calls = message.tool_calls;
      out.push(m);
    } else if (message.role === "tool") {
      out.push({ role: "tool", tool_call_id: message.tool_call_id, content: contentToText(message.content, field, FAMILY) });
    } else {
      out.push({ role: "user", content: contentToText(message.content, field, FAMILY) });
    }
  }
  return out;
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, tools: true, responseFormat: true });
  const body = assignDefined({ ...providerSpecificParams(params), messages: messagesOf(params) }, {
    max_tokens: maxTokensOf(params),
    temperature: params.temperature,
    top_p: params.top_p,
    stop: drop.has("stop") ? undefined : stopSequencesOf(params),
    response_format: params.response_format,
  });
  if (params.tools !== undefined && params.tools.length > 0 && params.tool_choice !== "none") {
    body.tools = params.tools.map((tool, i) => {
      const t = checkTool(tool, i);
      return { type: "function", function: assignDefined({ name: t.name }, { description: t.description, parameters: t.schema }) };
    });
  }
  return body;
}

function toolCallsOf(value: unknown): ChatCompletionMessageToolCall[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((c, i) => {
    const fn = isRecord(c.function) ? c.function : {};
    return {
      id: toolCallId(c.id, i),
      type: "function" as const,
      function: { name: typeof fn.name === "string" ? fn.name : "", arguments: typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? {}) },
    };
  });
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const choice = Array.isArray(b.choices) && isRecord(b.choices[0]) ? b.choices[0] : {};
  const message = isRecord(choice.message) ? choice.message : {};
  const usage = isRecord(b.usage) ? b.usage : {};
  const calls = toolCallsOf(message.tool_calls);
  const out: MappedResponse = {
    content: typeof message.content === "string" ? message.content : null,
    finish_reason: mapStopReason(choice.finish_reason),
    usage: usageOf(usage.prompt_tokens, usage.completion_tokens, options),
  };
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

/** AI21 Jamba. */
export const ai21Jamba: InvokeChatFamily = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    return createTextStreamMapper(FAMILY, (event) => {
      const choice = Array.isArray(event.choices) && isRecord(event.choices[0]) ? event.choices[0] : {};
      const delta = isRecord(choice.delta) ? choice.delta : {};
      const usage = isRecord(event.usage) ? event.usage : {};
      const prompt = numberOf(usage.prompt_tokens);
      const completion = numberOf(usage.completion_tokens);
      const calls: ChatCompletionChunkToolCall[] = Array.isArray(delta.tool_calls)
        ? delta.tool_calls.filter(isRecord).map((c, i) => ({ ...(c as object), index: numberOf(c.index) ?? i }) as ChatCompletionChunkToolCall)
        : [];
      return {
        content: typeof delta.content === "string" ? delta.content : undefined,
        tool_calls: calls,
        finish_reason: typeof choice.finish_reason === "string" ? mapStopReason(choice.finish_reason) : undefined,
        usage: prompt !== undefined && completion !== undefined ? { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } : undefined,
      };
    });
  },
};
