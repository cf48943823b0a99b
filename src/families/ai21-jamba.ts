/**
 * AI21 Labs Jamba (Jamba-Instruct, Jamba 1.5 Mini/Large) on InvokeModel. The body is OpenAI-chat-like:
 * `{ messages: [{ role, content }], max_tokens, temperature, top_p, stop, n, tools, response_format, … }` →
 * `{ id, choices: [{ index, message: { role, content, tool_calls }, finish_reason }], usage: { prompt_tokens,
 * completion_tokens, total_tokens } }`; streamed chunks are `{ choices: [{ delta, finish_reason }], usage }`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { chatMessages, chunkParts, firstChoice, functionTools, toolCallsOf } from "./openai-chat";
import { assignDefined, checkParams, createTextStreamMapper } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "ai21-jamba";

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, tools: true, responseFormat: true });
  const body = assignDefined({ ...providerSpecificParams(params), messages: chatMessages(params, FAMILY) }, {
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
export const ai21Jamba: ChatMapper = {
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
