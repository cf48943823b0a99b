/**
 * OpenAI messages and tools → Converse `messages`, `system` and `toolConfig.tools`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html).
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionTool } from "../api/chat-types";
import { documentFormat, fileData } from "./documents";
import { parseImage } from "./image-format";
import { assistantToolCalls, checkTool, toolResultId } from "./tools";
import { contentParts, extractSystem, partTypeError, roleError } from "./message-parts";

export type ConverseBlock = Record<string, unknown>;
export interface ConverseMessage {
  role: "user" | "assistant";
  content: ConverseBlock[];
}

/** Prompt caching: a cache point goes right after the block that carries `cache_control`. */
function cachePoint(): ConverseBlock {
  return { cachePoint: { type: "default" } };
}

/** Converse document names allow only letters, digits, single spaces, hyphens, parentheses and brackets. */
function documentName(filename: string | undefined, index: number): string {
  const stem = (filename ?? "").replace(/\.[^.]*$/, "");
  const clean = stem.replace(/[^A-Za-z0-9\s\-()[\]]/g, "-").replace(/\s+/g, " ").trim();
  return clean === "" ? `Document ${index + 1}` : clean;
}

/** One OpenAI content part → Converse blocks (the block, then a cache point if marked). */
function partToBlocks(part: ChatCompletionContentPart, field: string, documents: { count: number }): ConverseBlock[] {
  let block: ConverseBlock;
  if (part.type === "text") {
    // Converse rejects blank text blocks, so empty parts are left out.
    if (part.text === "") return part.cache_control ? [cachePoint()] : [];
    block = { text: part.text };
  } else if (part.type === "image_url") {
    const image = parseImage(part.image_url?.url, `${field}.image_url.url`);
    block = { image: { format: image.format, source: { bytes: image.base64 } } };
  } else if (part.type === "file") {
    const { data, declared, field: fileField } = fileData(part, field);
    if (declared.startsWith("image/")) {
      const image = parseImage(data, fileField);
      block = { image: { format: image.format, source: { bytes: image.base64 } } };
    } else {
      const format = documentFormat(declared, part.file.filename);
      if (format === undefined) {
        throw new ConfigurationError(
          fileField,
          `\`${fileField}\` has media type \`${declared || "(none)"}\`; Converse documents must be pdf, csv, doc, docx, xls, xlsx, html, txt or md.`,
        );
      }
      block = { document: { format, name: documentName(part.file.filename, documents.count++), source: { bytes: data.base64 } } };
    }
  } else throw partTypeError(part, field);
  return part.cache_control ? [block, cachePoint()] : [block];
}

function toolResultBlock(message: Extract<ChatCompletionMessageParam, { role: "tool" }>, index: number): ConverseBlock {
  const toolUseId = toolResultId(message, index);
  const parts = contentParts(message.content, `messages[${index}].content`);
  const content = parts.flatMap((part, j) => {
    if (part.type !== "text") {
      throw new ConfigurationError(`messages[${index}].content[${j}]`, `\`messages[${index}].content[${j}]\`: tool results must be text.`);
    }
    return part.text === "" ? [] : [{ text: part.text }];
  });
  // Converse rejects blank text blocks; an empty result is an empty list (ToolResultContentBlocks has no minimum).
  return { toolResult: { toolUseId, content } };
}

function assistantBlocks(message: Extract<ChatCompletionMessageParam, { role: "assistant" }>, index: number, documents: { count: number }): ConverseBlock[] {
  const blocks: ConverseBlock[] = [];
  // Thinking blocks come first and go back unmodified with their signatures, as the reasoning docs require
  // (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
  for (const thinking of message.thinking_blocks ?? []) {
    if (thinking.type === "thinking") {
      const reasoningText: Record<string, unknown> = { text: thinking.thinking };
      if (thinking.signature !== undefined) reasoningText.signature = thinking.signature;
      blocks.push({ reasoningContent: { reasoningText } });
    } else {
      blocks.push({ reasoningContent: { redactedContent: thinking.data } });
    }
  }
  contentParts(message.content, `messages[${index}].content`).forEach((part, j) => {
    blocks.push(...partToBlocks(part, `messages[${index}].content[${j}]`, documents));
  });
  for (const toolUse of assistantToolCalls(message, index)) blocks.push({ toolUse: { toolUseId: toolUse.id, name: toolUse.name, input: toolUse.input } });
  return blocks;
}

/** Converse `system`: text blocks, each followed by a cache point when marked. */
export function converseSystem(messages: readonly ChatCompletionMessageParam[]): ConverseBlock[] {
  return extractSystem(messages).system.flatMap((part) => (part.cache_control ? [{ text: part.text }, cachePoint()] : [{ text: part.text }]));
}

/**
 * The conversation turns. Tool messages become `toolResult` blocks in a user turn, and consecutive turns of the same
 * role are merged, because Converse requires user and assistant turns to alternate.
 */
export function converseMessages(messages: readonly ChatCompletionMessageParam[]): ConverseMessage[] {
  const out: ConverseMessage[] = [];
  const documents = { count: 0 };
  for (const { message, index } of extractSystem(messages).messages) {
    let role: "user" | "assistant";
    let blocks: ConverseBlock[];
    if (message.role === "user") {
      role = "user";
      blocks = contentParts(message.content, `messages[${index}].content`).flatMap((part, j) =>
        partToBlocks(part, `messages[${index}].content[${j}]`, documents),
      );
    } else if (message.role === "tool") {
      role = "user";
      blocks = [toolResultBlock(message, index)];
    } else if (message.role === "assistant") {
      role = "assistant";
      blocks = assistantBlocks(message, index, documents);
    } else throw roleError(message, index);
    if (blocks.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.role === role) {
      last.content.push(...blocks);
    } else out.push({ role, content: blocks });
  }
  return out;
}

/** OpenAI tools → Converse `toolConfig.tools` (a cache point after a marked tool). */
export function converseTools(tools: readonly ChatCompletionTool[]): ConverseBlock[] {
  if (!Array.isArray(tools)) throw new ConfigurationError("tools", "`tools` must be an array of function tools.");
  return tools.flatMap((tool, i) => {
    const checked = checkTool(tool, i);
    const toolSpec: Record<string, unknown> = { name: checked.name };
    if (checked.description !== undefined) toolSpec.description = checked.description;
    toolSpec.inputSchema = { json: checked.schema };
    if (tool.function.strict === true) toolSpec.strict = true;
    const spec: ConverseBlock = { toolSpec };
    return checked.cache_control ? [spec, cachePoint()] : [spec];
  });
}
