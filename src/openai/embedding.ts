/**
 * `embedding()`: OpenAI embeddings over Bedrock InvokeModel. Every body is built (and every input validated)
 * before the first request; families that take one input per call (Titan) get concurrent calls with a bounded
 * concurrency, and the vectors come back in input order.
 */
import type { BedrockRuntime } from "../runtime/operations";
import { assembleEmbeddingResponse, planEmbedding } from "../families/embeddings/plan";
import type { RequestOptions } from "../transport/types";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "./embedding-types";
import { invokeAll } from "./invoke-all";
import { check, type Shape } from "./validate";

export interface EmbeddingOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one `embedding()` call. @defaultValue 8 */
  concurrency?: number | undefined;
}

// The shape of every param an embedding mapper reads (OpenAI's, https://platform.openai.com/docs/api-reference/embeddings/create,
// and Cohere's and Titan's); `input`, the values a family supports and `encoding_format` are checked by the plan.
const PARAMS: Shape = {
  dimensions: "i",
  user: "s",
  model_id: "s",
  input_type: "s",
  truncate: "s",
  embedding_types: ["s"],
  normalize: "b",
  batch: "b",
  drop_params: "b",
};

/** Runs one embedding request on a client's runtime. */
export async function createEmbedding(
  runtime: BedrockRuntime,
  params: EmbeddingCreateParams,
  options: EmbeddingOptions = {},
): Promise<CreateEmbeddingResponse> {
  check(params, PARAMS, "");
  const plan = planEmbedding(params);
  const answers = await invokeAll(runtime, plan, options);
  const mapped = answers.map(({ body, metadata }, i) =>
    plan.family.parseResponse(body, plan.calls[i]!.inputs.length, {
      ...plan.parseOptions,
      ...(metadata.inputTokens === undefined ? {} : { invocationMetrics: { inputTokenCount: metadata.inputTokens } }),
    }),
  );
  return assembleEmbeddingResponse(plan, mapped);
}
