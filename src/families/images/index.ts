export type { ImageMapper, ImageMapperOptions } from "./types";
export { stabilitySdxlV0, stabilitySdxlV1, SDXL_SAMPLERS, SDXL_STYLE_PRESETS } from "./stability-sdxl";
export {
  stabilitySd3Large,
  stabilitySd35Large,
  stableImageCore,
  stableImageUltra,
  STABILITY_OUTPUT_FORMATS,
} from "./stability-sd3";
export { titanImageV1, titanImageV2, novaCanvas } from "./titan-image";
export {
  parseSize,
  formatSize,
  checkSize,
  aspectRatioOf,
  stabilityAspectRatioOf,
  SDXL_V1_SIZES,
  SDXL_V0_RULE,
  TITAN_IMAGE_SIZES,
  NOVA_CANVAS_RULE,
  STABILITY_ASPECT_RATIOS,
  STABILITY_ASPECT_RULE,
} from "./sizes";
export type { ImageSize, SizeRule } from "./sizes";
export { planImageGeneration, assembleImages } from "./plan";
export type { ImageCall, ImagePlan } from "./plan";
export { KNOWN_IMAGE_PARAMS, MAX_IMAGES } from "./params";
