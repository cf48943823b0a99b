/**
 * Function tools both ways: OpenAI `tools` and `tool_choice` checked, a tool message's id, an assistant's tool calls
 * with their arguments parsed, and a model's tool input back to OpenAI `arguments` and ids. All pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { CacheControl, ChatCompletionCreateParamsBase, ChatCompletionMessageToolCall, ChatCompletionTool } from "../api/chat-types";
import { isRecord } from "../internal/is-record";

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
