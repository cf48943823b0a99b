/**
 * The shape of chat params, checked once before any download or request: every field a family mapper reads and
 * uses as it is, typed as OpenAI's Chat Completions reference gives it
 * (https://platform.openai.com/docs/api-reference/chat/create), plus the LiteLLM and Bedrock extensions this library
 * reads (`thinking`, `thinking_blocks`, `cache_control`, `guardrailConfig`). A value of another shape is a
 * ConfigurationError naming its JSON path, e.g. `messages[3].thinking_blocks[0].signature` or
 * `tool_choice.function.name`. Fields read only through a test that any value passes safely (`drop_params === true`,
 * `typeof anthropic_version === "string"`, `model_id` through the model-string parser) and the Converse fields passed
 * through unread (`performanceConfig`, `requestMetadata`, ...) are left to those tests and to Bedrock.
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { ConfigurationError } from "../errors";
import { check, stringOr, tagged, type Shape } from "./validate";

const CACHE = { cache_control: "o" };

const PART = tagged({
  text: { "text!": "s", ...CACHE },
  image_url: { "image_url!": { "url!": "s" }, ...CACHE },
  file: { "file!": { file_data: "s", filename: "s", format: "s" }, ...CACHE },
});

const MESSAGE: Shape = {
  "role!": "system|developer|user|assistant|tool",
  "content?": stringOr(PART, "a string or an array of content parts"),
  tool_call_id: "s",
  tool_calls: [tagged({ function: { "id!": "s", "function!": { "name!": "s", "arguments?": "s" } } })],
  // Claude's extended-thinking blocks, passed back as they came (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
  thinking_blocks: [tagged({ thinking: { "thinking!": "s", signature: "s" }, redacted_thinking: { "data!": "s" } })],
};

const PARAMS: Shape = {
  "messages!": [MESSAGE],
  "temperature?": "n",
  "top_p?": "n",
  top_k: "i",
  "max_tokens?": "i",
  "max_completion_tokens?": "i",
  "stop?": stringOr("s", "a string or an array of strings"),
  "seed?": "i",
  "n?": "i",
  "presence_penalty?": "n",
  "frequency_penalty?": "n",
  "stream?": "b",
  "stream_options?": { include_usage: "b" },
  // Each tool's type, name and JSON schema are checked by the mappers' shared tool check.
  tools: ["o"],
  tool_choice: (value, path) => check(value, typeof value === "string" ? "none|auto|required" : tagged({ function: { "function!": { "name!": "s" } } }), path),
  response_format: { "type!": "text|json_object|json_schema", json_schema: { name: "s", description: "s" } },
  reasoning_effort: "s",
  thinking: { "type!": "s", budget_tokens: "i" },
  guardrailConfig: { "guardrailIdentifier!": "s", "guardrailVersion!": "s", trace: "s", streamProcessingMode: "s" },
};

/**
 * Checks the shape of chat params (`messages` already known to be a non-empty array).
 *
 * @throws ConfigurationError whose `field` is the JSON path of the first malformed value
 */
export function checkChatShape(params: Record<string, unknown>): void {
  check(params, PARAMS, "");
}

/**
 * The checks of chat params every chat call makes first: an object, a model, messages, and every field's shape.
 * `fn` names the call in the message. @internal
 */
export function checkParams(params: ChatCompletionCreateParamsBase, fn = "completion()"): void {
  if (typeof params !== "object" || params === null) {
    throw new ConfigurationError("params", `${fn} takes an object: { model, messages, ... }.`);
  }
  if (typeof params.model !== "string" || params.model === "") {
    throw new ConfigurationError("model", "Set `model`, e.g. \"bedrock/anthropic.claude-3-haiku-20240307-v1:0\".");
  }
  if (!Array.isArray(params.messages) || params.messages.length === 0) {
    throw new ConfigurationError("messages", "`messages` must be a non-empty array of { role, content } messages.");
  }
  checkChatShape(params as unknown as Record<string, unknown>);
}
