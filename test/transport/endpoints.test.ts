import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { partitionOf, resolveEndpoint } from "../../src/transport/endpoints";
import { hasShared, vectorsDir } from "../helpers/shared";

interface EndpointCase {
  documentation: string;
  params?: { Region?: string; UseFIPS?: boolean; UseDualStack?: boolean; Endpoint?: string };
  expect: { endpoint?: { url: string }; error?: string };
}

const cases: EndpointCase[] = hasShared
  ? (JSON.parse(readFileSync(join(vectorsDir, "models/botocore-bedrock-runtime-endpoint-tests-1.json"), "utf8")) as {
      testCases: EndpointCase[];
    }).testCases
  : [];

describe.skipIf(!hasShared)("endpoint rule-set tests (botocore endpoint-tests-1.json)", () => {
  it("has the 21 published cases", () => {
    expect(cases.length).toBe(21);
  });
  it.each(cases.map((c) => [c.documentation, c] as const))("%s", (_doc, c) => {
    const run = () =>
      resolveEndpoint({
        region: c.params?.Region,
        endpoint: c.params?.Endpoint,
        useFipsEndpoint: c.params?.UseFIPS,
        useDualstackEndpoint: c.params?.UseDualStack,
      });
    if (c.expect.endpoint) {
      expect(run()).toBe(c.expect.endpoint.url);
    } else {
      expect(run).toThrow(ConfigurationError);
      // The rule set's message is kept as the start of ours.
      expect(run).toThrow(c.expect.error!);
    }
  });
});

describe("partitions", () => {
  it.each([
    ["us-west-2", "aws", "https://bedrock-runtime.us-west-2.amazonaws.com"],
    ["cn-northwest-1", "aws-cn", "https://bedrock-runtime.cn-northwest-1.amazonaws.com.cn"],
    ["us-gov-west-1", "aws-us-gov", "https://bedrock-runtime.us-gov-west-1.amazonaws.com"],
    ["us-iso-west-1", "aws-iso", "https://bedrock-runtime.us-iso-west-1.c2s.ic.gov"],
    ["us-isob-east-1", "aws-iso-b", "https://bedrock-runtime.us-isob-east-1.sc2s.sgov.gov"],
    ["eu-isoe-west-1", "aws-iso-e", "https://bedrock-runtime.eu-isoe-west-1.cloud.adc-e.uk"],
    ["us-isof-south-1", "aws-iso-f", "https://bedrock-runtime.us-isof-south-1.csp.hci.ic.gov"],
    ["eusc-de-east-1", "aws-eusc", "https://bedrock-runtime.eusc-de-east-1.amazonaws.eu"],
    ["aws-cn-global", "aws-cn", "https://bedrock-runtime.aws-cn-global.amazonaws.com.cn"],
    // An unknown region falls back to the aws partition, as aws.partition does.
    ["xx-mars-1", "aws", "https://bedrock-runtime.xx-mars-1.amazonaws.com"],
  ])("%s is in %s", (region, partition, url) => {
    expect(partitionOf(region).name).toBe(partition);
    expect(resolveEndpoint({ region })).toBe(url);
  });

  it("FIPS + dual-stack in an ISO partition uses its dual-stack suffix", () => {
    expect(resolveEndpoint({ region: "us-iso-east-1", useFipsEndpoint: true, useDualstackEndpoint: true })).toBe(
      "https://bedrock-runtime-fips.us-iso-east-1.api.aws.ic.gov",
    );
  });
});

describe("custom endpoints and bad input", () => {
  it("keeps a path prefix and drops the trailing slash", () => {
    expect(resolveEndpoint({ endpoint: "https://proxy.example.com/bedrock/" })).toBe("https://proxy.example.com/bedrock");
    expect(resolveEndpoint({ endpoint: new URL("https://example.com/") })).toBe("https://example.com");
  });
  it("allows plain http on loopback only", () => {
    expect(resolveEndpoint({ endpoint: "http://127.0.0.1:8787" })).toBe("http://127.0.0.1:8787");
    expect(resolveEndpoint({ endpoint: "http://localhost:3000/" })).toBe("http://localhost:3000");
    expect(resolveEndpoint({ endpoint: "http://[::1]:9000" })).toBe("http://[::1]:9000");
    expect(() => resolveEndpoint({ endpoint: "http://example.com" })).toThrow(/loopback/);
    // Any 127/8 address is loopback, in whatever IPv4 form; a DNS name that merely starts with "127." is not.
    expect(resolveEndpoint({ endpoint: "http://127.1:8787" })).toBe("http://127.0.0.1:8787");
    expect(resolveEndpoint({ endpoint: "http://127.42.0.9" })).toBe("http://127.42.0.9");
    expect(() => resolveEndpoint({ endpoint: "http://127.example.com" })).toThrow(/loopback/);
    expect(() => resolveEndpoint({ endpoint: "http://127.0.0.1.nip.io:8787" })).toThrow(/loopback/);
  });
  it.each([
    ["not a url", /absolute URL/],
    ["ftp://example.com", /https:/],
    ["https://user:pw@example.com", /user info/],
    ["https://example.com/?a=1", /query/],
  ])("rejects endpoint %s naming the field", (endpoint, message) => {
    try {
      resolveEndpoint({ endpoint });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).field).toBe("endpoint");
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("pw");
    }
  });
  it("rejects a region that is not a DNS label", () => {
    for (const region of ["us-east-1.evil.com", "us east 1", "a/b", "-x"]) {
      expect(() => resolveEndpoint({ region })).toThrow(ConfigurationError);
    }
  });
});
