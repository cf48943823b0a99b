/**
 * The pieces on their own: the JavaScript SHA-256/HMAC against node:crypto, encoding tables, canonical URI/query/
 * header rules, the key cache, the Request form and the option flags.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  encodePathSegment,
  hasWebCrypto,
  presignUrl,
  sha256Hex,
  signingKey,
  signRequest,
  uriEncode,
} from "../../src/sigv4/index";
import { hmacKey, hmacSync, sha256Sync } from "../../src/sigv4/sha256";
import { cachedKeyCount } from "../../src/sigv4/signing-key";
import { SYNC_HASH_LIMIT } from "../../src/sigv4/digest";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const base = { credentials, region: "us-east-1", service: "bedrock", datetime: new Date("2024-05-06T07:08:09Z") };
const URL_ = "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse";

describe("JavaScript SHA-256 and HMAC", () => {
  it("match node:crypto for every length 0..300 and across block boundaries", () => {
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      expect(hex(sha256Sync(data))).toBe(createHash("sha256").update(data).digest("hex"));
      const key = randomBytes(n % 130);
      expect(hex(hmacSync(hmacKey(key), data))).toBe(createHmac("sha256", key).update(data).digest("hex"));
    }
  });

  it("sha256Hex agrees with node:crypto below and above the WebCrypto threshold", async () => {
    for (const n of [0, 1, SYNC_HASH_LIMIT - 1, SYNC_HASH_LIMIT, SYNC_HASH_LIMIT + 1, 100_000]) {
      const data = randomBytes(n);
      const want = createHash("sha256").update(data).digest("hex");
      expect(await sha256Hex(new Uint8Array(data))).toBe(want);
      expect(await sha256Hex(data.buffer.slice(data.byteOffset, data.byteOffset + n))).toBe(want);
    }
    expect(await sha256Hex("ü".repeat(5000))).toBe(createHash("sha256").update("ü".repeat(5000)).digest("hex"));
    expect(await sha256Hex(null)).toBe(createHash("sha256").digest("hex"));
  });

  it("derives the signing key of the AWS documentation example", async () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html (derived key steps),
    // cross-checked here with node:crypto.
    const h = (k: Buffer | string, d: string) => createHmac("sha256", k).update(d).digest();
    const want = h(h(h(h("AWS4" + credentials.secretAccessKey, "20150830"), "us-east-1"), "iam"), "aws4_request");
    expect(hex(await signingKey(credentials.secretAccessKey, "20150830", "us-east-1", "iam"))).toBe(want.toString("hex"));
  });
});

describe("encoding", () => {
  it("encodePathSegment leaves exactly the unreserved characters", () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const want = /[A-Za-z0-9\-_.~]/.test(ch) ? ch : "%" + c.toString(16).toUpperCase().padStart(2, "0");
      expect(encodePathSegment(ch)).toBe(want);
    }
    expect(encodePathSegment("anthropic.claude-3-sonnet-20240229-v1:0")).toBe("anthropic.claude-3-sonnet-20240229-v1%3A0");
    expect(encodePathSegment("a/b")).toBe("a%2Fb");
    expect(encodePathSegment("ሴ é")).toBe("%E1%88%B4%20%C3%A9");
    expect(uriEncode("a/b c", true)).toBe("a/b%20c");
  });

  it("canonicalUri double-encodes except for S3, and normalises as the suites do", () => {
    expect(canonicalUri("/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke")).toBe(
      "/model/anthropic.claude-3-sonnet-20240229-v1%253A0/invoke",
    );
    expect(canonicalUri("/bucket/a%20b", { doubleEncodePath: false })).toBe("/bucket/a%20b");
    expect(canonicalUri("//a/./b/../c//")).toBe("/a/c/");
    expect(canonicalUri("//a/./b/../c//", { normalizePath: false })).toBe("//a/./b/../c//");
    expect(canonicalUri("")).toBe("/");
  });

  it("canonicalQuery encodes with %20, sorts by name then value, and accepts pairs", () => {
    expect(canonicalQuery("?b=2&a=z&a=y&c=a+b&d=%2F")).toBe("a=y&a=z&b=2&c=a%20b&d=%2F");
    expect(canonicalQuery(new URLSearchParams({ "x y": "1*", "a-b": "", a: "" }))).toBe("a=&a-b=&x%20y=1%2A");
    expect(canonicalQuery([["k", "v!'()"]])).toBe("k=v%21%27%28%29");
    expect(canonicalQuery("bad=%zz")).toBe("bad=%25zz");
  });

  it("canonicalHeaders trims, collapses, joins repeats and skips unsignable headers", () => {
    const pairs: Array<[string, string]> = [
      ["X-B", "  two   words "],
      ["x-a", "1"],
      ["X-A", "2"],
      ["User-Agent", "ua"],
      ["Host", "h"],
    ];
    expect(canonicalHeaders(pairs)).toEqual({ canonicalHeaders: "host:h\nx-a:1,2\nx-b:two words\n", signedHeaders: "host;x-a;x-b" });
    expect(canonicalHeaders(new Headers(pairs), ["x-a", "x-c"]).canonicalHeaders).toBe("x-a:1, 2\nx-c:\n");
  });
});

describe("signRequest forms and options", () => {
  it("signs a Request like the plain form and carries the body over", async () => {
    const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "héllo" }] }] });
    const headers = { "content-type": "application/json" };
    const plain = await signRequest({ method: "POST", url: URL_, headers, body }, base);
    const req = await signRequest(new Request(URL_, { method: "POST", headers, body }), base);
    expect(req).toBeInstanceOf(Request);
    expect(req.headers.get("authorization")).toBe(plain.headers.Authorization);
    expect(req.headers.get("x-amz-date")).toBe("20240506T070809Z");
    expect(await req.text()).toBe(body);
    expect(plain.body).toBe(body);
    expect(plain.url).toBe(URL_);
  });

  it("hashes string, Uint8Array and ArrayBuffer bodies identically", async () => {
    const text = "ünïcødé ".repeat(2000);
    const bytes = new TextEncoder().encode(text);
    const a = await signRequest({ method: "POST", url: URL_, body: text }, base);
    const b = await signRequest({ method: "POST", url: URL_, body: bytes }, base);
    const c = await signRequest({ method: "POST", url: URL_, body: bytes.buffer }, base);
    expect(b.headers.Authorization).toBe(a.headers.Authorization);
    expect(c.headers.Authorization).toBe(a.headers.Authorization);
  });

  it("streams a Request body unread with unsignedPayload and adds x-amz-content-sha256 when asked", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode("streamed"));
        c.close();
      },
    });
    const req = await signRequest(
      new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit),
      { ...base, unsignedPayload: true, contentSha256: true },
    );
    expect(req.headers.get("x-amz-content-sha256")).toBe("UNSIGNED-PAYLOAD");
    expect(req.headers.get("authorization")).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
    expect(await req.text()).toBe("streamed");
    const hashed = await signRequest({ method: "POST", url: URL_, body: "x" }, { ...base, contentSha256: true });
    expect(hashed.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update("x").digest("hex"));
  });

  it("replaces stale auth headers case-insensitively and adds the session token", async () => {
    const signed = await signRequest(
      { method: "GET", url: URL_, headers: { "X-Amz-Date": "old", authorization: "old", Host: "evil.example" } },
      { ...base, credentials: { ...credentials, sessionToken: "TOKEN" } },
    );
    expect(Object.keys(signed.headers).sort()).toEqual(["Authorization", "X-Amz-Date", "X-Amz-Security-Token"]);
    expect(signed.headers["X-Amz-Security-Token"]).toBe("TOKEN");
    expect(signed.headers.Authorization).toContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
  });

  it("presignUrl defaults to 900 seconds and keeps an existing query", async () => {
    const url = new URL(await presignUrl(URL_ + "?a=1", base));
    expect(url.searchParams.get("a")).toBe("1");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    const viaRequest = await presignUrl(new Request(URL_ + "?a=1"), base);
    expect(viaRequest).toBe(url.href);
  });

  it("the key cache stays bounded and follows a credentials object whose secret changes", async () => {
    for (let i = 0; i < 120; i++) await signRequest({ method: "GET", url: URL_ }, { ...base, region: `r-${i}` });
    expect(cachedKeyCount()).toBeLessThanOrEqual(50);
    const creds = { ...credentials };
    const first = await signRequest({ method: "GET", url: URL_ }, { ...base, credentials: creds });
    creds.secretAccessKey = "another-secret";
    const second = await signRequest({ method: "GET", url: URL_ }, { ...base, credentials: creds });
    const fresh = await signRequest({ method: "GET", url: URL_ }, { ...base, credentials: { ...creds } });
    expect(second.headers.Authorization).not.toBe(first.headers.Authorization);
    expect(second.headers.Authorization).toBe(fresh.headers.Authorization);
  });

  it("reports WebCrypto available on Node", () => {
    expect(hasWebCrypto()).toBe(true);
  });
});
