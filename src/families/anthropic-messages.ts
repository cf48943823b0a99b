/**
 * Anthropic Claude on InvokeModel with the Messages API body.
 * Request/response format: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 * (content blocks, tools, tool_choice, cache_control and thinking as Anthropic defines them:
 * https://docs.anthropic.com/en/api/messages).
 *
 * A final assistant message is a pre-fill: Claude continues it, and the returned content does not repeat it.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionContentPart, ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from "../api/chat-types";
import { base64ToBytes } from "../internal/base64";
import { createAnthropicStreamMapper, parseAnthropicResponse } from "./anthropic-messages-stream";
import { assignDefined } from "./prompt";
import { checkChatParams, maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { fileData } from "./documents";
import { parseImage } from "./image-format";
import { contentParts, extractSystem, partTypeError, roleError } from "./message-parts";
import { jsonFormatOf, RESPONSE_FORMAT_DESCRIPTION, RESPONSE_FORMAT_TOOL } from "./response-format";
import { claudeThinking } from "./thinking";
import { assistantToolCalls, checkTool, toolChoiceOf, toolResultId } from "./tools";
import type { ChatMapper, MapperOptions } from "./types";

/** The `anthropic_version` Bedrock requires for the Messages API. */
export const ANTHROPIC_BEDROCK_VERSION = "bedrock-2023-05-31";
/** `max_tokens` is required by the Messages API; used when the caller sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

const FAMILY = "anthropic";
type Block = Record<string, unknown>;
type Turn = { role: "user" | "assistant"; content: string | Block[] };

function withCache(block: Block, part: { cache_control?: unknown }): Block {
  return part.cache_control ? { ...block, cache_control: part.cache_control } : block;
}

function partToBlock(part: ChatCompletionContentPart, field: string): Block | undefined {
  if (part.type === "text") return part.text === "" ? undefined : withCache({ type: "text", text: part.text }, part);
  let image;
  if (part.type === "image_url") image = parseImage(part.image_url?.url, `${field}.image_url.url`);
  else if (part.type === "file") {
    const file = fileData(part, field);
    const type = file.declared.toLowerCase();
    const data = file.data.base64;
    if (type.startsWith("image/")) image = parseImage(file.data, file.field);
    else if (type === "application/pdf") return withCache({ type: "document", source: { type: "base64", media_type: type, data } }, part);
    else if (type === "text/plain") {
      return withCache({ type: "document", source: { type: "text", media_type: type, data: new TextDecoder().decode(base64ToBytes(data)) } }, part);
    } else throw new ConfigurationError(file.field, `\`${file.field}\` is \`${type || "(no type)"}\`; Claude documents must be application/pdf or text/plain.`);
  } else throw partTypeError(part, field);
  return withCache({ type: "image", source: { type: "base64", media_type: image.mediaType, data: image.base64 } }, part);
}

/** A string stays a string (as callers usually send it); a parts list becomes content blocks. */
function userContent(content: string | ChatCompletionContentPart[], index: number): string | Block[] {
  if (typeof content === "string") return content;
  return contentParts(content, `messages[${index}].content`).flatMap((p, j): Block[] => {
    const block = partToBlock(p, `messages[${index}].content[${j}]`);
    return block ? [block] : [];
  });
}

function assistantContent(message: Extract<ChatCompletionMessageParam, { role: "assistant" }>, index: number): string | Block[] {
  const thinking = message.thinking_blocks ?? [];
  const calls = message.tool_calls ?? [];
  if (thinking.length === 0 && calls.length === 0 && typeof message.content === "string") return message.content;
  const blocks: Block[] = thinking.map((t) => (t.type === "thinking" ? { ...t } : { type: "redacted_thinking", data: t.data }));
  contentParts(message.content, `messages[${index}].content`).forEach((p, j) => {
    const block = partToBlock(p, `messages[${index}].content[${j}]`);
    if (block) blocks.push(block);
  });
  for (const call of assistantToolCalls(message, index)) blocks.push({ type: "tool_use", ...call });
  return blocks;
}

function toolResult(message: Extract<ChatCompletionMessageParam, { role: "tool" }>, index: number): Block {
  const id = toolResultId(message, index);
  return { type: "tool_result", tool_use_id: id, content: typeof message.content === "string" ? message.content : userContent(message.content, index) };
}

const asBlocks = (content: string | Block[]): Block[] => (typeof content === "string" ? (content === "" ? [] : [{ type: "text", text: content }]) : content);

/**
 * OpenAI messages → Messages API turns. Tool results go in a user turn; consecutive same-role turns merge, since the
 * Messages API requires alternating roles.
 */
export function toAnthropicTurns(messages: readonly ChatCompletionMessageParam[]): Turn[] {
  const turns: Turn[] = [];
  for (const { message, index } of extractSystem(messages).messages) {
    let turn: Turn;
    if (message.role === "user") turn = { role: "user", content: userContent(message.content, index) };
    else if (message.role === "tool") turn = { role: "user", content: [toolResult(message, index)] };
    else if (message.role === "assistant") turn = { role: "assistant", content: assistantContent(message, index) };
    else throw roleError(message, index);
    const last = turns[turns.length - 1];
    if (last && last.role === turn.role) last.content = [...asBlocks(last.content), ...asBlocks(turn.content)];
    else turns.push(turn);
  }
  // Pre-fill: the API rejects a final assistant turn that ends in whitespace, so it is trimmed.
  const final = turns[turns.length - 1];
  if (final?.role === "assistant") {
    if (typeof final.content === "string") final.content = final.content.trimEnd();
    else {
      const lastBlock = final.content[final.content.length - 1];
      if (lastBlock?.type === "text" && typeof lastBlock.text === "string") final.content[final.content.length - 1] = { ...lastBlock, text: lastBlock.text.trimEnd() };
    }
  }
  return turns;
}

function anthropicToolChoice(params: ChatCompletionCreateParamsBase): Block | undefined {
  const choice = toolChoiceOf(params);
  let out: Block | undefined =
    choice === undefined ? undefined : typeof choice === "object" ? { type: "tool", ...choice } : { type: choice === "required" ? "any" : choice };
  // OpenAI's parallel_tool_calls: false is Anthropic's disable_parallel_tool_use on the tool choice.
  if (params.parallel_tool_calls === false && (params.tools ?? []).length) out = { ...(out ?? { type: "auto" }), disable_parallel_tool_use: true };
  return out;
}

/** `temperature`, `top_p`, `top_k` and `stop_sequences`, as both Claude bodies name them. */
export function claudeSampling(body: Record<string, unknown>, params: ChatCompletionCreateParamsBase): void {
  assignDefined(body, { temperature: params.temperature, top_p: params.top_p, top_k: params.top_k, stop_sequences: stopSequencesOf(params) });
}

/** Builds the InvokeModel body for Claude's Messages API. */
export function buildAnthropicMessagesRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  checkChatParams(params, FAMILY, options.dropParams);
  const body: Record<string, unknown> = { anthropic_version: typeof params.anthropic_version === "string" ? params.anthropic_version : ANTHROPIC_BEDROCK_VERSION };
  body.max_tokens = maxTokensOf(params) ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  const system = extractSystem(params.messages).system;
  if (system.length === 1 && !system[0]!.cache_control) body.system = system[0]!.text;
  else if (system.length) body.system = system.map((s) => withCache({ type: "text", text: s.text }, s));
  body.messages = toAnthropicTurns(params.messages);
  claudeSampling(body, params);

  let tools: Block[] = (params.tools ?? []).map((tool, i) => {
    const t = checkTool(tool, i);
    const out: Block = { name: t.name };
    if (t.description !== undefined) out.description = t.description;
    out.input_schema = t.schema;
    return withCache(out, t);
  });
  let toolChoice = anthropicToolChoice(params);
  const format = jsonFormatOf(params);
  if (format) {
    // Structured output as a forced tool whose input is the answer (Anthropic's documented JSON-mode technique).
    tools = [...tools, { name: RESPONSE_FORMAT_TOOL, description: RESPONSE_FORMAT_DESCRIPTION, input_schema: format.schema ?? { type: "object" } }];
    toolChoice = { type: "tool", name: RESPONSE_FORMAT_TOOL };
  }
  if (tools.length) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;

  if (params.thinking !== undefined) body.thinking = params.thinking;
  else if (params.reasoning_effort !== undefined) body.thinking = claudeThinking(params.reasoning_effort);
  if (params.anthropic_beta !== undefined) body.anthropic_beta = Array.isArray(params.anthropic_beta) ? params.anthropic_beta : [params.anthropic_beta];
  Object.assign(body, providerSpecificParams(params));
  return body;
}

/** Claude 3+ (and Claude 2 via the Messages API) on InvokeModel. */
export const anthropicMessages: ChatMapper = {
  name: "anthropic",
  buildRequest: buildAnthropicMessagesRequest,
  parseResponse: (body, options) => parseAnthropicResponse(body, options),
  createStreamMapper: (options) => createAnthropicStreamMapper(options),
};
