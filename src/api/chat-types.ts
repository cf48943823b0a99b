/**
 * OpenAI Chat Completions types, field for field as OpenAI's API reference defines them
 * (https://platform.openai.com/docs/api-reference/chat), plus the LiteLLM extensions this library accepts
 * (`cache_control` on content parts, `thinking`, `drop_params`, `model_id`, provider-specific params).
 */

export type ChatRole = "system" | "developer" | "user" | "assistant" | "tool";

/** LiteLLM's prompt-caching marker: a cache point is placed after the part that carries it. */
export interface CacheControl {
  type: "ephemeral";
}

export interface ChatCompletionContentPartText {
  type: "text";
  text: string;
  cache_control?: CacheControl;
}

export interface ChatCompletionContentPartImage {
  type: "image_url";
  image_url: {
    /** A `data:image/png;base64,...` URL (png, jpeg, gif, webp) or an http(s) URL, fetched with a size cap. */
    url: string;
    detail?: "auto" | "low" | "high";
    /** Optional explicit media type, e.g. "image/png", when the URL does not say. */
    format?: string;
  };
  cache_control?: CacheControl;
}

export interface ChatCompletionContentPartFile {
  type: "file";
  file: {
    /** `data:application/pdf;base64,...` (or another document type), or an http(s) URL. */
    file_data?: string;
    file_id?: string;
    filename?: string;
    format?: string;
  };
  cache_control?: CacheControl;
}

export type ChatCompletionContentPart =
  | ChatCompletionContentPartText
  | ChatCompletionContentPartImage
  | ChatCompletionContentPartFile;

export interface ChatCompletionSystemMessageParam {
  role: "system" | "developer";
  content: string | ChatCompletionContentPartText[];
  name?: string;
}

export interface ChatCompletionUserMessageParam {
  role: "user";
  content: string | ChatCompletionContentPart[];
  name?: string;
}

export interface ChatCompletionMessageToolCall {
  id: string;
  type: "function";
  function: {
    name: string;
    /** The arguments as a JSON string, exactly as OpenAI returns them. */
    arguments: string;
  };
}

/**
 * A Claude extended-thinking block, as LiteLLM returns it: the reasoning text with the `signature` Bedrock needs to
 * accept it back in a later turn, or a redacted block's opaque `data`. In a stream, each chunk's `thinking_blocks`
 * holds one piece: thinking text as it arrives, then a piece with empty `thinking` and the block's `signature`;
 * concatenate the pieces of one block to pass it back.
 */
export type ThinkingBlock = { type: "thinking"; thinking: string; signature?: string } | { type: "redacted_thinking"; data: string };

export interface ChatCompletionAssistantMessageParam {
  role: "assistant";
  content?: string | ChatCompletionContentPartText[] | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  /** Reasoning text from an earlier turn (DeepSeek R1, Claude thinking). */
  reasoning_content?: string | null;
  /** Claude extended-thinking blocks from an earlier turn, passed back with their signatures. */
  thinking_blocks?: ThinkingBlock[];
  name?: string;
}

export interface ChatCompletionToolMessageParam {
  role: "tool";
  tool_call_id: string;
  content: string | ChatCompletionContentPartText[];
}

export type ChatCompletionMessageParam =
  | ChatCompletionSystemMessageParam
  | ChatCompletionUserMessageParam
  | ChatCompletionAssistantMessageParam
  | ChatCompletionToolMessageParam;

export interface FunctionDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

export interface ChatCompletionTool {
  type: "function";
  function: FunctionDefinition;
  cache_control?: CacheControl;
}

export type ChatCompletionToolChoiceOption =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; function: { name: string } };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean };
    };

export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

export interface ChatCompletionCreateParamsBase {
  /** `bedrock/`-prefix optional, optional route `converse/` or `invoke/`, then a model id, profile id or ARN. */
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Provisioned-throughput or application-inference-profile ARN: replaces the id in the URL only. */
  model_id?: string;
  temperature?: number | null;
  top_p?: number | null;
  /** Provider-specific: passed to the model (Converse `additionalModelRequestFields`, or the native body). */
  top_k?: number;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  n?: number | null;
  tools?: ChatCompletionTool[];
  tool_choice?: ChatCompletionToolChoiceOption;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  reasoning_effort?: ReasoningEffort;
  /** Anthropic extended thinking. */
  thinking?: { type: "enabled"; budget_tokens: number } | { type: "disabled" };
  stream_options?: { include_usage?: boolean } | null;
  user?: string;
  /** Bedrock guardrail to apply (Converse `guardrailConfig`). */
  guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string; trace?: "enabled" | "disabled" | "enabled_full"; streamProcessingMode?: "sync" | "async" };
  /** Drop params the model family cannot honour instead of throwing. @defaultValue false */
  drop_params?: boolean;
  /** Any other provider-specific field is passed through to the model. */
  [providerSpecific: string]: unknown;
}

export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  stream: true;
}
export type ChatCompletionCreateParams = ChatCompletionCreateParamsNonStreaming | ChatCompletionCreateParamsStreaming;

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens?: number };
  /** Tokens written to the prompt cache (Bedrock `cacheWriteInputTokens`). */
  cache_creation_input_tokens?: number;
  /** Tokens read from the prompt cache (Bedrock `cacheReadInputTokens`). */
  cache_read_input_tokens?: number;
}

export interface ChatCompletionMessage {
  role: "assistant";
  content: string | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
  refusal: null;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: Array<{
    index: number;
    message: ChatCompletionMessage;
    finish_reason: FinishReason;
    logprobs: null;
  }>;
  usage: CompletionUsage;
}

export interface ChatCompletionChunkToolCall {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: Array<{
    index: number;
    delta: {
      role?: "assistant";
      content?: string | null;
      reasoning_content?: string;
      /** Pieces of Claude thinking blocks (text, then the signature); see {@link ThinkingBlock}. */
      thinking_blocks?: ThinkingBlock[];
      tool_calls?: ChatCompletionChunkToolCall[];
    };
    finish_reason: FinishReason | null;
    logprobs: null;
  }>;
  /** Present on the final chunk when `stream_options.include_usage` is set (and `null` on the others). */
  usage?: CompletionUsage | null;
}
