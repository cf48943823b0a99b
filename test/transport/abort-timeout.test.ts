/**
 * Caller aborts and timeouts: the right error class, the wait and the request both cancelled, no unhandled
 * rejections. Timers are real but nothing asserts how long anything took.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { APITimeoutError, APIUserAbortError } from "../../src/errors";
import { abortableSleep } from "../../src/transport/retry";
import { awsError, fakeFetch, jsonResponse, TEST_CREDENTIALS } from "./fake-fetch";
import type { Call } from "./fake-fetch";

const input = { modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 20));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

/** A fetch that never answers but rejects, as real fetch does, when its signal aborts. */
function hangingFetch() {
  return fakeFetch(
    (call: Call) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = call.signal!;
        if (signal.aborted) reject(new DOMException("aborted", "AbortError"));
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
      }),
  );
}

const base = { region: "us-east-1", credentials: TEST_CREDENTIALS, env: {} };

describe("abort", () => {
  it("an already-aborted signal rejects with APIUserAbortError before any request", async () => {
    const { fetch, calls } = hangingFetch();
    const bedrock = createBedrock({ ...base, fetch });
    const controller = new AbortController();
    controller.abort();
    await expect(bedrock.runtime.converse(input, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls.length).toBe(0);
  });

  it("aborting during the request cancels fetch and rejects with APIUserAbortError, without retrying", async () => {
    const { fetch, calls } = hangingFetch();
    const bedrock = createBedrock({ ...base, fetch });
    const controller = new AbortController();
    const pending = bedrock.runtime.converse(input, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls[0]!.signal!.aborted).toBe(true);
    expect(calls.length).toBe(1);
  });

  it("aborting during the backoff wait ends the wait at once", async () => {
    const { fetch, calls } = fakeFetch([awsError(503, "ServiceUnavailableException", "busy")]);
    // The real sleep with a long retry-after: only the abort can end it.
    const bedrock = createBedrock({ ...base, fetch });
    const controller = new AbortController();
    const pending = bedrock.runtime.converse(input, { signal: controller.signal });
    while (calls.length === 0) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls.length).toBe(1);
  });

  it("abortableSleep rejects when aborted and clears its timer", async () => {
    const controller = new AbortController();
    const waiting = abortableSleep(3_600_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(abortableSleep(1, controller.signal)).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });
});

describe("timeout", () => {
  it("rejects with APITimeoutError and aborts the fetch (no retry with maxRetries 0)", async () => {
    const { fetch, calls } = hangingFetch();
    const bedrock = createBedrock({ ...base, fetch, maxRetries: 0, timeout: 5 });
    const error = await bedrock.runtime.converse(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).retryable).toBe(true);
    expect((error as Error).message).toContain("Converse");
    expect(calls.length).toBe(1);
    expect(calls[0]!.signal!.aborted).toBe(true);
  });

  it("a timed-out attempt is retried like a network failure; the per-call timeout wins", async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch((call) => {
      if (n++ === 0) {
        return new Promise<Response>((_resolve, reject) =>
          call.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true }),
        );
      }
      return jsonResponse(200, { inputTokens: 7 });
    });
    const bedrock = createBedrock({ ...base, fetch, timeout: 600_000, sleep: async () => {} });
    const result = await bedrock.runtime.countTokens({ modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", input: { converse: { messages: [] } } }, { timeout: 5 });
    expect(result.inputTokens).toBe(7);
    expect(calls.length).toBe(2);
  });

  it("a body that stalls past the timeout is a timeout too", async () => {
    const { fetch } = fakeFetch(
      (call) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"inputTo'));
              call.signal!.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
            },
          }),
          { status: 200 },
        ),
    );
    const bedrock = createBedrock({ ...base, fetch, maxRetries: 0, timeout: 5 });
    await expect(bedrock.runtime.countTokens({ modelId: "m", input: { converse: { messages: [] } } })).rejects.toBeInstanceOf(APITimeoutError);
  });
});
