/**
 * The pure half of `imageGeneration()`: OpenAI params → every native body to send (all validation before the first
 * request), and the answers → OpenAI `data`. The OpenAI layer sends `plan.calls`, parses each answer with
 * `plan.family.parseResponse`, calls {@link assembleImages} and adds `created`.
 */
import { ConfigurationError } from "../../errors";
import type { Image, ImageGenerateParams } from "../../api/image-types";
import { checkResponseFormat, imageCount, invalidImageResponse, isRecord } from "./params";
import { parseModel } from "../../api/models";
import { findMapper } from "../catalog";
import type { ImageFamily } from "../family";
import type { ImageMapper } from "./types";

/** One InvokeModel call of a plan. */
export interface ImageCall {
  /** Images this call draws. */
  count: number;
  /** The native InvokeModel body. */
  body: Record<string, unknown>;
}

export interface ImagePlan {
  family: ImageMapper;
  /** The model id for the URL: `model_id` when given, else `model` without the `bedrock/` prefix and route. */
  modelId: string;
  /** `n`, resolved (default 1). */
  n: number;
  calls: ImageCall[];
}

/**
 * Validates the params and builds every call, with the mapper of the model among `families`: `n` images in calls of
 * at most `family.maxImagesPerCall`. Throws ConfigurationError (naming the field) for a model no family given serves
 * (naming the import to add when one would), `response_format: "url"`, a size the model cannot
 * make, out-of-range numbers, and params the family cannot honour (unless `drop_params`).
 */
export function planImageGeneration(params: ImageGenerateParams, families: readonly ImageFamily[] | undefined): ImagePlan {
  if (!isRecord(params)) throw new ConfigurationError("params", "Pass the image params as an object: `{ model, prompt }`.");
  if (typeof params.model !== "string" || params.model.trim() === "") {
    throw new ConfigurationError("model", "`model` is required, e.g. `bedrock/amazon.nova-canvas-v1:0`.");
  }
  const family = findMapper("image", families, parseModel(params.model).baseModelId, params.model);
  checkResponseFormat(params.response_format);
  const n = imageCount(params.n);
  if (params.model_id !== undefined && (typeof params.model_id !== "string" || params.model_id.trim() === "")) {
    throw new ConfigurationError("model_id", "`model_id` must be a non-empty string (a provisioned-throughput ARN).");
  }
  const modelId = parseModel(params.model).modelId;
  const dropParams = params.drop_params === true;
  const calls: ImageCall[] = [];
  for (let left = n, callIndex = 0; left > 0; callIndex++) {
    const count = Math.min(left, family.maxImagesPerCall);
    calls.push({ count, body: family.buildRequest(params, { modelId, dropParams, count, callIndex }) });
    left -= count;
  }
  return { family, modelId: params.model_id ?? modelId, n, calls };
}

/** The parsed answers of `plan.calls` (same order) → OpenAI `data`, in call order. */
export function assembleImages(plan: ImagePlan, answers: readonly Image[][]): Image[] {
  if (answers.length !== plan.calls.length) throw new RangeError(`Expected ${plan.calls.length} answers, got ${answers.length}.`);
  const data: Image[] = [];
  answers.forEach((images, i) => {
    const count = plan.calls[i]!.count;
    if (images.length !== count) {
      throw invalidImageResponse(plan.family.name, `call ${i} asked for ${count} images and got ${images.length}`);
    }
    data.push(...images);
  });
  return data;
}
