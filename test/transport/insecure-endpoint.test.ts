/**
 * A plain-http endpoint off loopback (an emulator in another container, `http://emulator:4010`) is refused unless the
 * caller opts in with `allowInsecureEndpoint: true` or BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true; the refusal names
 * both. The container is stood in for by an injected fetch: no network.
 */
import { describe, expect, it } from "vitest";
import { createBedrockRuntime } from "../../src/runtime-client";
import type { BedrockOptions } from "../../src/runtime-client";
import { ConfigurationError } from "../../src/errors";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator";

const emulator = createEmulator({ sleep: async () => {} });
const urls: string[] = [];
const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  urls.push(String(input));
  return emulator(new Request(input, init));
}) as typeof globalThis.fetch;
const base: BedrockOptions = { region: "us-east-1", credentials: TEST_CREDENTIALS, env: {}, fetch, maxRetries: 0 };
const input = { modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

function refusal(options: BedrockOptions): ConfigurationError {
  try {
    createBedrockRuntime(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("the endpoint was accepted");
}

describe("plain http off loopback", () => {
  it("is refused by default, naming the option and the variable", () => {
    const error = refusal({ ...base, endpoint: "http://emulator:4010" });
    expect(error.field).toBe("endpoint");
    expect(error.message).toBe(
      "`endpoint` must use https: (got http:); plain http: only on a loopback host (127.0.0.1, localhost, [::1]), or elsewhere with `allowInsecureEndpoint: true` or BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true.",
    );
  });

  it("the same from AWS_ENDPOINT_URL_BEDROCK_RUNTIME", () => {
    expect(refusal({ ...base, env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://emulator:4010" } }).field).toBe("endpoint");
  });

  it.each([
    ["allowInsecureEndpoint: true", { allowInsecureEndpoint: true }],
    ["BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true", { env: { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "true" } }],
    ["the variable, with the endpoint from the environment too", {
      env: { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "TRUE", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://emulator:4010/" },
    }],
  ])("is used with %s", async (_, extra) => {
    urls.length = 0;
    const client = createBedrockRuntime({ ...base, endpoint: "http://emulator:4010", ...extra });
    expect(client.config.endpoint).toBe("http://emulator:4010");
    const r = await client.runtime.converse(input);
    expect(r.$metadata.httpStatus).toBe(200);
    expect(urls).toEqual(["http://emulator:4010/model/amazon.nova-micro-v1%3A0/converse"]);
  });

  it("an explicit false wins over the variable; other values of the variable do not count", () => {
    refusal({ ...base, endpoint: "http://emulator:4010", allowInsecureEndpoint: false, env: { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "true" } });
    refusal({ ...base, endpoint: "http://emulator:4010", env: { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "1" } });
  });

  it("the opt-in lifts the http rule only: other schemes, user info and queries are refused as before", () => {
    expect(refusal({ ...base, endpoint: "ftp://emulator:4010", allowInsecureEndpoint: true }).message).toMatch(/^`endpoint` must use https: \(got ftp:\)/);
    expect(refusal({ ...base, endpoint: "http://user:pw@emulator:4010", allowInsecureEndpoint: true }).message).toMatch(/must not contain user info/);
    expect(refusal({ ...base, endpoint: "http://emulator:4010/?token=x", allowInsecureEndpoint: true }).message).toMatch(/a query string/);
  });

  it("loopback needs no opt-in, as before", () => {
    expect(createBedrockRuntime({ ...base, endpoint: "http://127.0.0.1:4010" }).config.endpoint).toBe("http://127.0.0.1:4010");
  });
});
