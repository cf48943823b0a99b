/**
 * Embedding model id → family. Matching is by id prefix so new versions of a known family (`...-v2:0`, `...-v2:1`)
 * keep working; an unknown id is a ConfigurationError naming `model` and what is supported.
 */
import { familyByPrefix } from "../family-by-prefix";
import { cohereEmbedV3, cohereEmbedV4 } from "./cohere";
import { titanMultimodal } from "./titan-multimodal";
import { titanTextV1, titanTextV2 } from "./titan";
import type { EmbeddingFamily } from "./types";

/** Id prefix → family; the first match wins. */
const EMBEDDING_FAMILIES: ReadonlyArray<readonly [prefix: string, family: EmbeddingFamily]> = [
  ["amazon.titan-embed-text-v2", titanTextV2],
  ["amazon.titan-embed-text-v1", titanTextV1],
  // The launch id of Titan Text Embeddings G1, still listed by Bedrock.
  ["amazon.titan-embed-g1-text-02", titanTextV1],
  ["amazon.titan-embed-image-v1", titanMultimodal],
  ["cohere.embed-english-v3", cohereEmbedV3],
  ["cohere.embed-multilingual-v3", cohereEmbedV3],
  ["cohere.embed-v4", cohereEmbedV4],
];

/** Model ids (prefixes) with an embedding family, for error messages and docs. */
export const SUPPORTED_EMBEDDING_MODELS: readonly string[] = /* @__PURE__ */ EMBEDDING_FAMILIES.map(([prefix]) => prefix);

/**
 * The embedding family for a model id (a `bedrock/` prefix, route, inference-profile prefix or foundation-model ARN
 * is tolerated). For a provisioned-throughput or application-inference-profile ARN, pass the base model as `model`
 * and the ARN as `model_id`.
 *
 * @example
 * embeddingFamilyFor("us.cohere.embed-v4:0").maxBatch; // 96
 */
export function embeddingFamilyFor(model: string): EmbeddingFamily {
  return familyByPrefix(model, EMBEDDING_FAMILIES, "embedding", "provisioned-throughput or application-inference-profile");
}
