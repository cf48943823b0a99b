/**
 * A stream that stalls after its headers ends with APITimeoutError once no data has arrived for the call's `timeout`,
 * instead of hanging until the caller aborts. The emulator's drip fault holds the body between frames through an
 * injected sleep that never resolves for the third frame, so nothing here depends on wall-clock speed beyond the
 * timeout itself.
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { APITimeoutError } from "../../src/errors";
import { observeCancel } from "../helpers/observe-cancel";

describe("stream idle timeout", () => {
  it("throws APITimeoutError from the iterator when the body stalls after content, and cancels the body", async () => {
    let frames = 0;
    let cancelled = false;
    const emulator = createEmulator({
      faults: "drip:1",
      // Frames 2 and 3 are released; after that the stream stalls for good.
      sleep: () => (++frames <= 2 ? Promise.resolve() : new Promise<void>(() => {})),
    });
    const bedrock = createBedrock({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:1",
      credentials: TEST_CREDENTIALS,
      maxRetries: 0,
      fetch: async (input, init) => {
        return observeCancel(await emulator(new Request(input, init)), () => {
          cancelled = true;
        });
      },
    });
    const stream = await bedrock.runtime.converseStream(
      { modelId: "anthropic.claude-3-haiku-20240307-v1:0", messages: [{ role: "user", content: [{ text: "Hello there" }] }] },
      { timeout: 200 },
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/ConverseStream: no data arrived for 200 ms/);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain("messageStop");
    expect(cancelled).toBe(true);
  });
});
