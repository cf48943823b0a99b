/**
 * The emulator's "model": a deterministic answer derived from the prompt, so tests and demos can predict it.
 *
 * Rules (documented for users of the emulator):
 * - The answer text is `Echo: <first 12 words of the last user message>. ` followed by a fixed explanatory
 *   sentence, long enough to arrive over several stream chunks.
 * - Tokens are whitespace-separated words. A max-tokens limit keeps that many words and stops with the
 *   family's max-tokens reason; a stop sequence found in the text cuts it there.
 * - Tools are called as the request's tool choice says. `auto` (the default): when the last user text names a tool
 *   (its name, or its name with `_`/`-` read as spaces) or contains a word of five letters or more from its
 *   description, the answer is a call to that tool; a user turn that carries a tool result gets a text answer
 *   instead, so agent loops terminate. `any`: always a call, of the tool the text asks for or else the first.
 *   `tool`: a call of the named tool. `none`: text only. A forced call comes without text, as Claude answers one.
 *   Arguments fit the tool's JSON Schema (see {@link argumentsFromSchema}).
 * - A request for structured output (a JSON Schema the text must fit) is answered with a JSON object that fits it,
 *   built by the same rules.
 */
import { argumentsFromSchema } from "./tool-arguments";
import type { Generation, Prompt, ToolCall, ToolSpec } from "./types";

const TAIL =
  "This answer comes from the bedrock-fetch emulator, which repeats the start of your message so that tests can predict every word it streams back.";

/** Words of `text` (its tokens, for the emulator's purposes). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

/** Token count the emulator reports for `text`: one per word, at least one. */
export function countTokens(text: string): number {
  return Math.max(1, words(text).length);
}

/** A short stable hash (FNV-1a), used for ids, colours and embeddings. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable id-like string from `text`. */
export function stableId(text: string, length = 24): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  let h = hash32(text);
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + i * 0x9e3779b9) >>> 0;
    out += alphabet[h % alphabet.length];
  }
  return out;
}

/** A stable UUID-shaped string from `text`. */
export function stableUuid(text: string): string {
  const hexOf = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  const a = hexOf(hash32(text, 1));
  const b = hexOf(hash32(text, 2));
  const c = hexOf(hash32(text, 3));
  const d = hexOf(hash32(text, 4));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const STOPWORDS = new Set(["about", "their", "there", "which", "would", "could", "should", "these", "those", "given", "returns", "return"]);

/** The tool the last user text asks for, by the rule in this module's comment. */
export function pickTool(prompt: Prompt): ToolSpec | undefined {
  if (prompt.tools.length === 0 || prompt.hasToolResult) return undefined;
  const text = prompt.lastUserText.toLowerCase();
  const textWords = new Set(words(text.replace(/[^a-z0-9_\- ]/g, " ")));
  for (const tool of prompt.tools) {
    const name = tool.name.toLowerCase();
    if (text.includes(name) || text.includes(name.replace(/[_-]/g, " "))) return tool;
  }
  for (const tool of prompt.tools) {
    const described = words(tool.description.toLowerCase().replace(/[^a-z0-9 ]/g, " "));
    if (described.some((w) => w.length >= 5 && !STOPWORDS.has(w) && textWords.has(w))) return tool;
  }
  return undefined;
}

/** Splits `text` into stream pieces of about three words each (whitespace kept with the following word). */
export function splitPieces(text: string): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += 3) pieces.push(tokens.slice(i, i + 3).join(""));
  return pieces.length > 0 ? pieces : [text];
}

/** The tool the answer calls under the prompt's tool choice, and whether the call was forced. */
export function chooseTool(prompt: Prompt): { tool: ToolSpec; forced: boolean } | undefined {
  const choice = prompt.toolChoice ?? { type: "auto" };
  if (choice.type === "none" || prompt.tools.length === 0) return undefined;
  if (choice.type === "tool") {
    const tool = prompt.tools.find((t) => t.name === choice.name);
    return tool === undefined ? undefined : { tool, forced: true };
  }
  if (choice.type === "any") return { tool: pickTool({ ...prompt, hasToolResult: false }) ?? prompt.tools[0]!, forced: true };
  const tool = pickTool(prompt);
  return tool === undefined ? undefined : { tool, forced: false };
}

/** Answers `prompt` deterministically. */
export function generate(prompt: Prompt, modelId: string): Generation {
  const inputTokens = countTokens(prompt.allText);
  const id = stableId(`${modelId}\n${prompt.allText}`);
  const chosen = chooseTool(prompt);
  if (chosen !== undefined) {
    const { tool, forced } = chosen;
    const call: ToolCall = { id: `tooluse_${id.slice(0, 22)}`, name: tool.name, input: argumentsFromSchema(tool.schema, prompt.lastUserText) };
    const text = forced ? "" : `I will call ${tool.name}.`;
    return { text, pieces: text === "" ? [] : splitPieces(text), toolCalls: [call], stop: "tool_use", stopSequence: undefined,
      inputTokens, outputTokens: (text === "" ? 0 : countTokens(text)) + countTokens(JSON.stringify(call.input)), id };
  }
  if (prompt.responseSchema !== undefined) {
    const text = JSON.stringify(argumentsFromSchema(prompt.responseSchema, prompt.lastUserText));
    const pieces = text.match(/[\s\S]{1,16}/g) ?? [text];
    return { text, pieces, toolCalls: [], stop: "end", stopSequence: undefined, inputTokens, outputTokens: countTokens(text), id };
  }
  const echo = words(prompt.lastUserText).slice(0, 12).join(" ").replace(/[.?!]+$/, "");
  let text = prompt.hasToolResult
    ? `Based on the tool result: ${echo}. ${TAIL}`
    : `Echo: ${echo === "" ? "(empty)" : echo}. ${TAIL}`;
  let stop: Generation["stop"] = "end";
  let stopSequence: string | undefined;
  for (const seq of prompt.stopSequences) {
    const at = seq === "" ? -1 : text.indexOf(seq);
    if (at >= 0) {
      text = text.slice(0, at);
      stop = "stop_sequence";
      stopSequence = seq;
    }
  }
  if (prompt.maxTokens !== undefined && countTokens(text) > prompt.maxTokens) {
    const kept = text.match(/\s*\S+/g)!.slice(0, Math.max(0, prompt.maxTokens));
    text = kept.join("");
    stop = "max_tokens";
    stopSequence = undefined;
  }
  return { text, pieces: splitPieces(text), toolCalls: [], stop, stopSequence, inputTokens,
    outputTokens: text === "" ? 0 : countTokens(text), id };
}
