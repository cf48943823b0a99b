/**
 * The image sizes each Bedrock image model documents, and OpenAI `size` ("<width>x<height>") parsing. A size the
 * model cannot make is a ConfigurationError naming `size` and listing what it can make, before any request.
 */
import { ConfigurationError } from "../../errors";

export interface ImageSize {
  width: number;
  height: number;
}

/** What sizes a model accepts: a fixed list, or a documented rule. */
export interface SizeRule {
  /** Whether the model can make `width`×`height`. */
  accepts(size: ImageSize): boolean;
  /** The valid sizes (or the rule, with examples) for error messages. */
  readonly description: string;
}

/** `"1024x1024"` → `{ width: 1024, height: 1024 }`; `*`, `X` and spaces are tolerated as LiteLLM users write them. */
export function parseSize(size: unknown): ImageSize {
  const match = typeof size === "string" ? /^\s*(\d{1,5})\s*[xX*×]\s*(\d{1,5})\s*$/.exec(size) : null;
  if (!match) {
    throw new ConfigurationError("size", `\`size\` must be "<width>x<height>" in pixels, e.g. "1024x1024"; got ${JSON.stringify(size)}.`);
  }
  return { width: Number(match[1]), height: Number(match[2]) };
}

export function formatSize({ width, height }: ImageSize): string {
  return `${width}x${height}`;
}

/** A fixed list of sizes. */
export function sizeList(sizes: readonly string[]): SizeRule & { readonly sizes: readonly string[] } {
  const set = new Set(sizes);
  return {
    sizes,
    accepts: (size) => set.has(formatSize(size)),
    description: `one of ${sizes.join(", ")}`,
  };
}

/**
 * Checks `size` against a rule; the ConfigurationError names `size`, the model and the valid sizes.
 * @returns the parsed size
 */
export function checkSize(size: unknown, rule: SizeRule, model: string): ImageSize {
  const parsed = parseSize(size);
  if (!rule.accepts(parsed)) {
    throw new ConfigurationError(
      "size",
      `${model} cannot make a ${formatSize(parsed)} image. \`size\` must be ${rule.description}.`,
    );
  }
  return parsed;
}

/**
 * SDXL 1.0 (`stability.stable-diffusion-xl-v1`): the width×height pairs AWS documents for `height` and `width`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html).
 */
export const SDXL_V1_SIZES = sizeList([
  "1024x1024",
  "1152x896",
  "1216x832",
  "1344x768",
  "1536x640",
  "640x1536",
  "768x1344",
  "832x1216",
  "896x1152",
]);

/**
 * SDXL 0.8 (`stability.stable-diffusion-xl-v0`). AWS's page for it
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-0-8.html) documents no
 * `width`/`height` list; it points at Stability's v1 generation API, where both are multiples of 64 of at least
 * 128. We also cap the area at SDXL's 1024×1024 pixel budget. This keeps the LiteLLM page's own example
 * (`size="128x512"` with this model) working while refusing sizes that cannot be right (not a multiple of 64).
 */
export const SDXL_V0_RULE: SizeRule = {
  accepts: ({ width, height }) =>
    width >= 128 && height >= 128 && width % 64 === 0 && height % 64 === 0 && width * height <= 1024 * 1024,
  description:
    "a multiple of 64 on each side, at least 128, with width×height at most 1024×1024 pixels (e.g. 512x512, 128x512, 768x512, 1024x1024)",
};

/**
 * Titan Image Generator G1 v1 and v2: the sizes of AWS's table of supported image sizes
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html).
 */
export const TITAN_IMAGE_SIZES = sizeList([
  "1024x1024",
  "768x768",
  "512x512",
  "768x1152",
  "384x576",
  "1152x768",
  "576x384",
  "768x1280",
  "384x640",
  "1280x768",
  "640x384",
  "896x1152",
  "448x576",
  "1152x896",
  "576x448",
  "768x1408",
  "384x704",
  "1408x768",
  "704x384",
  "640x1408",
  "320x704",
  "1408x640",
  "704x320",
  "1152x640",
  "1173x640",
]);

/**
 * Nova Canvas takes any size within documented bounds
 * (https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html): each side 320–4096 pixels
 * and divisible by 16, aspect ratio between 1:4 and 4:1, at most 4,194,304 pixels in all.
 */
export const NOVA_CANVAS_RULE: SizeRule = {
  accepts: ({ width, height }) =>
    width >= 320 &&
    width <= 4096 &&
    height >= 320 &&
    height <= 4096 &&
    width % 16 === 0 &&
    height % 16 === 0 &&
    width <= 4 * height &&
    height <= 4 * width &&
    width * height <= 4_194_304,
  description:
    "320–4096 pixels on each side, divisible by 16, with an aspect ratio between 1:4 and 4:1 and at most 4,194,304 pixels (e.g. 1024x1024, 1280x720, 2048x2048)",
};

/**
 * SD3 Large, SD3.5 Large, Stable Image Core and Ultra take an `aspect_ratio`, not pixels
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-text-image.html).
 */
export const STABILITY_ASPECT_RATIOS: readonly string[] = ["16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"];

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** `"1920x1080"` → `"16:9"`: the size's exact ratio, in lowest terms. */
export function aspectRatioOf({ width, height }: ImageSize): string {
  const d = gcd(width, height) || 1;
  return `${width / d}:${height / d}`;
}

/**
 * The documented aspect ratio a size has exactly, e.g. `1344x576` → `"21:9"` (which is 7:3 in lowest terms), or
 * undefined.
 */
export function stabilityAspectRatioOf(size: ImageSize): string | undefined {
  if (size.width <= 0 || size.height <= 0) return undefined;
  const ratio = aspectRatioOf(size);
  return STABILITY_ASPECT_RATIOS.find((label) => {
    const [w, h] = label.split(":").map(Number) as [number, number];
    return aspectRatioOf({ width: w, height: h }) === ratio;
  });
}

/** The SD3-style rule: a size whose exact ratio is one of {@link STABILITY_ASPECT_RATIOS}. */
export const STABILITY_ASPECT_RULE: SizeRule = {
  accepts: (size) => stabilityAspectRatioOf(size) !== undefined,
  description: `a width×height whose aspect ratio is exactly one of ${STABILITY_ASPECT_RATIOS.join(", ")} (e.g. 1024x1024, 1920x1080, 1080x1920, 1344x576); the model picks the pixel count`,
};
