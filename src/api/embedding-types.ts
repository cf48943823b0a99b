/**
 * OpenAI Embeddings types, field for field as OpenAI's API reference defines them
 * (https://platform.openai.com/docs/api-reference/embeddings), plus the LiteLLM extensions this library accepts for
 * Bedrock models (`model_id`, `input_type`, `truncate`, `embedding_types`, `normalize`, `batch`, `drop_params`,
 * provider-specific params passed through to the native body).
 */

/** `float` returns `number[]`; `base64` returns the little-endian float32 bytes of each vector, base64-encoded. */
export type EmbeddingEncodingFormat = "float" | "base64";

/** Cohere Embed's `input_type`: how the text will be used (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html). */
export type CohereInputType = "search_document" | "search_query" | "classification" | "clustering" | "image";

/** Cohere Embed's `truncate`: what to cut when a text is longer than the model's context. */
export type CohereTruncate = "NONE" | "START" | "END";

export interface EmbeddingCreateParams {
  /** `bedrock/`-prefix optional, optional route `invoke/`, then a model id or inference-profile id. */
  model: string;
  /**
   * One text or a list of texts. OpenAI also accepts token arrays (`number[]`, `number[][]`); Bedrock models take
   * text only, so those are rejected with a ConfigurationError. Titan Multimodal also accepts `data:image/...` URLs.
   */
  input: string | string[] | number[] | number[][];
  /** Output vector length, where the model lets you choose (Titan v2, Titan Multimodal, Cohere Embed v4). */
  dimensions?: number;
  /** @defaultValue "float" */
  encoding_format?: EmbeddingEncodingFormat;
  /** Accepted for OpenAI compatibility; Bedrock has no end-user field, so it is not sent. */
  user?: string;
  /** Provisioned-throughput or application-inference-profile ARN: replaces the id in the URL only. */
  model_id?: string;
  /** Cohere: how the texts will be used. @defaultValue "search_document" (as LiteLLM sends) */
  input_type?: CohereInputType | (string & {});
  /** Cohere: truncation of over-long texts. */
  truncate?: CohereTruncate | (string & {});
  /**
   * Cohere: `float`, `int8`, `uint8`, `binary`, `ubinary`; Titan v2: `float`, `binary`. The vectors returned are the
   * `float` ones when requested, otherwise the first type listed.
   */
  embedding_types?: string[];
  /** Titan v2: normalise the output vector. The model's default is `true`. */
  normalize?: boolean;
  /**
   * Split more inputs than one call takes (Cohere: 96 texts) into several calls. `false` makes an oversized request
   * a ConfigurationError instead. Titan always takes one text per call, so it is always split. @defaultValue true
   */
  batch?: boolean;
  /** Drop params the model family cannot honour instead of throwing. @defaultValue false */
  drop_params?: boolean;
  /** Any other provider-specific field is passed through to the model's native body. */
  [providerSpecific: string]: unknown;
}

export interface Embedding {
  object: "embedding";
  /** Position of the input this vector belongs to. */
  index: number;
  /** The vector, or its little-endian float32 bytes in base64 when `encoding_format: "base64"`. */
  embedding: number[] | string;
}

export interface EmbeddingUsage {
  prompt_tokens: number;
  total_tokens: number;
}

export interface CreateEmbeddingResponse {
  object: "list";
  data: Embedding[];
  model: string;
  usage: EmbeddingUsage;
}
