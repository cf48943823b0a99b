/**
 * Amazon Titan Image Generator G1 v1 (`amazon.titan-image-generator-v1`) and v2 (`amazon.titan-image-generator-v2:0`)
 * and Amazon Nova Canvas (`amazon.nova-canvas-v1:0`), which share the `TEXT_IMAGE` task body. Up to 5 images per
 * call. Fields as AWS documents them:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html and
 * https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html
 *
 * `{ taskType: "TEXT_IMAGE", textToImageParams: { text, negativeText?, style? (Nova) }, imageGenerationConfig:
 * { numberOfImages, width?, height?, cfgScale?, seed?, quality? } }` → `{ images: string[], error?: string }`.
 */
import { ConfigurationError } from "../../errors";
import type { Image, ImageGenerateParams } from "../../api/image-types";
import {
  checkNumber,
  checkPrompt,
  imageNotGenerated,
  imagesOf,
  invalidImageResponse,
  isRecord,
  providerSpecificImageParams,
  refuseImageParams,
  unsupportedImageParam,
} from "./params";
import { checkSize, NOVA_CANVAS_RULE, TITAN_IMAGE_SIZES, type SizeRule } from "./sizes";
import type { ImageMapper, ImageMapperOptions } from "./types";

interface TitanLimits {
  /** Longest `text` / `negativeText`. */
  maxPrompt: number;
  /** Highest `seed`. */
  seedMax: number;
  /** Whether `textToImageParams.style` exists (Nova Canvas visual styles). */
  styles: boolean;
}

/** OpenAI `quality` → Titan's: `hd` is OpenAI's name for the better one, `premium`. */
const TITAN_QUALITY: Readonly<Record<string, "standard" | "premium">> = { standard: "standard", hd: "premium", premium: "premium" };

function createTitanImage(name: string, label: string, sizes: SizeRule, limits: TitanLimits): ImageMapper {
  return {
    name,
    maxImagesPerCall: 5,
    sizes,
    buildRequest(params: ImageGenerateParams, options: ImageMapperOptions): Record<string, unknown> {
      const textToImageParams: Record<string, unknown> = { text: checkPrompt(params.prompt, label, limits.maxPrompt) };
      if (params.negative_prompt !== undefined) {
        textToImageParams["negativeText"] = checkPrompt(params.negative_prompt, label, limits.maxPrompt);
      }
      if (params.style != null) {
        // OpenAI's DALL·E styles mean nothing to Bedrock; Nova Canvas has its own named styles (e.g. PHOTOREALISM).
        if (!limits.styles || params.style === "vivid" || params.style === "natural") {
          unsupportedImageParam(
            "style",
            label,
            options.dropParams,
            limits.styles ? "Nova Canvas takes its own style names, e.g. \"PHOTOREALISM\"." : "",
          );
        } else {
          textToImageParams["style"] = params.style;
        }
      }
      const config: Record<string, unknown> = { numberOfImages: checkNumber("n", options.count, 1, 5, true) };
      if (params.size != null) Object.assign(config, checkSize(params.size, sizes, label));
      if (params.cfg_scale !== undefined) config["cfgScale"] = checkNumber("cfg_scale", params.cfg_scale, 1.1, 10, false);
      if (params.seed !== undefined) config["seed"] = checkNumber("seed", params.seed, 0, limits.seedMax, true);
      if (params.quality != null) {
        const quality = Object.hasOwn(TITAN_QUALITY, params.quality) ? TITAN_QUALITY[params.quality] : undefined;
        if (quality === undefined) {
          throw new ConfigurationError(
            "quality",
            `\`quality\` must be "standard", "hd" or "premium" ("hd" means ${label}'s "premium"); got ${JSON.stringify(params.quality)}.`,
          );
        }
        config["quality"] = quality;
      }
      refuseImageParams(params, ["steps", "style_preset", "sampler", "aspect_ratio", "output_format"], label, options.dropParams);
      return {
        ...providerSpecificImageParams(params),
        taskType: "TEXT_IMAGE",
        textToImageParams,
        imageGenerationConfig: config,
      };
    },
    parseResponse(body: unknown): Image[] {
      if (!isRecord(body)) throw invalidImageResponse(name, "the body is not a JSON object");
      // `error` is set when content moderation blocked the request or the output.
      if (typeof body["error"] === "string" && body["error"] !== "") throw imageNotGenerated(name, body["error"], true);
      return imagesOf(name, body["images"]);
    },
  };
}

/** Titan Image Generator G1 v1: prompt up to 512 characters, seed 0–2147483646. */
export const titanImageV1: ImageMapper = /* @__PURE__ */ createTitanImage("amazon-titan-image-v1", "Titan Image Generator G1 v1", TITAN_IMAGE_SIZES, {
  maxPrompt: 512,
  seedMax: 2_147_483_646,
  styles: false,
});
/** Titan Image Generator G1 v2: same text-to-image body and sizes as v1. */
export const titanImageV2: ImageMapper = /* @__PURE__ */ createTitanImage("amazon-titan-image-v2", "Titan Image Generator G1 v2", TITAN_IMAGE_SIZES, {
  maxPrompt: 512,
  seedMax: 2_147_483_646,
  styles: false,
});
/** Nova Canvas: prompt up to 1024 characters, seed 0–858993459, free sizes within documented bounds, styles. */
export const novaCanvas: ImageMapper = /* @__PURE__ */ createTitanImage("amazon-nova-canvas", "Nova Canvas", NOVA_CANVAS_RULE, {
  maxPrompt: 1024,
  seedMax: 858_993_459,
  styles: true,
});
