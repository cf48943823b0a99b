/**
 * SigV4 signatures per second, side by side: this signer, aws4fetch (one AwsV4Signer cache shared across calls),
 * @smithy/signature-v4 with @aws-crypto/sha256-js, and a WebCrypto floor (one SHA-256 of the body, one of a
 * canonical-request-sized string, one HMAC with a cached CryptoKey: the least a WebCrypto-only signer can do).
 * Bodies of 1 KB and 100 KB, signed as Bedrock InvokeModel requests with temporary credentials.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsV4Signer } from "aws4fetch";
import { compare, type Comparison } from "./harness";
import { signRequest, toAmzDate } from "../src/sigv4/index";

const credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEBcaCXVzLWVhc3QtMSJHMEUCIQDexampletoken",
};
const region = "us-east-1";
const host = `bedrock-runtime.${region}.amazonaws.com`;
const path = "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke";
const url = `https://${host}${path}`;
const headers = { "content-type": "application/json", accept: "application/json" };

function bodyOf(size: number): string {
  const text = "The quick brown fox jumps over the lazy dog. ".repeat(Math.ceil(size / 45)).slice(0, size - 60);
  const body = JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 512, messages: [{ role: "user", content: text }] });
  return body;
}

export async function run(): Promise<Comparison[]> {
  const comparisons: Comparison[] = [];
  const aws4fetchCache = new Map<string, ArrayBuffer>();
  const smithy = new SignatureV4({ credentials, region, service: "bedrock", sha256: Sha256, applyChecksum: false });
  const floorKey = await crypto.subtle.importKey("raw", new Uint8Array(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const encoder = new TextEncoder();

  for (const size of [1024, 100 * 1024]) {
    const body = bodyOf(size);
    const creqSized = "x".repeat(420);
    const now = () => new Date();
    const comparison = await compare(
      `SigV4 sign, Bedrock InvokeModel with a ${size / 1024} KB JSON body (string)`,
      [
        { name: "bedrock-fetch signRequest (plain form)", run: () => signRequest({ method: "POST", url, headers, body }, { credentials, region, service: "bedrock", now }) },
        {
          name: "aws4fetch AwsV4Signer (shared key cache)",
          run: () =>
            new AwsV4Signer({ method: "POST", url, headers, body, ...credentials, region, service: "bedrock", cache: aws4fetchCache, datetime: toAmzDate(now()) }).sign(),
        },
        {
          name: "@smithy/signature-v4 + sha256-js",
          run: () =>
            smithy.sign(new HttpRequest({ method: "POST", protocol: "https:", hostname: host, path, headers: { host, ...headers }, body }), { signingDate: now() }),
        },
        {
          name: "WebCrypto floor (2 digests + 1 HMAC, cached key)",
          run: async () => {
            await crypto.subtle.digest("SHA-256", encoder.encode(body));
            await crypto.subtle.digest("SHA-256", encoder.encode(creqSized));
            await crypto.subtle.sign("HMAC", floorKey, encoder.encode(creqSized.slice(0, 140)));
          },
        },
      ],
      { unit: "sig", bytesPerOp: body.length, rounds: 9, roundMs: 150 },
    );
    comparisons.push(comparison);
  }
  return comparisons;
}
