/**
 * OpenAI `response_format` (JSON answers) on Bedrock: the schema is given to a forced tool, whose input is the
 * answer. Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";

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
