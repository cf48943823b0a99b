/**
 * Readers shared by the family modules: text out of the many content shapes, the last user turn, numbers.
 */
import type { Prompt, ToolChoice, ToolSpec } from "../types";
import { lastUserTurn } from "./templates";

type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Text of a content value: a string, a block `{text}`/`{type:"text",text}`, or an array of those. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map(textOf).filter((t) => t !== "").join(" ");
  if (isObject(content)) {
    if (typeof content.text === "string") return content.text;
    if (isObject(content.text)) return textOf(content.text); // apply-guardrail's {text: {text}}
    if (content.content !== undefined) return textOf(content.content); // tool results
    if (typeof content.message === "string") return content.message;
  }
  return "";
}

/** Whether a content value holds a tool result (Anthropic `tool_result`, Converse/Nova `toolResult`). */
export function hasToolResult(content: unknown): boolean {
  if (!Array.isArray(content)) return false;
  return content.some((b) => isObject(b) && (b.type === "tool_result" || "toolResult" in b));
}

/** A finite number or `undefined`. */
export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** An array of strings or `[]`. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

/** Prompt fields from a `messages` array with `role` and `content` (Anthropic, Nova, Converse, OpenAI-like). */
export function fromMessages(messages: unknown, system: unknown): Pick<Prompt, "lastUserText" | "allText" | "hasToolResult"> {
  const list = Array.isArray(messages) ? messages.filter(isObject) : [];
  const last = [...list].reverse().find((m) => m.role === "user" || m.role === "tool");
  const allText = [textOf(system), ...list.map((m) => textOf(m.content))].filter((t) => t !== "").join("\n");
  return {
    lastUserText: last === undefined ? "" : textOf(last.content),
    allText,
    hasToolResult: last !== undefined && (last.role === "tool" || hasToolResult(last.content)),
  };
}

/** Prompt fields from a single prompt string (text-completion bodies in a model's chat template). */
export function fromPrompt(prompt: unknown): Pick<Prompt, "lastUserText" | "allText" | "hasToolResult"> {
  const text = typeof prompt === "string" ? prompt : "";
  return { lastUserText: lastUserTurn(text), allText: text, hasToolResult: false };
}

/** Tools in the Converse/Nova shape `{tools: [{toolSpec: {name, description, inputSchema: {json}}}]}`. */
export function converseTools(toolConfig: unknown): ToolSpec[] {
  if (!isObject(toolConfig) || !Array.isArray(toolConfig.tools)) return [];
  return toolConfig.tools.filter(isObject).flatMap((t) => {
    const spec = t.toolSpec;
    if (!isObject(spec) || typeof spec.name !== "string") return [];
    const schema = isObject(spec.inputSchema) ? spec.inputSchema.json : undefined;
    return [{ name: spec.name, description: typeof spec.description === "string" ? spec.description : "", schema }];
  });
}

/** Tools in the OpenAI shape `[{type: "function", function: {name, description, parameters}}]`. */
export function openAiTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((t) => {
    const fn = isObject(t.function) ? t.function : t;
    if (typeof fn.name !== "string") return [];
    return [{ name: fn.name, description: typeof fn.description === "string" ? fn.description : "", schema: fn.parameters }];
  });
}

/** The model name without provider and version suffix: `anthropic.claude-3-5-sonnet-20240620-v1:0` → `claude-3-5-sonnet-20240620`. */
export function shortModelName(modelId: string): string {
  const base = modelId.slice(modelId.lastIndexOf("/") + 1);
  const noRegion = base.replace(/^(us|eu|apac|global|us-gov|jp|au|ca)\./, "");
  const noProvider = noRegion.slice(noRegion.indexOf(".") + 1);
  return noProvider.replace(/-v\d+(:\d+)?$/, "").replace(/:\d+$/, "");
}

/**
 * The JSON Schema of Converse structured output, `outputConfig.textFormat: {type: "json_schema", structure:
 * {jsonSchema: {schema: "<JSON text>"}}}` (service model `OutputFormat`), if the request asks for it.
 */
export function structuredOutputSchema(outputConfig: unknown): unknown {
  const format = isObject(outputConfig) && isObject(outputConfig.textFormat) ? outputConfig.textFormat : undefined;
  const json = format?.type === "json_schema" && isObject(format.structure) && isObject(format.structure.jsonSchema) ? format.structure.jsonSchema : undefined;
  if (typeof json?.schema !== "string") return undefined;
  try {
    return JSON.parse(json.schema) as unknown;
  } catch {
    return undefined;
  }
}

/** Converse/Nova `toolConfig.toolChoice`: `{auto: {}}`, `{any: {}}` or `{tool: {name}}`. */
export function converseToolChoice(toolConfig: unknown): ToolChoice | undefined {
  const choice = isObject(toolConfig) && isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : undefined;
  if (choice === undefined) return undefined;
  if (isObject(choice.tool) && typeof choice.tool.name === "string") return { type: "tool", name: choice.tool.name };
  if (choice.any !== undefined) return { type: "any" };
  return { type: "auto" };
}

/** Anthropic `tool_choice`: `{type: "auto" | "any" | "none"}` or `{type: "tool", name}`. */
export function anthropicToolChoice(choice: unknown): ToolChoice | undefined {
  if (!isObject(choice)) return undefined;
  if (choice.type === "tool" && typeof choice.name === "string") return { type: "tool", name: choice.name };
  if (choice.type === "any" || choice.type === "none") return { type: choice.type };
  return { type: "auto" };
}

/**
 * OpenAI-style `tool_choice` (gpt-oss, Jamba, Mistral chat): `"auto"`, `"none"`, `"required"` (Mistral: `"any"`) or
 * `{type: "function", function: {name}}`.
 */
export function openAiToolChoice(choice: unknown): ToolChoice | undefined {
  if (choice === "none") return { type: "none" };
  if (choice === "required" || choice === "any") return { type: "any" };
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === "string") return { type: "tool", name: choice.function.name };
  return choice === undefined ? undefined : { type: "auto" };
}
