/**
 * Rerank params (Cohere's shape) → Bedrock's request bodies, and Bedrock's answers → Cohere's results: on the
 * documented-schema fixtures (fixtures/rerank/*.json, each citing its AWS page) and on the recorded Cohere Rerank
 * exchange (../shared/exchanges/cohere-rerank/). Each is checked twice: through the pure mappers, and through
 * `rerankDocuments()` on a client whose injected fetch checks the URL, the signature's scope and the body it receives,
 * and answers with the documented or recorded response.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { cohereRerankBody, planRerank, rerankApiRequest, rerankResults } from "../../src/families/rerank";
import type { RerankParams } from "../../src/families/rerank-types";
import { createBedrockCore, rerankDocuments } from "../../src/index";
import { hasShared, loadExchange, suiteIf } from "../helpers/shared";

interface Fixture {
  source: string;
  note: string;
  api: "rerank" | "invoke";
  region: string;
  params: RerankParams;
  request: Record<string, unknown>;
  response: unknown;
  expected: unknown[];
}

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/rerank");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture] as const);

interface Seen {
  url: string;
  authorization: string;
  body: unknown;
}

/** A client whose fetch records each request and answers `status` with `body` (and `headers`). */
function clientAnswering(region: string, body: unknown, headers: Record<string, string> = {}, status = 200) {
  const seen: Seen[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, authorization: request.headers.get("authorization") ?? "", body: JSON.parse(await request.text()) });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { core: createBedrockCore({ region, credentials: TEST_CREDENTIALS, fetch, env: {}, now: () => new Date("2026-12-01T00:00:00Z") }), seen };
}

describe("documented-schema rerank fixtures", () => {
  it("cover both APIs and both rerankers, each citing an AWS page", () => {
    expect(fixtures.map(([, f]) => `${f.api} ${f.params.model}`)).toEqual([
      "invoke bedrock/invoke/cohere.rerank-v3-5:0",
      "rerank bedrock/amazon.rerank-v1:0",
      "rerank cohere.rerank-v3-5:0",
    ]);
    for (const [, f] of fixtures) expect(f.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/bedrock\//);
  });

  it.each(fixtures)("%s: the params build the documented request and the documented answer maps to Cohere's results", (_file, f) => {
    const plan = planRerank(f.params, f.api);
    const arn = (f.request as { rerankingConfiguration?: { bedrockRerankingConfiguration: { modelConfiguration: { modelArn: string } } } })
      .rerankingConfiguration?.bedrockRerankingConfiguration.modelConfiguration.modelArn;
    expect(f.api === "rerank" ? rerankApiRequest(plan, arn!) : cohereRerankBody(plan)).toEqual(f.request);
    expect(rerankResults(f.response, plan, f.api === "rerank" ? "relevanceScore" : "relevance_score")).toEqual(f.expected);
  });

  it.each(fixtures)("%s: rerankDocuments() sends it to the right host, signed as bedrock, and answers in Cohere's shape", async (_file, f) => {
    const { core, seen } = clientAnswering(f.region, f.response, f.api === "invoke" ? { "x-amzn-bedrock-input-token-count": "41" } : {});
    const answer = await rerankDocuments(core, f.params);
    expect(seen).toHaveLength(1);
    const expectedUrl =
      f.api === "rerank"
        ? `https://bedrock-agent-runtime.${f.region}.amazonaws.com/rerank`
        : `https://bedrock-runtime.${f.region}.amazonaws.com/model/cohere.rerank-v3-5%3A0/invoke`;
    expect(seen[0]!.url).toBe(expectedUrl);
    expect(seen[0]!.authorization).toContain(`/20261201/${f.region}/bedrock/aws4_request`);
    expect(seen[0]!.body).toEqual(f.request);
    expect(answer.results).toEqual(f.expected);
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.meta).toEqual(f.api === "invoke" ? { tokens: { input_tokens: 41 } } : {});
  });
});

suiteIf(hasShared)("recorded Cohere Rerank exchange (exchanges/cohere-rerank/)", () => {
  const exchange = loadExchange("cohere-rerank/invoke/dd-trace-py--cohere_rerank_invoke__0.json");
  const recorded = exchange.request.body as { query: string; documents: string[]; top_n: number; api_version: number };
  const params: RerankParams = {
    model: `bedrock/invoke/${exchange.modelId}`,
    query: recorded.query,
    documents: recorded.documents,
    top_n: recorded.top_n,
  };

  it("rerank params rebuild the recorded request body, and the recorded answer maps to Cohere's results", () => {
    const plan = planRerank(params, "invoke");
    expect(cohereRerankBody(plan)).toEqual(recorded);
    expect(rerankResults(exchange.response.body, plan, "relevance_score")).toEqual([
      { index: 2, relevance_score: 0.8742601 },
      { index: 0, relevance_score: 0.1728413 },
      { index: 4, relevance_score: 0.10793502 },
    ]);
  });

  it("rerankDocuments() sends the recorded request to the recorded URL and reads the recorded answer", async () => {
    const { core, seen } = clientAnswering("us-east-1", exchange.response.body, exchange.response.headers);
    const answer = await rerankDocuments(core, { ...params, return_documents: true });
    expect(seen[0]!.url).toBe(exchange.request.url);
    expect(seen[0]!.body).toEqual(recorded);
    expect(answer.results.map((r) => [r.index, r.relevance_score, r.document])).toEqual([
      [2, 0.8742601, { text: recorded.documents[2] }],
      [0, 0.1728413, { text: recorded.documents[0] }],
      [4, 0.10793502, { text: recorded.documents[4] }],
    ]);
  });

  it("the same params over the Rerank API ask the same model by its ARN", async () => {
    const { core, seen } = clientAnswering("us-east-1", { results: [{ index: 2, relevanceScore: 0.87 }] });
    await rerankDocuments(core, { ...params, model: `bedrock/${exchange.modelId}` });
    expect(seen[0]!.url).toBe("https://bedrock-agent-runtime.us-east-1.amazonaws.com/rerank");
    expect(seen[0]!.body).toMatchObject({
      queries: [{ type: "TEXT", textQuery: { text: recorded.query } }],
      rerankingConfiguration: {
        bedrockRerankingConfiguration: { numberOfResults: 3, modelConfiguration: { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0" } },
      },
    });
    expect((seen[0]!.body as { sources: unknown[] }).sources).toHaveLength(recorded.documents.length);
  });
});

describe("answers not in the documented shape", () => {
  const plan = planRerank({ model: "amazon.rerank-v1:0", query: "q", documents: ["a", "b"] }, "rerank");
  it.each([
    ["no results list", {}, "no `results` list"],
    ["an index past the documents", { results: [{ index: 2, relevanceScore: 0.5 }] }, "results[0].index is not the position of a document"],
    ["a score that is not a number", { results: [{ index: 0, relevanceScore: "high" }] }, "results[0].relevanceScore is not a number"],
  ])("%s is a typed InvalidResponse error", (_name, answer, detail) => {
    expect(() => rerankResults(answer, plan, "relevanceScore")).toThrow(expect.objectContaining({ name: "APIError", code: "InvalidResponse", message: `The Rerank response is not in the documented shape: ${detail}.` }));
  });
});
