/**
 * Embedding families: Amazon Titan Text Embeddings v1/v2 and Multimodal (`inputText` → `embedding`,
 * `inputTextTokenCount`, v2 also `embeddingsByType`) and Cohere Embed v3/v4 (`texts` → `embeddings`, `id`,
 * `response_type`, `texts`). Vectors are deterministic: the sum of one pseudo-random vector per word, so texts that
 * share words come out similar (as a real model's would), which keeps examples and demos plausible.
 * Wire formats from `exchanges/amazon-titan-embed/`, `exchanges/cohere-embed/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
import { countTokens, hash32, stableUuid } from "../generate";
import { isObject, num, strings } from "./common";
import type { EmbeddingFamily } from "./types";

/** A pseudo-random vector from a seed (xorshift32), entries in [-1, 1). */
function seededVector(seed: number, dimensions: number, into: number[]): void {
  let state = seed || 1;
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    into[i] = (into[i] ?? 0) + state / 0x80000000 - 1;
  }
}

/**
 * A deterministic vector for `text`: the sum of a seeded vector per lower-cased word (the whole text when it has no
 * words), optionally scaled to unit length.
 */
export function vectorFor(text: string, dimensions: number, normalize = true): number[] {
  const out: number[] = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const word of words) seededVector(hash32(word), dimensions, out);
  if (!normalize) return out;
  const norm = Math.sqrt(out.reduce((sum, x) => sum + x * x, 0)) || 1;
  return out.map((x) => x / norm);
}

export const titanEmbed: EmbeddingFamily = {
  kind: "embedding",
  name: "amazon-titan-embed",
  render({ modelId, body }) {
    const text = typeof body.inputText === "string" ? body.inputText : "";
    const config = isObject(body.embeddingConfig) ? body.embeddingConfig : {};
    // An ARN that names no model (an application inference profile) is answered as the current Titan, v2.
    const v2 = /titan-embed-text-v2/.test(modelId) || (modelId.startsWith("arn:") && !/titan-embed-(text-v1|g1|image)/.test(modelId));
    const dims = num(body.dimensions) ?? num(config.outputEmbeddingLength) ?? (/titan-embed-text-v1|g1-text/.test(modelId) ? 1536 : 1024);
    const embedding = vectorFor(text, dims, body.normalize !== false);
    const inputTextTokenCount = countTokens(text);
    const types = strings(body.embeddingTypes);
    if (!v2) return { body: { embedding, inputTextTokenCount }, inputTokens: inputTextTokenCount };
    const byType: Record<string, number[]> = {};
    for (const t of types.length > 0 ? types : ["float"]) {
      byType[t] = t === "binary" ? embedding.map((x) => (x > 0 ? 1 : 0)) : embedding;
    }
    return { body: { embedding, embeddingsByType: byType, inputTextTokenCount }, inputTokens: inputTextTokenCount };
  },
};

export const cohereEmbed: EmbeddingFamily = {
  kind: "embedding",
  name: "cohere-embed",
  render({ modelId, body }) {
    const texts = strings(body.texts);
    const inputs = texts.length > 0 ? texts : strings(body.images);
    const v4 = /embed-v4/.test(modelId);
    const dims = num(body.output_dimension) ?? (v4 ? 1536 : /light/.test(modelId) ? 384 : 1024);
    const vectors = inputs.map((t) => vectorFor(t, dims));
    const types = strings(body.embedding_types);
    const id = stableUuid(`${modelId}\n${inputs.join("\n")}`);
    const inputTokens = inputs.reduce((n, t) => n + countTokens(t), 0);
    if (!v4 && types.length === 0) {
      return { body: { embeddings: vectors, id, response_type: "embeddings_floats", texts }, inputTokens };
    }
    const embeddings: Record<string, number[][]> = {};
    for (const t of types.length > 0 ? types : ["float"]) {
      embeddings[t] = t === "float" ? vectors : vectors.map((v) => v.map((x) => Math.round(x * 127)));
    }
    return { body: { embeddings, id, response_type: "embeddings_by_type", texts }, inputTokens };
  },
};

/**
 * Amazon Nova multimodal embeddings (`taskType: "SINGLE_EMBEDDING"`, `singleEmbeddingParams.text.value`,
 * `embeddingDimension`) → `embeddings: [{embeddingType, embedding}]`, as recorded in `exchanges/amazon-nova/`.
 * https://docs.aws.amazon.com/nova/latest/userguide/embeddings-schema.html
 */
export const novaEmbed: EmbeddingFamily = {
  kind: "embedding",
  name: "amazon-nova-embed",
  render({ body }) {
    const params = isObject(body.singleEmbeddingParams) ? body.singleEmbeddingParams : {};
    const text = isObject(params.text) && typeof params.text.value === "string" ? params.text.value : "";
    const dims = num(params.embeddingDimension) ?? 3072;
    return { body: { embeddings: [{ embeddingType: "TEXT", embedding: vectorFor(text, dims) }] }, inputTokens: countTokens(text) };
  },
};
