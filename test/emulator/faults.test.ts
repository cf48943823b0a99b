import { describe, expect, it } from "vitest";
import { createEmulator, parseFaultSpec } from "../../src/emulator/index";
import { createEventStreamDecoder, isEventStreamError } from "../../src/event-stream/index";
import { decodeFrames, modelPath, signedPost } from "./helpers";

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const BODY = { anthropic_version: "bedrock-2023-05-31", max_tokens: 200, messages: [{ role: "user", content: "Tell me a long story about streams" }] };
const STREAM = modelPath(MODEL, "invoke-with-response-stream");

function call(emulator: ReturnType<typeof createEmulator>, fault?: string, path = modelPath(MODEL, "invoke")) {
  return signedPost(path, BODY, undefined, fault === undefined ? {} : { "x-bedrock-fetch-fault": fault }).then(emulator);
}

function errorType(res: Response): string | undefined {
  return res.headers.get("x-amzn-ErrorType")?.split(":")[0];
}

describe("fault injection", () => {
  it("throttle:N fails the first N calls with 429 ThrottlingException, then succeeds", async () => {
    const emulator = createEmulator();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(emulator, "throttle:2");
      statuses.push([res.status, errorType(res)]);
      if (res.status === 429) expect(await res.json()).toEqual({ message: "Too many requests, please wait before trying again." });
    }
    expect(statuses).toEqual([[429, "ThrottlingException"], [429, "ThrottlingException"], [200, undefined]]);
  });

  it("error:500 and error:503 answer InternalServerException and ServiceUnavailableException; error:503:1 only once", async () => {
    const emulator = createEmulator();
    const a = await call(emulator, "error:500");
    expect([a.status, errorType(a)]).toEqual([500, "InternalServerException"]);
    expect(a.headers.get("x-amzn-ErrorType")).toBe("InternalServerException:http://internal.amazon.com/coral/com.amazon.bedrock/");
    const b = await call(emulator, "error:503");
    expect([b.status, errorType(b)]).toEqual([503, "ServiceUnavailableException"]);
    expect((await call(emulator, "error:503:1")).status).toBe(503);
    expect((await call(emulator, "error:503:1")).status).toBe(200);
  });

  it("config-level faults apply to every request", async () => {
    const emulator = createEmulator({ faults: ["throttle:1"] });
    expect((await call(emulator)).status).toBe(429);
    expect((await call(emulator)).status).toBe(200);
  });

  for (const type of ["throttlingException", "modelStreamErrorException", "internalServerException"]) {
    it(`stream-error:2:${type} sends two chunks, then an exception frame`, async () => {
      const res = await call(createEmulator(), `stream-error:2:${type}`, STREAM);
      expect(res.status).toBe(200);
      const frames = decodeFrames(new Uint8Array(await res.arrayBuffer()));
      expect(frames).toHaveLength(3);
      expect(frames.slice(0, 2).map((f) => f.headers[":event-type"])).toEqual(["chunk", "chunk"]);
      expect(frames[2]!.headers).toEqual({ ":exception-type": type, ":content-type": "application/json", ":message-type": "exception" });
      expect(typeof frames[2]!.json.message).toBe("string");
    });
  }

  it("stream-error applies to converse-stream too", async () => {
    const res = await signedPost(modelPath(MODEL, "converse-stream"), { messages: [{ role: "user", content: [{ text: "hi" }] }] },
      undefined, { "x-bedrock-fetch-fault": "stream-error:1" }).then(createEmulator());
    const frames = decodeFrames(new Uint8Array(await res.arrayBuffer()));
    expect(frames.map((f) => f.headers[":event-type"] ?? f.headers[":exception-type"])).toEqual(["messageStart", "modelStreamErrorException"]);
  });

  it("cut:K ends the body inside frame K+1, which a decoder reports as truncated", async () => {
    const whole = new Uint8Array(await (await call(createEmulator(), undefined, STREAM)).arrayBuffer());
    const cut = new Uint8Array(await (await call(createEmulator(), "cut:3", STREAM)).arrayBuffer());
    expect(cut.length).toBeLessThan(whole.length);
    expect(Buffer.from(whole.subarray(0, cut.length)).equals(Buffer.from(cut))).toBe(true);
    let frames = 0;
    const decoder = createEventStreamDecoder({ onMessage: () => void frames++ });
    decoder.feed(cut);
    expect(frames).toBe(3);
    let error: unknown;
    try {
      decoder.end();
    } catch (e) {
      error = e;
    }
    expect(isEventStreamError(error) && error.type).toBe("truncated");
  });

  it("drip:MS waits through the injected sleep before every frame after the first", async () => {
    const waits: number[] = [];
    const emulator = createEmulator({ sleep: async (ms) => void waits.push(ms) });
    const res = await call(emulator, "drip:50", STREAM);
    const frames = decodeFrames(new Uint8Array(await res.arrayBuffer()));
    expect(frames.length).toBeGreaterThan(3);
    expect(waits).toEqual(Array.from({ length: frames.length - 1 }, () => 50));
  });

  it("skew:SECONDS moves the emulator's clock so a fresh signature looks expired", async () => {
    const res = await call(createEmulator(), "skew:600");
    expect([res.status, errorType(res)]).toEqual([403, "InvalidSignatureException"]);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Signature expired: /);
    const behind = await call(createEmulator(), "skew:-600");
    expect(((await behind.json()) as { message: string }).message).toMatch(/^Signature not yet current: /);
  });

  it("bad-signature and expired-token reject valid credentials", async () => {
    const bad = await call(createEmulator(), "bad-signature");
    expect([bad.status, errorType(bad)]).toEqual([403, "InvalidSignatureException"]);
    const expired = await call(createEmulator(), "expired-token");
    expect([expired.status, errorType(expired)]).toEqual([403, "ExpiredTokenException"]);
    expect(await expired.json()).toEqual({ message: "The security token included in the request is expired" });
  });

  it("an unknown fault spec in the header is a 400 ValidationException; in options a ConfigurationError", async () => {
    const res = await call(createEmulator(), "meltdown");
    expect([res.status, errorType(res)]).toEqual([400, "ValidationException"]);
    expect(() => parseFaultSpec("stream-error:x")).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "faults" }));
    expect(parseFaultSpec("throttle:2, drip:10; cut:1")).toMatchObject({ dripMs: 10, cutAfter: 1, counted: [{ limit: 2, status: 429 }] });
  });
});
