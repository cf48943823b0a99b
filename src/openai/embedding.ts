/**
 * `createEmbeddings()`: OpenAI embeddings over Bedrock InvokeModel, with the families a call is given. Every body is
 * built (and every input validated) before the first request; families that take one input per call (Titan) get
 * concurrent calls with a bounded concurrency, and the vectors come back in input order.
 */
import type { RuntimeTarget } from "../runtime/operations";
import { assembleEmbeddingResponse, planEmbedding } from "../families/embeddings/plan";
import type { EmbeddingFamily } from "../families/family";
import type { RequestOptions } from "../transport/types";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "../api/embedding-types";
import { invokeAll } from "./invoke-all";
import { check, type Shape } from "./validate";

export interface EmbeddingOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one `embedding()` call. @defaultValue 8 */
  concurrency?: number | undefined;
}

/** Options of {@link createEmbeddings}: those of `createBedrock().embedding`, and the families the call may use. */
export interface CreateEmbeddingsOptions extends EmbeddingOptions {
  /**
   * The embedding families the model may come from, from `bedrock-fetch/families` (e.g. `[titanEmbeddings]`); a model
   * whose family is not given is a `ConfigurationError` naming the import to add.
   */
  families?: readonly EmbeddingFamily[] | undefined;
}

// The shape of the params the embedding mappers take as they are (OpenAI's,
// https://platform.openai.com/docs/api-reference/embeddings/create); `input`, `encoding_format` and each family's
// own fields (`input_type`, `embedding_types`, `normalize`, ...) are checked against their allowed values by the plan.
const PARAMS: Shape = { dimensions: "i", user: "s" };

/**
 * OpenAI embeddings for a string or an array of strings, in input order, on any client (`createBedrockCore()` for
 * the smallest bundle), with the families given in `options.families`.
 *
 * @example
 * ```ts
 * import { createBedrockCore, createEmbeddings } from "bedrock-fetch";
 * import { titanEmbeddings } from "bedrock-fetch/families";
 * const core = createBedrockCore({ region: "us-east-1" });
 * const { data } = await createEmbeddings(core, { model: "amazon.titan-embed-text-v2:0", input: "hello" }, { families: [titanEmbeddings] });
 * ```
 */
export async function createEmbeddings(
  target: RuntimeTarget,
  params: EmbeddingCreateParams,
  { families, ...options }: CreateEmbeddingsOptions = {},
): Promise<CreateEmbeddingResponse> {
  check(params, PARAMS, "");
  const plan = planEmbedding(params, families);
  const answers = await invokeAll(target, plan, options);
  const mapped = answers.map(({ body, metadata }, i) =>
    plan.family.parseResponse(body, plan.calls[i]!.inputs.length, {
      ...plan.parseOptions,
      ...(metadata.inputTokens === undefined ? {} : { invocationMetrics: { inputTokenCount: metadata.inputTokens } }),
    }),
  );
  return assembleEmbeddingResponse(plan, mapped);
}
