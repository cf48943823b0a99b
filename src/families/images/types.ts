/**
 * The contract every image-family mapper meets. Pure like the chat mappers: data in, data out, no I/O, no clock,
 * no random. A family states how many images one InvokeModel call draws (`maxImagesPerCall`); the OpenAI layer
 * makes as many calls as `n` needs (see `plan.ts`) and adds `created`.
 */
import type { Image, ImageGenerateParams } from "../../api/image-types";
import type { SizeRule } from "./sizes";

export interface ImageMapperOptions {
  /** Foundation-model id the family was chosen by (profile prefix kept). */
  modelId: string;
  /** Drop params the family cannot honour instead of throwing a ConfigurationError. */
  dropParams: boolean;
  /** Images this call draws (1 ≤ count ≤ `maxImagesPerCall`). */
  count: number;
  /**
   * Position of this call among the calls of one request. With an explicit `seed`, a family drawing one image per
   * call uses `seed + callIndex`, so `n` images differ yet stay reproducible.
   */
  callIndex: number;
}

/** An image family on the InvokeModel route. */
export interface ImageMapper {
  /** Stable family name, e.g. `"stability-sdxl"`, `"amazon-titan-image"`. */
  readonly name: string;
  /** Most images one call draws: 1 for Stability, 5 for Titan Image and Nova Canvas. */
  readonly maxImagesPerCall: number;
  /** The sizes the model documents (also in the error for a size it cannot make). */
  readonly sizes: SizeRule;
  /** OpenAI params → the native InvokeModel body for one call. Throws ConfigurationError for bad params. */
  buildRequest(params: ImageGenerateParams, options: ImageMapperOptions): Record<string, unknown>;
  /** Native response body → the images, as OpenAI `data` entries. Throws a typed error when no image came back. */
  parseResponse(body: unknown): Image[];
}
