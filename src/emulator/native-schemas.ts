/**
 * The request-body schema of each model family, as Bedrock checks it (see native-schema.ts for the wording): the
 * members each family's model-parameters page documents, their JSON types and ranges, which are required, and no
 * others at the top level. Pages (https://docs.aws.amazon.com/bedrock/latest/userguide/…):
 * model-parameters-anthropic-claude-messages-request-response.html, model-parameters-anthropic-claude-text-completion.html,
 * model-parameters-titan-text.html, model-parameters-titan-embed-text.html, model-parameters-titan-embed-mm.html,
 * https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html, model-parameters-meta.html,
 * model-parameters-mistral-text-completion.html, model-parameters-mistral-chat-completion.html,
 * model-parameters-deepseek.html, model-parameters-cohere-command.html, model-parameters-cohere-command-r-plus.html,
 * model-parameters-embed.html, model-parameters-jurassic2.html, model-parameters-jamba.html,
 * model-parameters-openai.html. Every recorded request in `exchanges/` that Bedrock answered 200 fits its schema here
 * (the members the recordings show beyond a page, such as Nova's camel-case `topP`/`maxTokens` in `inferenceConfig`
 * and Cohere Command's `stream`, are allowed).
 */
import { MODELS } from "./catalog-data";
import type { NativeSchema } from "./native-schema";

type Props = Record<string, NativeSchema>;

const str: NativeSchema = { type: "string" };
const int: NativeSchema = { type: "integer" };
const num: NativeSchema = { type: "number" };
const bool: NativeSchema = { type: "boolean" };
const any: NativeSchema = { type: "any" };
const obj: NativeSchema = { type: "object", additional: true };
const list: NativeSchema = { type: "array" };
const strings: NativeSchema = { type: "array", items: str };
const unit: NativeSchema = { type: "number", minimum: 0, maximum: 1 };
const positive: NativeSchema = { type: "integer", minimum: 1 };

function body(properties: Props, required: readonly string[]): NativeSchema {
  return { type: "object", properties, required };
}

const ANTHROPIC_MESSAGES: Props = {
  anthropic_version: str, anthropic_beta: strings, max_tokens: positive, messages: list,
  system: { type: "oneOf", of: ["string", "array"] }, temperature: unit, top_p: unit, top_k: { type: "integer", minimum: 0 },
  stop_sequences: strings, tools: { type: "array", items: obj },
  tool_choice: { type: "object", properties: { type: { type: "string", enum: ["auto", "any", "tool", "none"] }, name: str, disable_parallel_tool_use: bool } },
  metadata: obj, output_config: obj, output_format: obj, context_management: obj,
};

// `thinking` only for the models with extended thinking.
function anthropicMessages(id: string): NativeSchema {
  return body(MODELS.get(id)?.features?.reasoning === false ? ANTHROPIC_MESSAGES : { ...ANTHROPIC_MESSAGES, thinking: obj }, ["anthropic_version", "max_tokens", "messages"]);
}

const NOVA_CONTENT: NativeSchema = { type: "object", properties: { text: str, image: obj, video: obj, document: obj, toolUse: obj, toolResult: obj, cachePoint: obj, reasoningContent: obj } };
const NOVA: Props = {
  schemaVersion: str,
  system: { type: "array", items: obj },
  messages: { type: "array", items: body({ role: { type: "string", enum: ["user", "assistant"] }, content: { type: "array", items: NOVA_CONTENT } }, ["role", "content"]) },
  inferenceConfig: { type: "object", additional: true, properties: { max_new_tokens: positive, maxTokens: positive, temperature: num, top_p: num, topP: num, top_k: int, topK: int, stopSequences: strings, reasoningConfig: obj } },
  toolConfig: { type: "object", properties: { tools: { type: "array", items: obj }, toolChoice: obj } },
  // A Nova answer recorded by opentelemetry-js-contrib took a Titan-style `inputText` (exchanges/amazon-nova/invoke/).
  inputText: str,
};

const OPENAI_CHAT: Props = {
  messages: list, max_tokens: positive, max_completion_tokens: positive, temperature: num, top_p: num, stop: { type: "oneOf", of: ["string", "array"] },
  stream: bool, stream_options: obj, tools: { type: "array", items: obj }, tool_choice: { type: "oneOf", of: ["string", "object"] },
  parallel_tool_calls: bool, reasoning_effort: str, response_format: obj, seed: int, n: positive, frequency_penalty: num,
  presence_penalty: num, logit_bias: obj, logprobs: bool, top_logprobs: int, user: str, include_reasoning: bool,
};

const SCHEMAS: Record<string, NativeSchema | ((modelId: string) => NativeSchema)> = {
  anthropic: anthropicMessages,
  // Only Claude v2 and Instant take text completions; a later Claude is held to the Messages API body.
  "anthropic-text": (id) => /claude-(v1|v2|instant)/.test(id)
    ? body({ prompt: str, max_tokens_to_sample: int, temperature: unit, top_p: unit, top_k: int, stop_sequences: strings, anthropic_version: str }, ["prompt", "max_tokens_to_sample"])
    : anthropicMessages(id),
  "amazon-titan-text": body({ inputText: str, textGenerationConfig: { type: "object", properties: { temperature: unit, topP: unit, maxTokenCount: positive, stopSequences: strings } } }, ["inputText"]),
  // Extended thinking (`reasoningConfig`) only for the Nova models that have it (Nova 2).
  "amazon-nova": (id) => body(MODELS.get(id)?.features?.reasoning === false ? NOVA : { ...NOVA, reasoningConfig: obj }, []),
  "amazon-titan-embed": (id) => id.includes("embed-image")
    ? body({ inputText: str, inputImage: str, embeddingConfig: { type: "object", properties: { outputEmbeddingLength: { type: "integer", enum: [256, 384, 1024] } } } }, [])
    : body({ inputText: str, dimensions: { type: "integer", enum: [256, 512, 1024] }, normalize: bool, embeddingTypes: { type: "array", items: { type: "string", enum: ["float", "binary"] } } }, ["inputText"]),
  "cohere-embed": body({ texts: strings, images: strings, inputs: list, input_type: { type: "string", enum: ["search_document", "search_query", "classification", "clustering", "image"] },
    truncate: { type: "string", enum: ["NONE", "START", "END", "LEFT", "RIGHT"] }, embedding_types: strings, output_dimension: int, max_tokens: positive }, ["input_type"]),
  // Llama 3 and earlier cap `max_gen_len` at 2048 (Bedrock: "#/max_gen_len: 8192 is not less or equal to 2048").
  "meta-llama": (id) => body({ prompt: str, temperature: unit, top_p: unit, images: strings,
    max_gen_len: /llama(2|3-(8|70)b)/.test(id) ? { type: "integer", minimum: 1, maximum: 2048 } : positive }, ["prompt"]),
  mistral: (id) => /mistral-large-(?!2402)|pixtral/.test(id)
    ? body({ messages: list, max_tokens: positive, temperature: unit, top_p: unit, stop: { type: "oneOf", of: ["string", "array"] }, tools: list,
      tool_choice: { type: "oneOf", of: ["string", "object"] }, response_format: obj, random_seed: int, safe_prompt: bool }, ["messages"])
    : body({ prompt: str, max_tokens: positive, stop: strings, temperature: unit, top_p: unit, top_k: { type: "integer", minimum: 0 } }, ["prompt"]),
  deepseek: body({ prompt: str, max_tokens: positive, temperature: unit, top_p: unit, stop: strings }, ["prompt"]),
  "cohere-command": body({ prompt: str, temperature: num, p: num, k: int, max_tokens: positive, stop_sequences: strings, return_likelihoods: str,
    stream: bool, num_generations: { type: "integer", minimum: 1, maximum: 5 }, logit_bias: obj, truncate: str }, ["prompt"]),
  "cohere-command-r": body({ message: str, chat_history: list, documents: list, search_queries_only: bool, preamble: str, max_tokens: positive,
    temperature: num, p: num, k: int, prompt_truncation: str, frequency_penalty: num, presence_penalty: num, seed: int, return_prompt: bool,
    tools: list, tool_results: list, stop_sequences: strings, raw_prompting: bool }, ["message"]),
  "ai21-j2": body({ prompt: str, temperature: num, topP: num, maxTokens: int, stopSequences: strings, countPenalty: obj, presencePenalty: obj, frequencyPenalty: obj }, ["prompt"]),
  "ai21-jamba": body({ messages: list, n: positive, max_tokens: positive, temperature: num, top_p: num, stop: { type: "oneOf", of: ["string", "array"] },
    frequency_penalty: num, presence_penalty: num, tools: list, tool_choice: any, response_format: obj, documents: list }, ["messages"]),
  "cohere-rerank": body({ query: str, documents: list, top_n: positive, api_version: int, max_tokens_per_doc: positive }, ["query", "documents"]),
  "openai-chat": (id) => /^openai\./.test(id) ? body(OPENAI_CHAT, ["messages"]) : { type: "object", additional: true, properties: OPENAI_CHAT, required: ["messages"] },
};

/**
 * The schema of a family's body for `baseModelId` (the foundation-model id, for the families whose limits differ by
 * model), or undefined for a family the emulator does not check (images, Marketplace endpoints).
 */
export function nativeSchema(family: string, baseModelId: string): NativeSchema | undefined {
  const schema = SCHEMAS[family];
  return typeof schema === "function" ? schema(baseModelId) : schema;
}

// The tool types Claude on Bedrock accepts, as its refusal of a server tool lists them (recorded in
// exchanges/errors/count-tokens/: "tools.0: Input tag 'web_search_20250305' found using 'type' does not match any of
// the expected tags: …"). Computer-use tools are accepted too (Anthropic's computer-use beta on Bedrock).
const CLAUDE_TOOL_TAGS = ["bash_20250124", "custom", "text_editor_20250124", "text_editor_20250429", "text_editor_20250728"];

/** Claude's refusal of a tool of a type it does not serve on Bedrock (a server tool such as web search), if any. */
export function claudeToolTypeError(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.tools)) return undefined;
  for (const [i, tool] of body.tools.entries()) {
    const type = typeof tool === "object" && tool !== null ? (tool as Record<string, unknown>).type : undefined;
    if (typeof type !== "string" || CLAUDE_TOOL_TAGS.includes(type) || /^(bash|text_editor|computer)_\d{8}$/.test(type)) continue;
    return `tools.${i}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${CLAUDE_TOOL_TAGS.map((t) => `'${t}'`).join(", ")}`;
  }
  return undefined;
}
