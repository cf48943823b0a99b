/**
 * The Agent Runtime's Rerank (`POST /rerank`,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Rerank.html): one TEXT query, 1 to 1,000
 * INLINE sources (TEXT documents of 1 to 32,000 characters, or JSON documents), a foundation-model ARN of a reranker
 * and `numberOfResults` → `results: [{ index, relevanceScore }]`, best first. Scores are those of the InvokeModel
 * rerank family (families/rerank.ts), so both routes rank alike. A request that breaks the documented shape is a
 * `ValidationException` naming the member; a model the catalog does not list as a reranker is an invalid model.
 */
import { invalidModel, validation } from "./aws-error";
import { resolveModel } from "./catalog";
import { jsonResponse, type OperationContext } from "./context";
import { isObject } from "./families/common";
import { rerank } from "./families/rerank";

const MAX_SOURCES = 1000;
const MAX_TEXT = 32_000;
// BedrockRerankingModelConfiguration.modelArn: a foundation model's ARN, which has no account.
const MODEL_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model\/(.+)$/;

function text(value: unknown, member: string): string {
  const t = isObject(value) ? value.text : undefined;
  if (typeof t !== "string" || t.length < 1 || t.length > MAX_TEXT) {
    throw validation(`1 validation error detected: Value at '${member}.text' failed to satisfy constraint: Member must have length between 1 and ${MAX_TEXT}`);
  }
  return t;
}

/** Answers Rerank. */
export function rerankOperation(ctx: OperationContext): Response {
  const { queries, sources, rerankingConfiguration } = ctx.body;
  if (!Array.isArray(queries) || queries.length !== 1) {
    throw validation("1 validation error detected: Value at 'queries' failed to satisfy constraint: Member must have length equal to 1");
  }
  const query = queries[0];
  if (!isObject(query) || query.type !== "TEXT") throw validation("1 validation error detected: Value at 'queries.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [TEXT]");
  const queryText = text(query.textQuery, "queries.1.member.textQuery");
  if (!Array.isArray(sources) || sources.length < 1 || sources.length > MAX_SOURCES) {
    throw validation(`1 validation error detected: Value at 'sources' failed to satisfy constraint: Member must have length between 1 and ${MAX_SOURCES}`);
  }
  const documents = sources.map((source, i) => {
    const member = `sources.${i + 1}.member`;
    const doc = isObject(source) && source.type === "INLINE" ? source.inlineDocumentSource : undefined;
    if (!isObject(doc)) throw validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be an INLINE source with an inlineDocumentSource`);
    if (doc.type === "TEXT") return text(doc.textDocument, `${member}.inlineDocumentSource.textDocument`);
    if (doc.type === "JSON" && doc.jsonDocument !== undefined) return JSON.stringify(doc.jsonDocument);
    throw validation(`1 validation error detected: Value at '${member}.inlineDocumentSource.type' failed to satisfy constraint: Member must satisfy enum value set: [TEXT, JSON]`);
  });
  const config = isObject(rerankingConfiguration) && rerankingConfiguration.type === "BEDROCK_RERANKING_MODEL" ? rerankingConfiguration.bedrockRerankingConfiguration : undefined;
  const model = isObject(config) && isObject(config.modelConfiguration) ? config.modelConfiguration.modelArn : undefined;
  if (!isObject(config) || typeof model !== "string") {
    throw validation("1 validation error detected: Value at 'rerankingConfiguration' failed to satisfy constraint: Member must be of type BEDROCK_RERANKING_MODEL with a modelConfiguration.modelArn");
  }
  const arn = MODEL_ARN.exec(model);
  const resolved = arn === null ? undefined : resolveModel(arn[2]!);
  if (resolved === undefined || !resolved.known || resolved.entry.kind !== "rerank") throw invalidModel();
  const count = config.numberOfResults ?? documents.length;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_SOURCES) {
    throw validation(`1 validation error detected: Value at 'rerankingConfiguration.bedrockRerankingConfiguration.numberOfResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_SOURCES}`);
  }
  const { body } = rerank.render({ modelId: resolved.baseId, body: { query: queryText, documents, top_n: count } });
  const results = (body as { results: Array<{ index: number; relevance_score: number }> }).results;
  return jsonResponse({ results: results.map(({ index, relevance_score }) => ({ index, relevanceScore: relevance_score })) }, ctx.requestId);
}
