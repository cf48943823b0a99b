/**
 * `imageGeneration()`: OpenAI image generation over Bedrock InvokeModel (Stability, Titan Image, Nova Canvas).
 * Every body is built and validated before the first request; `n` images are drawn in as few calls as the family
 * allows, concurrently.
 */
import type { BedrockRuntime } from "../runtime/operations";
import { assembleImages, planImageGeneration } from "../families/images/plan";
import type { RequestOptions } from "../transport/types";
import type { ImageGenerateParams, ImagesResponse } from "../api/image-types";
import { invokeAll } from "./invoke-all";
import { check, type Shape } from "./validate";

export interface ImageGenerationOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one request. @defaultValue 8 */
  concurrency?: number | undefined;
}

// The shape of the params the image mappers take as they are (OpenAI's,
// https://platform.openai.com/docs/api-reference/images/create, and the negative prompt); the numbers and the values
// a model supports (`seed`, `cfg_scale`, `style_preset`, `sampler`, ...) are checked by its mapper.
const PARAMS: Shape = { prompt: "s", negative_prompt: "s", "size?": "s", "style?": "s", user: "s" };

/** Runs one image-generation request on a client's runtime. */
export async function createImages(
  runtime: BedrockRuntime,
  params: ImageGenerateParams,
  options: ImageGenerationOptions = {},
): Promise<ImagesResponse> {
  check(params, PARAMS, "");
  const plan = planImageGeneration(params);
  const answers = await invokeAll(runtime, plan, options);
  const data = assembleImages(plan, answers.map(({ body }) => plan.family.parseResponse(body)));
  return { created: Math.floor(Date.now() / 1000), data };
}
