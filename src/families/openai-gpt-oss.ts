/**
 * OpenAI gpt-oss (20b, 120b) on InvokeModel. The body is an OpenAI Chat Completions request (`messages`,
 * `max_completion_tokens`, `temperature`, `top_p`, `stop`, `tools`, `tool_choice`, `reasoning_effort`, …; `model` and
 * `stream` are left out so Bedrock fills them from the operation) and the response a chat completion object. On
 * InvokeModel the model's reasoning arrives inside the text, wrapped in `<reasoning>…</reasoning>` before the answer:
 * it becomes `reasoning_content`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { chunkParts, firstChoice, functionTools, toolCallsOf } from "./openai-chat";
import { assignDefined, checkParams, createReasoningSplitter, createTextStreamMapper, splitReasoning } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { contentToText } from "./message-parts";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "openai-gpt-oss";

function messagesOf(params: ChatCompletionCreateParamsBase): Record<string, unknown>[] {
  if (!Array.isArray(params.messages)) throw new ConfigurationError("messages", "`messages` must be an array of chat messages.");
  // The body is OpenAI's own: roles stay as the caller wrote them (system and developer included); content is text only.
  return params.messages.map((message, index) => {
    const field = `messages[${index}].content`;
    const out: Record<string, unknown> = { role: message.role, content: contentToText(message.content, field, FAMILY) };
    if (message.role === "assistant" && message.tool_calls !== undefined && message.tool_calls.length > 0) out.tool_calls = message.tool_calls;
    if (message.role === "tool") out.tool_call_id = message.tool_call_id;
    return out;
  });
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, seed: true, penalties: true, tools: true, responseFormat: true });
  const body = assignDefined({ ...providerSpecificParams(params), messages: messagesOf(params) }, {
    max_completion_tokens: maxTokensOf(params),
    temperature: params.temperature,
    top_p: params.top_p,
    stop: drop.has("stop") ? undefined : stopSequencesOf(params),
    seed: params.seed,
    presence_penalty: params.presence_penalty,
    frequency_penalty: params.frequency_penalty,
    response_format: params.response_format,
    reasoning_effort: params.reasoning_effort,
  });
  if (params.tools !== undefined && params.tools.length > 0) {
    body.tools = functionTools(params.tools);
    assignDefined(body, { tool_choice: params.tool_choice, parallel_tool_calls: params.parallel_tool_calls });
  }
  return body;
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const { message, finishReason, usage } = firstChoice(body);
  const calls = toolCallsOf(message.tool_calls);
  const text = typeof message.content === "string" ? message.content : "";
  const split = splitReasoning(text, "<reasoning>", "</reasoning>", false);
  const reasoning = (typeof message.reasoning_content === "string" ? message.reasoning_content : "") + split.reasoning;
  const out: MappedResponse = {
    content: split.content === "" && (calls.length > 0 || typeof message.content !== "string") ? null : split.content,
    finish_reason: mapStopReason(finishReason),
    usage: usageOf(usage.prompt_tokens, usage.completion_tokens, options),
  };
  if (reasoning !== "") out.reasoning_content = reasoning;
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

/** OpenAI gpt-oss (Chat Completions body; `<reasoning>` split into `reasoning_content`). */
export const openaiGptOss: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    const splitter = createReasoningSplitter("<reasoning>", "</reasoning>", false);
    return createTextStreamMapper(FAMILY, (event) => {
      const { delta, toolCalls, finishReason, usage } = chunkParts(event);
      const part = splitter.push(typeof delta.content === "string" ? delta.content : "");
      if (finishReason !== undefined) {
        const rest = splitter.flush();
        part.reasoning += rest.reasoning;
        part.content += rest.content;
      }
      return {
        content: part.content,
        reasoning_content: (typeof delta.reasoning_content === "string" ? delta.reasoning_content : "") + part.reasoning,
        tool_calls: toolCalls,
        finish_reason: finishReason,
        usage,
      };
    });
  },
};
