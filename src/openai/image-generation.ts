/**
 * `generateImages()`: OpenAI image generation over Bedrock InvokeModel (Stability, Titan Image, Nova Canvas), with the
 * families a call is given. Every body is built and validated before the first request; `n` images are drawn in as
 * few calls as the family allows, concurrently.
 */
import type { RuntimeTarget } from "../runtime/operations";
import { assembleImages, planImageGeneration } from "../families/images/plan";
import type { ImageFamily } from "../families/family";
import type { RequestOptions } from "../transport/types";
import type { ImageGenerateParams, ImagesResponse } from "../api/image-types";
import { invokeAll } from "./invoke-all";
import { check, type Shape } from "./validate";

export interface ImageGenerationOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one request. @defaultValue 8 */
  concurrency?: number | undefined;
}

/** Options of {@link generateImages}: those of `createBedrock().imageGeneration`, and the families it may use. */
export interface GenerateImagesOptions extends ImageGenerationOptions {
  /**
   * The image families the model may come from, from `bedrock-fetch/families` (e.g. `[novaCanvas]`); a model whose
   * family is not given is a `ConfigurationError` naming the import to add.
   */
  families?: readonly ImageFamily[] | undefined;
}

// The shape of the params the image mappers take as they are (OpenAI's,
// https://platform.openai.com/docs/api-reference/images/create, and the negative prompt); the numbers and the values
// a model supports (`seed`, `cfg_scale`, `style_preset`, `sampler`, ...) are checked by its mapper.
const PARAMS: Shape = { prompt: "s", negative_prompt: "s", "size?": "s", "style?": "s", user: "s" };

/**
 * OpenAI image generation, `{ created, data: [{ b64_json }] }`, on any client (`createBedrockCore()` for the smallest
 * bundle), with the families given in `options.families`.
 *
 * @example
 * ```ts
 * import { createBedrockCore, generateImages } from "bedrock-fetch";
 * import { novaCanvas } from "bedrock-fetch/families";
 * const core = createBedrockCore({ region: "us-east-1" });
 * const { data } = await generateImages(core, { model: "amazon.nova-canvas-v1:0", prompt: "a lighthouse" }, { families: [novaCanvas] });
 * ```
 */
export async function generateImages(
  target: RuntimeTarget,
  params: ImageGenerateParams,
  { families, ...options }: GenerateImagesOptions = {},
): Promise<ImagesResponse> {
  check(params, PARAMS, "");
  const plan = planImageGeneration(params, families);
  const answers = await invokeAll(target, plan, options);
  const data = assembleImages(plan, answers.map(({ body }) => plan.family.parseResponse(body)));
  return { created: Math.floor(Date.now() / 1000), data };
}
