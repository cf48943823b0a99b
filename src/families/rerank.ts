/**
 * Rerank params in Cohere's shape (./rerank-types.ts) → the two request bodies Bedrock takes, and their answers →
 * Cohere's results. All pure.
 *
 * - The Rerank API (Agent Runtime, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Rerank.html):
 *   one TEXT query, INLINE sources (TEXT or JSON documents), `numberOfResults` and the model's ARN; answers
 *   `results: [{ index, relevanceScore }]`.
 * - Cohere Rerank on InvokeModel (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-rerank.html):
 *   `{ query, documents, top_n, api_version, max_tokens_per_doc }`, where Bedrock requires `api_version` 2 or more
 *   ("#/api_version: 1 is not greater or equal to 2"); answers `results: [{ index, relevance_score }]`
 *   (recorded in exchanges/cohere-rerank/).
 *
 * @module
 */
import { LITELLM_AUTH_PARAMS } from "../api/auth-params";
import { ConfigurationError } from "../errors";
import { isRecord } from "../internal/is-record";
import { invalidResponse } from "./invalid-response";
import { extraParams, unsupported } from "./params";
import type { RerankDocumentInput, RerankParams, RerankResult } from "./rerank-types";

/** Which Bedrock API a rerank goes to. */
export type RerankApi = "rerank" | "invoke";

/** Checked params, ready for either body. */
export interface RerankPlan {
  query: string;
  documents: RerankDocumentInput[];
  /** `top_n`, at most the number of documents; undefined when not given. */
  topN: number | undefined;
  returnDocuments: boolean;
  /** `max_tokens_per_doc` and the provider-specific params, for the model. */
  modelFields: Record<string, unknown>;
}

// The Rerank API's limits: `sources` holds 1 to 1,000 items and a RerankTextDocument 1 to 32,000 characters
// (API_agent-runtime_Rerank.html, API_agent-runtime_RerankTextDocument.html).
const MAX_SOURCES = 1000;
const MAX_TEXT = 32_000;

// What this layer reads; anything else is provider-specific and goes to the model. Auth and connection params never do.
const KNOWN: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "model", "query", "documents", "top_n", "return_documents", "max_tokens_per_doc", "rank_fields", "max_chunks_per_doc",
  "model_id", "drop_params", "api_base", "timeout", "metadata", ...LITELLM_AUTH_PARAMS,
]);

const positiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;

/**
 * Checks rerank params for `api` and plans the request.
 *
 * @throws ConfigurationError naming the field to fix (`query`, `documents[3]`, `top_n`, ...); `rank_fields` and
 *   `max_chunks_per_doc` (Cohere's v1 params, which no Bedrock reranker takes) unless `drop_params`
 */
export function planRerank(params: RerankParams, api: RerankApi): RerankPlan {
  if (!isRecord(params)) throw new ConfigurationError("params", "rerank() takes an object: { model, query, documents, top_n? }.");
  const dropParams = params.drop_params === true;
  const { query, documents } = params;
  if (typeof query !== "string" || query === "") throw new ConfigurationError("query", "`query` must be a non-empty string.");
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new ConfigurationError("documents", "`documents` must be a non-empty array of strings or JSON objects.");
  }
  const limited = api === "rerank";
  if (limited && documents.length > MAX_SOURCES) {
    throw new ConfigurationError("documents", `Bedrock's Rerank API takes at most ${MAX_SOURCES} documents per request; got ${documents.length}. Split them into several requests.`);
  }
  if (limited && query.length > MAX_TEXT) throw new ConfigurationError("query", `\`query\` must be at most ${MAX_TEXT} characters on Bedrock's Rerank API.`);
  documents.forEach((doc, i) => {
    if (typeof doc === "string" ? doc === "" || (limited && doc.length > MAX_TEXT) : !isRecord(doc)) {
      throw new ConfigurationError(
        `documents[${i}]`,
        `\`documents[${i}]\` must be a non-empty string${limited ? ` of at most ${MAX_TEXT} characters` : ""} or a JSON object.`,
      );
    }
  });
  const topN = params.top_n ?? undefined;
  if (topN !== undefined && !positiveInteger(topN)) throw new ConfigurationError("top_n", "`top_n` must be a positive integer.");
  const returnDocuments = params.return_documents ?? false;
  if (typeof returnDocuments !== "boolean") throw new ConfigurationError("return_documents", "`return_documents` must be true or false.");
  const maxTokens = params.max_tokens_per_doc ?? undefined;
  if (maxTokens !== undefined && !positiveInteger(maxTokens)) {
    throw new ConfigurationError("max_tokens_per_doc", "`max_tokens_per_doc` must be a positive integer.");
  }
  for (const name of ["rank_fields", "max_chunks_per_doc"] as const) {
    if (params[name] != null) unsupported(name, "Bedrock's rerankers", dropParams, "It is a parameter of Cohere's v1 Rerank API only.");
  }
  const modelFields = extraParams(params, KNOWN);
  if (maxTokens !== undefined) modelFields.max_tokens_per_doc = maxTokens;
  return { query, documents, topN: topN === undefined ? undefined : Math.min(topN, documents.length), returnDocuments, modelFields };
}

/** The Rerank API's request for a plan and the model's ARN. */
export function rerankApiRequest(plan: RerankPlan, modelArn: string): Record<string, unknown> {
  const modelConfiguration: Record<string, unknown> = { modelArn };
  if (Object.keys(plan.modelFields).length) modelConfiguration.additionalModelRequestFields = plan.modelFields;
  return {
    queries: [{ type: "TEXT", textQuery: { text: plan.query } }],
    sources: plan.documents.map((doc) => ({
      type: "INLINE",
      inlineDocumentSource: typeof doc === "string" ? { type: "TEXT", textDocument: { text: doc } } : { type: "JSON", jsonDocument: doc },
    })),
    rerankingConfiguration: {
      type: "BEDROCK_RERANKING_MODEL",
      // LiteLLM sends every document's score when `top_n` is not given; so does this.
      bedrockRerankingConfiguration: { numberOfResults: plan.topN ?? plan.documents.length, modelConfiguration },
    },
  };
}

/** Cohere Rerank's InvokeModel body for a plan. */
export function cohereRerankBody(plan: RerankPlan): Record<string, unknown> {
  const body: Record<string, unknown> = { api_version: 2, ...plan.modelFields, query: plan.query, documents: plan.documents };
  if (plan.topN !== undefined) body.top_n = plan.topN;
  return body;
}

/**
 * The results of either answer in Cohere's shape, in the answer's order (best first).
 *
 * @param scoreKey - `relevanceScore` (Rerank API) or `relevance_score` (Cohere on InvokeModel)
 * @throws APIError `InvalidResponse` when the answer has no `results` list, or a result without a valid document
 *   index and a numeric score
 */
export function rerankResults(answer: unknown, plan: RerankPlan, scoreKey: "relevanceScore" | "relevance_score"): RerankResult[] {
  const what = scoreKey === "relevanceScore" ? "Rerank" : "Cohere Rerank";
  if (!isRecord(answer) || !Array.isArray(answer.results)) throw invalidResponse(what, "no `results` list");
  return answer.results.map((item: unknown, i) => {
    const index = isRecord(item) ? item.index : undefined;
    const score = isRecord(item) ? item[scoreKey] : undefined;
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= plan.documents.length) {
      throw invalidResponse(what, `results[${i}].index is not the position of a document`);
    }
    if (typeof score !== "number" || !Number.isFinite(score)) throw invalidResponse(what, `results[${i}].${scoreKey} is not a number`);
    const result: RerankResult = { index: index as number, relevance_score: score };
    if (plan.returnDocuments) {
      const doc = plan.documents[index as number]!;
      result.document = typeof doc === "string" ? { text: doc } : doc;
    }
    return result;
  });
}
