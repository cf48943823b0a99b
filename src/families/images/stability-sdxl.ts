/**
 * Stability SDXL on Bedrock: `stability.stable-diffusion-xl-v1` (SDXL 1.0) and `stability.stable-diffusion-xl-v0`
 * (SDXL 0.8). Bedrock draws one image per call (`samples` must be 1). Fields as AWS documents them:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html
 *
 * `{ text_prompts: [{ text, weight }], cfg_scale?, seed?, steps?, style_preset?, sampler?, width?, height? }` →
 * `{ result, artifacts: [{ base64, seed, finishReason: "SUCCESS" | "ERROR" | "CONTENT_FILTERED" }] }`.
 */
import type { Image, ImageGenerateParams } from "../../api/image-types";
import {
  checkNumber,
  checkOneOf,
  checkPrompt,
  imageNotGenerated,
  invalidImageResponse,
  isRecord,
  providerSpecificImageParams,
  refuseImageParams,
  seedFor,
  unsupportedImageParam,
} from "./params";
import { checkSize, SDXL_V0_RULE, SDXL_V1_SIZES, type SizeRule } from "./sizes";
import type { ImageMapper, ImageMapperOptions } from "./types";

export const SDXL_STYLE_PRESETS: readonly string[] = [
  "3d-model",
  "analog-film",
  "anime",
  "cinematic",
  "comic-book",
  "digital-art",
  "enhance",
  "fantasy-art",
  "isometric",
  "line-art",
  "low-poly",
  "modeling-compound",
  "neon-punk",
  "origami",
  "photographic",
  "pixel-art",
  "tile-texture",
];

export const SDXL_SAMPLERS: readonly string[] = [
  "DDIM",
  "DDPM",
  "K_DPMPP_2M",
  "K_DPMPP_2S_ANCESTRAL",
  "K_DPM_2",
  "K_DPM_2_ANCESTRAL",
  "K_EULER",
  "K_EULER_ANCESTRAL",
  "K_HEUN",
  "K_LMS",
];

/** Documented ranges: cfg_scale 0–35, steps 10–150, seed 0–4294967295, prompt text up to 2000 characters. */
const SEED_MAX = 4_294_967_295;

function createSdxl(name: string, label: string, sizes: SizeRule): ImageMapper {
  return {
    name,
    maxImagesPerCall: 1,
    sizes,
    buildRequest(params: ImageGenerateParams, options: ImageMapperOptions): Record<string, unknown> {
      const prompt = checkPrompt(params.prompt, label, 2000);
      // A negative prompt is a text prompt with a negative weight (the documented way to say "avoid this").
      const textPrompts: Array<{ text: string; weight: number }> = [{ text: prompt, weight: 1 }];
      if (params.negative_prompt !== undefined) {
        textPrompts.push({ text: checkPrompt(params.negative_prompt, label, 2000), weight: -1 });
      }
      const body: Record<string, unknown> = { ...providerSpecificImageParams(params), text_prompts: textPrompts };
      if (params.cfg_scale !== undefined) body["cfg_scale"] = checkNumber("cfg_scale", params.cfg_scale, 0, 35, false);
      if (params.seed !== undefined) {
        body["seed"] = seedFor(params.seed, options.callIndex, SEED_MAX);
      }
      if (params.steps !== undefined) body["steps"] = checkNumber("steps", params.steps, 10, 150, true);
      if (params.style_preset !== undefined) body["style_preset"] = checkOneOf("style_preset", params.style_preset, SDXL_STYLE_PRESETS, label);
      if (params.sampler !== undefined) body["sampler"] = checkOneOf("sampler", params.sampler, SDXL_SAMPLERS, label);
      if (params.size != null) Object.assign(body, checkSize(params.size, sizes, label));
      if (params.quality != null && params.quality !== "standard") {
        unsupportedImageParam("quality", label, options.dropParams, "SDXL has one quality; use `steps` for more detail.");
      }
      if (params.style != null) {
        unsupportedImageParam("style", label, options.dropParams, "Use `style_preset` (e.g. \"photographic\").");
      }
      refuseImageParams(params, ["aspect_ratio", "output_format"], label, options.dropParams, "Use `size`.");
      return body;
    },
    parseResponse(body: unknown): Image[] {
      if (!isRecord(body) || !Array.isArray(body["artifacts"])) throw invalidImageResponse(name, "no `artifacts` array");
      const images: Image[] = [];
      for (const artifact of body["artifacts"] as unknown[]) {
        if (!isRecord(artifact)) throw invalidImageResponse(name, "an artifact is not an object");
        const reason = artifact["finishReason"];
        // CONTENT_FILTERED artifacts carry a blurred image: returning it as if it were the answer would hide the filter.
        if (reason === "CONTENT_FILTERED") throw imageNotGenerated(name, "the image was filtered (finishReason CONTENT_FILTERED)", true);
        if (reason === "ERROR") throw imageNotGenerated(name, "the model reported finishReason ERROR", false);
        if (typeof artifact["base64"] !== "string" || artifact["base64"] === "") {
          throw invalidImageResponse(name, "an artifact has no `base64` image");
        }
        images.push({ b64_json: artifact["base64"] });
      }
      if (images.length === 0) throw imageNotGenerated(name, `no artifacts (result ${JSON.stringify(body["result"])})`, false);
      return images;
    },
  };
}

export const stabilitySdxlV1: ImageMapper = /* @__PURE__ */ createSdxl("stability-sdxl-v1", "Stability SDXL 1.0", SDXL_V1_SIZES);
export const stabilitySdxlV0: ImageMapper = /* @__PURE__ */ createSdxl("stability-sdxl-v0", "Stability SDXL 0.8", SDXL_V0_RULE);
