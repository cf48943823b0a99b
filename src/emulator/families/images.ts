/**
 * Image families, answered with small valid PNGs whose two colours come from the prompt:
 * Stability SDXL (`text_prompts` → `artifacts[].base64`), Stable Diffusion 3.x / Stable Image Core / Ultra
 * (`prompt`, `aspect_ratio` → `images[]`, `seeds`, `finish_reasons`), Amazon Titan Image Generator and Nova Canvas
 * (`taskType`, `textToImageParams`, `imageGenerationConfig` → `images[]`). No recordings exist for these; shapes
 * follow https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html and
 * https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html
 */
import { hash32 } from "../generate";
import { encodeStripesPng, toBase64, type Rgb } from "../png";
import { isObject, num, textOf } from "./common";
import type { ImageFamily } from "./types";

const MAX_SIDE = 2048;

function colours(prompt: string): [Rgb, Rgb] {
  const h = hash32(prompt);
  const bg: Rgb = [(h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return [bg, [255 - bg[0], 255 - bg[1], 255 - bg[2]]];
}

function side(n: number | undefined, fallback: number): number {
  return Math.min(MAX_SIDE, Math.max(1, Math.round(n ?? fallback)));
}

/** A base64 PNG for `prompt` at the given size (clamped to 1…2048 per side). */
export function pngFor(prompt: string, width: number, height: number, variant = 0): string {
  const [bg, fg] = colours(`${prompt}#${variant}`);
  return toBase64(encodeStripesPng(side(width, 1024), side(height, 1024), bg, fg));
}

/** Width and height of about one megapixel for an `aspect_ratio` like `16:9`. */
export function sizeForAspect(aspect: unknown): [number, number] {
  const m = typeof aspect === "string" ? /^(\d+):(\d+)$/.exec(aspect) : null;
  const a = m ? Number(m[1]) : 1;
  const b = m ? Number(m[2]) : 1;
  const w = Math.round(Math.sqrt((1024 * 1024 * a) / b) / 64) * 64;
  const h = Math.round((w * b) / a / 64) * 64;
  return [w, h];
}

export const stabilitySdxl: ImageFamily = {
  kind: "image",
  name: "stability-sdxl",
  render({ body }) {
    const prompt = textOf(body.text_prompts);
    const seed = num(body.seed) ?? hash32(prompt) % 4294967295;
    const samples = Math.max(1, Math.min(4, num(body.samples) ?? 1));
    const artifacts = Array.from({ length: samples }, (_, i) => ({
      seed: seed + i, base64: pngFor(prompt, num(body.width) ?? 1024, num(body.height) ?? 1024, i), finishReason: "SUCCESS",
    }));
    return { body: { result: "success", artifacts } };
  },
};

export const stabilityImage: ImageFamily = {
  kind: "image",
  name: "stability-image",
  render({ body }) {
    const prompt = typeof body.prompt === "string" ? body.prompt : "";
    const [w, h] = sizeForAspect(body.aspect_ratio);
    return { body: { seeds: [num(body.seed) ?? hash32(prompt)], finish_reasons: [null], images: [pngFor(prompt, w, h)] } };
  },
};

function amazonImage(name: string, withError: boolean): ImageFamily {
  return {
    kind: "image",
    name,
    render({ body }) {
      const params = isObject(body.textToImageParams) ? body.textToImageParams : {};
      const config = isObject(body.imageGenerationConfig) ? body.imageGenerationConfig : {};
      const prompt = textOf(params.text);
      const count = Math.max(1, Math.min(5, num(config.numberOfImages) ?? 1));
      const images = Array.from({ length: count }, (_, i) => pngFor(prompt, num(config.width) ?? 1024, num(config.height) ?? 1024, i));
      return { body: withError ? { images, error: null } : { images } };
    },
  };
}

export const titanImage: ImageFamily = amazonImage("amazon-titan-image", true);
export const novaCanvas: ImageFamily = amazonImage("amazon-nova-canvas", false);
