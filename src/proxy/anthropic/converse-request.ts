/**
 * A Messages API request → a Converse (or ConverseStream) input, for the models that are not Claude. Content blocks
 * map one to one (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html): text,
 * base64 images and documents, `tool_use` → `toolUse`, `tool_result` → `toolResult`, `thinking` /
 * `redacted_thinking` → `reasoningContent`; `cache_control` becomes a cache point after its block. Sampling goes in
 * `inferenceConfig`; `top_k` and `thinking` in `additionalModelRequestFields` under each provider's names.
 *
 * Not carried over, as Converse has no place for them: `metadata` and `tool_choice.disable_parallel_tool_use` (dropped),
 * typed Anthropic tools (`bash_…`, `computer_…`) and Claude-only members (`output_format`, ...), which are refused.
 */
import { encodeBase64 } from "../../internal/base64";
import { invalidField } from "./errors";
import type { ContentBlock, MessagesRequest } from "./types";

type Block = Record<string, unknown>;

const IMAGE_FORMATS: Record<string, string> = { "image/jpeg": "jpeg", "image/png": "png", "image/gif": "gif", "image/webp": "webp" };

/** Converse document names allow letters, digits, single spaces, hyphens, parentheses and brackets. */
function documentName(title: unknown, count: { documents: number }): string {
  count.documents++;
  const clean = typeof title === "string" ? title.replace(/[^A-Za-z0-9\s\-()[\]]/g, "-").replace(/\s+/g, " ").trim() : "";
  return clean === "" ? `Document ${count.documents}` : clean.slice(0, 200);
}

function withCachePoint(block: Block, source: Block): Block[] {
  return source.cache_control ? [block, { cachePoint: { type: "default" } }] : [block];
}

/** A text, image or document block (also inside a tool result). */
function mediaBlock(block: ContentBlock, path: string, count: { documents: number }): Block {
  if (block.type === "text") return { text: block.text };
  const source = block.source as Block;
  if (block.type === "image") return { image: { format: IMAGE_FORMATS[source.media_type as string], source: { bytes: source.data } } };
  if (block.type === "document") {
    if (source.type === "base64") return { document: { format: "pdf", name: documentName(block.title, count), source: { bytes: source.data } } };
    if (source.type === "text") {
      const bytes = encodeBase64(new TextEncoder().encode(source.data as string));
      return { document: { format: "txt", name: documentName(block.title, count), source: { bytes } } };
    }
    throw invalidField(`${path}.source.type`, 'a document of "content" blocks is for Claude models only; send it as { "type": "text" } or base64 PDF.');
  }
  throw invalidField(`${path}.type`, `\`${block.type}\` blocks are for Claude models only.`);
}

function toolResult(block: ContentBlock, path: string, count: { documents: number }): Block {
  const content: Block[] = [];
  if (typeof block.content === "string") {
    if (block.content !== "") content.push({ text: block.content });
  } else if (Array.isArray(block.content)) {
    (block.content as ContentBlock[]).forEach((item, i) => content.push(mediaBlock(item, `${path}.content[${i}]`, count)));
  }
  const result: Block = { toolUseId: block.tool_use_id, content };
  if (block.is_error === true) result.status = "error";
  return { toolResult: result };
}

function toConverseBlocks(block: ContentBlock, path: string, count: { documents: number }): Block[] {
  switch (block.type) {
    case "tool_use":
      return withCachePoint({ toolUse: { toolUseId: block.id, name: block.name, input: block.input } }, block);
    case "tool_result":
      return withCachePoint(toolResult(block, path, count), block);
    case "thinking":
      return [{ reasoningContent: { reasoningText: { text: block.thinking, signature: block.signature } } }];
    case "redacted_thinking":
      // Converse takes the data as a blob (base64 in JSON): see redactedData in converse-response.ts.
      return [{ reasoningContent: { redactedContent: encodeBase64(new TextEncoder().encode(block.data as string)) } }];
    default:
      return withCachePoint(mediaBlock(block, path, count), block);
  }
}

/** The turns; consecutive turns of one role merge, as Converse requires roles to alternate. */
export function converseTurns(request: MessagesRequest): Array<{ role: string; content: Block[] }> {
  const turns: Array<{ role: string; content: Block[] }> = [];
  const count = { documents: 0 };
  request.messages.forEach((message, i) => {
    const blocks = typeof message.content === "string"
      ? (message.content === "" ? [] : [{ text: message.content }])
      : message.content.flatMap((block, j) => toConverseBlocks(block, `messages[${i}].content[${j}]`, count));
    const last = turns[turns.length - 1];
    if (last && last.role === message.role) last.content.push(...blocks);
    else turns.push({ role: message.role, content: blocks });
  });
  return turns;
}

function system(request: MessagesRequest): Block[] | undefined {
  if (request.system === undefined) return undefined;
  if (typeof request.system === "string") return request.system === "" ? undefined : [{ text: request.system }];
  return request.system.flatMap((block) => withCachePoint({ text: block.text }, block));
}

function toolConfig(request: MessagesRequest, turns: Array<{ content: Block[] }>): Block | undefined {
  let tools = (request.tools ?? []).flatMap((tool, i) => {
    if (tool.type !== undefined && tool.type !== "custom") throw invalidField(`tools[${i}].type`, `\`${String(tool.type)}\` is an Anthropic tool for Claude models only; describe it as a custom tool with an input_schema.`);
    const spec: Block = { name: tool.name, inputSchema: { json: tool.input_schema } };
    if (typeof tool.description === "string") spec.description = tool.description;
    return withCachePoint({ toolSpec: spec }, tool);
  });
  const choice = request.tool_choice;
  const historyUsesTools = turns.some((t) => t.content.some((b) => "toolUse" in b || "toolResult" in b));
  if (choice?.type === "none") {
    // Converse has no "none" choice: without tools the model cannot call one, but a history with tool blocks needs them.
    if (historyUsesTools) throw invalidField("tool_choice.type", '"none" cannot be honoured over Converse when the conversation holds tool blocks; use "auto".');
    tools = [];
  }
  if (tools.length === 0) return undefined;
  const config: Block = { tools };
  if (choice?.type === "auto") config.toolChoice = { auto: {} };
  else if (choice?.type === "any") config.toolChoice = { any: {} };
  else if (choice?.type === "tool") config.toolChoice = { tool: { name: choice.name } };
  return config;
}

/** `top_k` and `thinking` where each provider's native body has them. */
function additionalFields(request: MessagesRequest, provider: string | undefined): Block | undefined {
  const extra: Block = {};
  if (request.top_k !== undefined) {
    // Nova reads topK inside its own inferenceConfig (https://docs.aws.amazon.com/nova/latest/userguide/using-converse-api.html).
    if (provider === "amazon") extra.inferenceConfig = { topK: request.top_k };
    else extra.top_k = request.top_k;
  }
  const thinking = request.thinking;
  if (thinking !== undefined && thinking.type !== "disabled") {
    if (provider === "anthropic") extra.thinking = thinking;
    else if (provider === "amazon") {
      // Nova 2 extended thinking (https://docs.aws.amazon.com/nova/latest/nova2-userguide/extended-thinking.html):
      // an effort rather than a budget, so a budget is read as the nearest effort.
      const budget = typeof thinking.budget_tokens === "number" ? thinking.budget_tokens : 4096;
      extra.reasoningConfig = { type: "enabled", maxReasoningEffort: budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high" };
    } else extra.thinking = thinking;
  }
  return Object.keys(extra).length > 0 ? extra : undefined;
}

/**
 * The Converse input for a checked request.
 *
 * @param modelId - the deployment's model id (for the URL)
 * @param provider - the provider of its base model (`amazon`, `anthropic`, ...), which names `top_k` and `thinking`
 *
 * @throws ProxyRequestError 400 for what Converse cannot take, naming the field
 */
export function converseInput(request: MessagesRequest, modelId: string, provider: string | undefined): Record<string, unknown> & { modelId: string } {
  for (const key of Object.keys(request.passThrough)) throw invalidField(key, "is taken by Claude models only.");
  const turns = converseTurns(request);
  const input: Record<string, unknown> & { modelId: string } = { modelId, messages: turns };
  const sys = system(request);
  if (sys) input.system = sys;
  const inference: Block = {};
  if (request.max_tokens !== undefined) inference.maxTokens = request.max_tokens;
  if (request.temperature !== undefined) inference.temperature = request.temperature;
  if (request.top_p !== undefined) inference.topP = request.top_p;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) inference.stopSequences = request.stop_sequences;
  if (Object.keys(inference).length > 0) input.inferenceConfig = inference;
  const tools = toolConfig(request, turns);
  if (tools) input.toolConfig = tools;
  const extra = additionalFields(request, provider);
  if (extra) input.additionalModelRequestFields = extra;
  return input;
}
