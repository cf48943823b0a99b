/**
 * `$metadata` latency and token counts of every operation that has them: InvokeModel's from its headers, Converse's
 * from `metrics` and `usage`, ConverseStream's from its final `metadata` event (once the stream has been read),
 * InvokeModelWithResponseStream's from the `amazon-bedrock-invocationMetrics` of its last chunk. Checked against the
 * recorded Bedrock answers, the emulator, and answers with malformed values.
 */
import { describe, expect, it } from "vitest";
import { createBedrockRuntime } from "../../src/index";
import type { BedrockRuntimeClient } from "../../src/index";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator";
import { exchanges, hasShared, header, suiteIf } from "../helpers/shared";
import type { Exchange } from "../helpers/shared";
import { jsonResponse, recordedResponse } from "../transport/fake-fetch";

function replaying(exchange: Exchange): BedrockRuntimeClient {
  return createBedrockRuntime({
    region: "us-east-1",
    apiKey: "test-key-0123456789",
    env: {},
    maxRetries: 0,
    fetch: async () => recordedResponse(exchange),
  });
}

function answering(response: () => Response): BedrockRuntimeClient {
  return createBedrockRuntime({ region: "us-east-1", apiKey: "test-key-0123456789", env: {}, maxRetries: 0, fetch: async () => response() });
}

function emulated(): BedrockRuntimeClient {
  const emulator = createEmulator({ sleep: async () => {} });
  return createBedrockRuntime({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:8787",
    credentials: TEST_CREDENTIALS,
    env: {},
    fetch: async (input, init) => emulator(new Request(input, init)),
  });
}

const messages = [{ role: "user" as const, content: [{ text: "Count to three" }] }];
type Counts = { latencyMs: unknown; inputTokens: unknown; outputTokens: unknown };
const counts = (m: Counts) => ({ latencyMs: m.latencyMs, inputTokens: m.inputTokens, outputTokens: m.outputTokens });

describe("$metadata against the emulator", () => {
  it("Converse: latency from metrics.latencyMs, token counts from usage", async () => {
    const r = await emulated().runtime.converse({ modelId: "amazon.nova-micro-v1:0", messages });
    expect(r.metrics.latencyMs).toBeGreaterThan(0);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(counts(r.$metadata)).toEqual({ latencyMs: r.metrics.latencyMs, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens });
  });

  it("ConverseStream: undefined until the final metadata event is read, then that event's values", async () => {
    const stream = await emulated().runtime.converseStream({ modelId: "amazon.nova-micro-v1:0", messages });
    expect(counts(stream.$metadata)).toEqual({ latencyMs: undefined, inputTokens: undefined, outputTokens: undefined });
    let seen: Counts | undefined;
    for await (const event of stream) {
      if (event.type === "metadata") {
        // Already filled while the metadata event is in the caller's hands.
        seen = counts(stream.$metadata);
        expect(seen).toEqual({ latencyMs: event.data.metrics.latencyMs, inputTokens: event.data.usage.inputTokens, outputTokens: event.data.usage.outputTokens });
      }
    }
    expect(seen?.outputTokens).toBeGreaterThan(0);
    expect(counts(stream.$metadata)).toEqual(seen);
    expect(stream.$metadata.httpStatus).toBe(200);
    expect(stream.$metadata.attempts).toBe(1);
  });

  it("InvokeModelWithResponseStream: from the invocation metrics of the last chunk", async () => {
    const stream = await emulated().runtime.invokeModelWithResponseStream({
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 50, messages: [{ role: "user", content: "Count to three" }] },
    });
    expect(stream.$metadata.outputTokens).toBeUndefined();
    let metrics: Record<string, number> | undefined;
    for await (const event of stream) {
      const m = (event.data as Record<string, unknown>)["amazon-bedrock-invocationMetrics"];
      if (m) metrics = m as Record<string, number>;
    }
    expect(metrics).toBeDefined();
    expect(counts(stream.$metadata)).toEqual({
      latencyMs: metrics!.invocationLatency,
      inputTokens: metrics!.inputTokenCount,
      outputTokens: metrics!.outputTokenCount,
    });
  });
});

describe("$metadata from answers that are not well formed", () => {
  it("ignores latency and counts that are not non-negative numbers", async () => {
    const client = answering(() => jsonResponse(200, {
      output: { message: { role: "assistant", content: [{ text: "hi" }] } },
      stopReason: "end_turn",
      metrics: { latencyMs: "fast" },
      usage: { inputTokens: -1, outputTokens: 7 },
    }));
    const r = await client.runtime.converse({ modelId: "amazon.nova-micro-v1:0", messages });
    expect(counts(r.$metadata)).toEqual({ latencyMs: undefined, inputTokens: undefined, outputTokens: 7 });
  });

  it("an answer without metrics or usage leaves them undefined", async () => {
    const client = answering(() => jsonResponse(200, { output: null, stopReason: "end_turn", metrics: null, usage: 3 }));
    const r = await client.runtime.converse({ modelId: "amazon.nova-micro-v1:0", messages });
    expect(counts(r.$metadata)).toEqual({ latencyMs: undefined, inputTokens: undefined, outputTokens: undefined });
  });

  it("InvokeModel keeps its header values", async () => {
    const client = answering(() => jsonResponse(200, { completion: "hi" }, {
      "x-amzn-bedrock-invocation-latency": "412",
      "x-amzn-bedrock-input-token-count": "12",
      "x-amzn-bedrock-output-token-count": "3",
    }));
    const r = await client.runtime.invokeModel({ modelId: "anthropic.claude-v2", body: { prompt: "\n\nHuman: hi\n\nAssistant:" } });
    expect(counts(r.$metadata)).toEqual({ latencyMs: 412, inputTokens: 12, outputTokens: 3 });
  });
});

suiteIf(hasShared)("$metadata over the recorded Bedrock answers", () => {
  const ok = (operation: string) => exchanges((e) => e.operation === operation && e.status === 200);

  it("Converse: every recorded answer's metrics.latencyMs and usage", async () => {
    const recorded = ok("converse");
    expect(recorded.length).toBeGreaterThan(100);
    let complete = 0;
    for (const exchange of recorded) {
      const body = exchange.response.body as { metrics?: { latencyMs: number }; usage?: { inputTokens: number; outputTokens: number } };
      const r = await replaying(exchange).runtime.converse({ modelId: exchange.modelId!, messages });
      expect(counts(r.$metadata), exchange.file).toEqual({
        latencyMs: body.metrics?.latencyMs,
        inputTokens: body.usage?.inputTokens,
        outputTokens: body.usage?.outputTokens,
      });
      if (body.metrics && body.usage) complete++;
    }
    // One recording was stored without metrics and usage: it leaves them undefined; every other carries through.
    expect(complete).toBeGreaterThan(100);
  });

  it("ConverseStream: every recorded stream's metadata event, set once the stream has been read", async () => {
    const recorded = ok("converse-stream");
    expect(recorded.length).toBeGreaterThan(30);
    for (const exchange of recorded) {
      const stream = await replaying(exchange).runtime.converseStream({ modelId: exchange.modelId!, messages });
      expect(stream.$metadata.latencyMs, exchange.file).toBeUndefined();
      let last: { usage: { inputTokens: number; outputTokens: number }; metrics: { latencyMs: number } } | undefined;
      for await (const event of stream) if (event.type === "metadata") last = event.data;
      expect(last, exchange.file).toBeDefined();
      expect(counts(stream.$metadata), exchange.file).toEqual({
        latencyMs: last!.metrics.latencyMs,
        inputTokens: last!.usage.inputTokens,
        outputTokens: last!.usage.outputTokens,
      });
      expect(stream.$metadata.latencyMs, exchange.file).toBeGreaterThan(0);
    }
  });

  it("InvokeModelWithResponseStream: the invocation metrics of the recorded streams that carry them", async () => {
    let withMetrics = 0;
    for (const exchange of ok("invoke-with-response-stream")) {
      const stream = await replaying(exchange).runtime.invokeModelWithResponseStream({ modelId: exchange.modelId!, body: {} });
      let metrics: Record<string, number> | undefined;
      for await (const event of stream) {
        const m = (event.data as Record<string, unknown> | null)?.["amazon-bedrock-invocationMetrics"];
        if (m) metrics = m as Record<string, number>;
      }
      const expected = metrics
        ? { latencyMs: metrics.invocationLatency, inputTokens: metrics.inputTokenCount, outputTokens: metrics.outputTokenCount }
        : { latencyMs: undefined, inputTokens: undefined, outputTokens: undefined };
      if (metrics) withMetrics++;
      expect(counts(stream.$metadata), exchange.file).toEqual(expected);
    }
    expect(withMetrics).toBeGreaterThan(30);
  });

  it("InvokeModel: the recorded x-amzn-bedrock-* headers, as before", async () => {
    let withHeaders = 0;
    // A few recorded 200s carry x-amzn-ErrorType: they are errors, not answers.
    for (const exchange of ok("invoke").filter((e) => header(e.response.headers, "x-amzn-errortype") === undefined)) {
      const r = await replaying(exchange).runtime.invokeModel({ modelId: exchange.modelId!, body: {} });
      const h = (name: string) => {
        const v = header(exchange.response.headers, name);
        return v === undefined ? undefined : Number(v);
      };
      const expected = {
        latencyMs: h("x-amzn-bedrock-invocation-latency"),
        inputTokens: h("x-amzn-bedrock-input-token-count"),
        outputTokens: h("x-amzn-bedrock-output-token-count"),
      };
      if (expected.inputTokens !== undefined) withHeaders++;
      expect(counts(r.$metadata), exchange.file).toEqual(expected);
    }
    expect(withHeaders).toBeGreaterThan(80);
  });
});
