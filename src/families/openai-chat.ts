/**
 * Pieces shared by the families whose native InvokeModel body is shaped like OpenAI's Chat Completions (AI21
 * Jamba, OpenAI gpt-oss): the function-tool list, tool calls read back, and the choice, message or delta and usage
 * of a response or stream chunk (https://platform.openai.com/docs/api-reference/chat/object).
 */
import type {
  ChatCompletionChunkToolCall,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
  CompletionUsage,
  FinishReason,
} from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined } from "./prompt";
import { mapStopReason } from "./finish-reason";
import { contentToText, extractSystem } from "./message-parts";
import { checkTool, toolCallId } from "./tools";
import { knownUsage, numberOf } from "./usage";

/**
 * OpenAI messages → a Chat-Completions-shaped text conversation: the system prompt (parts joined by a blank line)
 * first, then user, assistant (with `mapCalls` of its tool calls) and tool turns, content as text. A message of any
 * other role is sent as a user turn, or left out when `knownRolesOnly`.
 */
export function chatMessages(
  params: ChatCompletionCreateParamsBase,
  family: string,
  mapCalls: (calls: ChatCompletionMessageToolCall[]) => unknown = (calls) => calls,
  knownRolesOnly?: boolean,
): Record<string, unknown>[] {
  const { system, messages } = extractSystem(params.messages);
  const out: Record<string, unknown>[] = [];
  if (system.length > 0) out.push({ role: "system", content: system.map((p) => p.text).join("\n\n") });
  for (const { message, index } of messages) {
    const content = (): string => contentToText(message.content, `messages[${index}].content`, family);
    if (message.role === "assistant") {
      const m: Record<string, unknown> = { role: "assistant", content: content() };
      if (message.tool_calls !== undefined && message.tool_calls.length > 0) m.tool_calls = mapCalls(message.tool_calls);
      out.push(m);
    } else if (message.role === "tool") out.push({ role: "tool", tool_call_id: message.tool_call_id, content: content() });
    else if (message.role === "user" || !knownRolesOnly) out.push({ role: "user", content: content() });
  }
  return out;
}

/** OpenAI function tools, each checked (name, JSON-schema object) before it is sent. */
export function functionTools(tools: readonly ChatCompletionTool[]): Record<string, unknown>[] {
  return tools.map((tool, i) => {
    const t = checkTool(tool, i);
    return { type: "function", function: assignDefined({ name: t.name }, { description: t.description, parameters: t.schema }) };
  });
}

/** `message.tool_calls` of a response, with string arguments (some models send an object). */
export function toolCallsOf(value: unknown): ChatCompletionMessageToolCall[] {
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

/** The first choice's message, its finish reason and the usage record of a response body. */
export function firstChoice(body: unknown): { message: Record<string, unknown>; finishReason: unknown; usage: Record<string, unknown> } {
  const b = isRecord(body) ? body : {};
  const choice = Array.isArray(b.choices) && isRecord(b.choices[0]) ? b.choices[0] : {};
  return {
    message: isRecord(choice.message) ? choice.message : {},
    finishReason: choice.finish_reason,
    usage: isRecord(b.usage) ? b.usage : {},
  };
}

/** What one stream chunk carries: the first choice's delta, its tool-call deltas, finish reason and usage. */
export function chunkParts(event: Record<string, unknown>): {
  delta: Record<string, unknown>;
  toolCalls: ChatCompletionChunkToolCall[];
  finishReason: FinishReason | undefined;
  usage: CompletionUsage | undefined;
} {
  const choice = Array.isArray(event.choices) && isRecord(event.choices[0]) ? event.choices[0] : {};
  const delta = isRecord(choice.delta) ? choice.delta : {};
  const usage = isRecord(event.usage) ? event.usage : {};
  const prompt = numberOf(usage.prompt_tokens);
  const completion = numberOf(usage.completion_tokens);
  return {
    delta,
    toolCalls: Array.isArray(delta.tool_calls)
      ? delta.tool_calls.filter(isRecord).map((c, i) => ({ ...(c as object), index: numberOf(c.index) ?? i }) as ChatCompletionChunkToolCall)
      : [],
    finishReason: typeof choice.finish_reason === "string" ? mapStopReason(choice.finish_reason) : undefined,
    usage: knownUsage(prompt, completion),
  };
}
