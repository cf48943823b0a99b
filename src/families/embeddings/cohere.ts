/**
 * Cohere Embed on Bedrock: English / Multilingual v3 (`cohere.embed-english-v3`, `cohere.embed-multilingual-v3`) and
 * Embed v4 (`cohere.embed-v4:0`). Up to 96 texts per call. Fields as AWS documents them:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
 *
 * `{ texts, input_type, truncate?, embedding_types?, output_dimension? (v4) }` →
 * `{ embeddings: number[][] | { float?: number[][], int8?: ..., ... }, id, response_type, texts }`.
 * The body carries no token count; Bedrock sends it in `X-Amzn-Bedrock-Input-Token-Count`.
 */
import type { EmbeddingCreateParams } from "../../api/embedding-types";
import type { EmbeddingMapper, EmbeddingMapperOptions, EmbeddingParseOptions, MappedEmbeddings } from "./types";
import {
  checkDimensions,
  checkEmbeddingTypes,
  checkOneOf,
  invalidEmbeddingResponse,
  isRecord,
  isVector,
  providerSpecificEmbeddingParams,
  unsupportedEmbeddingParam,
} from "./params";

/** Most texts one Cohere Embed call takes (documented maximum of `texts`). */
export const COHERE_MAX_TEXTS = 96;
export const COHERE_INPUT_TYPES: readonly string[] = ["search_document", "search_query", "classification", "clustering"];
export const COHERE_TRUNCATE: readonly string[] = ["NONE", "START", "END"];
export const COHERE_EMBEDDING_TYPES: readonly string[] = ["float", "int8", "uint8", "binary", "ubinary"];
/** The `output_dimension` values Embed v4 documents (1536 is the default). */
export const COHERE_V4_DIMENSIONS: readonly number[] = [256, 512, 1024, 1536];

/**
 * `input_type` is required by Cohere Embed; OpenAI has no such field. `search_document` is what LiteLLM sends when
 * none is given, and what a vector store indexes.
 */
export const COHERE_DEFAULT_INPUT_TYPE = "search_document";

function buildCohere(family: string, label: string, dimensions: readonly number[] | undefined) {
  return (inputs: readonly string[], params: EmbeddingCreateParams, options: EmbeddingMapperOptions): Record<string, unknown> => {
    if (inputs.length < 1 || inputs.length > COHERE_MAX_TEXTS) {
      throw new RangeError(`${family} takes 1–${COHERE_MAX_TEXTS} texts per call; the caller must split the inputs (got ${inputs.length}).`);
    }
    const body: Record<string, unknown> = {
      ...providerSpecificEmbeddingParams(params),
      texts: [...inputs],
      input_type:
        params.input_type === undefined
          ? COHERE_DEFAULT_INPUT_TYPE
          : checkOneOf("input_type", params.input_type, COHERE_INPUT_TYPES, label),
    };
    if (params.truncate !== undefined) body["truncate"] = checkOneOf("truncate", params.truncate, COHERE_TRUNCATE, label);
    if (params.embedding_types !== undefined) {
      body["embedding_types"] = checkEmbeddingTypes(params.embedding_types, COHERE_EMBEDDING_TYPES, label);
    }
    if (params.normalize !== undefined) unsupportedEmbeddingParam("normalize", label, options.dropParams);
    if (params.dimensions !== undefined) {
      if (dimensions === undefined) unsupportedEmbeddingParam("dimensions", label, options.dropParams);
      else body["output_dimension"] = checkDimensions(params.dimensions, dimensions, label);
    }
    return body;
  };
}

/** The vectors of the preferred type from an `embeddings_by_type` answer. */
function byType(embeddings: Record<string, unknown>, family: string, wanted: readonly string[] | undefined): unknown {
  const order = wanted === undefined || wanted.length === 0 || wanted.includes("float") ? ["float"] : [...wanted];
  for (const type of order) if (embeddings[type] !== undefined) return embeddings[type];
  throw invalidEmbeddingResponse(family, `no \`embeddings.${order[0]!}\` in the answer`);
}

function parseCohere(family: string) {
  return (body: unknown, inputsCount: number, options?: EmbeddingParseOptions): MappedEmbeddings => {
    if (!isRecord(body)) throw invalidEmbeddingResponse(family, "the body is not a JSON object");
    const raw = body["embeddings"];
    // v3 without `embedding_types` answers `embeddings_floats` (a list); v4, or any `embedding_types`, answers
    // `embeddings_by_type` (an object keyed by type).
    const vectors = isRecord(raw) ? byType(raw, family, options?.embeddingTypes) : raw;
    if (!Array.isArray(vectors) || !vectors.every(isVector)) {
      throw invalidEmbeddingResponse(family, "`embeddings` is not a list of number arrays");
    }
    if (vectors.length !== inputsCount) {
      throw invalidEmbeddingResponse(family, `${vectors.length} vectors for ${inputsCount} texts`);
    }
    return { vectors, promptTokens: cohereTokens(body, options) };
  };
}

/** Cohere's own API reports `meta.billed_units.input_tokens`; Bedrock's answers carry the count in a header instead. */
function cohereTokens(body: Record<string, unknown>, options: EmbeddingParseOptions | undefined): number {
  const meta = body["meta"];
  const billed = isRecord(meta) ? meta["billed_units"] : undefined;
  const tokens = isRecord(billed) ? billed["input_tokens"] : undefined;
  if (typeof tokens === "number" && Number.isFinite(tokens)) return tokens;
  return options?.invocationMetrics?.inputTokenCount ?? 0;
}

/** Cohere Embed English v3 and Multilingual v3: fixed 1024-dimension vectors. */
export const cohereEmbedV3: EmbeddingMapper = {
  name: "cohere-embed-v3",
  maxBatch: COHERE_MAX_TEXTS,
  buildRequest: buildCohere("cohere-embed-v3", "Cohere Embed v3", undefined),
  parseResponse: parseCohere("cohere-embed-v3"),
};

/** Cohere Embed v4: `dimensions` → `output_dimension` (256, 512, 1024, 1536). */
export const cohereEmbedV4: EmbeddingMapper = {
  name: "cohere-embed-v4",
  maxBatch: COHERE_MAX_TEXTS,
  buildRequest: buildCohere("cohere-embed-v4", "Cohere Embed v4", COHERE_V4_DIMENSIONS),
  parseResponse: parseCohere("cohere-embed-v4"),
};
