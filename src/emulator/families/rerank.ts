/**
 * Rerank models on InvokeModel, Cohere Rerank 3.5 and Amazon Rerank (`query`, `documents`, `top_n`, `api_version`
 * → `results: [{index, relevance_score}]`, best first). Answered like an embedding: one JSON body, never streamed.
 * Scores are deterministic: the share of the query's words a document contains. Wire format from
 * `exchanges/cohere-rerank/` and https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-rerank.html
 */
import { countTokens } from "../generate";
import { isObject, num, textOf } from "./common";
import type { EmbeddingFamily } from "./types";

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function documentText(doc: unknown): string {
  if (typeof doc === "string") return doc;
  return isObject(doc) && typeof doc.text === "string" ? doc.text : JSON.stringify(doc);
}

export const rerank: EmbeddingFamily = {
  kind: "embedding",
  name: "cohere-rerank",
  render({ body }) {
    const query = wordsOf(textOf(body.query));
    const docs = Array.isArray(body.documents) ? body.documents.map(documentText) : [];
    const scored = docs.map((text, index) => {
      const words = wordsOf(text);
      const shared = [...query].filter((w) => words.has(w)).length;
      // In (0, 1): more shared words rank higher; ties keep the documents' order.
      return { index, relevance_score: Number(((shared + 0.1) / (query.size + 1.2) - index * 1e-6).toFixed(7)) };
    });
    scored.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
    const top = num(body.top_n) ?? scored.length;
    const inputTokens = countTokens(textOf(body.query)) + docs.reduce((n, d) => n + countTokens(d), 0);
    return { body: { results: scored.slice(0, Math.max(0, top)) }, inputTokens };
  },
};
