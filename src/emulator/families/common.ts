/**
 * Readers shared by the family modules: text out of the many content shapes, the last user turn, numbers.
 */
import type { Prompt, ToolSpec } from "../types";

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

/** Prompt fields from a single prompt string (legacy text-completion bodies). */
export function fromPrompt(prompt: unknown): Pick<Prompt, "lastUserText" | "allText" | "hasToolResult"> {
  const text = typeof prompt === "string" ? prompt : "";
  return { lastUserText: lastUserTurn(text), allText: text, hasToolResult: false };
}

const LLAMA3_USER = "<|start_header_id|>user<|end_header_id|>";

/**
 * The last user turn of a text prompt in the families' templates: Claude's `\n\nHuman: … \n\nAssistant:`, Llama 3's
 * header-id turns (up to `<|eot_id|>`), and Llama 2 / Mistral `[INST] … [/INST]` (without a `<<SYS>>` block).
 */
function lastUserTurn(text: string): string {
  let last = text;
  const human = text.lastIndexOf("Human:");
  const llama3 = text.lastIndexOf(LLAMA3_USER);
  const inst = text.lastIndexOf("[INST]");
  if (human >= 0) {
    last = text.slice(human + "Human:".length);
    const assistant = last.indexOf("Assistant:");
    if (assistant >= 0) last = last.slice(0, assistant);
  } else if (llama3 >= 0) {
    last = text.slice(llama3 + LLAMA3_USER.length);
    const end = last.indexOf("<|eot_id|>");
    if (end >= 0) last = last.slice(0, end);
  } else if (inst >= 0) {
    last = text.slice(inst + "[INST]".length);
    const end = last.indexOf("[/INST]");
    if (end >= 0) last = last.slice(0, end);
    last = last.replace(/<<SYS>>[\s\S]*?<<\/SYS>>/, " ");
  }
  return last.replace(/<\|[^|]*\|>|\[\/?INST\]|<\/?s>/g, " ").trim();
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
