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
import type { ChatCompletionContentPart, ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from "../openai/types";
import { createAnthropicStreamMapper, parseAnthropicResponse } from "./anthropic-messages-stream";
import { REASONING_BUDGETS, RESPONSE_FORMAT_TOOL } from "./converse";
import {
  base64ToBytes,
  checkN,
  checkTool,
  contentParts,
  extractSystem,
  isRecord,
  maxTokensOf,
  parseDataUrl,
  parseImage,
  parseToolArguments,
  providerSpecificParams,
  stopSequencesOf,
  unsupportedParam,
} from "./shared";
import type { InvokeChatFamily, MapperOptions } from "./types";

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
  if (part.type === "image_url") {
    const image = parseImage(part.image_url?.url, `${field}.image_url.url`);
    return withCache({ type: "image", source: { type: "base64", media_type: image.mediaType, data: image.base64 } }, part);
  }
  if (part.type === "file") {
    const fileField = `${field}.file.file_data`;
    if (typeof part.file?.file_data !== "string") {
      throw new ConfigurationError(fileField, `\`${fileField}\` is required: pass the document as a \`data:application/pdf;base64,...\` URL.`);
    }
    const data = parseDataUrl(part.file.file_data, fileField);
    const type = (part.file.format ?? data.mediaType).toLowerCase();
    if (type.startsWith("image/")) {
      const image = parseImage(part.file.file_data, fileField);
      return withCache({ type: "image", source: { type: "base64", media_type: image.mediaType, data: image.base64 } }, part);
    }
    if (type === "application/pdf") {
      return withCache({ type: "document", source: { type: "base64", media_type: "application/pdf", data: data.base64 } }, part);
    }
    if (type === "text/plain") {
      const text = new TextDecoder().decode(base64ToBytes(data.base64));
      return withCache({ type: "document", source: { type: "text", media_type: "text/plain", data: text } }, part);
    }
    throw new ConfigurationError(fileField, `\`${fileField}\` is \`${type || "(no type)"}\`; Claude documents must be application/pdf or text/plain.`);
  }
  throw new ConfigurationError(field, `\`${field}\` has unknown type \`${String((part as { type?: unknown }).type)}\`; use text, image_url or file.`);
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
  calls.forEach((call, j) => {
    const field = `messages[${index}].tool_calls[${j}]`;
    if (call?.type !== "function" || typeof call.function?.name !== "string" || typeof call.id !== "string") {
      throw new ConfigurationError(field, `\`${field}\` must be \`{ id, type: "function", function: { name, arguments } }\`.`);
    }
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, `${field}.function.arguments`) });
  });
  return blocks;
}

function toolResult(message: Extract<ChatCompletionMessageParam, { role: "tool" }>, index: number): Block {
  if (typeof message.tool_call_id !== "string" || message.tool_call_id === "") {
    throw new ConfigurationError(`messages[${index}].tool_call_id`, `\`messages[${index}].tool_call_id\` is required: the id of the tool call this message answers.`);
  }
  const content = typeof message.content === "string" ? message.content : userContent(message.content, index);
  return { type: "tool_result", tool_use_id: message.tool_call_id, content };
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
    else {
      const role = (message as { role?: unknown }).role;
      throw new ConfigurationError(`messages[${index}].role`, `\`messages[${index}].role\` is \`${String(role)}\`; use system, developer, user, assistant or tool.`);
    }
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

function toolChoiceOf(params: ChatCompletionCreateParamsBase): Block | undefined {
  const choice = params.tool_choice;
  let out: Block | undefined;
  if (choice === undefined) out = undefined;
  else if (choice === "none") out = { type: "none" };
  else if (choice === "auto") out = { type: "auto" };
  else if (choice === "required") out = { type: "any" };
  else if (isRecord(choice) && choice.type === "function" && isRecord(choice.function) && typeof choice.function.name === "string") {
    const name = choice.function.name;
    if (!(params.tools ?? []).some((t) => t?.function?.name === name)) {
      throw new ConfigurationError("tool_choice", `\`tool_choice\` names \`${name}\`, which is not in \`tools\`.`);
    }
    out = { type: "tool", name };
  } else throw new ConfigurationError("tool_choice", '`tool_choice` must be "none", "auto", "required" or `{ type: "function", function: { name } }`.');
  if (out && out.type !== "none" && !(params.tools ?? []).length) {
    throw new ConfigurationError("tool_choice", "`tool_choice` needs `tools`: pass the tools the model may call, or remove `tool_choice`.");
  }
  // OpenAI's parallel_tool_calls: false is Anthropic's disable_parallel_tool_use on the tool choice.
  if (params.parallel_tool_calls === false && (params.tools ?? []).length) out = { ...(out ?? { type: "auto" }), disable_parallel_tool_use: true };
  return out;
}

/** Builds the InvokeModel body for Claude's Messages API. */
export function buildAnthropicMessagesRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  if (!isRecord(params)) throw new ConfigurationError("params", "Chat params must be an object with `model` and `messages`.");
  checkN(params, FAMILY, options.dropParams);
  for (const name of ["seed", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs"] as const) {
    const value = params[name];
    if (value !== undefined && value !== null && value !== false) unsupportedParam(name, FAMILY, options.dropParams);
  }
  const body: Record<string, unknown> = { anthropic_version: typeof params.anthropic_version === "string" ? params.anthropic_version : ANTHROPIC_BEDROCK_VERSION };
  body.max_tokens = maxTokensOf(params) ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  const system = extractSystem(params.messages).system;
  if (system.length === 1 && !system[0]!.cache_control) body.system = system[0]!.text;
  else if (system.length) body.system = system.map((s) => withCache({ type: "text", text: s.text }, s));
  body.messages = toAnthropicTurns(params.messages);
  if (params.temperature != null) body.temperature = params.temperature;
  if (params.top_p != null) body.top_p = params.top_p;
  if (params.top_k != null) body.top_k = params.top_k;
  const stop = stopSequencesOf(params);
  if (stop) body.stop_sequences = stop;

  let tools: Block[] = (params.tools ?? []).map((tool, i) => {
    const t = checkTool(tool, i);
    const out: Block = { name: t.name };
    if (t.description !== undefined) out.description = t.description;
    out.input_schema = t.schema;
    return withCache(out, t);
  });
  let toolChoice = toolChoiceOf(params);
  const format = params.response_format;
  if (format !== undefined && format.type !== "text") {
    // Structured output as a forced tool whose input is the answer (Anthropic's documented JSON-mode technique).
    let schema: Record<string, unknown> = { type: "object" };
    if (format.type === "json_schema") {
      if (!isRecord(format.json_schema?.schema)) {
        throw new ConfigurationError("response_format.json_schema.schema", "`response_format.json_schema.schema` must be a JSON Schema object.");
      }
      schema = format.json_schema.schema;
    } else if (format.type !== "json_object") {
      throw new ConfigurationError("response_format.type", '`response_format.type` must be "text", "json_object" or "json_schema".');
    }
    tools = [...tools, { name: RESPONSE_FORMAT_TOOL, description: "Respond with a JSON object.", input_schema: schema }];
    toolChoice = { type: "tool", name: RESPONSE_FORMAT_TOOL };
  }
  if (tools.length) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;

  if (params.thinking !== undefined) body.thinking = params.thinking;
  else if (params.reasoning_effort !== undefined) {
    const budget = REASONING_BUDGETS[params.reasoning_effort];
    if (budget === undefined) throw new ConfigurationError("reasoning_effort", '`reasoning_effort` must be "minimal", "low", "medium" or "high".');
    body.thinking = { type: "enabled", budget_tokens: budget };
  }
  if (params.anthropic_beta !== undefined) body.anthropic_beta = Array.isArray(params.anthropic_beta) ? params.anthropic_beta : [params.anthropic_beta];
  Object.assign(body, providerSpecificParams(params));
  return body;
}

/** Claude 3+ (and Claude 2 via the Messages API) on InvokeModel. */
export const anthropicMessages: InvokeChatFamily = {
  name: "anthropic",
  buildRequest: buildAnthropicMessagesRequest,
  parseResponse: (body, options) => parseAnthropicResponse(body, options),
  createStreamMapper: (options) => createAnthropicStreamMapper(options),
};
