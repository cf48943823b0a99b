/**
 * The shape of chat params, checked once before any download or request: every field a family mapper reads, typed
 * as OpenAI's Chat Completions reference gives it (https://platform.openai.com/docs/api-reference/chat/create), plus
 * the LiteLLM and Bedrock extensions this library reads (`thinking`, `thinking_blocks`, `cache_control`,
 * `guardrailConfig`, the Converse pass-through fields). A value of another shape is a ConfigurationError naming its
 * JSON path, e.g. `messages[3].thinking_blocks[0].signature` or `tool_choice.function.name`.
 *
 * @module
 */
import { check, stringOr, tagged, type Shape } from "./validate";

const CACHE = { cache_control: "o" };
const STRINGS = stringOr("s", "a string or an array of strings");

const PART = tagged({
  text: { "text!": "s", ...CACHE },
  image_url: { "image_url!": { "url!": "s", detail: "s", format: "s" }, ...CACHE },
  file: { "file!": { file_data: "s", file_id: "s", filename: "s", format: "s" }, ...CACHE },
});

const MESSAGE: Shape = {
  "role!": "system|developer|user|assistant|tool",
  "content?": stringOr(PART, "a string or an array of content parts"),
  name: "s",
  tool_call_id: "s",
  tool_calls: [tagged({ function: { "id!": "s", "function!": { "name!": "s", "arguments?": "s" } } })],
  // Claude's extended-thinking blocks, passed back as they came (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
  thinking_blocks: [tagged({ thinking: { "thinking!": "s", signature: "s" }, redacted_thinking: { "data!": "s" } })],
  "reasoning_content?": "s",
};

const PARAMS: Shape = {
  "messages!": [MESSAGE],
  model_id: "s",
  "temperature?": "n",
  "top_p?": "n",
  top_k: "i",
  "max_tokens?": "i",
  "max_completion_tokens?": "i",
  "stop?": STRINGS,
  "seed?": "i",
  "n?": "i",
  "presence_penalty?": "n",
  "frequency_penalty?": "n",
  "logprobs?": "b",
  "top_logprobs?": "i",
  "logit_bias?": "o",
  "stream?": "b",
  "stream_options?": { include_usage: "b" },
  tools: [tagged({ function: { "function!": { "name!": "s", description: "s", parameters: "o", "strict?": "b" }, ...CACHE } })],
  tool_choice: (value, path) => check(value, typeof value === "string" ? "none|auto|required" : tagged({ function: { "function!": { "name!": "s" } } }), path),
  parallel_tool_calls: "b",
  response_format: tagged({
    text: {},
    json_object: {},
    json_schema: { "json_schema!": { name: "s", description: "s", schema: "o", "strict?": "b" } },
  }),
  reasoning_effort: "s",
  thinking: { "type!": "s", budget_tokens: "i" },
  user: "s",
  guardrailConfig: { "guardrailIdentifier!": "s", "guardrailVersion!": "s", trace: "s", streamProcessingMode: "s" },
  drop_params: "b",
  anthropic_version: "s",
  anthropic_beta: STRINGS,
  // Converse fields passed through as they are (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
  additionalModelRequestFields: "o",
  additionalModelResponseFieldPaths: ["s"],
  performanceConfig: "o",
  promptVariables: "o",
  requestMetadata: "o",
  serviceTier: "o",
};

/**
 * Checks the shape of chat params (`messages` already known to be a non-empty array).
 *
 * @throws ConfigurationError whose `field` is the JSON path of the first malformed value
 */
export function checkChatShape(params: Record<string, unknown>): void {
  check(params, PARAMS, "");
}
