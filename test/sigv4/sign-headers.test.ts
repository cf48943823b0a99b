/**
 * The header signer under the transport and STS (`signHeaders`) against the public `signRequest`: it skips the input
 * handling and options `signRequest` has, and takes shortcuts only valid for what it is given (a WHATWG URL's
 * pathname, a record of headers), so for every such request the two must produce the same headers, byte for byte.
 * A seeded generator covers odd paths (empty segments, dot segments in every spelling, encoded slashes, unicode),
 * raw query strings (`+`, malformed escapes, repeats, empty values), header spellings, repeats by case, folded
 * whitespace, unsignable headers, an explicit `x-amz-content-sha256`, bodies on both sides of the hashing threshold,
 * and session tokens.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../helpers/seeded-random";
import { signRequest } from "../../src/sigv4/index";
import { signHeaders } from "../../src/sigv4/sign-headers";
import { SYNC_HASH_LIMIT } from "../../src/sigv4/digest";

const SEGMENTS = ["model", "a", "", ".", "..", "%2e", "%2E%2e", ".hidden", "...", "x%2Fy", "v1%3A0", "é", "%C3%BC", "sp%20ace", "a+b", "~_-."];
const QUERY_PARTS = ["a=1", "b=", "c", "a=0", "x=%2F", "y=a+b", "z=%zz", "%41=%42", "k=v=w", "", "é=ü", "s=%E2%82", "t=!*()'"];
const HEADERS: Array<[string, string]> = [
  ["content-type", "application/json"],
  ["Content-Type", "text/plain"],
  ["accept", "  application/vnd.amazon.eventstream  "],
  ["X-Custom", "a   b\t c"],
  ["x-custom", "second"],
  ["user-agent", "test/1.0"],
  ["x-amzn-bedrock-trace", "ENABLED"],
  ["x-amz-date", "19990101T000000Z"],
  ["X-Amz-Security-Token", "stale-token"],
  ["host", "ignored.example.com"],
  ["authorization", "ignored"],
  ["x-amz-content-sha256", " UNSIGNED-PAYLOAD "],
];

describe("signHeaders matches signRequest", () => {
  it("for 1,500 generated requests", async () => {
    const rand = mulberry32(20240506);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let i = 0; i < 1500; i++) {
      const segments = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(SEGMENTS));
      const query = rand() < 0.5 ? "" : "?" + Array.from({ length: Math.floor(rand() * 4) }, () => pick(QUERY_PARTS)).join("&");
      const base = rand() < 0.2 ? "http://127.0.0.1:8787/prefix/" : "https://bedrock-runtime.us-east-1.amazonaws.com/";
      const url = new URL(base + segments.join("/") + (rand() < 0.2 ? "/" : "") + query).href;
      const headers: Record<string, string> = {};
      for (const [name, value] of HEADERS) if (rand() < 0.35) headers[name] = value;
      const size = pick([0, 10, 1000, SYNC_HASH_LIMIT, SYNC_HASH_LIMIT + 1]);
      const body = rand() < 0.15 ? undefined : rand() < 0.5 ? "ü".repeat(size >> 1) : new Uint8Array(size).fill(i & 255);
      const credentials = {
        accessKeyId: "AKIDEXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ...(rand() < 0.5 ? { sessionToken: "session-token-" + i } : {}),
      };
      const region = pick(["us-east-1", "eu-west-3", "us-gov-west-1"]);
      const service = pick(["bedrock", "sts"]);
      const when = new Date(Date.UTC(2024, 4, 6, 7, 8, i % 60));
      const method = pick(["POST", "GET", "post"]);

      const fromSignHeaders = await signHeaders(method, url, { ...headers }, body, credentials, region, service, () => when);
      const fromSignRequest = await signRequest({ method, url, headers: { ...headers }, body }, { credentials, region, service, now: () => when });
      expect(fromSignHeaders, url).toEqual(fromSignRequest.headers);
    }
  });

  it("for paths the URL parser leaves dot segments or empty segments in", async () => {
    // Node keeps the `.` of `/.hidden/.//`: the signer must not assume a parsed pathname is already normalised.
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const now = () => new Date("2024-05-06T07:08:09Z");
    for (const path of ["/p/.hidden/.//", "/p/.//x", "//", "/a//b//", "/x/%2F/y", "/"]) {
      const url = "https://bedrock-runtime.us-east-1.amazonaws.com" + path;
      const fromSignHeaders = await signHeaders("GET", url, {}, undefined, credentials, "us-east-1", "bedrock", now);
      const fromSignRequest = await signRequest({ method: "GET", url }, { credentials, region: "us-east-1", service: "bedrock", now });
      expect(fromSignHeaders, path).toEqual(fromSignRequest.headers);
    }
  });
});
