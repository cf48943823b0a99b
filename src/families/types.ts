/**
 * The contract every model-family mapper meets. Mappers are pure: data in, data out, no I/O, no clock, no random
 * (ids and timestamps are added by the OpenAI layer). Remote `image_url`/`file` URLs have already been fetched and
 * turned into `data:` URLs by the OpenAI layer before a mapper sees the params.
 */
import type {
  ChatCompletionChunkToolCall,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageToolCall,
  CompletionUsage,
  FinishReason,
  ThinkingBlock,
} from "../api/chat-types";

export interface MapperOptions {
  /** Foundation-model id the family was chosen by (profile prefix kept, e.g. `us.anthropic.claude-...`). */
  modelId: string;
  /** Drop params the family cannot honour instead of throwing a ConfigurationError. */
  dropParams: boolean;
  /** Whether the request is for a streaming operation (some native bodies differ, e.g. Cohere `stream: true`). */
  stream: boolean;
  /**
   * Token counts Bedrock sent in the InvokeModel response headers (`X-Amzn-Bedrock-Input-Token-Count`,
   * `X-Amzn-Bedrock-Output-Token-Count`). Families whose native body carries no usage (Mistral, Cohere Command,
   * Claude v2 text completions…) report these; absent, such a family reports zeros.
   */
  invocationMetrics?: { inputTokenCount: number; outputTokenCount: number };
}

/** A complete answer, before the OpenAI layer adds `id`, `created` and `model`. */
export interface MappedResponse {
  content: string | null;
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
  tool_calls?: ChatCompletionMessageToolCall[];
  finish_reason: FinishReason;
  usage: CompletionUsage;
}

/** What one native stream event contributes; the OpenAI layer turns each into a `ChatCompletionChunk`. */
export interface MappedDelta {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  /** One piece of a thinking block: its text as it arrives (with `reasoning_content`), its signature, or a redacted block. */
  thinking_blocks?: ThinkingBlock[];
  tool_calls?: ChatCompletionChunkToolCall[];
  finish_reason?: FinishReason;
  usage?: CompletionUsage;
}

/** A stateful stream mapper: feed each decoded native event (`data` of a `chunk`, or a Converse `{type, data}`). */
export interface StreamMapper {
  /** Deltas to emit for one event, possibly none. */
  next(event: unknown): MappedDelta[];
  /** Called when the stream ended cleanly; may emit a last delta (e.g. usage). Throws if the stream was incomplete. */
  end(): MappedDelta[];
}

/** A chat family on the InvokeModel route (the model's own request and response bodies). */
export interface ChatMapper {
  /** Stable family name, e.g. `"anthropic"`, `"meta-llama"`. */
  readonly name: string;
  /** OpenAI params → the native InvokeModel body. Throws ConfigurationError for params it cannot honour. */
  buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown>;
  /** Native InvokeModel response body → answer. */
  parseResponse(body: unknown, options: MapperOptions): MappedResponse;
  /** A mapper for InvokeModelWithResponseStream events (the decoded `chunk` payloads). */
  createStreamMapper(options: MapperOptions): StreamMapper;
}
