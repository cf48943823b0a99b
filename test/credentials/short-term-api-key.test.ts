import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { createCredentialStore } from "../../src/aws-emulators";
import { createBedrock } from "../../src/bedrock";
import {
  apiKeyFromEnv,
  createShortTermApiKey,
  describeShortTermApiKey,
  isShortTermApiKey,
  shortTermApiKeyProvider,
  verifyShortTermApiKey,
} from "../../src/credentials";
import { createEmulator } from "../../src/emulator";
import { AuthenticationError, ConfigurationError } from "../../src/errors";
import { catchError, registerLeakScan, secret, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const KEYS = {
  accessKeyId: "ASIAAPIKEYTEST000001",
  secretAccessKey: secret("apiKeySecret/abcdefghijklmnopqrstuvwxyz012"),
  sessionToken: secret("IQoJb3JpZ2luX2VjEapiKeySessionToken+/0123456789=="),
};

function decode(key: string): string {
  return Buffer.from(key.slice("bedrock-api-key-".length), "base64").toString("utf8");
}

describe("short-term Bedrock API keys", () => {
  it("have AWS's token format: bedrock-api-key- + base64(presigned POST URL without https:// + &Version=1)", async () => {
    const clock = testClock("2025-03-01T12:00:00Z");
    const key = await createShortTermApiKey({ credentials: KEYS, region: "us-west-2", expiresIn: 3600, now: clock.now });
    expect(key.startsWith("bedrock-api-key-")).toBe(true);
    expect(Buffer.from(decode(key)).toString("base64")).toBe(key.slice(16));
    const url = decode(key);
    expect(url.startsWith("bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&")).toBe(true);
    expect(url.endsWith("&Version=1")).toBe(true);
    const q = new URLSearchParams(url.slice(url.indexOf("?") + 1, -"&Version=1".length));
    expect(q.get("X-Amz-Credential")).toBe("ASIAAPIKEYTEST000001/20250301/us-west-2/bedrock/aws4_request");
    expect(q.get("X-Amz-Date")).toBe("20250301T120000Z");
    expect(q.get("X-Amz-Expires")).toBe("3600");
    expect(q.get("X-Amz-SignedHeaders")).toBe("host");
    expect(q.get("X-Amz-Security-Token")).toBe(KEYS.sessionToken);

    // The signature equals what @smithy/signature-v4 (the signer of AWS's JavaScript token generator) computes for
    // a presigned POST of https://bedrock.amazonaws.com/?Action=CallWithBearerToken.
    const smithy = new SignatureV4({ credentials: KEYS, region: "us-west-2", service: "bedrock", sha256: Sha256 });
    const presigned = await smithy.presign(
      new HttpRequest({ method: "POST", protocol: "https:", hostname: "bedrock.amazonaws.com", path: "/",
        query: { Action: "CallWithBearerToken" }, headers: { host: "bedrock.amazonaws.com" } }),
      { expiresIn: 3600, signingDate: clock.now() },
    );
    expect(q.get("X-Amz-Signature")).toBe(presigned.query?.["X-Amz-Signature"]);
    expect(describeShortTermApiKey(key)).toEqual({
      accessKeyId: KEYS.accessKeyId, region: "us-west-2",
      issuedAt: new Date("2025-03-01T12:00:00Z"), expiresAt: new Date("2025-03-01T13:00:00Z"),
    });
    expect(isShortTermApiKey(key)).toBe(true);
    expect(isShortTermApiKey("ABSKQmVkcm9ja0FQSUtleS1sb25nLXRlcm0=")).toBe(false);
  });

  it("verifies until it expires, then is rejected", async () => {
    const clock = testClock();
    const store = watchStore(createCredentialStore([KEYS]));
    const key = secret(await createShortTermApiKey({ credentials: KEYS, region: "us-east-1", expiresIn: 900, now: clock.now }));
    const ok = await verifyShortTermApiKey(key, { credentials: store, now: clock.now });
    expect(ok).toMatchObject({ valid: true, accessKeyId: KEYS.accessKeyId, region: "us-east-1" });
    clock.advance(899_000);
    expect((await verifyShortTermApiKey(key, { credentials: [KEYS], now: clock.now })).valid).toBe(true);
    clock.advance(2_000);
    expect(await verifyShortTermApiKey(key, { credentials: (id) => store.lookup(id), now: clock.now })).toMatchObject({ valid: false, reason: "expired" });
  });

  it("rejects tampered, foreign and malformed keys", async () => {
    const clock = testClock();
    const key = await createShortTermApiKey({ credentials: KEYS, region: "us-east-1", expiresIn: 3600, now: clock.now });
    const url = decode(key);
    const reencode = (u: string) => "bedrock-api-key-" + Buffer.from(u).toString("base64");
    const flipSig = url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`);
    const cases: Array<[string, string]> = [
      [reencode(flipSig), "bad-signature"],
      [reencode(url.replace("X-Amz-Expires=3600", "X-Amz-Expires=43200")), "bad-signature"],
      [reencode(url.replace("%2Fus-east-1%2F", "%2Feu-west-1%2F")), "bad-signature"],
      [reencode(url.replace(encodeURIComponent(KEYS.sessionToken), "other-token")), "unknown-key"],
      [reencode(url.replace("ASIAAPIKEYTEST000001", "ASIAUNKNOWN000000001")), "unknown-key"],
      [reencode(url.replace("&Version=1", "")), "malformed"],
      [reencode(url.replace("X-Amz-Expires=3600", "X-Amz-Expires=99999")), "malformed"],
      [key.slice(0, -8), "malformed"],
      ["bedrock-api-key-!!!", "malformed"],
      ["ABSKQmVkcm9ja0FQSUtleS1sb25nLXRlcm0=", "malformed"],
    ];
    for (const [candidate, reason] of cases) {
      expect(candidate, reason).not.toBe(key);
      const result = await verifyShortTermApiKey(candidate, { credentials: [KEYS], now: clock.now });
      expect(result, `${reason}: ${cases.findIndex((c) => c[0] === candidate)}`).toMatchObject({ valid: false, reason });
      expect(JSON.stringify(result)).not.toContain(KEYS.sessionToken);
    }
    expect(await verifyShortTermApiKey(key, { credentials: [KEYS], region: "eu-west-1", now: clock.now })).toMatchObject({ reason: "wrong-region" });
    expect(await verifyShortTermApiKey(key, { credentials: [{ ...KEYS, expiration: clock.now() }], now: clock.now })).toMatchObject({ reason: "expired" });
    const future = testClock("2025-03-01T11:00:00Z");
    expect(await verifyShortTermApiKey(key, { credentials: [KEYS], now: future.now })).toMatchObject({ reason: "not-yet-valid" });
  });

  it("works as createBedrock's apiKey against the Bedrock emulator's verifyApiKey hook", async () => {
    const clock = testClock();
    const store = watchStore(createCredentialStore([KEYS]));
    const emulator = createEmulator({
      credentials: [],
      now: clock.now,
      verifyApiKey: async (candidate) => (await verifyShortTermApiKey(candidate, { credentials: store, now: clock.now })).valid,
    });
    const endpoint = await startServer(emulator);
    const apiKey = secret(await createShortTermApiKey({ credentials: async () => KEYS, region: "us-east-1", expiresIn: 600, now: clock.now }));
    const bedrock = createBedrock({ region: "us-east-1", endpoint, apiKey, now: clock.now, maxRetries: 0 });
    const answer = await bedrock.runtime.converse({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: "hi" }] }] });
    expect(answer.output).toBeTruthy();
    clock.advance(601_000);
    const error = await catchError(bedrock.runtime.converse({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    expect(error).toBeInstanceOf(AuthenticationError);
  });

  it("shortTermApiKeyProvider mints once and again only near expiry", async () => {
    const clock = testClock();
    const next = shortTermApiKeyProvider({ credentials: KEYS, region: "us-east-1", expiresIn: 3600, now: clock.now });
    const a = secret(await next());
    expect(await next()).toBe(a);
    clock.advance(3600_000 - 4 * 60_000);
    expect(await next()).toBe(a); // still valid; a new one is being minted in the background
    await new Promise((resolve) => setTimeout(resolve, 0));
    const b = secret(await next());
    expect(b).not.toBe(a);
    expect(describeShortTermApiKey(b)!.issuedAt).toEqual(clock.now());
  });

  it("bad input is a ConfigurationError; the long-term key comes from AWS_BEARER_TOKEN_BEDROCK", async () => {
    for (const [options, field] of [
      [{ credentials: KEYS, region: "us-east-1", expiresIn: 43201 }, "expiresIn"],
      [{ credentials: KEYS, region: "us-east-1", expiresIn: 0 }, "expiresIn"],
      [{ credentials: KEYS, region: "" }, "region"],
      [{ region: "us-east-1" }, "credentials"],
      [{ credentials: { accessKeyId: "AKIA" }, region: "us-east-1" }, "credentials"],
    ] as const) {
      const error = await catchError(createShortTermApiKey(options as never));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.field).toBe(field);
    }
    const longTerm = secret("ABSKQmVkcm9ja0FQSUtleS1sb25nLXRlcm0tdGVzdA==");
    expect(apiKeyFromEnv({ AWS_BEARER_TOKEN_BEDROCK: ` ${longTerm} ` })).toBe(longTerm);
    expect(apiKeyFromEnv({})).toBeUndefined();
  });
});
