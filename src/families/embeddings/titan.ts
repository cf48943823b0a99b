/**
 * Amazon Titan Text Embeddings G1 (`amazon.titan-embed-text-v1`) and V2 (`amazon.titan-embed-text-v2:0`).
 * One text per call. Request and response fields as AWS documents them:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 *
 * - G1: `{ inputText }` → `{ embedding, inputTextTokenCount }`.
 * - V2: `{ inputText, dimensions?: 1024 | 512 | 256, normalize?, embeddingTypes?: ["float" | "binary"] }` →
 *   `{ embedding, embeddingsByType?: { float?, binary? }, inputTextTokenCount }`.
 */
import { ConfigurationError } from "../../errors";
import type { EmbeddingCreateParams } from "../../api/embedding-types";
import type { EmbeddingMapper, EmbeddingMapperOptions, EmbeddingParseOptions, MappedEmbeddings } from "./types";
import {
  checkDimensions,
  checkEmbeddingTypes,
  invalidEmbeddingResponse,
  isRecord,
  isVector,
  oneInput,
  providerSpecificEmbeddingParams,
  refuseEmbeddingParams,
} from "./params";

/** The output lengths Titan Text Embeddings V2 documents (1024 is the default). */
export const TITAN_V2_DIMENSIONS: readonly number[] = [256, 512, 1024];
/** The `embeddingTypes` Titan Text Embeddings V2 documents. */
export const TITAN_V2_EMBEDDING_TYPES: readonly string[] = ["float", "binary"];

/** Token count from the body, else from the response header, else 0 (an answer without usage still has vectors). */
export function titanTokens(body: Record<string, unknown>, options: EmbeddingParseOptions | undefined): number {
  const count = body["inputTextTokenCount"];
  if (typeof count === "number" && Number.isFinite(count)) return count;
  return options?.invocationMetrics?.inputTokenCount ?? 0;
}

/** Picks the vector from a Titan answer: `embeddingsByType[preferred]` when asked for a non-float type. */
function titanVector(body: Record<string, unknown>, family: string, options: EmbeddingParseOptions | undefined): number[] {
  const preferred = options?.embeddingTypes?.includes("float") === false ? options.embeddingTypes[0] : "float";
  const byType = body["embeddingsByType"];
  if (preferred !== "float" && preferred !== undefined) {
    const typed = isRecord(byType) ? byType[preferred] : undefined;
    if (!isVector(typed)) throw invalidEmbeddingResponse(family, `no \`embeddingsByType.${preferred}\` array`);
    return typed;
  }
  const embedding = body["embedding"];
  if (isVector(embedding)) return embedding;
  // A V2 answer asked for ["binary", "float"] still has `embedding`; this covers an answer that only has the map.
  const float = isRecord(byType) ? byType["float"] : undefined;
  if (isVector(float)) return float;
  throw invalidEmbeddingResponse(family, "no `embedding` array of numbers");
}

function parseTitan(family: string) {
  return (body: unknown, inputsCount: number, options?: EmbeddingParseOptions): MappedEmbeddings => {
    if (!isRecord(body)) throw invalidEmbeddingResponse(family, "the body is not a JSON object");
    oneInput(inputsCount, family);
    return { vectors: [titanVector(body, family, options)], promptTokens: titanTokens(body, options) };
  };
}

/** Titan Text Embeddings G1: only `inputText`; every tuning param is refused unless `drop_params`. */
export const titanTextV1: EmbeddingMapper = {
  name: "amazon-titan-embed-text-v1",
  maxBatch: 1,
  buildRequest(inputs: readonly string[], params: EmbeddingCreateParams, options: EmbeddingMapperOptions) {
    oneInput(inputs.length, "amazon-titan-embed-text-v1");
    refuseEmbeddingParams(params, ["dimensions", "normalize", "embedding_types", "input_type", "truncate"], "Titan Text Embeddings G1", options.dropParams);
    return { ...providerSpecificEmbeddingParams(params), inputText: inputs[0] };
  },
  parseResponse: parseTitan("amazon-titan-embed-text-v1"),
};

/** Titan Text Embeddings V2: `dimensions` 256/512/1024, `normalize`, `embeddingTypes` float/binary. */
export const titanTextV2: EmbeddingMapper = {
  name: "amazon-titan-embed-text-v2",
  maxBatch: 1,
  buildRequest(inputs: readonly string[], params: EmbeddingCreateParams, options: EmbeddingMapperOptions) {
    oneInput(inputs.length, "amazon-titan-embed-text-v2");
    refuseEmbeddingParams(params, ["input_type", "truncate"], "Titan Text Embeddings V2", options.dropParams);
    const body: Record<string, unknown> = { ...providerSpecificEmbeddingParams(params), inputText: inputs[0] };
    if (params.dimensions !== undefined) {
      body["dimensions"] = checkDimensions(params.dimensions, TITAN_V2_DIMENSIONS, "Titan Text Embeddings V2");
    }
    if (params.normalize !== undefined) {
      if (typeof params.normalize !== "boolean") {
        throw new ConfigurationError("normalize", "`normalize` must be true or false.");
      }
      body["normalize"] = params.normalize;
    }
    if (params.embedding_types !== undefined) {
      body["embeddingTypes"] = checkEmbeddingTypes(params.embedding_types, TITAN_V2_EMBEDDING_TYPES, "Titan Text Embeddings V2");
    }
    return body;
  },
  parseResponse: parseTitan("amazon-titan-embed-text-v2"),
};
