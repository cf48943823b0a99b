/**
 * AI21 Labs Jamba (Jamba-Instruct, Jamba 1.5 Mini/Large) on InvokeModel. The body is OpenAI-chat-like:
 * `{ messages: [{ role, content }], max_tokens, temperature, top_p, stop, n, tools, response_format, … }` →
 * `{ id, choices: [{ index, message: { role, content, tool_calls }, finish_reason }], usage: { prompt_tokens,
 * completion_tokens, total_tokens } }`; streamed chunks are `{ choices: [{ delta, finish_reason }], usage }`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../openai/types";
import { chunkParts, firstChoice, functionTools, toolCallsOf } from "./openai-chat";
import { assignDefined, checkParams, createTextStreamMapper, usageOf } from "./prompt";
import { contentToText, extractSystem, mapStopReason, maxTokensOf, providerSpecificParams, stopSequencesOf } from "./shared";
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
    body.tools = functionTools(params.tools);
  }
  return body;
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const { message, finishReason, usage } = firstChoice(body);
  const calls = toolCallsOf(message.tool_calls);
  const out: MappedResponse = {
    content: typeof message.content === "string" ? message.content : null,
    finish_reason: mapStopReason(finishReason),
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
      const { delta, toolCalls, finishReason, usage } = chunkParts(event);
      return { content: typeof delta.content === "string" ? delta.content : undefined, tool_calls: toolCalls, finish_reason: finishReason, usage };
    });
  },
};
