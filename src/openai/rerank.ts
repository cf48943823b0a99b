/**
 * `rerankDocuments()`: documents scored against a query, with params and answer in Cohere's shape (as LiteLLM's
 * `rerank()` takes and returns them), on a client given as first argument like `chatCompletion`. The LiteLLM-style
 * one-shot `rerank()` and the proxy's `/rerank` are built on it; it is not a method of `createBedrock()`, so bundles
 * of its other methods never carry it. The default route is Bedrock's Rerank API on the Agent Runtime, which serves
 * Amazon Rerank and Cohere Rerank alike, as LiteLLM's Bedrock rerank does; `invoke/` sends Cohere's own body to
 * InvokeModel. Nothing of the chat layer is imported: a bundle that reranks holds no chat code,
 * and chat bundles hold none of this.
 */
import { parseModel } from "../api/models";
import { ConfigurationError } from "../errors";
import { cohereRerankBody, planRerank, rerankApiRequest, rerankResults } from "../families/rerank";
import type { RerankParams, RerankResponse, RerankResult } from "../families/rerank-types";
import { agentRuntimeRerank } from "../runtime/agent-rerank";
import type { AgentRerankRequest, AgentRuntimeOptions, AgentRuntimeTarget } from "../runtime/agent-rerank";
import { invokeModel } from "../runtime/operations";
import { partitionOf } from "../transport/endpoints";

/** Per-call options of {@link rerankDocuments}: the request options, and where the Agent Runtime is when not beside the client's endpoint. */
export type RerankOptions = AgentRuntimeOptions;

const JSON_TYPE = "application/json";

/**
 * The model's ARN for the Rerank API, whose `modelArn` must name a foundation model
 * (`arn:aws(-…)?:bedrock:{region}::foundation-model/…`, API_agent-runtime_BedrockRerankingModelConfiguration.html).
 */
function modelArnOf(model: string, modelId: string, baseModelId: string, region: string | undefined): string {
  if (/^arn:[^:]+:bedrock:[^:]*::foundation-model\//.test(modelId)) return modelId;
  if (!region) {
    throw new ConfigurationError("region", `Reranking \`${model}\` on the Rerank API needs its ARN, which names a region: pass \`region\` to the client, or give \`model\` as \`arn:aws:bedrock:<region>::foundation-model/${baseModelId}\`.`);
  }
  return `arn:${partitionOf(region).name}:bedrock:${region}::foundation-model/${baseModelId}`;
}

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Reranks `documents` by their relevance to `query`: `{ id, results: [{ index, relevance_score, document? }], meta }`,
 * best first, on any client (`createBedrockCore()` for the smallest bundle).
 *
 * @throws ConfigurationError before any request for bad params (the field is named), an `invoke/` model that is not a
 *   Cohere reranker, or a missing region when the model is not given as an ARN
 * @example
 * ```ts
 * import { createBedrockCore, rerankDocuments } from "bedrock-fetch";
 * const core = createBedrockCore({ region: "us-west-2" });
 * const { results } = await rerankDocuments(core, {
 *   model: "bedrock/amazon.rerank-v1:0",
 *   query: "What is the capital of the United States?",
 *   documents: ["Carson City is the capital city of Nevada.", "Washington, D.C. is the capital of the United States."],
 *   top_n: 1,
 * });
 * ```
 */
export async function rerankDocuments(core: AgentRuntimeTarget, params: RerankParams, options: RerankOptions = {}): Promise<RerankResponse> {
  if (typeof params !== "object" || params === null) throw new ConfigurationError("params", "rerank() takes an object: { model, query, documents, top_n? }.");
  if (typeof params.model !== "string" || params.model === "") {
    throw new ConfigurationError("model", 'Set `model` to a reranker, e.g. "bedrock/amazon.rerank-v1:0" or "bedrock/cohere.rerank-v3-5:0".');
  }
  const parsed = parseModel(params.model, params.model_id);
  const base = parsed.baseModelId;
  let results: RerankResult[];
  let inputTokens: number | undefined;
  if (parsed.route === "invoke") {
    if (base === undefined || !/^cohere\.rerank/.test(base)) {
      throw new ConfigurationError("model", `The \`invoke/\` route sends Cohere Rerank's own body (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-rerank.html), which \`${params.model}\` does not take: drop \`invoke/\` to use Bedrock's Rerank API.`);
    }
    const plan = planRerank(params, "invoke");
    const { agentRuntimeEndpoint: _unused, ...requestOptions } = options;
    const answer = await invokeModel(core, { modelId: parsed.modelId, body: cohereRerankBody(plan), contentType: JSON_TYPE, accept: JSON_TYPE }, requestOptions);
    results = rerankResults(decodeJson(answer.body), plan, "relevance_score");
    inputTokens = answer.$metadata.inputTokens;
  } else {
    if (params.model_id !== undefined) {
      throw new ConfigurationError("model_id", "The Rerank API names its model by a foundation-model ARN: give it as `model`, without `model_id` (which only the `invoke/` route takes).");
    }
    if (base === undefined) {
      throw new ConfigurationError("model", `The Rerank API takes a reranker's foundation-model id or ARN (e.g. "bedrock/amazon.rerank-v1:0"); \`${params.model}\` names none.`);
    }
    const plan = planRerank(params, "rerank");
    const body = rerankApiRequest(plan, modelArnOf(params.model, parsed.modelId, base, core.config.region));
    results = rerankResults(await agentRuntimeRerank(core, body as unknown as AgentRerankRequest, options), plan, "relevanceScore");
  }
  return { id: crypto.randomUUID(), results, meta: inputTokens === undefined ? {} : { tokens: { input_tokens: inputTokens } } };
}
