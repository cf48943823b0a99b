/**
 * `embedding()`: OpenAI embeddings over Bedrock InvokeModel. Every body is built (and every input validated)
 * before the first request; families that take one input per call (Titan) get concurrent calls with a bounded
 * concurrency, and the vectors come back in input order.
 */
import type { BedrockRuntime } from "../runtime/operations";
import { assembleEmbeddingResponse, planEmbedding } from "../families/embeddings/plan";
import type { RequestOptions } from "../transport/types";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "../api/embedding-types";
import { invokeAll } from "./invoke-all";
import { check, type Shape } from "./validate";

export interface EmbeddingOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one `embedding()` call. @defaultValue 8 */
  concurrency?: number | undefined;
}

// The shape of the params the embedding mappers take as they are (OpenAI's,
// https://platform.openai.com/docs/api-reference/embeddings/create); `input`, `encoding_format` and each family's
// own fields (`input_type`, `embedding_types`, `normalize`, ...) are checked against their allowed values by the plan.
const PARAMS: Shape = { dimensions: "i", user: "s" };

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
