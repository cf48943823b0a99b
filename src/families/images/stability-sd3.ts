/**
 * Stability SD3 Large (`stability.sd3-large-v1:0`), SD3.5 Large (`stability.sd3-5-large-v1:0`), Stable Image Core
 * (`stability.stable-image-core-v1:0` / `v1:1`) and Stable Image Ultra (`stability.stable-image-ultra-v1:0` /
 * `v1:1`). One image per call; the size is an `aspect_ratio`. Fields as AWS documents them:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-stable-image-core-text-image-request-response.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-stable-ultra-text-image-request-response.html
 *
 * `{ prompt, mode? (SD3 / SD3.5: "text-to-image"), aspect_ratio?, seed?, negative_prompt?, output_format? }` →
 * `{ seeds, finish_reasons: (string | null)[], images: string[] }`.
 */
import { ConfigurationError } from "../../errors";
import type { Image, ImageGenerateParams } from "../../api/image-types";
import {
  checkOneOf,
  checkPrompt,
  imageNotGenerated,
  imagesOf,
  invalidImageResponse,
  isRecord,
  providerSpecificImageParams,
  refuseImageParams,
  seedFor,
  unsupportedImageParam,
} from "./params";
import { checkSize, STABILITY_ASPECT_RATIOS, STABILITY_ASPECT_RULE, stabilityAspectRatioOf } from "./sizes";
import type { ImageMapper, ImageMapperOptions } from "./types";

/** Documented: seed 0–4294967294, prompt and negative prompt up to 10,000 characters, output JPEG or PNG. */
const SEED_MAX = 4_294_967_294;
const MAX_PROMPT = 10_000;
export const STABILITY_OUTPUT_FORMATS: readonly string[] = ["png", "jpeg"];

function createStability(name: string, label: string, withMode: boolean): ImageMapper {
  return {
    name,
    maxImagesPerCall: 1,
    sizes: STABILITY_ASPECT_RULE,
    buildRequest(params: ImageGenerateParams, options: ImageMapperOptions): Record<string, unknown> {
      const body: Record<string, unknown> = {
        ...providerSpecificImageParams(params),
        prompt: checkPrompt(params.prompt, label, MAX_PROMPT),
      };
      // `mode` picks which params are required; text-to-image is what this API makes (and the default).
      if (withMode) body["mode"] = "text-to-image";
      let aspectRatio: string | undefined;
      if (params.aspect_ratio !== undefined) {
        aspectRatio = checkOneOf("aspect_ratio", params.aspect_ratio, STABILITY_ASPECT_RATIOS, label);
      }
      if (params.size != null) {
        const fromSize = stabilityAspectRatioOf(checkSize(params.size, STABILITY_ASPECT_RULE, label))!;
        if (aspectRatio !== undefined && aspectRatio !== fromSize) {
          throw new ConfigurationError(
            "size",
            `\`size\` ${String(params.size)} is ${fromSize} but \`aspect_ratio\` is ${aspectRatio}; pass one of them.`,
          );
        }
        aspectRatio = fromSize;
      }
      if (aspectRatio !== undefined) body["aspect_ratio"] = aspectRatio;
      if (params.seed !== undefined) {
        body["seed"] = seedFor(params.seed, options.callIndex, SEED_MAX);
      }
      if (params.negative_prompt !== undefined) body["negative_prompt"] = checkPrompt(params.negative_prompt, label, MAX_PROMPT);
      if (params.output_format !== undefined) {
        body["output_format"] = checkOneOf("output_format", params.output_format, STABILITY_OUTPUT_FORMATS, label);
      }
      if (params.quality != null && params.quality !== "standard") {
        unsupportedImageParam("quality", label, options.dropParams, "Stable Image Ultra is the high-quality model.");
      }
      if (params.style != null) unsupportedImageParam("style", label, options.dropParams);
      refuseImageParams(params, ["cfg_scale", "steps", "style_preset", "sampler"], label, options.dropParams);
      return body;
    },
    parseResponse(body: unknown): Image[] {
      if (!isRecord(body)) throw invalidImageResponse(name, "the body is not a JSON object");
      const reasons = Array.isArray(body["finish_reasons"]) ? (body["finish_reasons"] as unknown[]) : [];
      // A non-null finish reason means no image: "Filter reason: prompt" / "... output image" / "Inference error".
      const failure = reasons.find((reason) => reason !== null && reason !== undefined);
      if (failure !== undefined) {
        throw imageNotGenerated(name, String(failure), typeof failure === "string" && failure.startsWith("Filter reason"));
      }
      return imagesOf(name, body["images"]);
    },
  };
}

export const stabilitySd3Large: ImageMapper = /* @__PURE__ */ createStability("stability-sd3-large", "Stable Diffusion 3 Large", true);
export const stabilitySd35Large: ImageMapper = /* @__PURE__ */ createStability("stability-sd3-5-large", "Stable Diffusion 3.5 Large", true);
export const stableImageCore: ImageMapper = /* @__PURE__ */ createStability("stability-stable-image-core", "Stable Image Core", false);
export const stableImageUltra: ImageMapper = /* @__PURE__ */ createStability("stability-stable-image-ultra", "Stable Image Ultra", false);
