/**
 * Reranking against the emulator, which serves the Agent Runtime's `POST /rerank` beside InvokeModel's rerank family:
 * `rerankDocuments()` on a core client, `createBedrock().rerank` and the one-shot `rerank()`, in-process (the AWS host
 * names answered by an injected fetch) and over loopback HTTP (a custom endpoint serves both APIs). Also: where the
 * Agent Runtime is for every endpoint Bedrock Runtime's rules produce, bad params refused before any request, and
 * rerank code absent from the chat bundles.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { BadRequestError, ConfigurationError } from "../../src/errors";
import { createBedrock, createBedrockCore, rerank, rerankDocuments } from "../../src/index";
import { serve, type RunningServer } from "../../src/node/server";
import { agentRuntimeEndpoint } from "../../src/transport/agent-runtime-endpoint";
import { resolveEndpoint } from "../../src/transport/endpoints";
import { bundle, ENTRIES } from "../bundle/bundle";
import { hasShared, vectorsDir } from "../helpers/shared";

const QUERY = "What is the capital of the United States?";
const DOCS = [
  "Carson City is the capital city of the American state of Nevada.",
  "Washington, D.C. is the capital of the United States.",
  "Capitalization in English grammar is the use of a capital letter at the start of a word.",
];

/** The emulator behind a fetch that records every URL it is asked for. */
function inProcess() {
  const emulator = createEmulator();
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    urls.push(request.url);
    return emulator(request);
  };
  return { fetch, urls, core: createBedrockCore({ region: "us-east-1", credentials: TEST_CREDENTIALS, fetch, env: {} }) };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describe("rerankDocuments() against the emulator, in-process", () => {
  it.each(["bedrock/amazon.rerank-v1:0", "bedrock/cohere.rerank-v3-5:0"])("%s over the Rerank API ranks the matching document first", async (model) => {
    const { core, urls } = inProcess();
    const answer = await rerankDocuments(core, { model, query: QUERY, documents: DOCS, top_n: 2, return_documents: true });
    expect(urls).toEqual(["https://bedrock-agent-runtime.us-east-1.amazonaws.com/rerank"]);
    expect(answer.results).toHaveLength(2);
    expect(answer.results[0]).toMatchObject({ index: 1, document: { text: DOCS[1] } });
    expect(answer.results[0]!.relevance_score).toBeGreaterThan(answer.results[1]!.relevance_score);
  });

  it("Cohere's body over InvokeModel (invoke/) ranks as the Rerank API does", async () => {
    const { core, urls } = inProcess();
    const viaInvoke = await rerankDocuments(core, { model: "bedrock/invoke/cohere.rerank-v3-5:0", query: QUERY, documents: DOCS });
    const viaApi = await rerankDocuments(core, { model: "bedrock/cohere.rerank-v3-5:0", query: QUERY, documents: DOCS });
    expect(urls[0]).toBe("https://bedrock-runtime.us-east-1.amazonaws.com/model/cohere.rerank-v3-5%3A0/invoke");
    expect(viaInvoke.results).toEqual(viaApi.results);
    expect(viaInvoke.results.map((r) => r.index)).toEqual([1, 0, 2]);
  });

  it("JSON documents go as JSON sources", async () => {
    const { core } = inProcess();
    const docs = [{ city: "Reno", state: "Nevada" }, { city: "Washington", note: "capital of the United States" }];
    const answer = await rerankDocuments(core, { model: "amazon.rerank-v1:0", query: QUERY, documents: docs, return_documents: true });
    expect(answer.results[0]).toMatchObject({ index: 1, document: docs[1] });
  });

  it("a model that is no reranker is Bedrock's refusal, a typed BadRequestError", async () => {
    const { core } = inProcess();
    const error = await rejection(rerankDocuments(core, { model: "amazon.titan-embed-text-v2:0", query: QUERY, documents: DOCS }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe("The provided model identifier is invalid.");
  });
});

describe("createBedrock().rerank and the one-shot rerank(), over loopback HTTP", () => {
  let server: RunningServer;
  const paths: string[] = [];
  beforeAll(async () => {
    const emulator = createEmulator();
    server = await serve(async (request) => {
      paths.push(new URL(request.url).pathname);
      return emulator(request);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("a custom endpoint (an emulator) serves the Rerank API at its own /rerank", async () => {
    const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, endpoint: server.url, env: {} });
    const answer = await rerankDocuments(bedrock, { model: "bedrock/amazon.rerank-v1:0", query: QUERY, documents: DOCS, top_n: 1 });
    expect(paths.at(-1)).toBe("/rerank");
    expect(answer.results.map((r) => r.index)).toEqual([1]);
  });

  it("the one-shot rerank() takes LiteLLM's aws_* params and its model ARN form", async () => {
    const answer = await rerank(
      {
        model: "bedrock/arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0",
        query: "hello",
        documents: ["hello", "world"],
        top_n: 2,
        aws_access_key_id: TEST_CREDENTIALS.accessKeyId,
        aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey,
        aws_region_name: "us-west-2",
        aws_bedrock_runtime_endpoint: server.url,
      },
      { env: {} },
    );
    expect(paths.at(-1)).toBe("/rerank");
    expect(answer.results.map((r) => r.index)).toEqual([0, 1]);
  });
});

describe("where the Agent Runtime is", () => {
  it.each([
    ["us-west-2", {}, "https://bedrock-agent-runtime.us-west-2.amazonaws.com"],
    ["us-east-1", { useFipsEndpoint: true }, "https://bedrock-agent-runtime-fips.us-east-1.amazonaws.com"],
    ["us-east-1", { useDualstackEndpoint: true }, "https://bedrock-agent-runtime.us-east-1.api.aws"],
    ["us-gov-west-1", { useFipsEndpoint: true, useDualstackEndpoint: true }, "https://bedrock-agent-runtime-fips.us-gov-west-1.api.aws"],
    ["cn-north-1", {}, "https://bedrock-agent-runtime.cn-north-1.amazonaws.com.cn"],
  ])("%s %j: the rule set's host with the label bedrock-agent-runtime", (region, flags, url) => {
    expect(agentRuntimeEndpoint(resolveEndpoint({ region, ...flags }))).toBe(url);
  });

  it("a custom endpoint stays as it is, unless it is Bedrock Runtime's own host; an override is checked like `endpoint`", () => {
    expect(agentRuntimeEndpoint("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010");
    expect(agentRuntimeEndpoint("https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com")).toBe("https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com");
    expect(agentRuntimeEndpoint("https://proxy.example.com/bedrock")).toBe("https://proxy.example.com/bedrock");
    expect(agentRuntimeEndpoint("https://x", "https://vpce-1.bedrock-agent-runtime.us-east-1.vpce.amazonaws.com/")).toBe("https://vpce-1.bedrock-agent-runtime.us-east-1.vpce.amazonaws.com");
    expect(() => agentRuntimeEndpoint("https://x", "http://agent.example.com")).toThrow(ConfigurationError);
  });

  it.skipIf(!hasShared)("for every endpoint of botocore's bedrock-runtime endpoint tests, the host of the bedrock-agent-runtime rule set", () => {
    const cases = (JSON.parse(readFileSync(join(vectorsDir, "models/botocore-bedrock-runtime-endpoint-tests-1.json"), "utf8")) as {
      testCases: Array<{ params?: { Region?: string; UseFIPS?: boolean; UseDualStack?: boolean; Endpoint?: string }; expect: { endpoint?: { url: string } } }>;
    }).testCases.filter((c) => c.expect.endpoint && c.params?.Endpoint === undefined);
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const runtime = resolveEndpoint({ region: c.params!.Region, useFipsEndpoint: c.params!.UseFIPS, useDualstackEndpoint: c.params!.UseDualStack });
      // The two rule sets differ in the host label only (botocore bedrock-agent-runtime/2023-07-26/endpoint-rule-set-1.json).
      expect(agentRuntimeEndpoint(runtime)).toBe(c.expect.endpoint!.url.replace("://bedrock-runtime", "://bedrock-agent-runtime"));
    }
  });

  it("a failed connection names the Agent Runtime's origin, not the client's endpoint", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const core = createBedrockCore({ region: "eu-west-3", credentials: TEST_CREDENTIALS, fetch: () => Promise.reject(refused), env: {}, maxRetries: 0 });
    const error = await rejection(rerankDocuments(core, { model: "amazon.rerank-v1:0", query: QUERY, documents: DOCS }));
    expect(error.name).toBe("APIConnectionError");
    expect(error.message).toContain("https://bedrock-agent-runtime.eu-west-3.amazonaws.com");
    expect(error.message).toMatch(/^Rerank: /);
  });

  it("`agentRuntimeEndpoint` sends one call elsewhere", async () => {
    const { core, urls } = inProcess();
    await rerankDocuments(core, { model: "amazon.rerank-v1:0", query: QUERY, documents: DOCS }, { agentRuntimeEndpoint: "https://vpce-1.bedrock-agent-runtime.us-east-1.vpce.amazonaws.com" });
    expect(urls).toEqual(["https://vpce-1.bedrock-agent-runtime.us-east-1.vpce.amazonaws.com/rerank"]);
  });
});

describe("bad rerank params are refused before any request, naming the field", () => {
  const base = { model: "amazon.rerank-v1:0", query: QUERY, documents: DOCS };
  it.each([
    ["query", { query: "" }, "`query` must be a non-empty string."],
    ["documents", { documents: [] }, "`documents` must be a non-empty array of strings or JSON objects."],
    ["documents[1]", { documents: ["a", 42] }, "`documents[1]` must be a non-empty string of at most 32000 characters or a JSON object."],
    ["documents", { documents: Array.from({ length: 1001 }, (_, i) => `doc ${i}`) }, "Bedrock's Rerank API takes at most 1000 documents per request; got 1001. Split them into several requests."],
    ["top_n", { top_n: 0 }, "`top_n` must be a positive integer."],
    ["return_documents", { return_documents: "yes" }, "`return_documents` must be true or false."],
    ["rank_fields", { rank_fields: ["title"] }, "`rank_fields` is not supported by Bedrock's rerankers on Bedrock. It is a parameter of Cohere's v1 Rerank API only. Remove it, or pass `drop_params: true` to drop unsupported parameters."],
    ["model_id", { model_id: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc" }, "The Rerank API names its model by a foundation-model ARN: give it as `model`, without `model_id` (which only the `invoke/` route takes)."],
    ["model", { model: "invoke/amazon.rerank-v1:0" }, "The `invoke/` route sends Cohere Rerank's own body (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-rerank.html), which `invoke/amazon.rerank-v1:0` does not take: drop `invoke/` to use Bedrock's Rerank API."],
  ])("%s", async (field, change, message) => {
    const { core, urls } = inProcess();
    const error = await rejection(rerankDocuments(core, { ...base, ...change } as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect(error.message).toBe(message);
    expect(urls).toEqual([]);
  });

  it("drop_params drops Cohere's v1 params", async () => {
    const { core, urls } = inProcess();
    await rerankDocuments(core, { ...base, rank_fields: ["title"], max_chunks_per_doc: 3, drop_params: true });
    expect(urls).toHaveLength(1);
  });

  it("a client without a region needs the model as an ARN", async () => {
    const emulator = createEmulator();
    const core = createBedrockCore({ apiKey: "bedrock-fetch-emulator-test-key", endpoint: "http://127.0.0.1:9", fetch: (i, n) => emulator(new Request(i, n)), env: {} });
    const error = await rejection(rerankDocuments(core, base));
    expect((error as ConfigurationError).field).toBe("region");
    expect(error.message).toContain("arn:aws:bedrock:<region>::foundation-model/amazon.rerank-v1:0");
  });
});

describe("pay for what you import", () => {
  it.each(["chat-completion-converse.ts", "chat-completion-anthropic.ts", "converse-stream.ts"])("the %s bundle holds no rerank code", async (entry) => {
    const { code, inputs } = await bundle(join(ENTRIES, entry));
    expect(inputs.map((i) => i.path).filter((p) => /rerank|agent-runtime/.test(p))).toEqual([]);
    expect(code).not.toContain("BEDROCK_RERANKING_MODEL");
  });
});
