/**
 * Checks a Messages API request body (https://docs.anthropic.com/en/api/messages) before anything is sent upstream:
 * each problem is a 400 naming its JSON path (`messages[1].content[0].source.type`). What Claude on Bedrock takes
 * is kept as sent; Messages API members that Amazon Bedrock does not offer are refused by name, and members that
 * are no part of the Messages API as "Extra inputs are not permitted", as Anthropic's API words it.
 */
import { isRecord } from "../../internal/is-record";
import { invalidField } from "./errors";
import type { ContentBlock, InputMessage, MessagesRequest, Tool, ToolChoice } from "./types";

// Members of the Messages API that Bedrock does not serve (Anthropic-hosted features).
const NOT_ON_BEDROCK: Readonly<Record<string, string>> = {
  service_tier: "Anthropic's priority tier",
  container: "Anthropic's code-execution containers",
  mcp_servers: "Anthropic's MCP connector",
};
// Members Claude on Bedrock takes as they are (Bedrock's Claude request body documents them).
const PASS_THROUGH = ["output_config", "output_format", "context_management"];
const CHECKED = ["model", "max_tokens", "messages", "system", "stop_sequences", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking", "metadata", "stream"];
// Set by the proxy itself; a client's value is ignored (the beta flags are merged with the header's).
const IGNORED = ["anthropic_version", "anthropic_beta"];

const USER_BLOCKS = ["text", "image", "document", "tool_result", "search_result"];
const ASSISTANT_BLOCKS = ["text", "tool_use", "thinking", "redacted_thinking"];
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

function string(value: unknown, path: string, what = "a string"): string {
  if (typeof value !== "string") throw invalidField(path, `must be ${what}.`);
  return value;
}

function number(value: unknown, path: string, min: number, max: number, integer: boolean): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw invalidField(path, `must be ${integer ? "an integer" : "a number"} ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}.`);
  }
  return value;
}

function record(value: unknown, path: string, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalidField(path, `must be an object: ${what}.`);
  return value;
}

function source(block: Record<string, unknown>, path: string, kind: "image" | "document"): void {
  const src = record(block.source, `${path}.source`, `{ "type": "base64", "media_type": ..., "data": ... }`);
  const type = src.type;
  if (type === "url" || type === "file") {
    throw invalidField(`${path}.source.type`, `Amazon Bedrock takes ${kind}s inline only: send the bytes as { "type": "base64", "media_type", "data" }${kind === "document" ? ' (or plain text as { "type": "text" })' : ""}, not a ${type} reference.`);
  }
  if (kind === "image") {
    if (type !== "base64") throw invalidField(`${path}.source.type`, 'must be "base64".');
    if (!IMAGE_TYPES.includes(src.media_type as string)) throw invalidField(`${path}.source.media_type`, `must be one of ${IMAGE_TYPES.join(", ")}.`);
    string(src.data, `${path}.source.data`, "base64 image bytes");
    return;
  }
  if (type === "base64") {
    if (src.media_type !== "application/pdf") throw invalidField(`${path}.source.media_type`, 'must be "application/pdf" for a base64 document (plain text goes as { "type": "text" }).');
    string(src.data, `${path}.source.data`, "base64 PDF bytes");
  } else if (type === "text") {
    string(src.data, `${path}.source.data`, "the document's text");
  } else if (type === "content") {
    if (typeof src.content !== "string" && !Array.isArray(src.content)) throw invalidField(`${path}.source.content`, "must be a string or an array of text and image blocks.");
  } else throw invalidField(`${path}.source.type`, 'must be "base64", "text" or "content".');
}

function toolResultContent(content: unknown, path: string): void {
  if (content === undefined || typeof content === "string") return;
  if (!Array.isArray(content)) throw invalidField(path, "must be a string or an array of text, image and document blocks.");
  content.forEach((item, i) => {
    const block = record(item, `${path}[${i}]`, "a content block");
    if (!["text", "image", "document", "search_result"].includes(block.type as string)) {
      throw invalidField(`${path}[${i}].type`, "must be text, image, document or search_result inside a tool result.");
    }
    checkBlock(block, `${path}[${i}]`);
  });
}

function checkBlock(block: Record<string, unknown>, path: string): void {
  switch (block.type) {
    case "text":
      if (string(block.text, `${path}.text`) === "") throw invalidField(`${path}.text`, "text content blocks must be non-empty.");
      return;
    case "image":
      return source(block, path, "image");
    case "document":
      return source(block, path, "document");
    case "tool_use":
      string(block.id, `${path}.id`);
      string(block.name, `${path}.name`);
      record(block.input, `${path}.input`, "the tool's arguments");
      return;
    case "tool_result":
      string(block.tool_use_id, `${path}.tool_use_id`, "the id of the tool_use block it answers");
      if (block.is_error !== undefined && typeof block.is_error !== "boolean") throw invalidField(`${path}.is_error`, "must be true or false.");
      return toolResultContent(block.content, `${path}.content`);
    case "thinking":
      string(block.thinking, `${path}.thinking`);
      string(block.signature, `${path}.signature`, "the signature Claude sent with the thinking");
      return;
    case "redacted_thinking":
      string(block.data, `${path}.data`, "the encrypted data Claude sent");
      return;
    default:
      return;
  }
}

function content(value: unknown, role: "user" | "assistant", path: string): string | ContentBlock[] {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw invalidField(path, "must be a string or an array of content blocks.");
  const allowed = role === "user" ? USER_BLOCKS : ASSISTANT_BLOCKS;
  return value.map((item, i) => {
    const block = record(item, `${path}[${i}]`, 'a content block such as { "type": "text", "text": "..." }');
    if (typeof block.type !== "string" || !allowed.includes(block.type)) {
      throw invalidField(`${path}[${i}].type`, `must be one of ${allowed.join(", ")} in ${role === "user" ? "a user" : "an assistant"} message.`);
    }
    checkBlock(block, `${path}[${i}]`);
    return block as ContentBlock;
  });
}

function messages(value: unknown): InputMessage[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidField("messages", 'is required: a non-empty array of { "role": "user" | "assistant", "content": ... }.');
  return value.map((item, i) => {
    const message = record(item, `messages[${i}]`, "{ role, content }");
    const role = message.role;
    if (role !== "user" && role !== "assistant") throw invalidField(`messages[${i}].role`, 'must be "user" or "assistant" (the system prompt goes in the top-level `system`).');
    return { role, content: content(message.content, role, `messages[${i}].content`) };
  });
}

function system(value: unknown): string | ContentBlock[] {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) throw invalidField("system", "must be a string or an array of text blocks.");
  return value.map((item, i) => {
    const block = record(item, `system[${i}]`, '{ "type": "text", "text": "..." }');
    if (block.type !== "text") throw invalidField(`system[${i}].type`, 'must be "text".');
    string(block.text, `system[${i}].text`);
    return block as ContentBlock;
  });
}

function tools(value: unknown): Tool[] {
  if (!Array.isArray(value)) throw invalidField("tools", "must be an array of tools.");
  return value.map((item, i) => {
    const tool = record(item, `tools[${i}]`, "{ name, description, input_schema }");
    if (string(tool.name, `tools[${i}].name`) === "") throw invalidField(`tools[${i}].name`, "must be a non-empty string.");
    if (tool.type === undefined || tool.type === "custom") record(tool.input_schema, `tools[${i}].input_schema`, "a JSON Schema of the tool's input");
    else string(tool.type, `tools[${i}].type`);
    return tool as Tool;
  });
}

function toolChoice(value: unknown): ToolChoice {
  const choice = record(value, "tool_choice", '{ "type": "auto" | "any" | "tool" | "none" }');
  if (!["auto", "any", "tool", "none"].includes(choice.type as string)) throw invalidField("tool_choice.type", 'must be "auto", "any", "tool" or "none".');
  if (choice.type === "tool") string(choice.name, "tool_choice.name", "the name of the tool to call");
  if (choice.disable_parallel_tool_use !== undefined && typeof choice.disable_parallel_tool_use !== "boolean") {
    throw invalidField("tool_choice.disable_parallel_tool_use", "must be true or false.");
  }
  return choice as unknown as ToolChoice;
}

function thinking(value: unknown): NonNullable<MessagesRequest["thinking"]> {
  const t = record(value, "thinking", '{ "type": "enabled", "budget_tokens": 1024 } or { "type": "disabled" }');
  if (!["enabled", "disabled", "adaptive"].includes(t.type as string)) throw invalidField("thinking.type", 'must be "enabled", "disabled" or "adaptive".');
  if (t.type === "enabled") number(t.budget_tokens, "thinking.budget_tokens", 1, Infinity, true);
  return t as NonNullable<MessagesRequest["thinking"]>;
}

/** `metadata` holds `user_id` only, as in the Messages API (and Claude on Bedrock refuses any other key). */
function metadata(value: unknown): Record<string, unknown> {
  const m = record(value, "metadata", '{ "user_id": "..." }');
  for (const key of Object.keys(m)) if (key !== "user_id") throw invalidField(`metadata.${key}`, "Extra inputs are not permitted (metadata takes user_id only).");
  if (m.user_id !== undefined && m.user_id !== null && (typeof m.user_id !== "string" || m.user_id.length > 256)) {
    throw invalidField("metadata.user_id", "must be a string of at most 256 characters (an opaque id, not personal data).");
  }
  return m;
}

/**
 * Checks a parsed request body.
 *
 * @param betas - the flags of the `anthropic-beta` header
 * @param countOnly - for `/v1/messages/count_tokens`: `max_tokens`, `stream` and the sampling members are not taken
 * @throws ProxyRequestError 400 naming the field
 */
export function checkMessagesRequest(body: Record<string, unknown>, betas: readonly string[], countOnly = false): MessagesRequest {
  for (const key of Object.keys(body)) {
    if (key in NOT_ON_BEDROCK) throw invalidField(key, `${NOT_ON_BEDROCK[key]} is not available on Amazon Bedrock; remove \`${key}\`.`);
    if (!CHECKED.includes(key) && !PASS_THROUGH.includes(key) && !IGNORED.includes(key)) throw invalidField(key, "Extra inputs are not permitted (not a member of the Messages API).");
  }
  if (typeof body.model !== "string" || body.model === "") throw invalidField("model", "is required: one of the model_name values from GET /v1/models.");
  const out: MessagesRequest = { model: body.model, messages: messages(body.messages), passThrough: {}, betas: [...betas] };
  const given = (key: string) => body[key] !== undefined && body[key] !== null;
  if (!countOnly) {
    if (given("max_tokens")) out.max_tokens = number(body.max_tokens, "max_tokens", 1, Infinity, true);
    if (given("temperature")) out.temperature = number(body.temperature, "temperature", 0, 1, false);
    if (given("top_p")) out.top_p = number(body.top_p, "top_p", 0, 1, false);
    if (given("top_k")) out.top_k = number(body.top_k, "top_k", 0, Infinity, true);
    if (given("stop_sequences")) {
      if (!Array.isArray(body.stop_sequences)) throw invalidField("stop_sequences", "must be an array of strings.");
      out.stop_sequences = body.stop_sequences.map((s, i) => string(s, `stop_sequences[${i}]`));
    }
    if (given("stream")) {
      if (typeof body.stream !== "boolean") throw invalidField("stream", "must be true or false.");
      out.stream = body.stream;
    }
    if (given("metadata")) out.metadata = metadata(body.metadata);
  }
  if (given("system")) out.system = system(body.system);
  if (given("tools")) out.tools = tools(body.tools);
  if (given("tool_choice")) out.tool_choice = toolChoice(body.tool_choice);
  if (given("thinking")) out.thinking = thinking(body.thinking);
  for (const key of PASS_THROUGH) if (given(key)) out.passThrough[key] = body[key];
  if (Array.isArray(body.anthropic_beta)) {
    body.anthropic_beta.forEach((flag, i) => out.betas.push(string(flag, `anthropic_beta[${i}]`)));
  }
  return out;
}
