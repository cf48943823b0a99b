/**
 * Conformance over the recorded Bedrock traffic: for every exchange, the client builds its request from the recorded
 * input, the injected fetch answers with the recorded response, and the typed result (or error) must match what
 * the service said. The request the client builds must target the recorded URL path.
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { isBedrockError } from "../../src/errors";
import type { BedrockError } from "../../src/errors";
import { exchangeIndex, exchanges, hasShared, header } from "../helpers/shared";
import type { Exchange } from "../helpers/shared";
import { fakeFetch, recordedResponse, TEST_CREDENTIALS } from "../transport/fake-fetch";

const all = exchanges();
const framesOf = new Map(exchangeIndex().map((e) => [e.file, e.frames]));

function regionOf(url: URL): string {
  return /^bedrock-runtime\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? "us-east-1";
}

/** Path segments decoded, so `v1:0` and `v1%3A0` in recordings compare equal. */
function segments(path: string): string[] {
  return path.split("/").map((s) => decodeURIComponent(s));
}

function isFailure(e: Exchange): boolean {
  return e.response.status >= 300 || header(e.response.headers, "x-amzn-ErrorType") !== undefined;
}

async function call(e: Exchange) {
  const recordedUrl = new URL(e.request.url);
  const { fetch, calls } = fakeFetch(() => recordedResponse(e));
  const bedrock = createBedrock({ region: regionOf(recordedUrl), credentials: TEST_CREDENTIALS, fetch, env: {}, maxRetries: 0 });
  const body = (e.request.body ?? {}) as Record<string, unknown>;
  const modelId = e.modelId ?? "";
  const run = async (): Promise<unknown> => {
    switch (e.operation) {
      case "invoke":
        return bedrock.runtime.invokeModel({ modelId, body });
      case "invoke-with-response-stream": {
        const stream = await bedrock.runtime.invokeModelWithResponseStream({ modelId, body });
        const events = [];
        for await (const event of stream) events.push(event);
        return { stream, events };
      }
      case "converse":
        return bedrock.runtime.converse({ modelId, ...body } as never);
      case "converse-stream": {
        const stream = await bedrock.runtime.converseStream({ modelId, ...body } as never);
        const events = [];
        for await (const event of stream) events.push(event);
        return { stream, events };
      }
      case "count-tokens":
        return bedrock.runtime.countTokens({ modelId, ...body } as never);
      case "apply-guardrail": {
        const [, , guardrailIdentifier, , guardrailVersion] = recordedUrl.pathname.split("/");
        return bedrock.runtime.applyGuardrail({ guardrailIdentifier, guardrailVersion, ...body } as never);
      }
      default:
        throw new Error(`unknown operation ${e.operation}`);
    }
  };
  let result: unknown;
  let error: unknown;
  try {
    result = await run();
  } catch (caught) {
    error = caught;
  }
  return { result, error, calls, recordedUrl };
}

describe.skipIf(!hasShared)("recorded exchanges: requests target the recorded path", () => {
  it("covers all 382 recordings", () => {
    expect(all.length).toBe(382);
  });

  it.each(all.map((e) => [e.file, e] as const))("%s", async (_file, e) => {
    const { calls, recordedUrl } = await call(e);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    const ours = new URL(calls[0]!.url);
    expect(segments(ours.pathname)).toEqual(segments(recordedUrl.pathname));
    // Model ids are encoded per segment: no raw `:` or ARN `/` in the path we send.
    if (e.modelId) expect(ours.pathname.split("/")[2]).toBe(encodeURIComponent(e.modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    expect(calls[0]!.method).toBe(e.request.method);
    expect(calls[0]!.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/[a-z0-9-]+\/bedrock\/aws4_request/);
    if (e.request.body && e.operation !== "invoke" && e.operation !== "invoke-with-response-stream") {
      // The URI-bound members leave the body; the rest is sent as recorded.
      const sent = JSON.parse(calls[0]!.body) as Record<string, unknown>;
      expect(sent).toEqual(e.request.body);
    }
  });
});

describe.skipIf(!hasShared)("recorded successes give the recorded result", () => {
  const ok = all.filter((e) => !isFailure(e));
  it.each(ok.map((e) => [e.file, e] as const))("%s", async (_file, e) => {
    const { result, error, calls } = await call(e);
    expect(error).toBeUndefined();
    expect(calls.length).toBe(1);
    const requestId = header(e.response.headers, "x-amzn-RequestId");
    if (e.operation === "invoke") {
      const r = result as { body: Uint8Array; $metadata: Record<string, unknown> };
      expect(JSON.parse(new TextDecoder().decode(r.body))).toEqual(e.response.body);
      expect(r.$metadata.requestId).toBe(requestId);
      expect(r.$metadata.httpStatus).toBe(200);
      const num = (name: string) => {
        const v = header(e.response.headers, name);
        return v === undefined ? undefined : Number(v);
      };
      expect(r.$metadata.latencyMs).toBe(num("X-Amzn-Bedrock-Invocation-Latency"));
      expect(r.$metadata.inputTokens).toBe(num("X-Amzn-Bedrock-Input-Token-Count"));
      expect(r.$metadata.outputTokens).toBe(num("X-Amzn-Bedrock-Output-Token-Count"));
    } else if (e.operation === "converse-stream" || e.operation === "invoke-with-response-stream") {
      const { stream, events } = result as { stream: { $metadata: { requestId?: string } }; events: { type: string }[] };
      expect(stream.$metadata.requestId).toBe(requestId);
      // One event per recorded frame: nothing dropped, nothing invented.
      expect(events.length).toBe(framesOf.get(e.file));
      if (e.operation === "converse-stream") {
        expect(events[0]!.type).toBe("messageStart");
        expect(events.slice(-2).map((x) => x.type)).toEqual(["messageStop", "metadata"]);
      } else {
        expect(events.every((x) => x.type === "chunk")).toBe(true);
      }
    } else {
      const { $metadata, ...rest } = result as { $metadata: { requestId?: string } };
      expect(rest).toEqual(e.response.body);
      expect($metadata.requestId).toBe(requestId);
    }
  });
});

// The class each recorded failure must map to, written out rather than derived from the code under test.
const EXPECTED_CLASS: Record<string, string> = {
  ValidationException: "BadRequestError",
  AccessDeniedException: "PermissionDeniedError",
  ExpiredTokenException: "AuthenticationError",
  InvalidSignatureException: "AuthenticationError",
  UnrecognizedClientException: "AuthenticationError",
};

describe.skipIf(!hasShared)("recorded failures map to typed errors with their request id", () => {
  const failures = all.filter(isFailure);
  it("finds the 26 failures (errors/ family, other 4xx, and the 200 with x-amzn-ErrorType)", () => {
    expect(failures.length).toBe(26);
  });
  it.each(failures.map((e) => [e.file, e] as const))("%s", async (_file, e) => {
    const { error, calls } = await call(e);
    expect(isBedrockError(error)).toBe(true);
    const err = error as BedrockError;
    const errorType = header(e.response.headers, "x-amzn-ErrorType");
    const code = errorType?.split(":")[0];
    expect(err.name).toBe(code ? EXPECTED_CLASS[code] : "BadRequestError");
    expect(err.code).toBe(code);
    expect(err.requestId).toBe(header(e.response.headers, "x-amzn-RequestId"));
    expect(err.status).toBe(e.response.status === 200 ? 403 : e.response.status);
    if (e.response.status !== 200) expect(err.message).toBe((e.response.body as { message: string }).message);
    expect(err.retryable).toBe(false);
    // "Signature expired" earns exactly one clock-corrected retry; nothing else is retried.
    expect(calls.length).toBe(/Signature expired/.test(err.message) ? 2 : 1);
  });
});
