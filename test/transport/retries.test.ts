/**
 * Retry, backoff, credential refresh and clock skew, through createBedrock with an injected fetch that counts calls
 * and an injected sleep that records delays (no timed assertions).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import type { BedrockOptions } from "../../src/bedrock";
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ModelNotReadyError,
  RateLimitError,
  ServiceUnavailableError,
} from "../../src/errors";
import { backoffDelay, DEFAULT_RETRY_TIMING, parseRetryAfter } from "../../src/transport/retry";
import { hasShared, loadExchange } from "../helpers/shared";
import { awsError, fakeFetch, jsonResponse, recordedResponse, recordingSleep, TEST_CREDENTIALS } from "./fake-fetch";
import type { Handler } from "./fake-fetch";

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const OK = () => jsonResponse(200, { output: { message: { role: "assistant", content: [{ text: "hi" }] } }, stopReason: "end_turn", usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 5 } }, { "x-amzn-requestid": "ok-1" });
const converseInput = { modelId: MODEL, messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

function client(handler: Handler | Array<Response | (() => Response) | Error>, extra: BedrockOptions = {}) {
  const f = fakeFetch(handler);
  const s = recordingSleep();
  const bedrock = createBedrock({
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    env: {},
    fetch: f.fetch,
    sleep: s.sleep,
    random: () => 0.5,
    ...extra,
  });
  return { bedrock, calls: f.calls, delays: s.delays };
}

describe("backoff arithmetic", () => {
  it("is full jitter under an exponential ceiling with a cap", () => {
    const t = DEFAULT_RETRY_TIMING;
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, undefined, t, () => 0.999999))).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
    expect(backoffDelay(3, undefined, t, () => 0)).toBe(0);
    expect(backoffDelay(0, 2500, t, () => 0)).toBe(2500);
    expect(backoffDelay(0, 10 * 60_000, t, () => 0)).toBe(t.maxRetryAfterMs);
  });
  it("reads retry-after-ms, retry-after seconds and HTTP dates", () => {
    const now = Date.parse("2025-02-10T01:39:11Z");
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "120" }), now)).toBe(120);
    expect(parseRetryAfter(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Mon, 10 Feb 2025 01:39:21 GMT" }), now)).toBe(10_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Mon, 10 Feb 2025 01:39:01 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});

describe("retries", () => {
  it("retries throttling twice with growing backoff, then succeeds", async () => {
    const { bedrock, calls, delays } = client([awsError(429, "ThrottlingException", "Too many requests"), awsError(429, "ThrottlingException", "Too many requests"), OK()]);
    const result = await bedrock.runtime.converse(converseInput);
    expect(calls.length).toBe(3);
    expect(delays).toEqual([250, 500]);
    expect(result.$metadata.attempts).toBe(3);
    expect(result.$metadata.requestId).toBe("ok-1");
  });

  it("gives up after maxRetries (default 2) with the typed error", async () => {
    const { bedrock, calls } = client([awsError(429, "ThrottlingException", "slow down")]);
    const error = await bedrock.runtime.converse(converseInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).requestId).toBe("req-ThrottlingException");
    expect(calls.length).toBe(3);
  });

  it("retries 500, 503 and ModelNotReady", async () => {
    for (const [response, cls] of [
      [awsError(500, "InternalServerException", "boom"), "InternalServerError"],
      [awsError(503, "ServiceUnavailableException", "busy"), "ServiceUnavailableError"],
      [awsError(429, "ModelNotReadyException", "loading"), "ModelNotReadyError"],
    ] as const) {
      const { bedrock, calls } = client([response, OK()]);
      await bedrock.runtime.converse(converseInput);
      expect(calls.length).toBe(2);
      const failing = client([response]);
      const error = await failing.bedrock.runtime.converse(converseInput, { maxRetries: 1 }).catch((e: unknown) => e);
      expect((error as Error).name).toBe(cls);
      expect(failing.calls.length).toBe(2);
    }
    expect(ServiceUnavailableError.name).toBeTruthy();
    expect(ModelNotReadyError.name).toBeTruthy();
  });

  it("does not retry client errors", async () => {
    const { bedrock, calls } = client([awsError(400, "ValidationException", "bad input"), OK()]);
    await expect(bedrock.runtime.converse(converseInput)).rejects.toBeInstanceOf(BadRequestError);
    expect(calls.length).toBe(1);
  });

  it("maxRetries: 0 disables retries, per client and per call", async () => {
    const a = client([awsError(503, "ServiceUnavailableException", "busy"), OK()], { maxRetries: 0 });
    await expect(a.bedrock.runtime.converse(converseInput)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(a.calls.length).toBe(1);
    const b = client([awsError(503, "ServiceUnavailableException", "busy"), OK()]);
    await expect(b.bedrock.runtime.converse(converseInput, { maxRetries: 0 })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(b.calls.length).toBe(1);
  });

  it("honours retry-after and retry-after-ms, capped", async () => {
    const { bedrock, delays } = client([
      awsError(429, "ThrottlingException", "x", { "retry-after": "2" }),
      awsError(429, "ThrottlingException", "x", { "retry-after-ms": "1234" }),
      awsError(429, "ThrottlingException", "x", { "retry-after": "86400" }),
      OK(),
    ]);
    await bedrock.runtime.converse(converseInput, { maxRetries: 3 });
    expect(delays).toEqual([2000, 1234, 60_000]);
  });

  it("retries network failures and reports APIConnectionError", async () => {
    const { bedrock, calls } = client([new TypeError("fetch failed"), new TypeError("fetch failed"), OK()]);
    await bedrock.runtime.converse(converseInput);
    expect(calls.length).toBe(3);
    const failing = client([new TypeError("fetch failed")]);
    const error = await failing.bedrock.runtime.converse(converseInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).status).toBeUndefined();
    expect(failing.calls.length).toBe(3);
  });

  it("signs every attempt afresh", async () => {
    let t = Date.parse("2025-01-01T00:00:00Z");
    const { bedrock, calls } = client([awsError(503, "ServiceUnavailableException", "busy"), OK()], {
      now: () => new Date((t += 1000)),
    });
    await bedrock.runtime.converse(converseInput);
    expect(calls[0]!.headers["x-amz-date"]).not.toBe(calls[1]!.headers["x-amz-date"]);
    expect(calls[0]!.headers["authorization"]).not.toBe(calls[1]!.headers["authorization"]);
  });
});

describe("credentials", () => {
  it("static credentials that the service calls expired fail fast (recorded ExpiredTokenException)", async () => {
    if (!hasShared) return;
    const expired = loadExchange("errors/converse/dd-trace-py--bedrock_converse_error__0.json");
    const { bedrock, calls } = client(() => recordedResponse(expired));
    const error = await bedrock.runtime.converse(converseInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("ExpiredTokenException");
    expect(calls.length).toBe(1);
  });

  it("a provider is refreshed once with forceRefresh, the call retried once, then the error surfaces", async () => {
    const seen: Array<boolean | undefined> = [];
    const provider = async (options?: { forceRefresh?: boolean }) => {
      seen.push(options?.forceRefresh);
      return { ...TEST_CREDENTIALS, sessionToken: `token-${seen.length}` };
    };
    const { bedrock, calls } = client([awsError(403, "ExpiredTokenException", "The security token included in the request is expired")], {
      credentials: provider,
    });
    const error = await bedrock.runtime.converse(converseInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(calls.length).toBe(2);
    expect(seen).toEqual([undefined, true]);
    expect(calls[0]!.headers["x-amz-security-token"]).toBe("token-1");
    expect(calls[1]!.headers["x-amz-security-token"]).toBe("token-2");
    expect((error as Error).message).not.toContain("token-");
  });

  it("a refreshed provider recovers from UnrecognizedClientException", async () => {
    const provider = async (options?: { forceRefresh?: boolean }) => ({ ...TEST_CREDENTIALS, accessKeyId: options?.forceRefresh ? "AKIDNEW" : "AKIDOLD" });
    const { bedrock, calls } = client(
      (call) => (call.headers["authorization"]!.includes("AKIDOLD") ? awsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.") : OK()),
      { credentials: provider },
    );
    const result = await bedrock.runtime.converse(converseInput);
    expect(result.$metadata.attempts).toBe(2);
    expect(calls.length).toBe(2);
  });

  it("provider credentials already expired are refreshed before sending", async () => {
    const seen: Array<boolean | undefined> = [];
    const provider = async (options?: { forceRefresh?: boolean }) => {
      seen.push(options?.forceRefresh);
      return { ...TEST_CREDENTIALS, expiration: new Date(options?.forceRefresh ? "2099-01-01" : "2000-01-01") };
    };
    const { bedrock, calls } = client([OK()], { credentials: provider });
    await bedrock.runtime.converse(converseInput);
    expect(seen).toEqual([undefined, true]);
    expect(calls.length).toBe(1);
  });
});

describe.skipIf(!hasShared)("clock skew (recorded 'Signature expired' responses)", () => {
  const skewed = () => loadExchange("amazon-titan-text/invoke/otel-js-contrib--bedrock-invokemodel-does-not-currently-add-genai-conventions__0.json");

  it("takes the offset from the Date header, retries once, and keeps it for later requests", async () => {
    const exchange = skewed();
    // Our clock is where the recording's signer was: 20250130T064508Z; the server's Date says 2025-02-10 01:39:11.
    const local = Date.parse("2025-01-30T06:45:08Z");
    const { bedrock, calls } = client((_call, i) => (i === 0 ? recordedResponse(exchange) : OK()), { now: () => new Date(local), maxRetries: 0 });
    await bedrock.runtime.converse(converseInput);
    expect(calls.length).toBe(2);
    expect(calls[0]!.headers["x-amz-date"]).toBe("20250130T064508Z");
    expect(calls[1]!.headers["x-amz-date"]).toBe("20250210T013911Z");
    expect(bedrock.transport.clockOffsetMs).toBe(Date.parse("2025-02-10T01:39:11Z") - local);
    await bedrock.runtime.converse(converseInput);
    expect(calls.length).toBe(3);
    expect(calls[2]!.headers["x-amz-date"]).toBe("20250210T013911Z");
  });

  it("corrects only once per call: a second skew error surfaces", async () => {
    const exchange = skewed();
    const { bedrock, calls } = client(() => recordedResponse(exchange), { now: () => new Date("2025-01-30T06:45:08Z") });
    const error = await bedrock.runtime.converse(converseInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).requestId).toBe("2737d2f5-442b-41b5-85bb-b7394008fbb7");
    expect(calls.length).toBe(2);
  });
});
