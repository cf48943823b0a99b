/**
 * Model families as values. `chatCompletion`, `createEmbeddings` and `generateImages` take the families they may
 * use in `options.families`, so that a bundle holds only the mappers it was given; `createBedrock()` passes them all.
 * Which family serves a model is the catalog's to say (./catalog.ts); a family picks the mapper for each of its
 * models.
 *
 * @module
 */
import type { EmbeddingMapper } from "./embeddings/types";
import type { ImageMapper } from "./images/types";
import type { ChatMapper } from "./types";

/** A family of models, and the mapper for each model it serves. */
export interface ModelFamily<Mapper> {
  /** The name it is exported under from `bedrock-fetch/families`, e.g. `"anthropic"`. */
  readonly name: string;
  /**
   * The mapper for a base model id of the family (no `bedrock/`, route or cross-region profile prefix, e.g.
   * `anthropic.claude-3-haiku-20240307-v1:0`), or `undefined` for a model of its provider it does not know.
   */
  mapperFor(baseModelId: string): Mapper | undefined;
}

/** A native chat family for the `invoke/` route: `anthropic`, `nova`, `llama`, … from `bedrock-fetch/families`. */
export type ChatFamily = ModelFamily<ChatMapper>;
/** An embedding family: `titanEmbeddings`, `titanMultimodalEmbeddings`, `cohereEmbeddings`. */
export type EmbeddingFamily = ModelFamily<EmbeddingMapper>;
/** An image family: `stabilityImages`, `titanImages`, `novaCanvas`. */
export type ImageFamily = ModelFamily<ImageMapper>;
