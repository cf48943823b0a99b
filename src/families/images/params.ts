/**
 * Checks every image family shares: `prompt`, `n`, `response_format`, numeric ranges, the `drop_params` policy,
 * provider-specific pass-through, and typed errors for answers without an image. All pure.
 */
export { isRecord } from "../../internal/is-record";
import { ConfigurationError, ModelError } from "../../errors";
import { invalidResponse } from "../invalid-response";
import { checkOneOf, extraParams, unsupported } from "../params";

export { checkOneOf, unsupported as unsupportedImageParam };
import type { Image, ImageGenerateParams } from "../../api/image-types";

/** Every param the OpenAI layer or an image mapper understands; anything else is provider-specific. */
export const KNOWN_IMAGE_PARAMS: ReadonlySet<string> = new Set([
  "model",
  "prompt",
  "n",
  "size",
  "quality",
  "response_format",
  "style",
  "negative_prompt",
  "seed",
  "cfg_scale",
  "steps",
  "style_preset",
  "sampler",
  "aspect_ratio",
  "output_format",
  "model_id",
  "user",
  "drop_params",
]);

/** OpenAI's own ceiling for `n`. */
export const MAX_IMAGES = 10;

/** `prompt`: a non-empty string, at most `maxLength` characters when the model documents a limit. */
export function checkPrompt(prompt: unknown, model: string, maxLength?: number): string {
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw new ConfigurationError("prompt", "`prompt` is required: a non-empty description of the image.");
  }
  if (maxLength !== undefined && prompt.length > maxLength) {
    throw new ConfigurationError("prompt", `\`prompt\` is ${prompt.length} characters; ${model} takes at most ${maxLength}.`);
  }
  return prompt;
}

/** `n` as an integer 1–10 (default 1). */
export function imageCount(n: unknown): number {
  if (n == null) return 1;
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_IMAGES) {
    throw new ConfigurationError("n", `\`n\` must be an integer from 1 to ${MAX_IMAGES}; got ${JSON.stringify(n)}.`);
  }
  return n as number;
}

/** Bedrock returns image bytes, never hosted URLs. */
export function checkResponseFormat(format: unknown): void {
  if (format == null || format === "b64_json") return;
  if (format === "url") {
    throw new ConfigurationError(
      "response_format",
      '`response_format: "url"` is not supported: Bedrock returns the image bytes, not a hosted URL. Use `response_format: "b64_json"` (the default) and store the image yourself.',
    );
  }
  throw new ConfigurationError("response_format", `\`response_format\` must be "b64_json"; got ${JSON.stringify(format)}.`);
}

/** A documented numeric range; `integer` for seeds and steps. */
export function checkNumber(field: string, value: unknown, min: number, max: number, integer: boolean): number {
  const ok = typeof value === "number" && Number.isFinite(value) && (!integer || Number.isInteger(value));
  if (!ok || (value as number) < min || (value as number) > max) {
    throw new ConfigurationError(
      field,
      `\`${field}\` must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${JSON.stringify(value)}.`,
    );
  }
  return value as number;
}

/**
 * `seed` (0–`max`) for call `callIndex` of a request: `seed + callIndex`, wrapped into the model's range, so
 * one-image-per-call families draw different images for `n > 1` while staying reproducible.
 */
export function seedFor(seed: unknown, callIndex: number, max: number): number {
  return (checkNumber("seed", seed, 0, max, true) + callIndex) % (max + 1);
}

/** Refuses (or, with `drop_params`, lets the caller drop) each of `fields` the caller set. */
export function refuseImageParams(params: ImageGenerateParams, fields: readonly (keyof ImageGenerateParams)[], model: string, dropParams: boolean, hint?: string): void {
  for (const field of fields) if (params[field] !== undefined) unsupported(field as string, model, dropParams, hint);
}

/** A `{ images: string[] }` answer → OpenAI `data`. */
export function imagesOf(family: string, images: unknown): Image[] {
  if (!Array.isArray(images) || images.length === 0) throw invalidImageResponse(family, "no `images` array");
  return images.map((image) => {
    if (typeof image !== "string" || image === "") throw invalidImageResponse(family, "an image is not a base64 string");
    return { b64_json: image };
  });
}

/** Provider-specific params (not in {@link KNOWN_IMAGE_PARAMS}, not undefined), passed through to the body. */
export function providerSpecificImageParams(params: ImageGenerateParams): Record<string, unknown> {
  return extraParams(params, KNOWN_IMAGE_PARAMS);
}

/** An answer whose shape the family does not document. */
export function invalidImageResponse(family: string, detail: string) {
  return invalidResponse(`${family} image`, detail);
}

/** The model answered but drew no usable image: filtered by content moderation, or failed. */
export function imageNotGenerated(family: string, reason: string, filtered: boolean): ModelError {
  return new ModelError(`${family} returned no image: ${reason}.`, { code: filtered ? "ContentFiltered" : "ModelError" });
}
