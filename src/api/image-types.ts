/**
 * OpenAI Images types (https://platform.openai.com/docs/api-reference/images/create), plus the provider-specific
 * params Bedrock's image models take (Stability: `cfg_scale`, `steps`, `style_preset`, `sampler`, `aspect_ratio`,
 * `output_format`; Titan Image / Nova Canvas: `negative_prompt`, `cfg_scale`, `seed`, `quality`).
 */

/** `hd` is OpenAI's name for Titan / Nova Canvas `premium`. */
export type ImageQuality = "standard" | "hd" | "premium";

export interface ImageGenerateParams {
  /** `bedrock/`-prefix optional, then a model id or inference-profile id. */
  model: string;
  /** What to draw. */
  prompt: string;
  /** How many images; families that draw one image per call are called `n` times. @defaultValue 1 */
  n?: number | null;
  /** `"<width>x<height>"` in pixels, checked against the sizes the model documents. */
  size?: string | null;
  quality?: ImageQuality | null;
  /** Only `b64_json`: Bedrock returns image bytes, never hosted URLs. @defaultValue "b64_json" */
  response_format?: "b64_json" | "url" | null;
  /** Nova Canvas visual style (e.g. `PHOTOREALISM`); OpenAI's `vivid`/`natural` have no Bedrock equivalent. */
  style?: string | null;
  /** What not to draw (Stability `negative_prompt` / SDXL weight -1 prompt, Titan `negativeText`). */
  negative_prompt?: string;
  seed?: number;
  cfg_scale?: number;
  /** SDXL diffusion steps. */
  steps?: number;
  /** SDXL style preset, e.g. `photographic`. */
  style_preset?: string;
  /** SDXL sampler, e.g. `K_DPMPP_2M`. */
  sampler?: string;
  /** SD3 / Stable Image: aspect ratio, instead of `size`. */
  aspect_ratio?: string;
  /** SD3 / Stable Image: `png` or `jpeg`. */
  output_format?: "png" | "jpeg" | (string & {});
  /** Provisioned-throughput or application-inference-profile ARN: replaces the id in the URL only. */
  model_id?: string;
  /** Accepted for OpenAI compatibility; not sent. */
  user?: string;
  /** Drop params the model family cannot honour instead of throwing. @defaultValue false */
  drop_params?: boolean;
  /** Any other provider-specific field is passed through to the model's native body. */
  [providerSpecific: string]: unknown;
}

export interface Image {
  b64_json: string;
  revised_prompt?: string;
}

export interface ImagesResponse {
  /** Unix seconds; added by the OpenAI layer (mappers have no clock). */
  created: number;
  data: Image[];
}
