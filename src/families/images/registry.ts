/**
 * Image model id → family, by id prefix (new versions of a known family keep working); an unknown id is a
 * ConfigurationError naming `model` and what is supported.
 */
import { familyByPrefix } from "../family-by-prefix";
import { stabilitySd35Large, stabilitySd3Large, stableImageCore, stableImageUltra } from "./stability-sd3";
import { stabilitySdxlV0, stabilitySdxlV1 } from "./stability-sdxl";
import { novaCanvas, titanImageV1, titanImageV2 } from "./titan-image";
import type { ImageFamily } from "./types";

/** Id prefix → family; the first match wins. */
const IMAGE_FAMILIES: ReadonlyArray<readonly [prefix: string, family: ImageFamily]> = [
  ["stability.stable-diffusion-xl-v1", stabilitySdxlV1],
  ["stability.stable-diffusion-xl-v0", stabilitySdxlV0],
  ["stability.sd3-large", stabilitySd3Large],
  ["stability.sd3-5-large", stabilitySd35Large],
  ["stability.stable-image-core", stableImageCore],
  ["stability.stable-image-ultra", stableImageUltra],
  ["amazon.titan-image-generator-v1", titanImageV1],
  ["amazon.titan-image-generator-v2", titanImageV2],
  ["amazon.nova-canvas", novaCanvas],
];

/** Model ids (prefixes) with an image family, for error messages and docs. */
export const SUPPORTED_IMAGE_MODELS: readonly string[] = /* @__PURE__ */ IMAGE_FAMILIES.map(([prefix]) => prefix);

/**
 * The image family for a model id (a `bedrock/` prefix, inference-profile prefix or foundation-model ARN is
 * tolerated). For a provisioned-throughput ARN, pass the base model as `model` and the ARN as `model_id`.
 *
 * @example
 * imageFamilyFor("bedrock/stability.stable-diffusion-xl-v0").maxImagesPerCall; // 1
 */
export function imageFamilyFor(model: string): ImageFamily {
  return familyByPrefix(model, IMAGE_FAMILIES, "image", "provisioned-throughput");
}
