/**
 * End to end against the in-process emulator (its web handler is the injected fetch; no sockets): SigV4 verified by
 * the emulator over encoded model ids, and the client's retry, stream and clock-skew paths against injected faults.
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { createEmulator, FAULT_HEADER, TEST_CREDENTIALS } from "../../src/emulator";
import { AuthenticationError, ModelError, RateLimitError } from "../../src/errors";

function setup(faults?: string) {
  const emulator = createEmulator({ sleep: async () => {} });
  let calls = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls++;
    const headers = new Headers(init?.headers);
    if (faults) headers.set(FAULT_HEADER, faults);
    return emulator(new Request(input, { ...init, headers }));
  }) as typeof globalThis.fetch;
  const bedrock = createBedrock({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:8787",
    credentials: TEST_CREDENTIALS,
    env: {},
    fetch,
    sleep: async () => {},
  });
  return { bedrock, calls: () => calls };
}

const input = { modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0", messages: [{ role: "user" as const, content: [{ text: "hello" }] }] };

describe("against the emulator", () => {
  it("converse is accepted (SigV4 over an encoded inference-profile id) and answers typed", async () => {
    const { bedrock, calls } = setup();
    const result = await bedrock.runtime.converse(input);
    expect(result.output.message?.role).toBe("assistant");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.$metadata.httpStatus).toBe(200);
    expect(calls()).toBe(1);
  });

  it("converseStream ends with messageStop and metadata", async () => {
    const { bedrock } = setup();
    const types: string[] = [];
    for await (const e of await bedrock.runtime.converseStream(input)) types.push(e.type);
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
  });

  it("throttling is retried until it clears", async () => {
    const { bedrock, calls } = setup("throttle:2");
    const result = await bedrock.runtime.converse(input);
    expect(result.$metadata.attempts).toBe(3);
    expect(calls()).toBe(3);
    const { bedrock: b2 } = setup("throttle:5");
    await expect(b2.runtime.converse(input)).rejects.toBeInstanceOf(RateLimitError);
  });

  it("a stream error after content is thrown from the iterator, with no retry", async () => {
    const { bedrock, calls } = setup("stream-error:2");
    const stream = await bedrock.runtime.converseStream(input);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const e of stream) seen.push(e.type);
      })(),
    ).rejects.toBeInstanceOf(ModelError);
    expect(seen.length).toBe(2);
    expect(calls()).toBe(1);
  });

  it("a cut stream is 'truncated'", async () => {
    const { bedrock } = setup("cut:2");
    const stream = await bedrock.runtime.converseStream(input);
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toMatchObject({ name: "EventStreamError", type: "truncated" });
  });

  it("a skewed server clock is corrected once from its Date header", async () => {
    const { bedrock, calls } = setup("skew:3600");
    await bedrock.runtime.converse(input);
    expect(calls()).toBe(2);
    expect(Math.round(bedrock.transport.clockOffsetMs / 1000)).toBeGreaterThan(3500);
  });

  it("a rejected signature fails fast", async () => {
    const { bedrock, calls } = setup("bad-signature");
    await expect(bedrock.runtime.converse(input)).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls()).toBe(1);
  });
});
