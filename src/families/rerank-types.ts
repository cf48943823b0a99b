/**
 * The rerank params and answer in Cohere's shape, as LiteLLM's `rerank()` and its proxy's `/rerank` take and return
 * them (https://docs.cohere.com/reference/rerank; LiteLLM: "follows the cohere API format for the re rank API").
 *
 * @module
 */

/** A document to rerank: a text, or a JSON object (sent to Bedrock as a JSON document). */
export type RerankDocumentInput = string | Record<string, unknown>;

/** The params of `rerank()`. */
export interface RerankParams {
  /**
   * `[bedrock/][invoke/]<model>`: a reranker's foundation-model id (`amazon.rerank-v1:0`, `cohere.rerank-v3-5:0`) or
   * its ARN (`arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0`). The default route is Bedrock's Rerank
   * API (Agent Runtime); `invoke/` sends Cohere's own body to InvokeModel (Cohere models only).
   */
  model: string;
  /** The query the documents are scored against. */
  query: string;
  /** The documents, 1 to 1,000 on the Rerank API. */
  documents: RerankDocumentInput[];
  /** How many results to return, best first. @defaultValue all documents */
  top_n?: number | null;
  /** Whether each result carries its document. @defaultValue false */
  return_documents?: boolean | null;
  /** Cohere's truncation of each document, in tokens (Cohere models). */
  max_tokens_per_doc?: number | null;
  /** Cohere's v1 `rank_fields`: no Bedrock reranker takes it (refused unless `drop_params`). */
  rank_fields?: string[] | null;
  /** Cohere's v1 `max_chunks_per_doc`: no Bedrock reranker takes it (refused unless `drop_params`). */
  max_chunks_per_doc?: number | null;
  /** On the `invoke/` route, replaces the id in the URL (a provisioned-throughput ARN); not on the Rerank API. */
  model_id?: string;
  /** Drop the params Bedrock cannot honour instead of throwing. @defaultValue false */
  drop_params?: boolean;
  /** Any other field is provider-specific: sent to the model (`additionalModelRequestFields`, or Cohere's body). */
  [providerSpecific: string]: unknown;
}

/** One scored document. */
export interface RerankResult {
  /** The document's position in `documents`. */
  index: number;
  relevance_score: number;
  /** With `return_documents: true`: `{ text }` for a text, the object itself for an object. */
  document?: { text: string } | Record<string, unknown>;
}

/** The answer of `rerank()`: results best first. */
export interface RerankResponse {
  id: string;
  results: RerankResult[];
  meta: {
    /** Input tokens, when Bedrock reports them (InvokeModel's `X-Amzn-Bedrock-Input-Token-Count`). */
    tokens?: { input_tokens: number };
  };
}
