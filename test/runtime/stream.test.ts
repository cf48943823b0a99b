/**
 * Streaming calls: Stream<T> semantics (once, tee, toReadableStream, map, abort), pull-based reading, cancellation
 * on early exit, exception frames as typed errors, truncation, and retries only before the first event.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import type { BedrockOptions } from "../../src/bedrock";
import { APIConnectionError, APIUserAbortError, BadRequestError, ModelError, RateLimitError, ServiceUnavailableError } from "../../src/errors";
import { isEventStreamError } from "../../src/event-stream";
import { Stream } from "../../src/stream";
import { exchanges, hasShared, streamBytes } from "../helpers/shared";
import {
  awsError,
  concat,
  converseFrames,
  eventFrame,
  exceptionFrame,
  fakeFetch,
  pulledBody,
  recordingSleep,
  streamResponse,
  TEST_CREDENTIALS,
} from "../transport/fake-fetch";
import type { Call, Handler } from "../transport/fake-fetch";

const input = { modelId: "anthropic.claude-3-haiku-20240307-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 20));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

function client(handler: Handler | Response[], extra: BedrockOptions = {}) {
  const f = fakeFetch(handler);
  const s = recordingSleep();
  const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, env: {}, fetch: f.fetch, sleep: s.sleep, random: () => 0.5, ...extra });
  return { bedrock, calls: f.calls, delays: s.delays };
}

/** A body that sends `frames` and then waits, erroring (as real fetch bodies do) when the request is aborted. */
function hangingAfter(frames: Uint8Array[], call: Call): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const f of frames) controller.enqueue(f);
      call.signal!.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")), { once: true });
    },
  });
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

describe("converseStream", () => {
  it("yields typed events with the response's request id", async () => {
    const { bedrock, calls } = client(() => streamResponse(concat(converseFrames("Hello")), "rid-1"));
    const stream = await bedrock.runtime.converseStream(input);
    expect(stream.$metadata.requestId).toBe("rid-1");
    const events = await collect(stream);
    expect(events.map((e) => e.type)).toEqual(["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"]);
    const delta = events[1]!;
    if (delta.type === "contentBlockDelta") expect(delta.data.delta).toEqual({ text: "Hello" });
    expect(calls[0]!.url).toBe("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    expect(calls[0]!.headers["accept"]).toBe("application/vnd.amazon.eventstream");
  });

  it("can be iterated only once", async () => {
    const { bedrock } = client(() => streamResponse(concat(converseFrames())));
    const stream = await bedrock.runtime.converseStream(input);
    await collect(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already been iterated.*tee\(\)/);
  });

  it("reads the body only as events are pulled (backpressure)", async () => {
    const body = pulledBody(converseFrames());
    const { bedrock } = client(() => streamResponse(body.stream));
    const stream = await bedrock.runtime.converseStream(input);
    const it = stream[Symbol.asyncIterator]();
    await it.next();
    // One frame per chunk: the first event needed the first chunk (the body may prefetch one more at most).
    expect(body.pulls()).toBeLessThanOrEqual(2);
    await it.next();
    expect(body.pulls()).toBeLessThanOrEqual(3);
    await it.return!();
  });

  it("breaking out of for-await cancels the body and aborts the request", async () => {
    const body = pulledBody([...converseFrames(), ...converseFrames()]);
    const { bedrock, calls } = client(() => streamResponse(body.stream));
    const stream = await bedrock.runtime.converseStream(input);
    for await (const event of stream) {
      expect(event.type).toBe("messageStart");
      break;
    }
    expect(body.cancelled()).toBe(true);
    expect(calls[0]!.signal!.aborted).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it("an exception frame after content is thrown from the iterator as its typed error, and not retried", async () => {
    const frames = [...converseFrames().slice(0, 2), exceptionFrame("throttlingException", "Too many tokens, please wait.")];
    const { bedrock, calls } = client(() => streamResponse(concat(frames), "rid-exc"));
    const stream = await bedrock.runtime.converseStream(input);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["messageStart", "contentBlockDelta"]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: "ThrottlingException", requestId: "rid-exc", message: "Too many tokens, please wait." });
    expect(calls.length).toBe(1);
  });

  it("a modelStreamErrorException after content is a ModelError", async () => {
    const frames = [converseFrames()[0]!, exceptionFrame("modelStreamErrorException", "The model failed.")];
    const { bedrock } = client(() => streamResponse(concat(frames)));
    const stream = await bedrock.runtime.converseStream(input);
    await expect(collect(stream)).rejects.toBeInstanceOf(ModelError);
  });

  it("a throttling or service-unavailable frame before any event is retried with backoff", async () => {
    for (const [type, cls] of [["throttlingException", RateLimitError], ["serviceUnavailableException", ServiceUnavailableError]] as const) {
      const { bedrock, calls, delays } = client((_c, i) =>
        i === 0 ? streamResponse(exceptionFrame(type, "busy"), "rid-a") : streamResponse(concat(converseFrames("retried")), "rid-b"),
      );
      const stream = await bedrock.runtime.converseStream(input);
      const events = await collect(stream);
      expect(events.map((e) => e.type)).toContain("metadata");
      expect(calls.length).toBe(2);
      expect(delays).toEqual([250]);
      expect(stream.$metadata.requestId).toBe("rid-b");
      expect(stream.$metadata.attempts).toBe(2);
      // Exhausting the budget surfaces the frame's error.
      const failing = client(() => streamResponse(exceptionFrame(type, "busy")));
      const s2 = await failing.bedrock.runtime.converseStream(input);
      await expect(collect(s2)).rejects.toBeInstanceOf(cls);
      expect(failing.calls.length).toBe(3);
    }
  });

  it("a stream cut inside a frame throws EventStreamError 'truncated'", async () => {
    const whole = concat(converseFrames());
    const { bedrock, calls } = client(() => streamResponse(whole.slice(0, whole.length - 7)));
    const stream = await bedrock.runtime.converseStream(input);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of stream) seen.push(e.type);
    })().catch((e: unknown) => e);
    expect(isEventStreamError(error)).toBe(true);
    expect((error as { type: string }).type).toBe("truncated");
    expect(seen).toEqual(["messageStart", "contentBlockDelta", "contentBlockStop", "messageStop"]);
    expect(calls.length).toBe(1);
  });

  it("a stream that ends cleanly but without messageStop/metadata is an error", async () => {
    const { bedrock } = client(() => streamResponse(concat(converseFrames().slice(0, 4))));
    const stream = await bedrock.runtime.converseStream(input);
    await expect(collect(stream)).rejects.toMatchObject({ name: "EventStreamError", type: "truncated", message: expect.stringContaining("metadata") });
  });

  it("a connection that breaks after content is an APIConnectionError from the iterator, not a retry", async () => {
    const { bedrock, calls } = client(
      () =>
        streamResponse(
          new ReadableStream({
            start(c) {
              c.enqueue(converseFrames()[0]!);
            },
            pull(c) {
              c.error(new TypeError("socket hang up"));
            },
          }),
        ),
    );
    const stream = await bedrock.runtime.converseStream(input);
    await expect(collect(stream)).rejects.toBeInstanceOf(APIConnectionError);
    expect(calls.length).toBe(1);
  });

  it("an HTTP error with a JSON body rejects the call itself with that error", async () => {
    const { bedrock, calls } = client([awsError(400, "ValidationException", "The provided model identifier is invalid.")]);
    await expect(bedrock.runtime.converseStream(input)).rejects.toBeInstanceOf(BadRequestError);
    expect(calls.length).toBe(1);
  });

  it("abort() and the caller's signal end a waiting stream with APIUserAbortError", async () => {
    for (const how of ["abort", "signal"] as const) {
      const { bedrock, calls } = client((call) => streamResponse(hangingAfter([converseFrames()[0]!], call)));
      const controller = new AbortController();
      const stream = await bedrock.runtime.converseStream(input, { signal: controller.signal });
      const it = stream[Symbol.asyncIterator]();
      expect((await it.next()).value).toMatchObject({ type: "messageStart" });
      const waiting = it.next();
      if (how === "abort") stream.abort();
      else controller.abort();
      await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
      expect(calls[0]!.signal!.aborted).toBe(true);
    }
  });
});

describe("Stream helpers", () => {
  it("tee() gives both readers every event", async () => {
    const { bedrock } = client(() => streamResponse(concat(converseFrames())));
    const [a, b] = (await bedrock.runtime.converseStream(input)).tee();
    const [x, y] = await Promise.all([collect(a), collect(b)]);
    expect(x.map((e) => e.type)).toEqual(y.map((e) => e.type));
    expect(x.length).toBe(5);
  });

  it("map/flatMap transform lazily and toReadableStream reads them", async () => {
    const { bedrock } = client(() => streamResponse(concat(converseFrames("abc"))));
    const stream = await bedrock.runtime.converseStream(input);
    const text = stream.flatMap((e) => (e.type === "contentBlockDelta" && "text" in e.data.delta ? [e.data.delta.text] : []));
    const reader = text.map((t) => t.toUpperCase()).toReadableStream().getReader();
    const out: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.push(value);
    }
    expect(out).toEqual(["ABC"]);
    expect(stream.consumed).toBe(true);
  });

  it("cancelling toReadableStream cancels the body", async () => {
    const body = pulledBody(converseFrames());
    const { bedrock } = client(() => streamResponse(body.stream));
    const reader = (await bedrock.runtime.converseStream(input)).toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(body.cancelled()).toBe(true);
  });

  it("Stream.from wraps any iterable", async () => {
    expect(await collect(Stream.from([1, 2, 3]).map((n) => n * 2))).toEqual([2, 4, 6]);
  });
});

describe.skipIf(!hasShared)("invokeModelWithResponseStream over recorded bodies, fed in small chunks", () => {
  const recorded = exchanges((e) => e.operation === "invoke-with-response-stream" && e.status === 200).slice(0, 6);
  it.each(recorded.map((e) => [e.file, e] as const))("%s", async (_f, e) => {
    const bytes = streamBytes(e);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 37) chunks.push(bytes.slice(i, i + 37));
    const { bedrock } = client(() => streamResponse(pulledBody(chunks).stream));
    const stream = await bedrock.runtime.invokeModelWithResponseStream({ modelId: e.modelId!, body: e.request.body as object });
    const events = await collect(stream);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((x) => x.type === "chunk" && typeof x.data === "object")).toBe(true);
    const last = events[events.length - 1]!.data as Record<string, unknown>;
    expect(last["amazon-bedrock-invocationMetrics"]).toBeDefined();
  });

  it("sends the stream headers from the service model", async () => {
    const { bedrock, calls } = client(() => streamResponse(eventFrame("chunk", { bytes: btoa("{}") })));
    const stream = await bedrock.runtime.invokeModelWithResponseStream({
      modelId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
      body: { prompt: "hi" },
      accept: "application/json",
      trace: "ENABLED",
      guardrailIdentifier: "gr-1",
      guardrailVersion: "DRAFT",
      performanceConfigLatency: "optimized",
      serviceTier: "priority",
    });
    await collect(stream);
    const call = calls[0]!;
    expect(new URL(call.url).pathname).toBe("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/invoke-with-response-stream");
    expect(call.headers).toMatchObject({
      accept: "application/vnd.amazon.eventstream",
      "x-amzn-bedrock-accept": "application/json",
      "content-type": "application/json",
      "x-amzn-bedrock-trace": "ENABLED",
      "x-amzn-bedrock-guardrailidentifier": "gr-1",
      "x-amzn-bedrock-guardrailversion": "DRAFT",
      "x-amzn-bedrock-performanceconfig-latency": "optimized",
      "x-amzn-bedrock-service-tier": "priority",
    });
    expect(JSON.parse(call.body)).toEqual({ prompt: "hi" });
  });
});
