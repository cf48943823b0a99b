/**
 * The per-operation functions (`converseStream(core, input)`, ...) and `createBedrockCore`: the same operations as
 * `bedrock.runtime.*`, against the in-process emulator, taking any of the three clients.
 */
import { describe, expect, it } from "vitest";
import {
  applyGuardrail,
  ConfigurationError,
  converse,
  converseStream,
  countTokens,
  createBedrock,
  createBedrockCore,
  createBedrockRuntime,
  getAsyncInvoke,
  invokeModel,
  invokeModelWithResponseStream,
  listAsyncInvokes,
  RateLimitError,
  startAsyncInvoke,
} from "../../src/index";
import type { BedrockOptions } from "../../src/index";
import { createEmulator, FAULT_HEADER, TEST_CREDENTIALS } from "../../src/emulator";

function options(faults?: string): BedrockOptions & { calls: () => number } {
  const emulator = createEmulator({ sleep: async () => {} });
  let calls = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls++;
    const headers = new Headers(init?.headers);
    if (faults) headers.set(FAULT_HEADER, faults);
    return emulator(new Request(input, { ...init, headers }));
  }) as typeof globalThis.fetch;
  return {
    region: "us-east-1",
    endpoint: "http://127.0.0.1:8787",
    credentials: TEST_CREDENTIALS,
    env: {},
    fetch,
    sleep: async () => {},
    calls: () => calls,
  };
}

const modelId = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
const input = { modelId, messages: [{ role: "user" as const, content: [{ text: "hello" }] }] };

describe("createBedrockCore", () => {
  it("resolves and validates the configuration like createBedrockRuntime, with no runtime attached", () => {
    const core = createBedrockCore(options());
    expect(core.config).toEqual(createBedrockRuntime(options()).config);
    expect("runtime" in core).toBe(false);
    expect(() => createBedrockCore({ env: {}, apiKey: "k", region: "us-east-1", maxRetries: -1 })).toThrow(ConfigurationError);
  });
});

describe("operation functions", () => {
  it("converseStream streams the same events as runtime.converseStream, from every kind of client", async () => {
    for (const client of [createBedrockCore(options()), createBedrockRuntime(options()), createBedrock(options())]) {
      const stream = await converseStream(client, input);
      expect(stream.$metadata.httpStatus).toBe(200);
      const types: string[] = [];
      for await (const e of stream) types.push(e.type);
      expect(types[0]).toBe("messageStart");
      expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
    }
  });

  it("converse, countTokens and invokeModel answer typed, with $metadata", async () => {
    const core = createBedrockCore(options());
    const result = await converse(core, input);
    expect(result.output.message?.role).toBe("assistant");
    expect(result.$metadata.attempts).toBe(1);
    const tokens = await countTokens(core, { modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", input: { converse: { messages: input.messages } } });
    expect(tokens.inputTokens).toBeGreaterThan(0);
    const invoked = await invokeModel(core, {
      modelId,
      body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
    });
    expect(invoked.contentType).toMatch(/json/);
    expect(invoked.$metadata.httpStatus).toBe(200);
  });

  it("invokeModelWithResponseStream yields the model's native events", async () => {
    const core = createBedrockCore(options());
    const stream = await invokeModelWithResponseStream(core, {
      modelId,
      body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
    });
    let events = 0;
    for await (const _ of stream) events++;
    expect(events).toBeGreaterThan(0);
  });

  it("the async-invoke and guardrail operations are there too", async () => {
    const core = createBedrockCore(options());
    const started = await startAsyncInvoke(core, {
      modelId: "amazon.nova-reel-v1:0",
      modelInput: { taskType: "TEXT_VIDEO", textToVideoParams: { text: "a cat" } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out" } },
    });
    const job = await getAsyncInvoke(core, { invocationArn: started.invocationArn });
    expect(job.invocationArn).toBe(started.invocationArn);
    const page = await listAsyncInvokes(core, { maxResults: 10 });
    expect(Array.isArray(page.asyncInvokeSummaries)).toBe(true);
    const guarded = await applyGuardrail(core, {
      guardrailIdentifier: "gr1",
      guardrailVersion: "1",
      source: "INPUT",
      content: [{ text: { text: "hello" } }],
    });
    expect(guarded.action).toBeDefined();
  });

  it("retries, and rejects (never throws synchronously) on bad input", async () => {
    const opts = options("throttle:1");
    const result = await converse(createBedrockCore(opts), input);
    expect(result.$metadata.attempts).toBe(2);
    expect(opts.calls()).toBe(2);
    await expect(converse(createBedrockCore(options("throttle:9")), input)).rejects.toBeInstanceOf(RateLimitError);
    const pending = converseStream(createBedrockCore(options()), { messages: [] } as never);
    await expect(pending).rejects.toBeInstanceOf(ConfigurationError);
  });
});
