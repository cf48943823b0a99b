/**
 * The emulator's CORS answers, in-process: preflights without credentials, allowed and refused origins, exposed
 * headers on real answers (errors included), requests without `Origin` untouched, and `cors: false`.
 */
import { describe, expect, it } from "vitest";
import { withCors } from "../../src/emulator/cors";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { signRequest } from "../../src/sigv4/index";

const URL_CONVERSE = "http://127.0.0.1:9/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
const PAGE = "http://127.0.0.1:8080";

function preflight(origin: string, headers = "authorization,content-type,x-amz-date,x-amz-security-token,x-amz-content-sha256"): Request {
  return new Request(URL_CONVERSE, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers },
  });
}

async function signed(headers: Record<string, string> = {}): Promise<Request> {
  const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] });
  return signRequest(new Request(URL_CONVERSE, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }),
    { credentials: TEST_CREDENTIALS, region: "us-east-1", service: "bedrock" });
}

describe("emulator CORS", () => {
  it("answers a preflight without credentials, listing the SigV4 headers", async () => {
    const response = await createEmulator()(preflight(PAGE));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    const allowed = response.headers.get("access-control-allow-headers")!.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "content-type"]));
    expect(response.headers.get("access-control-expose-headers")).toContain("x-amzn-requestid");
  });

  it("adds the CORS headers to answers, errors included, and leaves Origin-less requests untouched", async () => {
    const emulator = createEmulator();
    const ok = await emulator(await signed({ origin: PAGE }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(ok.headers.get("access-control-expose-headers")!.split(/,\s*/)).toEqual(
      expect.arrayContaining(["x-amzn-requestid", "x-amzn-errortype", "date"]));

    const failed = await emulator(await signed({ origin: PAGE, "x-bedrock-fetch-fault": "throttle" }));
    expect(failed.status).toBe(429);
    expect(failed.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(failed.headers.get("x-amzn-errortype")).toMatch(/^ThrottlingException/);

    const server = await emulator(await signed());
    expect(server.status).toBe(200);
    expect(server.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses origins outside an allow list", async () => {
    const emulator = createEmulator({ cors: { origins: [PAGE] } });
    const refused = await emulator(preflight("http://127.0.0.1:6666"));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await emulator(await signed({ origin: "http://127.0.0.1:6666" }));
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("cors: false leaves preflights to the service, which refuses them unsigned", async () => {
    const response = await createEmulator({ cors: false })(preflight(PAGE));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("names the field of a malformed option", () => {
    expect(() => withCors(async () => new Response(), { origins: "everyone" as never })).toThrow(/cors\.origins/);
    expect(() => withCors(async () => new Response(), { maxAgeSeconds: -1 })).toThrow(/cors\.maxAgeSeconds/);
  });
});
