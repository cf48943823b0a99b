/**
 * Image mappers on bad input (typed ConfigurationErrors before any request, naming the field and the fix), `n`
 * across calls, `drop_params`, and answers that are not in the documented shape.
 */
import { imageFamilyFor, planImageGeneration } from "../helpers/families";
import { describe, expect, it } from "vitest";
import { APIError, ConfigurationError } from "../../src/errors";
import {
  assembleImages,
  novaCanvas,
  stabilitySd3Large,
  stabilitySdxlV0,
  stabilitySdxlV1,
  stableImageCore,
  stableImageUltra,
  titanImageV1,
  titanImageV2,
} from "../../src/families/images/index";
import type { ImageGenerateParams } from "../../src/api/image-types";

function configError(params: ImageGenerateParams): ConfigurationError {
  try {
    planImageGeneration(params);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

const SDXL1 = "bedrock/stability.stable-diffusion-xl-v1";
const SDXL0 = "bedrock/stability.stable-diffusion-xl-v0";
const TITAN = "bedrock/amazon.titan-image-generator-v2:0";
const NOVA = "bedrock/amazon.nova-canvas-v1:0";
const SD3 = "bedrock/stability.sd3-large-v1:0";
const prompt = "A cute baby sea otter";

describe("LiteLLM page example", () => {
  it("stability.stable-diffusion-xl-v0 with the prompt alone builds a body with just the prompt", () => {
    expect(planImageGeneration({ model: SDXL0, prompt }).calls).toEqual([
      { count: 1, body: { text_prompts: [{ text: prompt, weight: 1 }] } },
    ]);
  });
});

describe("size the model cannot make → ConfigurationError naming `size` and listing valid sizes", () => {
  it.each([
    [SDXL1, "512x512", ["1024x1024", "1152x896", "640x1536", "896x1152"]],
    [SDXL0, "100x512", ["multiple of 64", "128x512"]],
    [SDXL0, "1024x2048", ["1024×1024 pixels"]],
    [TITAN, "1000x1000", ["1024x1024", "768x768", "1173x640"]],
    ["amazon.titan-image-generator-v1", "256x256", ["512x512", "704x320"]],
    [NOVA, "1000x1000", ["divisible by 16"]],
    [NOVA, "2560x2560", ["4,194,304"]],
    [NOVA, "320x1600", ["1:4 and 4:1"]],
    [SD3, "1000x700", ["16:9", "9:21"]],
    ["stability.stable-image-ultra-v1:1", "4x3", ["21:9"]],
  ])("%s %s", (model, size, listed) => {
    const error = configError({ model, prompt, size });
    expect(error.field).toBe("size");
    for (const text of listed) expect(error.message).toContain(text);
  });

  it("a size that is not WxH", () => {
    expect(configError({ model: TITAN, prompt, size: "large" }).message).toMatch(/<width>x<height>/);
  });

  it("accepts every documented size", () => {
    for (const size of ["1024x1024", "1152x896", "1216x832", "1344x768", "1536x640", "640x1536", "768x1344", "832x1216", "896x1152"]) {
      expect(planImageGeneration({ model: SDXL1, prompt, size }).calls[0]!.body).toMatchObject({
        width: Number(size.split("x")[0]),
        height: Number(size.split("x")[1]),
      });
    }
    expect(planImageGeneration({ model: NOVA, prompt, size: "2048x2048" }).calls[0]!.body).toMatchObject({
      imageGenerationConfig: { width: 2048, height: 2048 },
    });
    for (const [size, ratio] of [
      ["1024x1024", "1:1"],
      ["1920x1080", "16:9"],
      ["1344x576", "21:9"],
      ["576x1344", "9:21"],
      ["1024x1280", "4:5"],
    ] as const) {
      expect(planImageGeneration({ model: SD3, prompt, size }).calls[0]!.body["aspect_ratio"]).toBe(ratio);
    }
  });

  it("SD3: size and aspect_ratio must agree", () => {
    expect(configError({ model: SD3, prompt, size: "1024x1024", aspect_ratio: "16:9" }).field).toBe("size");
    expect(configError({ model: SD3, prompt, aspect_ratio: "4:3" }).field).toBe("aspect_ratio");
  });
});

describe("response_format", () => {
  it('"url" is a typed error naming the field and the fix', () => {
    const error = configError({ model: NOVA, prompt, response_format: "url" });
    expect(error.field).toBe("response_format");
    expect(error.message).toContain('"b64_json"');
  });
  it('"b64_json" and null are accepted', () => {
    expect(() => planImageGeneration({ model: NOVA, prompt, response_format: "b64_json" })).not.toThrow();
    expect(() => planImageGeneration({ model: NOVA, prompt, response_format: null })).not.toThrow();
  });
});

describe("n across calls", () => {
  it("maxImagesPerCall: 1 for Stability, 5 for Titan Image and Nova Canvas", () => {
    for (const family of [stabilitySdxlV0, stabilitySdxlV1, stabilitySd3Large, stableImageCore, stableImageUltra]) {
      expect(family.maxImagesPerCall).toBe(1);
    }
    for (const family of [titanImageV1, titanImageV2, novaCanvas]) expect(family.maxImagesPerCall).toBe(5);
  });

  it("SDXL n = 3 is three calls; an explicit seed becomes seed, seed+1, seed+2 so the images differ", () => {
    const plan = planImageGeneration({ model: SDXL1, prompt, n: 3, seed: 4_294_967_294 });
    expect(plan.calls.map((c) => [c.count, c.body["seed"]])).toEqual([
      [1, 4_294_967_294],
      [1, 4_294_967_295],
      [1, 0],
    ]);
  });

  it("Titan n = 7 is a call of 5 and a call of 2", () => {
    const plan = planImageGeneration({ model: TITAN, prompt, n: 7 });
    expect(plan.calls.map((c) => (c.body["imageGenerationConfig"] as { numberOfImages: number }).numberOfImages)).toEqual([5, 2]);
  });

  it.each([0, 11, 2.5, "2"])("n = %j is refused", (n) => {
    expect(configError({ model: TITAN, prompt, n: n as number }).field).toBe("n");
  });

  it("assembles answers in call order and checks each call's image count", () => {
    const plan = planImageGeneration({ model: SD3, prompt, n: 2 });
    const answers = [[{ b64_json: "AAAA" }], [{ b64_json: "BBBB" }]];
    expect(assembleImages(plan, answers)).toEqual([{ b64_json: "AAAA" }, { b64_json: "BBBB" }]);
    expect(() => assembleImages(plan, [[{ b64_json: "AAAA" }], []])).toThrow(APIError);
  });
});

describe("params a family cannot honour", () => {
  it.each([
    [SDXL1, { quality: "hd" }, "quality"],
    [SDXL1, { style: "vivid" }, "style"],
    [SDXL1, { aspect_ratio: "1:1" }, "aspect_ratio"],
    [SD3, { cfg_scale: 7 }, "cfg_scale"],
    [SD3, { steps: 30 }, "steps"],
    [TITAN, { style: "PHOTOREALISM" }, "style"],
    [TITAN, { sampler: "DDIM" }, "sampler"],
    [NOVA, { style: "vivid" }, "style"],
  ] as const)("%s %j → error unless drop_params", (model, extra, field) => {
    expect(configError({ model, prompt, ...extra } as ImageGenerateParams).field).toBe(field);
    const body = planImageGeneration({ model, prompt, ...extra, drop_params: true } as ImageGenerateParams).calls[0]!.body;
    expect(JSON.stringify(body)).not.toContain(JSON.stringify(Object.values(extra)[0]));
  });

  it("quality: standard is a no-op for Stability; Titan maps hd to premium and refuses other values", () => {
    expect(planImageGeneration({ model: SDXL1, prompt, quality: "standard" }).calls[0]!.body).not.toHaveProperty("quality");
    expect(planImageGeneration({ model: TITAN, prompt, quality: "premium" }).calls[0]!.body).toMatchObject({
      imageGenerationConfig: { quality: "premium" },
    });
    expect(configError({ model: TITAN, prompt, quality: "ultra" as "hd" }).field).toBe("quality");
  });
});

describe("documented ranges and values", () => {
  it.each([
    [SDXL1, { cfg_scale: 40 }, "cfg_scale"],
    [SDXL1, { steps: 5 }, "steps"],
    [SDXL1, { seed: -1 }, "seed"],
    [SDXL1, { sampler: "EULER" }, "sampler"],
    [SDXL1, { style_preset: "watercolor" }, "style_preset"],
    [TITAN, { cfg_scale: 1 }, "cfg_scale"],
    [TITAN, { seed: 2_147_483_647 }, "seed"],
    [NOVA, { seed: 858_993_460 }, "seed"],
    [SD3, { output_format: "webp" }, "output_format"],
    [SD3, { seed: 1.5 }, "seed"],
  ] as const)("%s %j", (model, extra, field) => {
    expect(configError({ model, prompt, ...extra } as ImageGenerateParams).field).toBe(field);
  });

  it("prompt: required, and within the model's documented length", () => {
    expect(configError({ model: TITAN, prompt: "" }).field).toBe("prompt");
    expect(configError({ model: TITAN, prompt: "x".repeat(513) }).message).toContain("512");
    expect(() => planImageGeneration({ model: NOVA, prompt: "x".repeat(1024) })).not.toThrow();
    expect(configError({ model: NOVA, prompt: "x".repeat(1025) }).field).toBe("prompt");
  });

  it("passes provider-specific params through (e.g. SDXL clip_guidance_preset)", () => {
    expect(planImageGeneration({ model: SDXL1, prompt, clip_guidance_preset: "FAST_BLUE" }).calls[0]!.body).toMatchObject({
      clip_guidance_preset: "FAST_BLUE",
    });
  });
});

describe("model routing", () => {
  it("an unknown model names `model` and the supported families", () => {
    const error = configError({ model: "bedrock/openai.dall-e-3", prompt });
    expect(error.field).toBe("model");
    expect(error.message).toContain("Known families: stabilityImages, titanImages, novaCanvas.");
  });

  it.each([
    ["stability.stable-image-core-v1:0", "stability-stable-image-core"],
    ["us.stability.stable-image-ultra-v1:1", "stability-stable-image-ultra"],
    ["bedrock/stability.sd3-5-large-v1:0", "stability-sd3-5-large"],
    ["amazon.titan-image-generator-v1", "amazon-titan-image-v1"],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0", "amazon-nova-canvas"],
  ])("%s → %s", (model, name) => {
    expect(imageFamilyFor(model).name).toBe(name);
  });

  it("model_id replaces the URL id only", () => {
    const plan = planImageGeneration({ model: TITAN, model_id: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", prompt });
    expect(plan.modelId).toBe("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc");
    expect(plan.calls[0]!.body).not.toHaveProperty("model_id");
  });
});

describe("answers not in the documented shape are typed errors", () => {
  it.each([
    [stabilitySdxlV1, { result: "success" }],
    [stabilitySdxlV1, { artifacts: [{ finishReason: "SUCCESS" }] }],
    [stabilitySd3Large, { seeds: [1], finish_reasons: [null], images: [] }],
    [titanImageV2, { images: [42] }],
    [novaCanvas, "not json"],
  ])("%#", (family, body) => {
    try {
      family.parseResponse(body);
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).code).toBe("InvalidResponse");
    }
  });
});
