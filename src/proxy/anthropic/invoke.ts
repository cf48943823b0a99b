/**
 * Claude over InvokeModel(+WithResponseStream): Bedrock's Claude body is the Messages API body with
 * `anthropic_version: "bedrock-2023-05-31"` and `anthropic_beta` in place of `model`, `stream` and the beta header
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html),
 * and its answers and stream events are the Messages API's own (https://docs.anthropic.com/en/api/messages-streaming),
 * plus `amazon-bedrock-invocationMetrics` on the last event, which the proxy removes.
 */
import { ANTHROPIC_BEDROCK_VERSION } from "../../families/anthropic-messages";
import { invalidResponse } from "../../families/invalid-response";
import { isRecord } from "../../internal/is-record";
import type { ContentBlock, Message, MessagesRequest, StreamEvent, Usage } from "./types";

const METRICS = "amazon-bedrock-invocationMetrics";

/**
 * The InvokeModel body for a checked request: every member Claude takes, as the client sent it.
 *
 * @param betas - the beta flags Bedrock accepts (see betas.ts)
 * @param maxTokens - for token counting, where the request has none but Bedrock's body requires one
 */
export function claudeBody(request: MessagesRequest, betas: readonly string[], maxTokens?: number): Record<string, unknown> {
  const body: Record<string, unknown> = { anthropic_version: ANTHROPIC_BEDROCK_VERSION };
  if (betas.length > 0) body.anthropic_beta = [...betas];
  body.max_tokens = request.max_tokens ?? maxTokens;
  body.messages = request.messages;
  const members = ["system", "temperature", "top_p", "top_k", "stop_sequences", "tools", "tool_choice", "thinking", "metadata"] as const;
  for (const key of members) if (request[key] !== undefined) body[key] = request[key];
  return Object.assign(body, request.passThrough);
}

function usageOf(value: unknown): Usage {
  const usage = isRecord(value) ? value : {};
  const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const out: Usage = { input_tokens: count(usage.input_tokens), output_tokens: count(usage.output_tokens) };
  if (typeof usage.cache_creation_input_tokens === "number") out.cache_creation_input_tokens = usage.cache_creation_input_tokens;
  if (typeof usage.cache_read_input_tokens === "number") out.cache_read_input_tokens = usage.cache_read_input_tokens;
  return out;
}

/** Claude's InvokeModel answer as a Messages API message; `model` is the name the client asked for. */
export function claudeMessage(answer: unknown, model: string): Message {
  if (!isRecord(answer) || !Array.isArray(answer.content)) throw invalidResponse("Claude", "no `content` array");
  const content = answer.content.filter((block): block is ContentBlock => isRecord(block) && typeof block.type === "string");
  return {
    id: typeof answer.id === "string" ? answer.id : "msg_bdrk",
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: typeof answer.stop_reason === "string" ? answer.stop_reason : null,
    stop_sequence: typeof answer.stop_sequence === "string" ? answer.stop_sequence : null,
    usage: usageOf(answer.usage),
  };
}

/**
 * Claude's stream events as the Messages API sends them: Bedrock's metrics removed, `message_start` naming the
 * client's model. Ends with an error if the stream closed before `message_stop`.
 */
export async function* claudeEvents(chunks: AsyncIterable<{ data: unknown }>, model: string): AsyncGenerator<StreamEvent> {
  let stopped = false;
  for await (const chunk of chunks) {
    const data = chunk.data;
    if (!isRecord(data) || typeof data.type !== "string") throw invalidResponse("Claude stream", "an event without a `type`");
    const event: StreamEvent = { ...data, type: data.type };
    delete event[METRICS];
    if (event.type === "message_start" && isRecord(event.message)) event.message = { ...event.message, model };
    if (event.type === "message_stop") stopped = true;
    yield event;
  }
  if (!stopped) throw invalidResponse("Claude stream", "it ended before its `message_stop` event, so the answer is incomplete");
}
