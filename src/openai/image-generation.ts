/**
 * `imageGeneration()`: OpenAI image generation over Bedrock InvokeModel (Stability, Titan Image, Nova Canvas).
 * Every body is built and validated before the first request; `n` images are drawn in as few calls as the family
 * allows, concurrently.
 */
import type { BedrockRuntime } from "../runtime/operations";
import { assembleImages, planImageGeneration } from "../families/images/plan";
import type { RequestOptions } from "../transport/types";
import type { ImageGenerateParams, ImagesResponse } from "./image-types";
import { invokeAll } from "./invoke-all";

export interface ImageGenerationOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one request. @defaultValue 8 */
  concurrency?: number | undefined;
}

/** Runs one image-generation request on a client's runtime. */
export async function createImages(
  runtime: BedrockRuntime,
  params: ImageGenerateParams,
  options: ImageGenerationOptions = {},
): Promise<ImagesResponse> {
  const plan = planImageGeneration(params);
  const answers = await invokeAll(runtime, plan, options);
  const data = assembleImages(plan, answers.map(({ body }) => plan.family.parseResponse(body)));
  return { created: Math.floor(Date.now() / 1000), data };
}
