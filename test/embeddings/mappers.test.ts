/**
 * Embedding mappers on documented inputs: the LiteLLM page's examples, validation before any request, batching,
 * Titan Multimodal, and answers that are not in the documented shape.
 */
import { embeddingFamilyFor, planEmbedding } from "../helpers/families";
import { describe, expect, it } from "vitest";
import { APIError, ConfigurationError } from "../../src/errors";
import {
  assembleEmbeddingResponse,
  cohereEmbedV3,
  cohereEmbedV4,
  titanMultimodal,
  titanTextV1,
  titanTextV2,
} from "../../src/families/embeddings/index";
import { parseModel } from "../../src/api/models";
import type { EmbeddingCreateParams } from "../../src/api/embedding-types";

function configError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("LiteLLM page examples (docs/providers/bedrock, Bedrock Embedding)", () => {
  const input = ["good morning from litellm"];
  it.each([
    ["bedrock/amazon.titan-embed-text-v2:0", "amazon-titan-embed-text-v2", { inputText: "good morning from litellm" }],
    ["bedrock/amazon.titan-embed-text-v1", "amazon-titan-embed-text-v1", { inputText: "good morning from litellm" }],
    [
      "bedrock/cohere.embed-english-v3",
      "cohere-embed-v3",
      { texts: ["good morning from litellm"], input_type: "search_document" },
    ],
    [
      "bedrock/cohere.embed-multilingual-v3",
      "cohere-embed-v3",
      { texts: ["good morning from litellm"], input_type: "search_document" },
    ],
  ])("%s builds the documented body", (model, familyName, body) => {
    const plan = planEmbedding({ model, input });
    expect(plan.family.name).toBe(familyName);
    expect(plan.calls).toEqual([{ start: 0, inputs: input, body }]);
    expect(plan.modelId).toBe(model.slice("bedrock/".length));
  });

  it("provisioned throughput: model_id replaces the URL id only", () => {
    const plan = planEmbedding({ model: "bedrock/amazon.titan-embed-text-v1", model_id: "provisioned-model-arn", input: ["hi"] });
    expect(plan.modelId).toBe("provisioned-model-arn");
    expect(plan.family).toBe(titanTextV1);
    expect(plan.calls[0]!.body).toStrictEqual({ inputText: "hi" });
  });
});

describe("input validation (before any request)", () => {
  const model = "amazon.titan-embed-text-v2:0";
  it.each([
    ["an empty string", "", "input"],
    ["an empty array", [], "input"],
    ["an empty text in a list", ["a", ""], "input[1]"],
    ["token ids", [1, 2, 3], "input"],
    ["lists of token ids", [[1, 2], [3]], "input"],
    ["a non-string", [{ text: "a" }], "input[0]"],
  ])("refuses %s", (_, input, field) => {
    const error = configError(() => planEmbedding({ model, input } as unknown as EmbeddingCreateParams));
    expect(error.field).toBe(field);
  });

  it("names the fix for token ids", () => {
    expect(configError(() => planEmbedding({ model, input: [1, 2] })).message).toMatch(/Pass the text itself/);
  });

  it("refuses an unknown model, naming `model` and the known families", () => {
    const error = configError(() => planEmbedding({ model: "bedrock/openai.text-embedding-3-small", input: "x" }));
    expect(error.field).toBe("model");
    expect(error.message).toContain("Known families: titanEmbeddings, titanMultimodalEmbeddings, cohereEmbeddings.");
  });

  it("refuses an unknown encoding_format", () => {
    expect(configError(() => planEmbedding({ model, input: "x", encoding_format: "hex" as "float" })).field).toBe("encoding_format");
  });
});

describe("dimensions", () => {
  it("Titan V2 takes 256/512/1024 and lists them otherwise", () => {
    expect(planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: "x", dimensions: 512 }).calls[0]!.body).toStrictEqual({
      inputText: "x",
      dimensions: 512,
    });
    const error = configError(() => planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: "x", dimensions: 300 }));
    expect(error.field).toBe("dimensions");
    expect(error.message).toContain("256, 512, 1024");
  });

  it("a model without a choice refuses dimensions unless drop_params", () => {
    for (const model of ["amazon.titan-embed-text-v1", "cohere.embed-english-v3"]) {
      expect(configError(() => planEmbedding({ model, input: "x", dimensions: 256 })).field).toBe("dimensions");
      const body = planEmbedding({ model, input: "x", dimensions: 256, drop_params: true }).calls[0]!.body;
      expect(body).not.toHaveProperty("dimensions");
      expect(body).not.toHaveProperty("output_dimension");
    }
  });

  it("Cohere Embed v4 maps dimensions to output_dimension", () => {
    expect(planEmbedding({ model: "cohere.embed-v4:0", input: "x", dimensions: 1024 }).calls[0]!.body).toStrictEqual({
      texts: ["x"],
      input_type: "search_document",
      output_dimension: 1024,
    });
    expect(configError(() => planEmbedding({ model: "cohere.embed-v4:0", input: "x", dimensions: 768 })).message).toContain(
      "256, 512, 1024, 1536",
    );
  });

  it("Titan Multimodal maps dimensions to embeddingConfig.outputEmbeddingLength", () => {
    expect(planEmbedding({ model: "amazon.titan-embed-image-v1", input: "x", dimensions: 384 }).calls[0]!.body).toStrictEqual({
      inputText: "x",
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
    expect(configError(() => planEmbedding({ model: "amazon.titan-embed-image-v1", input: "x", dimensions: 512 })).field).toBe(
      "dimensions",
    );
  });
});

describe("family params", () => {
  it("Titan V2: normalize and embedding_types float/binary", () => {
    const body = planEmbedding({
      model: "amazon.titan-embed-text-v2:0",
      input: "x",
      normalize: false,
      embedding_types: ["binary", "float"],
    }).calls[0]!.body;
    expect(body).toStrictEqual({ inputText: "x", normalize: false, embeddingTypes: ["binary", "float"] });
    expect(configError(() => planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: "x", embedding_types: ["int8"] })).field).toBe(
      "embedding_types",
    );
  });

  it("Titan refuses Cohere-only params unless drop_params", () => {
    expect(configError(() => planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: "x", input_type: "search_query" })).field).toBe(
      "input_type",
    );
    expect(
      planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: "x", truncate: "END", drop_params: true }).calls[0]!.body,
    ).toStrictEqual({ inputText: "x" });
  });

  it("Cohere: input_type, truncate and embedding_types are checked against the documented values", () => {
    const model = "cohere.embed-multilingual-v3";
    expect(configError(() => planEmbedding({ model, input: "x", input_type: "query" })).message).toContain("search_query");
    expect(configError(() => planEmbedding({ model, input: "x", truncate: "LEFT" })).field).toBe("truncate");
    expect(configError(() => planEmbedding({ model, input: "x", embedding_types: ["float", "int4"] })).field).toBe("embedding_types");
    expect(planEmbedding({ model, input: "x", embedding_types: ["int8", "float"] }).calls[0]!.body).toStrictEqual({
      texts: ["x"],
      input_type: "search_document",
      embedding_types: ["int8", "float"],
    });
  });

  it("passes provider-specific params through to the native body", () => {
    expect(planEmbedding({ model: "cohere.embed-v4:0", input: "x", max_tokens: 128 }).calls[0]!.body).toMatchObject({ max_tokens: 128 });
  });
});

describe("batching", () => {
  const texts = (n: number) => Array.from({ length: n }, (_, i) => `text ${i}`);

  it("splits Cohere input into calls of at most 96 texts, in order", () => {
    const plan = planEmbedding({ model: "cohere.embed-english-v3", input: texts(200) });
    expect(plan.calls.map((c) => [c.start, c.inputs.length])).toEqual([
      [0, 96],
      [96, 96],
      [192, 8],
    ]);
    expect(plan.calls[1]!.body["texts"]).toEqual(texts(200).slice(96, 192));
  });

  it("with batch: false, more than 96 Cohere texts is a ConfigurationError", () => {
    const error = configError(() => planEmbedding({ model: "cohere.embed-english-v3", input: texts(97), batch: false }));
    expect(error.field).toBe("input");
    expect(error.message).toContain("96");
    expect(planEmbedding({ model: "cohere.embed-english-v3", input: texts(96), batch: false }).calls).toHaveLength(1);
  });

  it("Titan takes one text per call", () => {
    expect(titanTextV2.maxBatch).toBe(1);
    expect(titanTextV1.maxBatch).toBe(1);
    expect(titanMultimodal.maxBatch).toBe(1);
    expect(cohereEmbedV3.maxBatch).toBe(96);
    expect(cohereEmbedV4.maxBatch).toBe(96);
    expect(planEmbedding({ model: "amazon.titan-embed-text-v1", input: texts(5), batch: false }).calls).toHaveLength(5);
  });

  it("assembles answers from several calls in input order with summed tokens", () => {
    const plan = planEmbedding({ model: "amazon.titan-embed-text-v2:0", input: ["a", "b", "c"] });
    const answers = [
      { embedding: [0.1], inputTextTokenCount: 1 },
      { embedding: [0.2], inputTextTokenCount: 2 },
      { embedding: [0.3], inputTextTokenCount: 3 },
    ].map((body) => plan.family.parseResponse(body, 1));
    expect(assembleEmbeddingResponse(plan, answers)).toStrictEqual({
      object: "list",
      data: [
        { object: "embedding", index: 0, embedding: [0.1] },
        { object: "embedding", index: 1, embedding: [0.2] },
        { object: "embedding", index: 2, embedding: [0.3] },
      ],
      model: "amazon.titan-embed-text-v2:0",
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
  });
});

describe("typed vectors", () => {
  it("Cohere embeddings_by_type: float when present, else the first requested type", () => {
    const body = { embeddings: { int8: [[1, -2]], float: [[0.5, 0.25]] }, response_type: "embeddings_by_type" };
    expect(cohereEmbedV3.parseResponse(body, 1).vectors).toEqual([[0.5, 0.25]]);
    expect(cohereEmbedV3.parseResponse(body, 1, { embeddingTypes: ["int8"] }).vectors).toEqual([[1, -2]]);
    expect(() => cohereEmbedV3.parseResponse({ embeddings: { int8: [[1]] } }, 1)).toThrow(/embeddings\.float/);
  });

  it("Titan V2 binary embeddings come from embeddingsByType", () => {
    const body = { embedding: [0.5, -0.5], embeddingsByType: { binary: [1, 0], float: [0.5, -0.5] }, inputTextTokenCount: 1 };
    expect(titanTextV2.parseResponse(body, 1, { embeddingTypes: ["binary"] }).vectors).toEqual([[1, 0]]);
    expect(titanTextV2.parseResponse(body, 1, { embeddingTypes: ["binary", "float"] }).vectors).toEqual([[0.5, -0.5]]);
  });

  it("the plan parses with the types the body asked for", () => {
    const plan = planEmbedding({ model: "cohere.embed-v4:0", input: "x", embedding_types: ["uint8"] });
    expect(plan.parseOptions).toEqual({ embeddingTypes: ["uint8"] });
  });
});

describe("answers not in the documented shape are typed errors", () => {
  it.each([
    ["Titan without embedding", titanTextV2, { inputTextTokenCount: 1 }, 1],
    ["Titan with a non-object body", titanTextV1, "oops", 1],
    ["Cohere with fewer vectors than texts", cohereEmbedV3, { embeddings: [[0.1]] }, 2],
    ["Cohere with strings", cohereEmbedV3, { embeddings: [["a"]] }, 1],
    ["Titan Multimodal reporting a message", titanMultimodal, { message: "bad image" }, 1],
  ])("%s", (_, family, body, count) => {
    try {
      family.parseResponse(body, count);
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).code).toBe("InvalidResponse");
    }
  });
});

describe("Titan Multimodal inputs", () => {
  const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  it("a text becomes inputText and an image data URL becomes inputImage", () => {
    const plan = planEmbedding({ model: "amazon.titan-embed-image-v1", input: ["a red apple", `data:image/png;base64,${png}`] });
    expect(plan.calls.map((c) => c.body)).toStrictEqual([{ inputText: "a red apple" }, { inputImage: png }]);
  });
  it("refuses an image type the model does not read, and data URLs that are not base64", () => {
    expect(configError(() => planEmbedding({ model: "amazon.titan-embed-image-v1", input: "data:image/gif;base64,R0lGOD==" })).message).toMatch(
      /PNG or JPEG/,
    );
    expect(configError(() => planEmbedding({ model: "amazon.titan-embed-image-v1", input: "data:image/png,raw" })).field).toBe("input");
  });
});

describe("model ids", () => {
  it.each([
    ["bedrock/amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2:0"],
    ["bedrock/invoke/us.cohere.embed-v4:0", "cohere.embed-v4:0"],
    ["eu.cohere.embed-v4:0", "cohere.embed-v4:0"],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1", "amazon.titan-embed-text-v1"],
  ])("%s → %s", (model, base) => {
    expect(parseModel(model).baseModelId).toBe(base);
    expect(() => embeddingFamilyFor(model)).not.toThrow();
  });
});
