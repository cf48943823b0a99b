/**
 * The image families, as values to pass to `generateImages(core, params, { families })` (`createBedrock()` passes
 * them all); which models each serves is in ../catalog.ts. Models per
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion.html, …-titan-image.html and
 * https://docs.aws.amazon.com/nova/latest/userguide/image-generation.html.
 *
 * @module
 */
import type { ImageFamily } from "../family";
import { stabilitySd35Large, stabilitySd3Large, stableImageCore, stableImageUltra } from "./stability-sd3";
import { stabilitySdxlV0, stabilitySdxlV1 } from "./stability-sdxl";
import { novaCanvas as novaCanvasMapper, titanImageV1, titanImageV2 } from "./titan-image";

// Stability's models by the part of the id after `stability.`; the first prefix that matches wins.
const STABILITY = /* @__PURE__ */ Object.entries({
  "stable-diffusion-xl-v1": stabilitySdxlV1,
  "stable-diffusion-xl-v0": stabilitySdxlV0,
  "sd3-large": stabilitySd3Large,
  "sd3-5-large": stabilitySd35Large,
  "stable-image-core": stableImageCore,
  "stable-image-ultra": stableImageUltra,
});

/** Stability AI: SDXL 0.8 and 1.0, SD3 Large, SD3.5 Large, Stable Image Core and Ultra. */
export const stabilityImages: ImageFamily = {
  name: "stabilityImages",
  mapperFor: (id) => STABILITY.find(([prefix]) => id.startsWith(`stability.${prefix}`))?.[1],
};
/** Amazon Titan Image Generator G1 v1 and v2. */
export const titanImages: ImageFamily = { name: "titanImages", mapperFor: (id) => (id.includes("-v2") ? titanImageV2 : titanImageV1) };
/** Amazon Nova Canvas. */
export const novaCanvas: ImageFamily = { name: "novaCanvas", mapperFor: () => novaCanvasMapper };

/** Every image family. */
export const imageFamilies: readonly ImageFamily[] = [stabilityImages, titanImages, novaCanvas];
