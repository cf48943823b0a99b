export type { EmbeddingMapper, EmbeddingMapperOptions, EmbeddingParseOptions, MappedEmbeddings } from "./types";
export { titanTextV1, titanTextV2, TITAN_V2_DIMENSIONS, TITAN_V2_EMBEDDING_TYPES } from "./titan";
export { titanMultimodal, TITAN_MULTIMODAL_DIMENSIONS } from "./titan-multimodal";
export {
  cohereEmbedV3,
  cohereEmbedV4,
  COHERE_MAX_TEXTS,
  COHERE_INPUT_TYPES,
  COHERE_TRUNCATE,
  COHERE_EMBEDDING_TYPES,
  COHERE_V4_DIMENSIONS,
  COHERE_DEFAULT_INPUT_TYPE,
} from "./cohere";
export { embeddingInputs, inputTokensFromHeaders, KNOWN_EMBEDDING_PARAMS } from "./params";
export { planEmbedding, assembleEmbeddingResponse } from "./plan";
export type { EmbeddingCall, EmbeddingPlan } from "./plan";
export { toBase64Float32, encodeBase64 } from "./base64";
export { mapWithConcurrency } from "./concurrency";
