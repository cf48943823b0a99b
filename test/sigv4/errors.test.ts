/**
 * Bad input: a ConfigurationError naming the field, thrown before any crypto work, and no error message (or
 * stack, or serialisation) that contains the secret key, the session token or a signature.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, isBedrockError } from "../../src/errors";
import { presignUrl, sha256Hex, signRequest, type HttpRequestLike, type SignOptions } from "../../src/sigv4/index";

const SECRET = "SECRETwJalrXUtnFEMI/K7MDENG+bPxRfiCYzzz";
const TOKEN = "TOKENIQoJb3JpZ2luX2VjEBcaCXVzLWVhc3QtMSJHMEUCIQ";
const good: SignOptions = {
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN },
  region: "us-east-1",
  service: "bedrock",
  datetime: new Date("2024-01-01T00:00:00Z"),
};
const request: HttpRequestLike = {
  method: "POST",
  url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse",
  body: "x".repeat(10_000),
};

const thrown: unknown[] = [];

async function expectField(p: () => Promise<unknown>, field: string): Promise<void> {
  let error: unknown;
  try {
    await p();
  } catch (e) {
    error = e;
  }
  thrown.push(error);
  expect(error, field).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).field).toBe(field);
  expect(isBedrockError(error)).toBe(true);
}

const bad: Array<[string, string, () => Promise<unknown>]> = [
  ["no credentials", "credentials", () => signRequest(request, { ...good, credentials: undefined as never })],
  ["empty key id", "credentials.accessKeyId", () => signRequest(request, { ...good, credentials: { ...good.credentials, accessKeyId: "" } })],
  ["missing secret", "credentials.secretAccessKey", () => signRequest(request, { ...good, credentials: { accessKeyId: "AKID" } as never })],
  ["numeric token", "credentials.sessionToken", () => signRequest(request, { ...good, credentials: { ...good.credentials, sessionToken: 5 as never } })],
  ["empty region", "region", () => signRequest(request, { ...good, region: "" })],
  ["region with slash", "region", () => signRequest(request, { ...good, region: "us-east-1/x" })],
  ["empty service", "service", () => signRequest(request, { ...good, service: "" })],
  ["relative url", "url", () => signRequest({ ...request, url: "/model/x/invoke" }, good)],
  ["url not a string", "url", () => signRequest({ ...request, url: 42 as never }, good)],
  ["empty method", "method", () => signRequest({ ...request, method: "" }, good)],
  ["FormData body", "body", () => signRequest({ ...request, body: new FormData() as never }, good)],
  ["stream body", "body", () => signRequest({ ...request, body: new ReadableStream() as never }, good)],
  ["expiresIn too long", "expiresIn", () => presignUrl(request, { ...good, expiresIn: 604801 })],
  ["expiresIn fractional", "expiresIn", () => presignUrl(request, { ...good, expiresIn: 1.5 })],
  ["invalid datetime", "datetime", () => signRequest(request, { ...good, datetime: new Date("nope") })],
  ["now not a function", "now", () => signRequest(request, { ...good, datetime: undefined, now: 5 as never })],
  ["bad header value", "headers", () => signRequest({ ...request, headers: { a: 1 as never } }, good)],
  ["sha256Hex of an object", "body", () => sha256Hex({} as never)],
];

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("bad input", () => {
  for (const [name, field, run] of bad) {
    it(`${name} → ConfigurationError(${field}) before any crypto`, async () => {
      const digest = vi.spyOn(crypto.subtle, "digest");
      await expectField(run, field);
      expect(digest).not.toHaveBeenCalled();
    });
  }

  it("a Request whose body was already read → ConfigurationError(body)", async () => {
    const req = new Request(request.url, { method: "POST", body: "x" });
    await req.text();
    await expectField(() => signRequest(req, good), "body");
  });

  it("explains a missing crypto.subtle (insecure browser context)", async () => {
    vi.stubGlobal("crypto", { getRandomValues: crypto.getRandomValues.bind(crypto) });
    const { hasWebCrypto } = await import("../../src/sigv4/index");
    expect(hasWebCrypto()).toBe(false);
    await expectField(() => signRequest(request, good), "crypto.subtle");
    const message = (thrown[thrown.length - 1] as Error).message;
    expect(message).toContain("WebCrypto (crypto.subtle)");
    expect(message).toContain("https");
  });

  it("no error thrown in this suite contains the secret, the token or a signature", async () => {
    const signed = await signRequest(request, good);
    const sig = /Signature=([0-9a-f]{64})/.exec(signed.headers.Authorization!)![1]!;
    const presigned = new URL(await presignUrl(request, good)).searchParams.get("X-Amz-Signature")!;
    expect(thrown.length).toBeGreaterThanOrEqual(bad.length);
    for (const e of thrown) {
      const err = e as Error;
      const text = [err.message, String(err), err.stack ?? "", JSON.stringify(err)].join("\n");
      for (const needle of [SECRET, TOKEN, sig, presigned]) expect(text.includes(needle)).toBe(false);
    }
  });
});
