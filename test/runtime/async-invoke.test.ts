/**
 * Async invoke and ApplyGuardrail request building. No recordings exist for async invoke, so the responses here
 * follow the documented shapes: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html,
 * API_runtime_GetAsyncInvoke.html and API_runtime_ListAsyncInvokes.html.
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { BadRequestError } from "../../src/errors";
import { awsError, fakeFetch, jsonResponse, TEST_CREDENTIALS } from "../transport/fake-fetch";
import type { Handler } from "../transport/fake-fetch";

const ARN = "arn:aws:bedrock:us-east-1:123456789012:async-invoke/abc123def";

function client(handler: Handler | Response[]) {
  const f = fakeFetch(handler);
  const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, env: {}, fetch: f.fetch, sleep: async () => {} });
  return { bedrock, calls: f.calls };
}

describe("async invoke", () => {
  it("startAsyncInvoke POSTs /async-invoke with a generated idempotency token reused across retries", async () => {
    const { bedrock, calls } = client([
      awsError(503, "ServiceUnavailableException", "busy"),
      jsonResponse(200, { invocationArn: ARN }, { "x-amzn-requestid": "start-1" }),
    ]);
    const result = await bedrock.runtime.startAsyncInvoke({
      modelId: "amazon.nova-reel-v1:0",
      modelInput: { taskType: "TEXT_VIDEO", textToVideoParams: { text: "a cat" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out/" } },
    });
    expect(result).toEqual({ invocationArn: ARN, $metadata: expect.objectContaining({ requestId: "start-1", attempts: 2 }) });
    expect(calls.map((c) => [c.method, new URL(c.url).pathname])).toEqual([["POST", "/async-invoke"], ["POST", "/async-invoke"]]);
    const first = JSON.parse(calls[0]!.body) as { clientRequestToken: string; modelId: string };
    expect(first.clientRequestToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.modelId).toBe("amazon.nova-reel-v1:0");
    expect(calls[1]!.body).toBe(calls[0]!.body);
  });

  it("keeps a caller's clientRequestToken", async () => {
    const { bedrock, calls } = client([jsonResponse(200, { invocationArn: ARN })]);
    await bedrock.runtime.startAsyncInvoke({ clientRequestToken: "mine", modelId: "m", modelInput: {}, outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://b/" } } });
    expect(JSON.parse(calls[0]!.body).clientRequestToken).toBe("mine");
  });

  it("getAsyncInvoke GETs the ARN as one encoded segment, without a body", async () => {
    const job = {
      invocationArn: ARN,
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0",
      status: "Completed",
      submitTime: "2025-01-01T00:00:00Z",
      endTime: "2025-01-01T00:05:00Z",
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out/abc123def" } },
    };
    const { bedrock, calls } = client([jsonResponse(200, job)]);
    const result = await bedrock.runtime.getAsyncInvoke({ invocationArn: ARN });
    expect(result.status).toBe("Completed");
    expect(calls[0]!.method).toBe("GET");
    expect(calls[0]!.body).toBe("");
    expect(new URL(calls[0]!.url).pathname).toBe("/async-invoke/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aasync-invoke%2Fabc123def");
  });

  it("listAsyncInvokes binds every member to the query string", async () => {
    const { bedrock, calls } = client([jsonResponse(200, { asyncInvokeSummaries: [], nextToken: "n2" })]);
    const page = await bedrock.runtime.listAsyncInvokes({
      submitTimeAfter: new Date("2025-01-01T00:00:00Z"),
      statusEquals: "InProgress",
      maxResults: 10,
      nextToken: "a/b+c=",
      sortBy: "SubmissionTime",
      sortOrder: "Descending",
    });
    expect(page.nextToken).toBe("n2");
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe("/async-invoke");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      submitTimeAfter: "2025-01-01T00:00:00.000Z",
      statusEquals: "InProgress",
      maxResults: "10",
      nextToken: "a/b+c=",
      sortBy: "SubmissionTime",
      sortOrder: "Descending",
    });
    const bare = client([jsonResponse(200, {})]);
    await bare.bedrock.runtime.listAsyncInvokes();
    expect(bare.calls[0]!.url).toBe("https://bedrock-runtime.us-east-1.amazonaws.com/async-invoke");
  });

  it("ConflictException on start is a BadRequestError, not retried", async () => {
    const { bedrock, calls } = client([awsError(400, "ConflictException", "duplicate token")]);
    await expect(
      bedrock.runtime.startAsyncInvoke({ modelId: "m", modelInput: {}, outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://b/" } } }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(calls.length).toBe(1);
  });
});

describe("invokeModel", () => {
  it("sends the native body and header-bound options, and returns the raw bytes with typed headers", async () => {
    const { bedrock, calls } = client([
      new Response('{"completion":"ok"}', {
        status: 200,
        headers: {
          "content-type": "application/json",
          "x-amzn-requestid": "inv-1",
          "x-amzn-bedrock-invocation-latency": "123",
          "x-amzn-bedrock-input-token-count": "7",
          "x-amzn-bedrock-output-token-count": "2",
          "x-amzn-bedrock-performanceconfig-latency": "optimized",
          "x-amzn-bedrock-service-tier": "flex",
        },
      }),
    ]);
    const result = await bedrock.runtime.invokeModel({
      modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0",
      body: new TextEncoder().encode('{"prompt":"x"}'),
      requestMetadata: { team: "a" },
      serviceTier: "flex",
    });
    expect(new TextDecoder().decode(result.body)).toBe('{"completion":"ok"}');
    expect(result).toMatchObject({
      contentType: "application/json",
      performanceConfigLatency: "optimized",
      serviceTier: "flex",
      $metadata: { httpStatus: 200, requestId: "inv-1", latencyMs: 123, inputTokens: 7, outputTokens: 2, attempts: 1 },
    });
    expect(calls[0]!.body).toBe('{"prompt":"x"}');
    expect(calls[0]!.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "x-amzn-bedrock-request-metadata": '{"team":"a"}',
      "x-amzn-bedrock-service-tier": "flex",
    });
  });
});

describe("applyGuardrail", () => {
  it("puts identifier and version in the path, the rest in the body", async () => {
    const { bedrock, calls } = client([jsonResponse(200, { usage: {}, action: "NONE", outputs: [], assessments: [] })]);
    const result = await bedrock.runtime.applyGuardrail({ guardrailIdentifier: "gr id", guardrailVersion: "DRAFT", source: "INPUT", content: [{ text: { text: "hello" } }] });
    expect(result.action).toBe("NONE");
    expect(new URL(calls[0]!.url).pathname).toBe("/guardrail/gr%20id/version/DRAFT/apply");
    expect(JSON.parse(calls[0]!.body)).toEqual({ source: "INPUT", content: [{ text: { text: "hello" } }] });
  });
});
