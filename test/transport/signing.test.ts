/**
 * The transport signs with a header signer whose canonical query is just the sorted query pieces, because the
 * runtime's request builders write queries already in canonical form. These tests hold that to the general signer
 * (`signRequest`, itself checked against the AWS suites, aws4fetch and smithy): every operation's request, sent
 * through the client, must carry exactly the Authorization `signRequest` computes for it, including ListAsyncInvokes
 * with every query member set to awkward values.
 */
import { describe, expect, it } from "vitest";
import { createBedrockRuntime } from "../../src/runtime-client";
import { signRequest } from "../../src/sigv4/index";
import { fakeFetch, jsonResponse, TEST_CREDENTIALS } from "./fake-fetch";
import type { Call } from "./fake-fetch";

const NOW = new Date("2025-02-10T01:39:11Z");
const credentials = { ...TEST_CREDENTIALS, sessionToken: "session-token" };

async function expectGeneralSignature(call: Call, region = "us-east-1"): Promise<void> {
  const { authorization, "x-amz-date": _date, "x-amz-security-token": _token, ...rest } = call.headers;
  const general = await signRequest(
    { method: call.method, url: call.url, headers: rest, body: call.method === "GET" ? undefined : call.body },
    { credentials, region, service: "bedrock", now: () => NOW },
  );
  expect(authorization, call.url).toBe(general.headers.Authorization);
}

function client(region = "us-east-1", endpoint?: string) {
  const f = fakeFetch(() => jsonResponse(200, {}));
  const { runtime } = createBedrockRuntime({ region, credentials, env: {}, fetch: f.fetch, now: () => NOW, endpoint });
  return { runtime, calls: f.calls };
}

describe("transport signatures equal the general signer's", () => {
  it("for ListAsyncInvokes with every query member, awkward values included", async () => {
    const { runtime, calls } = client();
    const tokens = ["a/b+c=", "n2", "~!*'()", "ü日本 🎉", "%41%zz", "a&b=c", "", " lead and trail "];
    for (const nextToken of tokens) {
      await runtime.listAsyncInvokes({
        submitTimeAfter: new Date("2025-01-01T00:00:00Z"),
        submitTimeBefore: "2025-01-02T00:00:00Z",
        statusEquals: "InProgress",
        maxResults: 10,
        nextToken,
        sortBy: "SubmissionTime",
        sortOrder: "Descending",
      });
    }
    await runtime.listAsyncInvokes({ maxResults: 1 });
    await runtime.listAsyncInvokes();
    expect(calls.length).toBe(tokens.length + 2);
    for (const call of calls) await expectGeneralSignature(call);
    expect(calls.some((c) => new URL(c.url).search.includes("%"))).toBe(true);
  });

  it("for every other operation, model ids and ARNs included, on a custom endpoint with a path too", async () => {
    for (const [region, endpoint] of [["us-east-1", undefined], ["eu-west-3", "http://127.0.0.1:8787/prefix//x/"]] as const) {
      const { runtime, calls } = client(region, endpoint);
      const arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
      const messages = [{ role: "user" as const, content: [{ text: "héllo" }] }];
      await runtime.converse({ modelId: arn, messages });
      await runtime.invokeModel({ modelId: "amazon.titan-embed-text-v2:0", body: JSON.stringify({ inputText: "x" }) });
      await runtime.countTokens({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", input: { converse: { messages } } });
      await runtime.applyGuardrail({ guardrailIdentifier: "gr-1", guardrailVersion: "DRAFT", source: "INPUT", content: [] });
      await runtime.getAsyncInvoke({ invocationArn: "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc" });
      await runtime.startAsyncInvoke({
        modelId: "amazon.nova-reel-v1:0",
        modelInput: {},
        outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://b/o/" } },
      });
      expect(calls.length).toBe(6);
      for (const call of calls) await expectGeneralSignature(call, region);
    }
  });
});
