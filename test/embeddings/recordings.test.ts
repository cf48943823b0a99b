/**
 * Every recorded Bedrock embedding exchange (amazon-titan-embed, cohere-embed): the OpenAI params that mean the same
 * request build the recorded body (deep-equal), and the recorded answer maps to the OpenAI shape with the recorded
 * vectors and token counts.
 *
 * Recorder-chosen differences, and how the equivalent OpenAI params express them:
 * - pydantic-ai sends Titan V2 `normalize: true` although it is the model's default → `normalize: true` is passed.
 * - pydantic-ai sends Cohere `truncate: "NONE"` and an explicit `input_type` → both are passed as OpenAI params.
 * - pydantic-ai's Cohere v4 `max_tokens: 256` is not an OpenAI embedding param → passed as a provider-specific param.
 * - dd-trace sends Cohere `input_type: "search_document"` → omitted: it is this library's (and LiteLLM's) default.
 * - pydantic-ai's "multiple texts" Titan test makes one call per text; the recording holds the first call.
 */
import { embeddingFamilyFor, planEmbedding } from "../helpers/families";
import { describe, expect, it } from "vitest";
import {
  assembleEmbeddingResponse,
  inputTokensFromHeaders,
} from "../../src/families/embeddings/index";
import type { EmbeddingCreateParams } from "../../src/api/embedding-types";
import { exchanges, hasShared, header, type Exchange } from "../helpers/shared";

const suite = hasShared ? describe : describe.skip;

/** Recording file (basename) → the OpenAI params that ask for the same thing. */
const EQUIVALENT: Record<string, (model: string) => EmbeddingCreateParams> = {
  "dd-trace-py--amazon_embedding__0.json": (model) => ({ model, input: "Hello World!" }),
  "pydantic-ai--testbedrock.test_instrumentation__0.json": (model) => ({ model, input: "Hello, world!", dimensions: 256, normalize: true }),
  "pydantic-ai--testbedrock.test_titan_v2_minimal__0.json": (model) => ({ model, input: ["Hello, world!"], normalize: true }),
  "pydantic-ai--testbedrock.test_titan_v2_multiple_texts__0.json": (model) => ({ model, input: ["hello"], normalize: true }),
  "pydantic-ai--testbedrock.test_titan_v2_with_dimensions__0.json": (model) => ({
    model,
    input: "Test embedding dimensions",
    dimensions: 256,
    normalize: true,
  }),
  "pydantic-ai--testbedrock.test_titan_v2_with_normalize_false__0.json": (model) => ({
    model,
    input: "Test normalization disabled",
    normalize: false,
  }),
  "dd-trace-py--cohere_embedding__0.json": (model) => ({ model, input: ["Hello World!", "Goodbye cruel world!"] }),
  "pydantic-ai--testbedrock.test_cohere_v3_minimal__0.json": (model) => ({
    model,
    input: "Hello, world!",
    input_type: "search_query",
    truncate: "NONE",
  }),
  "pydantic-ai--testbedrock.test_cohere_v3_with_input_type__0.json": (model) => ({
    model,
    input: "Test input type setting",
    input_type: "classification",
    truncate: "NONE",
  }),
  "pydantic-ai--testbedrock.test_cohere_v3_with_truncate__0.json": (model) => ({
    model,
    input: "Test truncation setting",
    input_type: "search_query",
    truncate: "END",
  }),
  "pydantic-ai--testbedrock.test_cohere_v4_minimal__0.json": (model) => ({
    model,
    input: "Hello, world!",
    input_type: "search_query",
    truncate: "NONE",
  }),
  "pydantic-ai--testbedrock.test_cohere_v4_truncate_priority__0.json": (model) => ({
    model,
    input: "Test truncate priority",
    input_type: "search_query",
    truncate: "START",
  }),
  "pydantic-ai--testbedrock.test_cohere_v4_with_input_type__0.json": (model) => ({
    model,
    input: "Test input type setting",
    input_type: "clustering",
    truncate: "NONE",
  }),
  "pydantic-ai--testbedrock.test_cohere_v4_with_max_tokens__0.json": (model) => ({
    model,
    input: "Test max tokens setting",
    input_type: "search_query",
    truncate: "NONE",
    max_tokens: 256,
  }),
  "pydantic-ai--testbedrock.test_cohere_v4_with_truncate_start__0.json": (model) => ({
    model,
    input: "Test truncation start setting",
    input_type: "search_query",
    truncate: "START",
  }),
  "pydantic-ai--testbedrock.test_regional_prefix_embed__0.json": (model) => ({
    model,
    input: "Hello from regional endpoint!",
    input_type: "search_query",
    truncate: "NONE",
  }),
};

const recorded: Exchange[] = exchanges((e) => e.family === "amazon-titan-embed" || e.family === "cohere-embed");

function basename(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}

/** The recorded vectors, in input order, whatever shape the family answered in. */
function recordedVectors(e: Exchange): number[][] {
  const body = e.response.body as Record<string, unknown>;
  if (e.family === "amazon-titan-embed") return [body["embedding"] as number[]];
  const embeddings = body["embeddings"];
  return Array.isArray(embeddings) ? (embeddings as number[][]) : ((embeddings as Record<string, number[][]>)["float"] ?? []);
}

suite("recorded embedding exchanges", () => {
  it("covers all 16 recordings, each with an equivalent OpenAI request", () => {
    expect(recorded).toHaveLength(16);
    for (const e of recorded) expect(Object.keys(EQUIVALENT), e.file).toContain(basename(e.file));
  });

  for (const e of recorded) {
    describe(e.file, () => {
      const model = `bedrock/${e.modelId!}`;
      const params = EQUIVALENT[basename(e.file)]!(model);

      it("builds the recorded request body from the equivalent OpenAI params", () => {
        const plan = planEmbedding(params);
        expect(plan.calls).toHaveLength(1);
        expect(plan.calls[0]!.body).toStrictEqual(e.request.body);
        // The URL's model id is the recorded one, profile prefix kept (`us.cohere.embed-v4:0`).
        expect(plan.modelId).toBe(e.modelId);
        expect(e.request.url).toContain(`/model/${encodeURIComponent(plan.modelId)}/invoke`);
      });

      it("maps the recorded answer to the OpenAI shape with the recorded vectors and tokens", () => {
        const plan = planEmbedding(params);
        const metrics = inputTokensFromHeaders(e.response.headers);
        const headerTokens = Number(header(e.response.headers, "x-amzn-bedrock-input-token-count"));
        expect(metrics).toEqual({ inputTokenCount: headerTokens });
        const answer = plan.family.parseResponse(e.response.body, plan.calls[0]!.inputs.length, {
          ...plan.parseOptions,
          ...(metrics ? { invocationMetrics: metrics } : {}),
        });
        const response = assembleEmbeddingResponse(plan, [answer]);

        const vectors = recordedVectors(e);
        expect(vectors.length).toBeGreaterThan(0);
        expect(response.object).toBe("list");
        expect(response.model).toBe(model);
        expect(response.data).toStrictEqual(vectors.map((embedding, index) => ({ object: "embedding", index, embedding })));
        expect(response.usage).toStrictEqual({ prompt_tokens: headerTokens, total_tokens: headerTokens });
      });

      if (e.family === "amazon-titan-embed") {
        it("takes Titan's token count from the body, which agrees with the header", () => {
          const body = e.response.body as { inputTextTokenCount: number };
          const family = embeddingFamilyFor(e.modelId!);
          expect(family.parseResponse(e.response.body, 1).promptTokens).toBe(body.inputTextTokenCount);
        });
      } else {
        it("reports 0 tokens for Cohere without the header (the body carries none)", () => {
          expect(embeddingFamilyFor(e.modelId!).parseResponse(e.response.body, recordedVectors(e).length).promptTokens).toBe(0);
        });
      }
    });
  }

  it("fans a multi-text Titan request out into one call per text, the first equal to the recording", () => {
    const [e] = recorded.filter((r) => r.file.endsWith("test_titan_v2_multiple_texts__0.json"));
    const plan = planEmbedding({ model: e!.modelId!, input: ["hello", "world", "!"], normalize: true });
    expect(plan.calls.map((c) => c.start)).toEqual([0, 1, 2]);
    expect(plan.calls[0]!.body).toStrictEqual(e!.request.body);
    expect(plan.calls[2]!.body).toStrictEqual({ inputText: "!", normalize: true });
  });
});
