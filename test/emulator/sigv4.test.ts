import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { exchanges, hasShared, header } from "../helpers/shared";
import { aws, BASE, modelPath, signedPost, TEST_KEY } from "./helpers";
import { AwsClient } from "aws4fetch";

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const BODY = { anthropic_version: "bedrock-2023-05-31", max_tokens: 50, messages: [{ role: "user", content: "Hello there" }] };

async function errorOf(res: Response) {
  return { status: res.status, type: res.headers.get("x-amzn-ErrorType"), requestId: res.headers.get("x-amzn-RequestId"),
    body: (await res.json()) as { message: string } };
}

async function withBody(req: Request, body: string): Promise<Request> {
  return new Request(req.url, { method: req.method, headers: req.headers, body });
}

describe("SigV4 verification", () => {
  const emulator = createEmulator();

  it("accepts a request signed by aws4fetch, with the model id percent-encoded in the path", async () => {
    const res = await emulator(await signedPost(modelPath(MODEL, "invoke"), BODY));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { type: string }).type).toBe("message");
  });

  it("accepts a raw ':' in the path (as some recorders sent it) and a session token when configured", async () => {
    const withToken = createEmulator({ credentials: [{ ...TEST_KEY, sessionToken: "session-token-1" }] });
    const client = new AwsClient({ ...TEST_KEY, sessionToken: "session-token-1", service: "bedrock", region: "eu-west-1" });
    const req = await client.sign(`${BASE}/model/${MODEL}/invoke`, { method: "POST", body: JSON.stringify(BODY) });
    expect((await withToken(req)).status).toBe(200);
    const noToken = await aws.sign(`${BASE}/model/${MODEL}/invoke`, { method: "POST", body: JSON.stringify(BODY) });
    const err = await errorOf(await withToken(noToken));
    expect(err.status).toBe(403);
    expect(err.type).toMatch(/^UnrecognizedClientException:/);
  });

  it("accepts a presigned (query) signature", async () => {
    const req = await aws.sign(`${BASE}${modelPath(MODEL, "invoke")}`, { method: "POST", body: JSON.stringify(BODY), aws: { signQuery: true } });
    expect(new URL(req.url).searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(req.headers.get("authorization")).toBeNull();
    expect((await emulator(req)).status).toBe(200);
  });

  it("rejects a changed body, header and path with InvalidSignatureException", async () => {
    const signed = await signedPost(modelPath(MODEL, "invoke"), BODY);
    const tamperedBody = await withBody(signed, JSON.stringify({ ...BODY, max_tokens: 51 }));
    const headers = new Headers(signed.headers);
    headers.set("x-amz-date", headers.get("x-amz-date")!.replace(/\d(Z)$/, (d) => `${(Number(d[0]) + 1) % 10}Z`));
    const tamperedHeader = new Request(signed.url, { method: "POST", headers, body: JSON.stringify(BODY) });
    const tamperedPath = new Request(signed.url.replace("haiku", "sonnet"), { method: "POST", headers: signed.headers, body: JSON.stringify(BODY) });
    for (const req of [tamperedBody, tamperedHeader, tamperedPath]) {
      const err = await errorOf(await emulator(req));
      expect(err.status).toBe(403);
      expect(err.type).toBe("InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/");
      expect(err.body.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
      expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("rejects an unknown key, a missing signature, and never echoes the secret", async () => {
    const stranger = new AwsClient({ accessKeyId: "AKIDUNKNOWN", secretAccessKey: "not-the-secret", service: "bedrock", region: "us-east-1" });
    const unknown = await errorOf(await emulator(await stranger.sign(`${BASE}${modelPath(MODEL, "invoke")}`, { method: "POST", body: "{}" })));
    expect(unknown).toMatchObject({ status: 403, body: { message: "The security token included in the request is invalid." } });
    expect(unknown.type).toMatch(/^UnrecognizedClientException:/);
    const missing = await errorOf(await emulator(new Request(`${BASE}${modelPath(MODEL, "invoke")}`, { method: "POST", body: "{}" })));
    expect(missing.status).toBe(403);
    expect(missing.type).toMatch(/^MissingAuthenticationTokenException:/);
    expect(JSON.stringify([unknown, missing])).not.toContain("not-the-secret");
  });

  it("rejects a signature older than five minutes with AWS's wording", async () => {
    const signedAt = new Date("2025-08-08T08:00:00Z");
    const client = new AwsClient({ ...TEST_KEY, service: "bedrock", region: "us-east-1" });
    const req = await client.sign(`${BASE}${modelPath(MODEL, "invoke")}`, { method: "POST", body: JSON.stringify(BODY), aws: { datetime: "20250808T080000Z" } });
    const copy = req.clone();
    const late = createEmulator({ now: () => new Date(signedAt.getTime() + 6 * 60_000) });
    const err = await errorOf(await late(req));
    expect(err.status).toBe(403);
    expect(err.type).toMatch(/^InvalidSignatureException:/);
    expect(err.body.message).toBe("Signature expired: 20250808T080000Z is now earlier than 20250808T080100Z (20250808T080600Z - 5 min.)");
    const onTime = createEmulator({ now: () => new Date(signedAt.getTime() + 4 * 60_000) });
    expect((await onTime(copy)).status).toBe(200);
  });

  it("matches the shape of real signature-expired answers in the recordings", async () => {
    if (!hasShared) return;
    const recorded = exchanges((e) => e.status === 403).filter((e) => JSON.stringify(e.response.body).includes("Signature expired"));
    expect(recorded.length).toBeGreaterThan(0);
    for (const e of recorded) {
      const message = (e.response.body as { message: string }).message;
      expect(message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
      expect(header(e.response.headers, "x-amzn-ErrorType")).toBe("InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/");
    }
  });

  it("accepts configured bearer API keys and the verifyApiKey hook, rejects others", async () => {
    const bearer = createEmulator({ apiKeys: ["ABSK-long-term"], verifyApiKey: (key) => key.startsWith("bedrock-api-key-") });
    const call = (key: string) => bearer(new Request(`${BASE}${modelPath(MODEL, "invoke")}`, {
      method: "POST", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(BODY) }));
    expect((await call("ABSK-long-term")).status).toBe(200);
    expect((await call("bedrock-api-key-short")).status).toBe(200);
    const err = await errorOf(await call("wrong-key-123"));
    expect(err.status).toBe(403);
    expect(JSON.stringify(err)).not.toContain("wrong-key-123");
  });

  it("checks options up front with a ConfigurationError naming the field", () => {
    expect(() => createEmulator({ credentials: [{ accessKeyId: "", secretAccessKey: "x" }] })).toThrow(
      expect.objectContaining({ name: "ConfigurationError", field: "credentials[0].accessKeyId" }));
    expect(() => createEmulator({ faults: "explode" })).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "faults" }));
    expect(() => createEmulator({ replay: [{} as never] })).toThrow(expect.objectContaining({ field: "replay[0]" }));
  });
});
