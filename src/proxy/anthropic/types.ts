/**
 * The Messages API shapes the proxy reads and writes (https://docs.anthropic.com/en/api/messages and
 * https://docs.anthropic.com/en/api/messages-streaming), as far as the proxy looks into them. Blocks keep any other
 * member they carry (`cache_control`, `citations`, ...): Claude on Bedrock receives them as they came.
 */

/** A content block of a request or an answer: `text`, `image`, `document`, `tool_use`, `tool_result`, ... */
export type ContentBlock = Record<string, unknown> & { type: string };

/** One turn of a request. */
export interface InputMessage {
  role: "user" | "assistant";
  content: string | ContentBlock[];
}

/** A tool: a custom one (`name`, `description`, `input_schema`) or a typed Anthropic tool (`bash_20250124`, ...). */
export type Tool = Record<string, unknown> & { name: string };

/** `tool_choice`: how the model may use the tools. */
export interface ToolChoice {
  type: "auto" | "any" | "tool" | "none";
  name?: string;
  disable_parallel_tool_use?: boolean;
}

/** A request to `POST /v1/messages` (or `/v1/messages/count_tokens`, without `max_tokens`), checked. */
export interface MessagesRequest {
  /** The `model_name` of a `model_list` entry. */
  model: string;
  /** Required on `/v1/messages`; absent on `/v1/messages/count_tokens`. */
  max_tokens?: number;
  messages: InputMessage[];
  system?: string | ContentBlock[];
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  /** `{type: "enabled", budget_tokens}`, `{type: "disabled"}` or `{type: "adaptive"}`. */
  thinking?: Record<string, unknown> & { type: string };
  metadata?: Record<string, unknown>;
  stream?: boolean;
  /** Other Messages API members Claude on Bedrock takes as they are (`output_config`, `context_management`, ...). */
  passThrough: Record<string, unknown>;
  /** Beta flags from the `anthropic-beta` header (and a body's `anthropic_beta`), as sent. */
  betas: string[];
}

/** `usage` of a message. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

/** The answer of `POST /v1/messages`. */
export interface Message {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: ContentBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: Usage;
}

/** One streaming event: `message_start`, `content_block_start`, `content_block_delta`, `ping`, ... */
export type StreamEvent = Record<string, unknown> & { type: string };
