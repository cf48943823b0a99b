/**
 * Differential test: 1,200 generated Bedrock-shaped requests (foundation-model ids, inference-profile ids, ARNs with
 * `:` and `/`, unicode bodies on both sides of the JavaScript/WebCrypto hashing threshold, several regions, with and
 * without session tokens, with and without query strings) are signed by this signer, aws4fetch and
 * @smithy/signature-v4; the three Authorization headers must be identical. Presigned URLs are checked against
 * smithy's `presign`. A seeded generator keeps every run identical.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsV4Signer } from "aws4fetch";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../helpers/seeded-random";
import { encodePathSegment, presignUrl, signRequest, toAmzDate } from "../../src/sigv4/index";

const REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "eu-west-3", "ap-northeast-1", "ap-south-1", "us-gov-west-1"];
const MODELS = [
  "anthropic.claude-3-sonnet-20240229-v1:0",
  "anthropic.claude-3-5-haiku-20241022-v1:0",
  "amazon.titan-embed-text-v2:0",
  "amazon.nova-pro-v1:0",
  "meta.llama3-70b-instruct-v1:0",
  "cohere.command-r-plus-v1:0",
  "mistral.mistral-large-2402-v1:0",
  "stability.sd3-large-v1:0",
  "ai21.jamba-1-5-large-v1:0",
];
const PROFILE_PREFIXES = ["us.", "eu.", "apac.", "global."];
const OPERATIONS = ["invoke", "invoke-with-response-stream", "converse", "converse-stream", "count-tokens"];
const TEXT = ["Hello", "héllo wörld", "日本語のテキスト", "emoji 🎉🚀", "Ελληνικά", "עברית", "a\u0301 combining", "tab\there", "quote \" and \\", "   spaced   "];

interface Generated {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  query: Record<string, string>;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  datetime: Date;
}

function generate(rand: () => number): Generated {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const region = pick(REGIONS);
  const host = `bedrock-runtime.${region}.amazonaws.com`;
  const base = pick(MODELS);
  const kind = rand();
  const modelId =
    kind < 0.35 ? base
    : kind < 0.6 ? pick(PROFILE_PREFIXES) + base
    : kind < 0.75 ? `arn:aws:bedrock:${region}:123456789012:inference-profile/${pick(PROFILE_PREFIXES)}${base}`
    : kind < 0.85 ? `arn:aws:bedrock:${region}:123456789012:provisioned-model/${Math.floor(rand() * 1e12).toString(36)}`
    : kind < 0.95 ? `arn:aws:bedrock:${region}:123456789012:application-inference-profile/${Math.floor(rand() * 1e12).toString(36)}`
    : `arn:aws:bedrock:${region}::foundation-model/${base}`;
  const query: Record<string, string> = {};
  let method = "POST";
  let path: string;
  let body: string | undefined;
  if (rand() < 0.1) {
    method = "GET";
    path = "/async-invoke";
    query.maxResults = String(1 + Math.floor(rand() * 100));
    if (rand() < 0.5) query.nextToken = "tok/" + Math.floor(rand() * 1e9).toString(36) + "+=/ä";
    if (rand() < 0.5) query.statusEquals = pick(["InProgress", "Completed", "Failed"]);
  } else if (rand() < 0.08) {
    path = `/guardrail/${encodePathSegment(Math.floor(rand() * 1e9).toString(36))}/version/${1 + Math.floor(rand() * 5)}/apply`;
  } else {
    path = `/model/${encodePathSegment(modelId)}/${pick(OPERATIONS)}`;
  }
  if (method === "POST") {
    const parts: string[] = [];
    // Mostly small bodies (hashed in JavaScript) and some over 6 KB (hashed with WebCrypto).
    const n = rand() < 0.15 ? 400 + Math.floor(rand() * 1500) : 1 + Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) parts.push(pick(TEXT));
    body = JSON.stringify({ messages: [{ role: "user", content: [{ text: parts.join(" ") }] }], inferenceConfig: { maxTokens: 1 + Math.floor(rand() * 4096) } });
  }
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  headers.accept = path.includes("stream") ? "application/vnd.amazon.eventstream" : "application/json";
  if (rand() < 0.3) headers["x-amzn-bedrock-trace"] = pick(["ENABLED", "DISABLED"]);
  if (rand() < 0.2) headers["x-amzn-bedrock-guardrailidentifier"] = "gr-" + Math.floor(rand() * 1e9).toString(36);
  if (rand() < 0.2) headers["x-amzn-bedrock-performanceconfig-latency"] = pick(["standard", "optimized"]);
  const search = new URLSearchParams(query).toString().replace(/\+/g, "%20");
  const credentials: Generated["credentials"] = {
    accessKeyId: "AKIA" + Math.floor(rand() * 1e15).toString(36).toUpperCase().padEnd(16, "X"),
    secretAccessKey: Array.from({ length: 40 }, () => pick([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"])).join(""),
  };
  if (rand() < 0.5) credentials.sessionToken = "IQoJb3JpZ2luX2VjE" + Math.floor(rand() * 1e15).toString(36) + "//+==";
  const datetime = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 10 * 365 * 86400) * 1000);
  return { method, url: `https://${host}${path}${search ? "?" + search : ""}`, headers, body, query, region, credentials, datetime };
}

const COUNT = 1200;
const cases: Generated[] = [];
const rand = mulberry32(0x5167_0004);
for (let i = 0; i < COUNT; i++) cases.push(generate(rand));

function smithySigner(g: Generated): SignatureV4 {
  return new SignatureV4({ credentials: g.credentials, region: g.region, service: "bedrock", sha256: Sha256, applyChecksum: false });
}

function smithyRequest(g: Generated): HttpRequest {
  const url = new URL(g.url);
  return new HttpRequest({
    method: g.method,
    protocol: "https:",
    hostname: url.hostname,
    path: url.pathname,
    query: g.query,
    headers: { host: url.host, ...g.headers },
    ...(g.body === undefined ? {} : { body: g.body }),
  });
}

describe("differential signing against aws4fetch and @smithy/signature-v4", () => {
  it(`agrees on the Authorization header of ${COUNT} generated Bedrock requests`, async () => {
    const shapes = { arn: 0, profile: 0, token: 0, query: 0, large: 0 };
    for (const g of cases) {
      const ours = await signRequest(
        { method: g.method, url: g.url, headers: g.headers, body: g.body ?? null },
        { credentials: g.credentials, region: g.region, service: "bedrock", datetime: g.datetime },
      );
      const a4f = await new AwsV4Signer({
        method: g.method,
        url: g.url,
        headers: g.headers,
        ...(g.body === undefined ? {} : { body: g.body }),
        ...g.credentials,
        region: g.region,
        service: "bedrock",
        datetime: toAmzDate(g.datetime),
        allHeaders: true,
      }).sign();
      const smithy = await smithySigner(g).sign(smithyRequest(g), { signingDate: g.datetime });
      expect(ours.headers.Authorization, g.url).toBe(a4f.headers.get("authorization"));
      expect(ours.headers.Authorization, g.url).toBe(smithy.headers.authorization);
      if (g.url.includes("arn%3Aaws")) shapes.arn++;
      if (/\/model\/(us|eu|apac|global)\./.test(g.url)) shapes.profile++;
      if (g.credentials.sessionToken) shapes.token++;
      if (g.url.includes("?")) shapes.query++;
      if ((g.body?.length ?? 0) > 6 * 1024) shapes.large++;
    }
    // The generator really produced each shape it claims to cover.
    for (const count of Object.values(shapes)) expect(count).toBeGreaterThan(30);
  });

  it("puts model ids in the URL once-encoded and in the canonical URI twice-encoded", async () => {
    const { signParts } = await import("../../src/sigv4/index");
    const path = `/model/${encodePathSegment("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-sonnet-20240229-v1:0")}/invoke`;
    expect(path).toBe("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-sonnet-20240229-v1%3A0/invoke");
    const signed = signParts(
      { method: "POST", path, headers: [["host", "bedrock-runtime.us-east-1.amazonaws.com"]], payloadHash: "UNSIGNED-PAYLOAD" },
      { credentials: cases[0]!.credentials, region: "us-east-1", service: "bedrock", datetime: new Date(0) },
    );
    expect(signed.canonicalRequest.split("\n")[1]).toBe(
      "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-3-sonnet-20240229-v1%253A0/invoke",
    );
  });

  it("presigns URLs exactly as smithy's presign does", async () => {
    for (const g of cases.slice(0, 300)) {
      const expiresIn = 1 + (g.datetime.getTime() % 604800);
      const headers = { ...g.headers };
      const ours = await presignUrl(
        { method: g.method, url: g.url, headers, body: g.body ?? null },
        { credentials: g.credentials, region: g.region, service: "bedrock", datetime: g.datetime, expiresIn },
      );
      const smithy = await smithySigner(g).presign(smithyRequest(g), { signingDate: g.datetime, expiresIn });
      const params = new URL(ours).searchParams;
      const theirs = smithy.query as Record<string, string>;
      expect(params.get("X-Amz-Signature"), g.url).toBe(theirs["X-Amz-Signature"]);
      for (const [k, v] of Object.entries(theirs)) expect(params.get(k), k).toBe(v);
      expect([...params.keys()].length).toBe(Object.keys(theirs).length);
    }
  });
});
