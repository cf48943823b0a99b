/**
 * Helpers every family mapper shares: flattening OpenAI content to text, `data:` URL and image parsing, system-message
 * extraction, stop-reason and usage mapping, tool-call helpers, and the "unsupported parameter" policy
 * (`drop_params`). All pure: data in, data out.
 *
 * @module
 */
import { APIError, ConfigurationError } from "../errors";
import { parseModel } from "../api/models";
import { LITELLM_AUTH_PARAMS } from "../api/auth-params";
import { base64ToBytes } from "../internal/base64";
import { isRecord } from "../internal/is-record";

export { base64ToBytes, isRecord };
import type {
  CacheControl,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
  CompletionUsage,
  FinishReason,
} from "../api/chat-types";
import type { MappedDelta, MappedResponse, MapperOptions } from "./types";

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

/**
 * Throws the ConfigurationError for a parameter `subject` (a model or model family) cannot honour, unless
 * `dropParams` is set (then the caller simply leaves it out). Mirrors LiteLLM's `drop_params` switch.
 */
export function unsupported(name: string, subject: string, dropParams: boolean, hint = ""): void {
  if (dropParams) return;
  throw new ConfigurationError(
    name,
    `\`${name}\` is not supported by ${subject} on Bedrock.${hint && ` ${hint}`} Remove it, or pass \`drop_params: true\` to drop unsupported parameters.`,
  );
}

/** {@link unsupported} for a chat model family. */
export function unsupportedParam(name: string, family: string, dropParams: boolean): void {
  unsupported(name, `the ${family} model family`, dropParams);
}

/** A value that must be one of a documented list. */
export function checkOneOf<T>(field: string, value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigurationError(
      field,
      `\`${field}\` must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} for ${what}; got ${JSON.stringify(value)}.`,
    );
  }
  return value as T;
}

/** The params not in `known` (and not undefined): provider-specific, passed through to the native body. */
export function extraParams(params: object, known: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!known.has(key) && value !== undefined) out[key] = value;
  return out;
}

/** An answer whose shape the family does not document: a typed error, never a silent empty result. */
export function invalidResponse(what: string, detail: string): APIError {
  return new APIError(`The ${what} response is not in the documented shape: ${detail}.`, { code: "InvalidResponse" });
}

/**
 * The family for a model id by id prefix (a `bedrock/` prefix, route, inference-profile prefix or foundation-model
 * ARN is tolerated); an unknown id is a ConfigurationError naming `model` and what is supported.
 */
export function familyByPrefix<T>(model: string, table: ReadonlyArray<readonly [string, T]>, what: string, arn: string): T {
  const parsed = parseModel(model);
  const id = parsed.baseModelId ?? parsed.modelId;
  for (const [prefix, family] of table) if (id.startsWith(prefix)) return family;
  throw new ConfigurationError(
    "model",
    `\`${model}\` is not a supported Bedrock ${what} model. Supported: ${table.map(([prefix]) => prefix).join(", ")}. ` +
      `For a ${arn} ARN, pass the base model as \`model\` and the ARN as \`model_id\`.`,
  );
}

/** `n` other than 1 asks for several choices, which no Bedrock chat model returns in one call. */
export function checkN(params: ChatCompletionCreateParamsBase, family: string, dropParams: boolean): void {
  if (params.n != null && params.n !== 1) unsupportedParam("n", family, dropParams);
}

/** `max_completion_tokens` (the newer OpenAI name) wins over `max_tokens`. */
export function maxTokensOf(params: ChatCompletionCreateParamsBase): number | undefined {
  const value = params.max_completion_tokens ?? params.max_tokens ?? undefined;
  if (value === undefined) return undefined;
  const field = params.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(field, `\`${field}\` must be a positive integer; got ${String(value)}.`);
  }
  return value;
}

/** OpenAI `stop` (string or list) → a list, or undefined when absent or empty. */
export function stopSequencesOf(params: ChatCompletionCreateParamsBase): string[] | undefined {
  const stop = params.stop;
  if (stop == null) return undefined;
  const list = typeof stop === "string" ? [stop] : stop;
  if (!Array.isArray(list) || list.some((s) => typeof s !== "string")) {
    throw new ConfigurationError("stop", "`stop` must be a string or an array of strings.");
  }
  return list.length === 0 ? undefined : [...list];
}

/** Every parameter the OpenAI layer or a mapper understands; anything else is provider-specific. */
export const KNOWN_PARAMS: ReadonlySet<string> = new Set([
  "model",
  "messages",
  "model_id",
  "temperature",
  "top_p",
  "top_k",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "n",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "reasoning_effort",
  "thinking",
  "stream",
  "stream_options",
  "user",
  "guardrailConfig",
  "drop_params",
  "performanceConfig",
  "promptVariables",
  "requestMetadata",
  "additionalModelRequestFields",
  "additionalModelResponseFieldPaths",
  "serviceTier",
  "anthropic_beta",
  "anthropic_version",
  // LiteLLM connection and auth params: consumed by the OpenAI layer, never sent to the model.
  ...LITELLM_AUTH_PARAMS,
  "api_base",
  "timeout",
  "metadata",
  "logprobs",
  "top_logprobs",
  "frequency_penalty",
  "presence_penalty",
  "logit_bias",
]);

/** The provider-specific params (LiteLLM: "a non-openai param is sent as a kwarg in the request body"). */
export function providerSpecificParams(params: ChatCompletionCreateParamsBase): Record<string, unknown> {
  return extraParams(params, KNOWN_PARAMS);
}

// ---------------------------------------------------------------------------------------------------------------
// Messages and content
// ---------------------------------------------------------------------------------------------------------------

/** A system prompt part, with the cache marker it carried. */
export interface SystemPart {
  text: string;
  cache_control?: CacheControl;
}

/**
 * Pulls every `system`/`developer` message out of the conversation (Bedrock takes the system prompt apart from the
 * turns). `index` in the remaining messages keeps the caller's original position, for error messages.
 */
export function extractSystem(messages: readonly ChatCompletionMessageParam[]): {
  system: SystemPart[];
  messages: Array<{ message: ChatCompletionMessageParam; index: number }>;
} {
  if (!Array.isArray(messages)) {
    throw new ConfigurationError("messages", "`messages` must be an array of chat messages.");
  }
  const system: SystemPart[] = [];
  const rest: Array<{ message: ChatCompletionMessageParam; index: number }> = [];
  messages.forEach((message, index) => {
    if (message === null || typeof message !== "object") {
      throw new ConfigurationError(`messages[${index}]`, `\`messages[${index}]\` must be an object with a \`role\`.`);
    }
    if (message.role === "system" || message.role === "developer") {
      if (typeof message.content === "string") {
        if (message.content !== "") system.push({ text: message.content });
      } else if (Array.isArray(message.content)) {
        for (const part of message.content) {
          if (part.type !== "text") {
            throw new ConfigurationError(
              `messages[${index}].content`,
              `\`messages[${index}]\` is a ${message.role} message: its content parts must be text.`,
            );
          }
          if (part.text === "") continue;
          system.push(part.cache_control ? { text: part.text, cache_control: part.cache_control } : { text: part.text });
        }
      } else {
        throw new ConfigurationError(`messages[${index}].content`, `\`messages[${index}].content\` must be a string or an array of text parts.`);
      }
    } else {
      rest.push({ message, index });
    }
  });
  return { system, messages: rest };
}

/** Content as a list of parts: a plain string becomes one text part; `null`/absent becomes no parts. */
export function contentParts(
  content: string | ChatCompletionContentPart[] | null | undefined,
  field: string,
): ChatCompletionContentPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) {
    throw new ConfigurationError(field, `\`${field}\` must be a string or an array of content parts.`);
  }
  return content;
}

/**
 * Flattens OpenAI message content to plain text for families whose prompt is a single string. Text parts are
 * concatenated as they are (OpenAI treats them as one sequence); an image or file part is refused, naming the part,
 * because a text-only family would silently lose it.
 */
export function contentToText(
  content: string | ChatCompletionContentPart[] | null | undefined,
  field: string,
  family = "this",
): string {
  let text = "";
  contentParts(content, field).forEach((part, j) => {
    if (part.type === "text") text += part.text;
    else {
      throw new ConfigurationError(
        `${field}[${j}]`,
        `\`${field}[${j}]\` is a ${part.type} part, but the ${family} model family accepts text only. Send text, or use a model that accepts images/documents (e.g. via the Converse route).`,
      );
    }
  });
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// data: URLs, images and documents
// ---------------------------------------------------------------------------------------------------------------

/** A decoded `data:` URL. */
export interface DataUrl {
  /** The declared media type, lower-cased, e.g. `image/png` (empty when the URL declares none). */
  mediaType: string;
  /** The payload in standard base64. */
  base64: string;
  bytes: Uint8Array;
}

/**
 * Parses `data:<media type>[;params];base64,<data>` (RFC 2397). Only base64 payloads are accepted: every Bedrock
 * binary field is base64.
 */
export function parseDataUrl(url: string, field: string): DataUrl {
  const match = typeof url === "string" ? /^data:([^,]*?),(.*)$/s.exec(url) : null;
  if (!match) {
    throw new ConfigurationError(
      field,
      `\`${field}\` must be a data URL such as \`data:image/png;base64,...\` (remote URLs are fetched by the OpenAI layer before mapping).`,
    );
  }
  const meta = match[1]!.split(";").map((s) => s.trim());
  if (!meta.slice(1).some((p) => p.toLowerCase() === "base64")) {
    throw new ConfigurationError(field, `\`${field}\` must be base64-encoded (\`data:<type>;base64,...\`).`);
  }
  const base64 = match[2]!.replace(/\s+/g, "");
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    throw new ConfigurationError(field, `\`${field}\` does not hold valid base64 data.`);
  }
  return { mediaType: meta[0]!.toLowerCase(), base64, bytes };
}


export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

/**
 * The image format from the file's magic bytes (PNG signature, JPEG SOI marker, `GIF8`, RIFF…WEBP), or undefined
 * when the bytes are none of the four formats Bedrock accepts.
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a) return "png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg";
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return "gif";
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) {
    return "webp";
  }
  return undefined;
}

/** A validated image: format from its bytes, never just from what the URL claims. */
export interface ParsedImage extends DataUrl {
  format: ImageFormat;
  /** `image/<format>`, from the bytes. */
  mediaType: `image/${ImageFormat}`;
}

/**
 * Parses an `image_url` data URL and checks the bytes really are a PNG, JPEG, GIF or WebP image: a mislabelled or
 * non-image payload would otherwise reach the model as a confusing ValidationException.
 */
export function parseImage(url: string | DataUrl, field: string): ParsedImage {
  const data = isRecord(url) ? (url as DataUrl) : parseDataUrl(url as string, field);
  const format = detectImageFormat(data.bytes);
  if (format === undefined) {
    const claimed = data.mediaType ? ` (declared as \`${data.mediaType}\`)` : "";
    throw new ConfigurationError(
      field,
      `\`${field}\` is not a PNG, JPEG, GIF or WebP image${claimed}. Send the image's own bytes as \`data:image/<png|jpeg|gif|webp>;base64,...\`; send PDFs and other documents as a \`file\` part.`,
    );
  }
  return { ...data, format, mediaType: `image/${format}` };
}

/** Converse document formats (service model `DocumentFormat`). */
export type DocumentFormat = "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";

const DOCUMENT_TYPES: Record<string, DocumentFormat> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/html": "html",
  "text/plain": "txt",
  "text/markdown": "md",
};

/** The Converse document format for a media type (or a file name's extension), or undefined. */
export function documentFormat(mediaType: string, filename?: string): DocumentFormat | undefined {
  const byType = DOCUMENT_TYPES[mediaType.toLowerCase()];
  if (byType) return byType;
  const ext = filename?.split(".").pop()?.toLowerCase();
  return ext && (Object.values(DOCUMENT_TYPES) as string[]).includes(ext) ? (ext as DocumentFormat) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------------------------

// Bedrock's ToolName shape: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A checked OpenAI function tool: name, description and an object-typed JSON schema. */
export interface CheckedTool {
  name: string;
  description?: string;
  schema: Record<string, unknown>;
  cache_control?: CacheControl;
}

/**
 * Validates `tools[i]` and returns its parts. Bedrock requires the top-level input schema to be `type: "object"`
 * (ToolInputSchema docs); a missing `parameters` becomes the empty object schema, as OpenAI does.
 */
export function checkTool(tool: ChatCompletionTool, index: number): CheckedTool {
  const field = `tools[${index}]`;
  if (tool === null || typeof tool !== "object" || tool.type !== "function" || typeof tool.function !== "object" || tool.function === null) {
    throw new ConfigurationError(field, `\`${field}\` must be \`{ type: "function", function: { name, description?, parameters? } }\`.`);
  }
  const fn = tool.function;
  if (typeof fn.name !== "string" || !TOOL_NAME.test(fn.name)) {
    throw new ConfigurationError(`${field}.function.name`, `\`${field}.function.name\` must be 1–64 letters, digits, \`_\` or \`-\`.`);
  }
  const schema = fn.parameters ?? { type: "object", properties: {} };
  if (schema === null || typeof schema !== "object" || Array.isArray(schema) || (schema.type !== undefined && schema.type !== "object")) {
    throw new ConfigurationError(
      `${field}.function.parameters`,
      `\`${field}.function.parameters\` must be a JSON Schema object with \`type: "object"\` at the top level.`,
    );
  }
  const out: CheckedTool = { name: fn.name, schema };
  if (typeof fn.description === "string" && fn.description !== "") out.description = fn.description;
  if (tool.cache_control) out.cache_control = tool.cache_control;
  return out;
}

/** A tool call's `arguments` JSON string → the object Bedrock wants as `input`. */
export function parseToolArguments(args: string, field: string): Record<string, unknown> {
  if (args == null || args === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(args);
  } catch {
    throw new ConfigurationError(field, `\`${field}\` must be a JSON object string, as the model returned it.`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigurationError(field, `\`${field}\` must encode a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** A model's tool input → OpenAI `arguments` (a JSON string; `{}` when the model sent none). */
export function toolArgumentsOf(input: unknown): string {
  return JSON.stringify(input ?? {});
}

/** A tool-call id: the model's own, or a deterministic stand-in (mappers have no randomness). */
export function toolCallId(id: unknown, index: number): string {
  return typeof id === "string" && id !== "" ? id : `call_${index}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------------------------

const FINISH: Record<string, FinishReason> = {
  stop: "stop",
  end_turn: "stop",
  stop_sequence: "stop",
  eos_token: "stop",
  complete: "stop",
  finished: "stop",
  length: "length",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  tool_calls: "tool_calls",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
  content_filter: "content_filter",
};

/**
 * A native stop reason → OpenAI `finish_reason` (Converse `StopReason`, Anthropic `stop_reason`, and the common
 * names other families use). `extra` lets a family add its own; unknown reasons map to `"stop"`.
 */
export function mapStopReason(reason: unknown, extra?: Record<string, FinishReason>): FinishReason {
  if (typeof reason !== "string") return "stop";
  const key = reason.toLowerCase();
  return extra?.[reason] ?? extra?.[key] ?? FINISH[key] ?? "stop";
}

/** Token counts → OpenAI usage; cached-token details only when the model reported cache use. */
export function buildUsage(counts: {
  prompt: number;
  completion: number;
  total?: number | undefined;
  cacheRead?: number | undefined;
  cacheWrite?: number | undefined;
  reasoning?: number | undefined;
}): CompletionUsage {
  const usage: CompletionUsage = {
    prompt_tokens: counts.prompt,
    completion_tokens: counts.completion,
    total_tokens: counts.total ?? counts.prompt + counts.completion,
  };
  if (counts.cacheRead !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: counts.cacheRead };
    usage.cache_read_input_tokens = counts.cacheRead;
  }
  if (counts.cacheWrite !== undefined) usage.cache_creation_input_tokens = counts.cacheWrite;
  if (counts.reasoning !== undefined) usage.completion_tokens_details = { reasoning_tokens: counts.reasoning };
  return usage;
}

/** The token-count keys of one usage record: input, output, cache read, cache write and (optional) total. */
type UsageKeys = readonly [string, string, string, string, string?];

/**
 * A usage record with cache counts → OpenAI usage. The native input count excludes prompt-cache reads and writes;
 * like OpenAI's, our `prompt_tokens` includes them (`cached_tokens` is the part read from the cache). `strict`:
 * undefined unless both the input and the output counts are present.
 */
export function cacheUsage(value: unknown, [i, o, r, w, t]: UsageKeys, strict?: boolean): CompletionUsage | undefined {
  const u = isRecord(value) ? value : {};
  const n = (k: string | undefined): number | undefined => (k && typeof u[k] === "number" ? (u[k] as number) : undefined);
  const input = n(i);
  const completion = n(o);
  if (strict && (input === undefined || completion === undefined)) return undefined;
  const cacheRead = n(r);
  const cacheWrite = n(w);
  return buildUsage({ prompt: (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0), completion: completion ?? 0, total: n(t), cacheRead, cacheWrite });
}

/**
 * Reads `amazon-bedrock-invocationMetrics` from the last chunk of an InvokeModelWithResponseStream stream (Bedrock's
 * billed counts), or undefined.
 */
export function invocationMetricsUsage(event: unknown): CompletionUsage | undefined {
  return isRecord(event)
    ? cacheUsage(event["amazon-bedrock-invocationMetrics"], ["inputTokenCount", "outputTokenCount", "cacheReadInputTokenCount", "cacheWriteInputTokenCount"], true)
    : undefined;
}

/** A finite number from untyped JSON, or undefined. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Usage from the counts the body carries, else from the token counts Bedrock sent in the InvokeModel response
 * headers ({@link MapperOptions.invocationMetrics}), else zeros (the model reported none).
 */
export function usageOf(prompt: unknown, completion: unknown, options: { invocationMetrics?: MapperOptions["invocationMetrics"] } | undefined): CompletionUsage {
  const p = numberOf(prompt);
  const c = numberOf(completion);
  const m = options?.invocationMetrics;
  return p !== undefined && c !== undefined
    ? buildUsage({ prompt: p, completion: c })
    : buildUsage({ prompt: m ? m.inputTokenCount : (p ?? 0), completion: m ? m.outputTokenCount : (c ?? 0) });
}

/** Usage for a stream event that carries both counts; undefined while either is missing. */
export function knownUsage(prompt: number | undefined, completion: number | undefined): CompletionUsage | undefined {
  return prompt !== undefined && completion !== undefined ? buildUsage({ prompt, completion }) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Chat request checks shared by the Converse and Claude Messages bodies
// ---------------------------------------------------------------------------------------------------------------

/**
 * Refuses (or, with `drop_params`, lets the caller drop) each of `names` the caller set. Set means not null or
 * undefined, and, with `listsOnly`, not an empty list (else: not `false`).
 */
export function refuseParams(params: object, names: readonly string[], family: string, dropParams: boolean, listsOnly?: boolean): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (v != null && (listsOnly ? !(Array.isArray(v) && v.length === 0) : v !== false)) unsupportedParam(name, family, dropParams);
  }
}

/** The params object, `n` and the OpenAI sampling params no Bedrock Converse or Claude body has. */
export function checkChatParams(params: ChatCompletionCreateParamsBase, family: string, dropParams: boolean): void {
  if (!isRecord(params)) throw new ConfigurationError("params", "Chat params must be an object with `model` and `messages`.");
  checkN(params, family, dropParams);
  refuseParams(params, ["seed", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs", "top_logprobs"], family, dropParams);
}

/**
 * `tool_choice` checked: `"none"`, `"auto"`, `"required"`, or the name of a function in `tools`. A choice other
 * than "none" needs `tools`; `toolsFirst` checks that before the choice's own shape.
 */
export function toolChoiceOf(params: ChatCompletionCreateParamsBase, toolsFirst?: boolean): string | { name: string } | undefined {
  const choice = params.tool_choice;
  if (choice === undefined || choice === "none") return choice;
  const needsTools = (): void => {
    if (!(params.tools ?? []).length) throw new ConfigurationError("tool_choice", "`tool_choice` needs `tools`: pass the tools the model may call, or remove `tool_choice`.");
  };
  if (toolsFirst) needsTools();
  let out: string | { name: string };
  if (choice === "auto" || choice === "required") out = choice;
  else if (isRecord(choice) && choice.type === "function" && isRecord(choice.function) && typeof choice.function.name === "string") {
    const name = choice.function.name;
    if (!(params.tools ?? []).some((t) => t?.function?.name === name)) {
      throw new ConfigurationError("tool_choice", `\`tool_choice\` names \`${name}\`, which is not in \`tools\`.`);
    }
    out = { name };
  } else throw new ConfigurationError("tool_choice", '`tool_choice` must be "none", "auto", "required" or `{ type: "function", function: { name } }`.');
  needsTools();
  return out;
}

/**
 * Name of the forced tool that carries a `response_format` JSON answer. A tool use by this name is returned as the
 * message content, not as a tool call.
 */
export const RESPONSE_FORMAT_TOOL = "json_tool_call";
/** The description of that tool. */
export const RESPONSE_FORMAT_DESCRIPTION = "Respond with a JSON object.";

/** `response_format` checked: undefined for text, `{}` for `json_object`, its `json_schema` (with a schema) for `json_schema`. */
export function jsonFormatOf(params: ChatCompletionCreateParamsBase): { schema?: Record<string, unknown>; name?: string; description?: string } | undefined {
  const format = params.response_format;
  if (format === undefined || format.type === "text") return undefined;
  if (format.type === "json_schema") {
    if (!isRecord(format.json_schema?.schema)) {
      throw new ConfigurationError("response_format.json_schema.schema", "`response_format.json_schema.schema` must be a JSON Schema object.");
    }
    return format.json_schema;
  }
  if (format.type !== "json_object") {
    throw new ConfigurationError("response_format.type", '`response_format.type` must be "text", "json_object" or "json_schema".');
  }
  return {};
}

/** Extended-thinking budgets for `reasoning_effort` on Claude (budget_tokens must be ≥ 1024 per Anthropic's docs). */
export const REASONING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 1024, medium: 2048, high: 4096 };

/** Claude's `thinking` for a `reasoning_effort`. */
export function claudeThinking(effort: string): { type: "enabled"; budget_tokens: number } {
  const budget = REASONING_BUDGETS[effort];
  if (budget === undefined) throw new ConfigurationError("reasoning_effort", '`reasoning_effort` must be "minimal", "low", "medium" or "high".');
  return { type: "enabled", budget_tokens: budget };
}

/** The id a tool message answers (required). */
export function toolResultId(message: { tool_call_id?: unknown }, index: number): string {
  const id = message.tool_call_id;
  if (typeof id !== "string" || id === "") {
    throw new ConfigurationError(`messages[${index}].tool_call_id`, `\`messages[${index}].tool_call_id\` is required: the id of the tool call this message answers.`);
  }
  return id;
}

/** An assistant message's tool calls, each checked, with the arguments parsed to the object Bedrock wants. */
export function assistantToolCalls(
  message: { tool_calls?: readonly ChatCompletionMessageToolCall[] | undefined },
  index: number,
): Array<{ id: string; name: string; input: Record<string, unknown> }> {
  return (message.tool_calls ?? []).map((call, j) => {
    const field = `messages[${index}].tool_calls[${j}]`;
    if (call?.type !== "function" || typeof call.function?.name !== "string" || typeof call.id !== "string") {
      throw new ConfigurationError(field, `\`${field}\` must be \`{ id, type: "function", function: { name, arguments } }\`.`);
    }
    return { id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, `${field}.function.arguments`) };
  });
}

/** The error for a message whose role is none of OpenAI's. */
export function roleError(message: unknown, index: number): ConfigurationError {
  const field = `messages[${index}].role`;
  return new ConfigurationError(field, `\`${field}\` is \`${String((message as { role?: unknown }).role)}\`; use system, developer, user, assistant or tool.`);
}

/** The error for a content part of no known type. */
export function partTypeError(part: unknown, field: string): ConfigurationError {
  return new ConfigurationError(field, `\`${field}\` has unknown type \`${String((part as { type?: unknown }).type)}\`; use text, image_url or file.`);
}

/** A `file` part's data URL, decoded, and its declared media type (`file.format`, else the URL's). */
export function fileData(part: Extract<ChatCompletionContentPart, { type: "file" }>, field: string): { data: DataUrl; declared: string; field: string } {
  const fileField = `${field}.file.file_data`;
  if (typeof part.file?.file_data !== "string") {
    throw new ConfigurationError(fileField, `\`${fileField}\` is required: pass the document as a \`data:<media type>;base64,...\` URL (file ids are not supported on Bedrock).`);
  }
  const data = parseDataUrl(part.file.file_data, fileField);
  return { data, declared: part.file.format ?? data.mediaType, field: fileField };
}

// ---------------------------------------------------------------------------------------------------------------
// Answers made of content blocks (Converse, Claude Messages, Nova)
// ---------------------------------------------------------------------------------------------------------------

/** One content block of an answer, in a family-neutral form. */
export type AnswerBlock =
  | { text: string }
  | { thinking: string; signature?: unknown }
  | { redacted: string }
  | { tool: { id: unknown; name: unknown; input: unknown } };

/**
 * The deltas for one piece of a streamed thinking block: its text (as `reasoning_content`, and as a `thinking_blocks`
 * piece so a client can rebuild the block), its signature (a piece with empty `thinking`), or a whole redacted block.
 * An empty piece emits nothing.
 */
export function thinkingDeltas(text: unknown, signature: unknown, redacted: string | undefined): MappedDelta[] {
  if (typeof text === "string" && text !== "") return [{ reasoning_content: text, thinking_blocks: [{ type: "thinking", thinking: text }] }];
  if (typeof signature === "string" && signature !== "") return [{ thinking_blocks: [{ type: "thinking", thinking: "", signature }] }];
  return redacted ? [{ thinking_blocks: [{ type: "redacted_thinking", data: redacted }] }] : [];
}

/**
 * Content blocks → the OpenAI answer: text (and the input of the {@link RESPONSE_FORMAT_TOOL}, which is the JSON
 * answer) as `content`, reasoning as `reasoning_content` and `thinking_blocks`, other tool uses as `tool_calls`.
 * A `tool_use` stop that only delivered the JSON answer is a plain `stop`.
 */
export function blocksAnswer(blocks: readonly AnswerBlock[], stopReason: unknown, finishOf: (reason: unknown) => FinishReason, usage: CompletionUsage): MappedResponse {
  let text: string | null = null;
  let reasoning: string | undefined;
  const thinking: NonNullable<MappedResponse["thinking_blocks"]> = [];
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  let formatAnswer = false;
  for (const block of blocks) {
    if ("text" in block) text = (text ?? "") + block.text;
    else if ("thinking" in block) {
      reasoning = (reasoning ?? "") + block.thinking;
      thinking.push(typeof block.signature === "string" ? { type: "thinking", thinking: block.thinking, signature: block.signature } : { type: "thinking", thinking: block.thinking });
    } else if ("redacted" in block) thinking.push({ type: "redacted_thinking", data: block.redacted });
    else {
      const { id, name, input } = block.tool;
      if (name === RESPONSE_FORMAT_TOOL) {
        text = (text ?? "") + toolArgumentsOf(input);
        formatAnswer = true;
      } else toolCalls.push({ id: toolCallId(id, toolCalls.length), type: "function", function: { name: typeof name === "string" ? name : "", arguments: toolArgumentsOf(input) } });
    }
  }
  const result: MappedResponse = { content: text, finish_reason: formatAnswer && stopReason === "tool_use" ? "stop" : finishOf(stopReason), usage };
  if (reasoning !== undefined) result.reasoning_content = reasoning;
  if (thinking.length) result.thinking_blocks = thinking;
  if (toolCalls.length) result.tool_calls = toolCalls;
  return result;
}

/**
 * Tool-use blocks of a stream → OpenAI tool-call deltas. Tool-call `index` counts tool calls (0, 1, …), not content
 * blocks, as OpenAI clients expect; the input of the {@link RESPONSE_FORMAT_TOOL} streams as content (it is the
 * JSON answer), and then a `tool_use` stop is a plain `stop`.
 */
export function createToolStream(finishOf: (reason: unknown) => FinishReason) {
  // content block index → tool-call index (or -1 for the response-format tool).
  const byBlock = new Map<number, number>();
  let format = false;
  let count = 0;
  return {
    start(block: number, id: unknown, name: unknown): MappedDelta[] {
      const index = name === RESPONSE_FORMAT_TOOL ? -1 : count++;
      byBlock.set(block, index);
      if (index < 0) {
        format = true;
        return [];
      }
      return [{ tool_calls: [{ index, id: String(id), type: "function", function: { name: String(name), arguments: "" } }] }];
    },
    input(block: number, json: string): MappedDelta[] {
      const index = byBlock.get(block);
      return json === "" || index === undefined ? [] : index < 0 ? [{ content: json }] : [{ tool_calls: [{ index, function: { arguments: json } }] }];
    },
    finish(reason: unknown): FinishReason {
      return format && reason === "tool_use" ? "stop" : finishOf(reason);
    },
  };
}
