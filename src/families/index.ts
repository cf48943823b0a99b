/**
 * @module bedrock-fetch/families
 *
 * The model families as values: pass the ones an app needs to `chatCompletion` (native `invoke/` bodies),
 * `createEmbeddings` and `generateImages` from `bedrock-fetch`, and a bundle holds only those mappers. Chat over the
 * Converse API needs none. `createBedrock()` passes every family.
 *
 * @example
 * ```ts
 * import { chatCompletion, createBedrockCore } from "bedrock-fetch";
 * import { anthropic } from "bedrock-fetch/families";
 *
 * const core = createBedrockCore({ region: "us-east-1" });
 * const answer = await chatCompletion(core, {
 *   model: "invoke/anthropic.claude-3-haiku-20240307-v1:0",
 *   messages: [{ role: "user", content: "Hello" }],
 * }, { families: [anthropic] });
 * ```
 */
export { ai21, anthropic, chatFamilies, cohere, deepseek, gptOss, llama, mistral, nova, titanText } from "./chat-families";
export { cohereEmbeddings, embeddingFamilies, titanEmbeddings, titanMultimodalEmbeddings } from "./embeddings/families";
export { imageFamilies, novaCanvas, stabilityImages, titanImages } from "./images/families";
export type { ChatFamily, EmbeddingFamily, ImageFamily, ModelFamily } from "./family";
export type { ChatMapper, MappedDelta, MappedResponse, MapperOptions, StreamMapper } from "./types";
export type { EmbeddingMapper, EmbeddingMapperOptions, EmbeddingParseOptions, MappedEmbeddings } from "./embeddings/types";
export type { ImageMapper, ImageMapperOptions } from "./images/types";
