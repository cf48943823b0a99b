import { invokeFamilyFor } from "../helpers/families";
import { describe, expect, it } from "vitest";

import { ConfigurationError } from "../../src/errors";
import { parseModel } from "../../src/api/models";
import { familyNameFor } from "../../src/families/catalog";
import { chatFamilies } from "../../src/families/chat-families";
import { embeddingFamilies } from "../../src/families/embeddings/families";
import { imageFamilies } from "../../src/families/images/families";

// Every model of the LiteLLM Bedrock page's "Supported AWS Bedrock Models" table, with the family it must use.
const LITELLM_TABLE: Array<[string, string]> = [
  ["bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic"],
  ["bedrock/anthropic.claude-3-sonnet-20240229-v1:0", "anthropic"],
  ["bedrock/anthropic.claude-3-haiku-20240307-v1:0", "anthropic"],
  ["bedrock/anthropic.claude-3-opus-20240229-v1:0", "anthropic"],
  ["bedrock/anthropic.claude-v2:1", "anthropic-text"],
  ["bedrock/anthropic.claude-v2", "anthropic-text"],
  ["bedrock/anthropic.claude-instant-v1", "anthropic-text"],
  ["bedrock/meta.llama3-70b-instruct-v1:0", "meta-llama"],
  ["bedrock/meta.llama3-8b-instruct-v1:0", "meta-llama"],
  ["bedrock/amazon.titan-text-lite-v1", "amazon-titan-text"],
  ["bedrock/amazon.titan-text-express-v1", "amazon-titan-text"],
  ["bedrock/cohere.command-text-v14", "cohere-command"],
  ["bedrock/ai21.j2-mid-v1", "ai21-j2"],
  ["bedrock/ai21.j2-ultra-v1", "ai21-j2"],
  ["bedrock/ai21.jamba-instruct-v1:0", "ai21-jamba"],
  ["bedrock/meta.llama2-13b-chat-v1", "meta-llama"],
  ["bedrock/meta.llama2-70b-chat-v1", "meta-llama"],
  ["bedrock/mistral.mistral-7b-instruct-v0:2", "mistral"],
  ["bedrock/mistral.mixtral-8x7b-instruct-v0:1", "mistral"],
];

// The two Anthropic mappers are part A's; they are told apart here by object identity, not by name.
import { anthropicMessages } from "../../src/families/anthropic-messages";
import { anthropicText } from "../../src/families/anthropic-text";

function familyKey(model: string): string {
  const family = invokeFamilyFor(model);
  if (family === anthropicMessages) return "anthropic";
  if (family === anthropicText) return "anthropic-text";
  return family.name;
}

/** The body's shape: keys with their value types (prompt strings kept, since the template is the point). */
function shape(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, k)]));
  return key === "prompt" || key === "inputText" || key === "message" ? value : typeof value;
}

const INPUT = {
  messages: [
    { role: "system" as const, content: "You are terse." },
    { role: "user" as const, content: "Hello, how are you?" },
  ],
  max_tokens: 64,
  temperature: 0.5,
  top_p: 0.9,
};

describe("invoke family registry", () => {
  for (const [model, expected] of LITELLM_TABLE) {
    it(`routes ${model} to ${expected} and builds its native body`, () => {
      const parsed = parseModel(model);
      const baseModelId = parsed.baseModelId!;
      expect(familyKey(baseModelId)).toBe(expected);
      const family = invokeFamilyFor(baseModelId);
      const body = family.buildRequest({ model, ...INPUT }, { modelId: parsed.modelId, dropParams: false, stream: false });
      expect(shape(body)).toMatchSnapshot();
    });
  }

  it("routes other current models and inference-profile ids", () => {
    expect(familyKey("us.anthropic.claude-3-5-haiku-20241022-v1:0")).toBe("anthropic");
    expect(familyKey("us.amazon.nova-micro-v1:0")).toBe("amazon-nova");
    expect(familyKey("amazon.nova-premier-v1:0")).toBe("amazon-nova");
    expect(familyKey("amazon.titan-tg1-large")).toBe("amazon-titan-text");
    expect(familyKey("cohere.command-r-plus-v1:0")).toBe("cohere-command-r");
    expect(familyKey("cohere.command-light-text-v14")).toBe("cohere-command");
    expect(familyKey("ai21.jamba-1-5-mini-v1:0")).toBe("ai21-jamba");
    expect(familyKey("us.meta.llama3-2-11b-instruct-v1:0")).toBe("meta-llama");
    expect(familyKey("us.meta.llama4-maverick-17b-instruct-v1:0")).toBe("meta-llama");
    expect(familyKey("mistral.mistral-large-2407-v1:0")).toBe("mistral");
    expect(familyKey("us.deepseek.r1-v1:0")).toBe("deepseek");
    expect(familyKey("openai.gpt-oss-20b-1:0")).toBe("openai-gpt-oss");
  });

  it("an unknown family on the invoke route is a ConfigurationError naming `model` and the converse/ route", () => {
    for (const id of ["qwen.qwen3-32b-v1:0", "amazon.nova-canvas-v1:0", "amazon.titan-embed-text-v2:0", "cohere.embed-english-v3", "writer.palmyra-x4-v1:0", "not a model"]) {
      let error: unknown;
      try {
        invokeFamilyFor(id);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ field: "model" });
      expect((error as Error).message).toContain("converse/");
    }
  });
});


// Model ids of every kind with the export of `bedrock-fetch/families` that serves each (none for the last ones of
// each list): the catalog must name it, and that family must have a mapper for the model.
const NAME_OF_LITELLM: Record<string, string> = {
  anthropic: "anthropic", "anthropic-text": "anthropic", "meta-llama": "llama", "amazon-titan-text": "titanText",
  "cohere-command": "cohere", "ai21-j2": "ai21", "ai21-jamba": "ai21", mistral: "mistral",
};
const MODELS: Record<"chat" | "embedding" | "image", Array<[string, string | undefined]>> = {
  chat: [
    ...LITELLM_TABLE.map(([model, family]): [string, string] => [parseModel(model).baseModelId!, NAME_OF_LITELLM[family]!]),
    ["anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic"], ["amazon.nova-micro-v1:0", "nova"], ["amazon.nova-premier-v1:0", "nova"],
    ["amazon.titan-tg1-large", "titanText"], ["cohere.command-r-plus-v1:0", "cohere"], ["cohere.command-light-text-v14", "cohere"],
    ["ai21.jamba-1-5-mini-v1:0", "ai21"], ["meta.llama3-2-11b-instruct-v1:0", "llama"], ["meta.llama4-maverick-17b-instruct-v1:0", "llama"],
    ["mistral.mistral-large-2407-v1:0", "mistral"], ["mistral.pixtral-large-2502-v1:0", "mistral"], ["deepseek.r1-v1:0", "deepseek"],
    ["openai.gpt-oss-20b-1:0", "gptOss"], ["openai.gpt-oss-120b-1:0", "gptOss"],
    ["amazon.nova-canvas-v1:0", undefined], ["amazon.nova-sonic-v1:0", undefined], ["amazon.titan-embed-text-v2:0", undefined],
    ["cohere.embed-english-v3", undefined], ["qwen.qwen3-32b-v1:0", undefined],
  ],
  embedding: [
    ["amazon.titan-embed-text-v2:0", "titanEmbeddings"], ["amazon.titan-embed-text-v1", "titanEmbeddings"],
    ["amazon.titan-embed-g1-text-02", "titanEmbeddings"], ["amazon.titan-embed-image-v1", "titanMultimodalEmbeddings"],
    ["cohere.embed-english-v3", "cohereEmbeddings"], ["cohere.embed-multilingual-v3", "cohereEmbeddings"], ["cohere.embed-v4:0", "cohereEmbeddings"],
    ["amazon.nova-canvas-v1:0", undefined], ["openai.text-embedding-3-small", undefined],
  ],
  image: [
    ["stability.stable-diffusion-xl-v1", "stabilityImages"], ["stability.stable-diffusion-xl-v0", "stabilityImages"],
    ["stability.sd3-large-v1:0", "stabilityImages"], ["stability.sd3-5-large-v1:0", "stabilityImages"],
    ["stability.stable-image-core-v1:1", "stabilityImages"], ["stability.stable-image-ultra-v1:1", "stabilityImages"],
    ["amazon.titan-image-generator-v1", "titanImages"], ["amazon.titan-image-generator-v2:0", "titanImages"],
    ["amazon.nova-canvas-v1:0", "novaCanvas"], ["amazon.titan-embed-image-v1", undefined],
  ],
};
const FAMILIES = { chat: chatFamilies, embedding: embeddingFamilies, image: imageFamilies };

describe("the catalog names the family that serves each model", () => {
  for (const kind of ["chat", "embedding", "image"] as const) {
    it(`${kind}: every model to its family, and the family has a mapper for it`, () => {
      for (const [id, expected] of MODELS[kind]) {
        expect(familyNameFor(kind, id), id).toBe(expected);
        if (expected) expect(FAMILIES[kind].find((f) => f.name === expected)?.mapperFor(id), id).toBeDefined();
      }
    });
  }
});
