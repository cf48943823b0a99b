/**
 * The family lookups and plans as `createBedrock()` makes them, with every family passed: what the mapper tests
 * exercise model by model.
 */
import { parseModel } from "../../src/api/models";
import type { EmbeddingCreateParams } from "../../src/api/embedding-types";
import type { ImageGenerateParams } from "../../src/api/image-types";
import { findMapper } from "../../src/families/catalog";
import { chatFamilies } from "../../src/families/chat-families";
import { embeddingFamilies } from "../../src/families/embeddings/families";
import { planEmbedding as plan } from "../../src/families/embeddings/plan";
import { imageFamilies } from "../../src/families/images/families";
import { planImageGeneration as planImages } from "../../src/families/images/plan";

const base = (model: string) => parseModel(model).baseModelId;

/** The native chat mapper of a model id, among every chat family. */
export const invokeFamilyFor = (model: string) => findMapper("chat", chatFamilies, base(model), model);
/** The embedding mapper of a model string, among every embedding family. */
export const embeddingFamilyFor = (model: string) => findMapper("embedding", embeddingFamilies, base(model), model);
/** The image mapper of a model string, among every image family. */
export const imageFamilyFor = (model: string) => findMapper("image", imageFamilies, base(model), model);
/** An embedding plan with every embedding family. */
export const planEmbedding = (params: EmbeddingCreateParams) => plan(params, embeddingFamilies);
/** An image plan with every image family. */
export const planImageGeneration = (params: ImageGenerateParams) => planImages(params, imageFamilies);
