/**
 * The contract every embedding-family mapper meets. Like the chat mappers ({@link ../types}), embedding mappers are
 * pure: data in, data out, no I/O, no clock, no random. A family states how many inputs one InvokeModel call takes
 * (`maxBatch`); the OpenAI layer splits the inputs, sends the calls (bounded concurrency, see `concurrency.ts`) and
 * joins the answers in input order.
 */
import type { EmbeddingCreateParams } from "../../api/embedding-types";

export interface EmbeddingMapperOptions {
  /** Foundation-model id the family was chosen by (profile prefix kept, e.g. `us.cohere.embed-v4:0`). */
  modelId: string;
  /** Drop params the family cannot honour instead of throwing a ConfigurationError. */
  dropParams: boolean;
}

export interface EmbeddingParseOptions {
  /**
   * Token count Bedrock sent in the `X-Amzn-Bedrock-Input-Token-Count` response header. Used when the native body
   * carries none (Cohere Embed); see {@link inputTokensFromHeaders}.
   */
  invocationMetrics?: { inputTokenCount: number };
  /** The `embedding_types` the request asked for, so the parser returns the vectors of the preferred type. */
  embeddingTypes?: readonly string[];
}

/** What one InvokeModel answer contributes: one vector per input, in input order, and the tokens it billed. */
export interface MappedEmbeddings {
  vectors: number[][];
  promptTokens: number;
}

/** An embedding family on the InvokeModel route. */
export interface EmbeddingMapper {
  /** Stable family name, e.g. `"amazon-titan-embed-text-v2"`, `"cohere-embed-v3"`. */
  readonly name: string;
  /** Most inputs one call takes: 1 for Titan, 96 for Cohere Embed. */
  readonly maxBatch: number;
  /**
   * OpenAI params plus the inputs for one call (at most `maxBatch`) → the native InvokeModel body. Throws
   * ConfigurationError for params it cannot honour (unless `dropParams`).
   */
  buildRequest(inputs: readonly string[], params: EmbeddingCreateParams, options: EmbeddingMapperOptions): Record<string, unknown>;
  /** Native InvokeModel response body → vectors for `inputsCount` inputs and the billed tokens. */
  parseResponse(body: unknown, inputsCount: number, options?: EmbeddingParseOptions): MappedEmbeddings;
}
