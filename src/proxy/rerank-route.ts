/**
 * `POST /rerank` (also `/v1/rerank` and `/v2/rerank`), as LiteLLM's proxy serves it: Cohere's rerank request
 * `{ model, query, documents, top_n, return_documents, max_tokens_per_doc }` and answer
 * `{ id, results: [{ index, relevance_score, document? }], meta }` (https://docs.litellm.ai/docs/rerank,
 * https://docs.cohere.com/reference/rerank). `model` names a `model_list` entry whose `litellm_params.model` is a
 * reranker (`bedrock/amazon.rerank-v1:0`, `bedrock/arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0`,
 * or `bedrock/invoke/cohere.rerank-v3-5:0` for Cohere's body on InvokeModel). Only Cohere's fields are read from the
 * client; the entry's defaults fill those it leaves out.
 */
import type { RerankParams } from "../families/rerank-types";
import { rerankDocuments } from "../openai/rerank";
import { readJsonObject } from "./body";
import { JSON_HEADERS, ProxyRequestError } from "./errors";
import type { Route } from "./routes";

// The fields of Cohere's rerank request this proxy passes on (LiteLLM's RerankRequest, less `model`); any other field
// of the client's is not sent to the model.
const FIELDS = ["query", "documents", "top_n", "return_documents", "max_tokens_per_doc", "rank_fields", "max_chunks_per_doc", "drop_params"] as const;

// 1,000 results with their documents echoed back stay well under this; an endless answer costs a request no more.
const ANSWER_BYTES = 16 * 1024 * 1024;

/** The rerank route. */
export const rerank: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  return context.run(body.model, async (deployment) => {
    if (typeof body.query !== "string" || body.query === "") {
      throw new ProxyRequestError(400, "`query` is required: the text the documents are ranked against.", { param: "query", code: "missing_required_parameter" });
    }
    if (!Array.isArray(body.documents) || body.documents.length === 0) {
      throw new ProxyRequestError(400, "`documents` is required: a non-empty array of strings (or JSON objects) to rank.", { param: "documents", code: "missing_required_parameter" });
    }
    const params: Record<string, unknown> = { model: deployment.model };
    for (const field of FIELDS) {
      const value = body[field] ?? deployment.defaults[field];
      if (value !== undefined && value !== null) params[field] = value;
    }
    if (deployment.modelId !== undefined) params.model_id = deployment.modelId;
    const result = await rerankDocuments(deployment.client, params as RerankParams, { signal: request.signal, maxResponseBytes: ANSWER_BYTES });
    return new Response(JSON.stringify(result), { headers: JSON_HEADERS });
  });
};
