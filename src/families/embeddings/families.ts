/**
 * The embedding families, as values to pass to `createEmbeddings(core, params, { families })` (`createBedrock()`
 * passes them all); which models each serves is in ../catalog.ts. Models per
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html, …-titan-embed-mm.html
 * and …-embed.html (Cohere).
 *
 * @module
 */
import type { EmbeddingFamily } from "../family";
import { cohereEmbedV3, cohereEmbedV4 } from "./cohere";
import { titanTextV1, titanTextV2 } from "./titan";
import { titanMultimodal } from "./titan-multimodal";

/** Amazon Titan Text Embeddings v1 (also under its launch id `amazon.titan-embed-g1-text-02`) and v2. */
export const titanEmbeddings: EmbeddingFamily = { name: "titanEmbeddings", mapperFor: (id) => (id.includes("-text-v2") ? titanTextV2 : titanTextV1) };
/** Amazon Titan Multimodal Embeddings. */
export const titanMultimodalEmbeddings: EmbeddingFamily = { name: "titanMultimodalEmbeddings", mapperFor: () => titanMultimodal };
/** Cohere Embed v3 (English and Multilingual) and v4. */
export const cohereEmbeddings: EmbeddingFamily = { name: "cohereEmbeddings", mapperFor: (id) => (id.startsWith("cohere.embed-v4") ? cohereEmbedV4 : cohereEmbedV3) };

/** Every embedding family. */
export const embeddingFamilies: readonly EmbeddingFamily[] = [titanEmbeddings, titanMultimodalEmbeddings, cohereEmbeddings];
