/** createBedrock configuration: region, endpoint and auth from options and an injected environment record. */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { defaultEnv, readEnv } from "../../src/env";
import { ConfigurationError } from "../../src/errors";
import { fakeFetch, jsonResponse, TEST_CREDENTIALS } from "./fake-fetch";

const input = { modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };
const ok = () => jsonResponse(200, { inputTokens: 1 });
const countInput = { modelId: "anthropic.claude-3-5-haiku-20241022-v1:0", input: { converse: input } };

function configError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("region", () => {
  it("comes from options, then AWS_REGION_NAME, AWS_REGION, AWS_DEFAULT_REGION", () => {
    const env = { AWS_REGION_NAME: "eu-west-1", AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "ap-south-1", AWS_BEARER_TOKEN_BEDROCK: "k" };
    expect(createBedrock({ env, region: "us-east-2" }).config.region).toBe("us-east-2");
    expect(createBedrock({ env }).config.endpoint).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
    expect(createBedrock({ env: { ...env, AWS_REGION_NAME: undefined } }).config.region).toBe("us-west-2");
    expect(createBedrock({ env: { AWS_DEFAULT_REGION: "ap-south-1", AWS_BEARER_TOKEN_BEDROCK: "k" } }).config.region).toBe("ap-south-1");
  });
  it("missing: a ConfigurationError naming region", () => {
    expect(configError(() => createBedrock({ env: { AWS_BEARER_TOKEN_BEDROCK: "k" } })).field).toBe("region");
  });
  it("FIPS and dual-stack from options or env", () => {
    expect(createBedrock({ env: {}, region: "us-east-1", apiKey: "k", useFipsEndpoint: true }).config.endpoint).toBe(
      "https://bedrock-runtime-fips.us-east-1.amazonaws.com",
    );
    expect(createBedrock({ env: { AWS_USE_DUALSTACK_ENDPOINT: "true" }, region: "us-east-1", apiKey: "k" }).config.endpoint).toBe(
      "https://bedrock-runtime.us-east-1.api.aws",
    );
  });
  it("a custom endpoint needs no region with an API key", () => {
    const c = createBedrock({ env: {}, endpoint: "http://127.0.0.1:8787", apiKey: "k" });
    expect(c.config).toMatchObject({ endpoint: "http://127.0.0.1:8787", auth: "bearer", region: undefined });
    expect(createBedrock({ env: { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://localhost:9" }, apiKey: "k" }).config.endpoint).toBe("http://localhost:9");
    expect(configError(() => createBedrock({ env: {}, endpoint: "http://127.0.0.1:8787", credentials: TEST_CREDENTIALS })).field).toBe("region");
  });
});

describe("auth", () => {
  it("bearer from apiKey sends Authorization: Bearer and no SigV4 headers", async () => {
    const { fetch, calls } = fakeFetch([ok()]);
    const bedrock = createBedrock({ env: {}, region: "us-east-1", apiKey: "bedrock-api-key-XYZ", fetch });
    await bedrock.runtime.countTokens(countInput);
    expect(calls[0]!.headers["authorization"]).toBe("Bearer bedrock-api-key-XYZ");
    expect(calls[0]!.headers["x-amz-date"]).toBeUndefined();
    expect(bedrock.config.auth).toBe("bearer");
  });
  it("bearer from AWS_BEARER_TOKEN_BEDROCK; explicit credentials win over the environment", async () => {
    const env = { AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "env-token", AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret" };
    expect(createBedrock({ env }).config.auth).toBe("bearer");
    const { fetch, calls } = fakeFetch([ok()]);
    const bedrock = createBedrock({ env, credentials: TEST_CREDENTIALS, fetch });
    await bedrock.runtime.countTokens(countInput);
    expect(calls[0]!.headers["authorization"]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });
  it("SigV4 from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN", async () => {
    const { fetch, calls } = fakeFetch([ok()]);
    const env = { AWS_REGION: "eu-central-1", AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret", AWS_SESSION_TOKEN: "envtoken" };
    const bedrock = createBedrock({ env, fetch });
    await bedrock.runtime.countTokens(countInput);
    expect(calls[0]!.headers["authorization"]).toMatch(/Credential=AKIDENV\/\d{8}\/eu-central-1\/bedrock\/aws4_request/);
    expect(calls[0]!.headers["x-amz-security-token"]).toBe("envtoken");
    expect(calls[0]!.url).toBe("https://bedrock-runtime.eu-central-1.amazonaws.com/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/count-tokens");
  });
  it("no credentials anywhere: a ConfigurationError that says what to set, before any request", () => {
    const e = configError(() => createBedrock({ env: { AWS_REGION: "us-east-1" } }));
    expect(e.field).toBe("credentials");
    expect(e.message).toMatch(/AWS_BEARER_TOKEN_BEDROCK/);
    expect(e.message).toMatch(/AWS_ACCESS_KEY_ID/);
  });
  it("half a key pair, both credentials and apiKey, malformed keys: named errors that never echo a secret", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const cases: Array<[() => unknown, string]> = [
      [() => createBedrock({ env: { AWS_REGION: "us-east-1", AWS_SECRET_ACCESS_KEY: secret } }), "credentials"],
      [() => createBedrock({ env: {}, region: "us-east-1", credentials: TEST_CREDENTIALS, apiKey: "k" }), "apiKey"],
      [() => createBedrock({ env: {}, region: "us-east-1", apiKey: "has space\nnewline" }), "apiKey"],
      [() => createBedrock({ env: {}, region: "us-east-1", credentials: { accessKeyId: "", secretAccessKey: secret } }), "credentials"],
      [() => createBedrock({ env: {}, region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "" } }), "credentials"],
      [() => createBedrock({ env: {}, region: "us-east-1", apiKey: "k", maxRetries: -1 }), "maxRetries"],
      [() => createBedrock({ env: {}, region: "us-east-1", apiKey: "k", timeout: 0 }), "timeout"],
    ];
    for (const [run, field] of cases) {
      const e = configError(run);
      expect(e.field).toBe(field);
      expect(e.message).not.toContain(secret);
      expect(e.message).not.toContain("newline");
    }
  });
  it("bad operation input is a ConfigurationError before fetch or signing", async () => {
    const { fetch, calls } = fakeFetch([ok()]);
    const bedrock = createBedrock({ env: {}, region: "us-east-1", credentials: TEST_CREDENTIALS, fetch });
    await expect(bedrock.runtime.converse({ ...input, modelId: "" })).rejects.toMatchObject({ name: "ConfigurationError", field: "modelId" });
    await expect(bedrock.runtime.invokeModel({ modelId: "m", body: 42 as never })).rejects.toMatchObject({ field: "body" });
    await expect(bedrock.runtime.getAsyncInvoke({ invocationArn: undefined as never })).rejects.toMatchObject({ field: "invocationArn" });
    await expect(bedrock.runtime.converse(input, { maxRetries: 1.5 })).rejects.toMatchObject({ field: "maxRetries" });
    expect(calls.length).toBe(0);
  });
  it("a static session whose expiration passed is refused before any request", async () => {
    const { fetch, calls } = fakeFetch([ok()]);
    const bedrock = createBedrock({ env: {}, region: "us-east-1", fetch, credentials: { ...TEST_CREDENTIALS, sessionToken: "tok-secret", expiration: new Date("2001-01-01") } });
    const error = await bedrock.runtime.countTokens(countInput).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConfigurationError", field: "credentials" });
    expect((error as Error).message).not.toContain("tok-secret");
    expect(calls.length).toBe(0);
  });
  it("a failing provider becomes a BedrockError whose message holds no provider text", async () => {
    const { fetch, calls } = fakeFetch([ok()]);
    const bedrock = createBedrock({
      env: {},
      region: "us-east-1",
      fetch,
      credentials: async () => {
        throw new Error("secret=abc");
      },
    });
    const error = await bedrock.runtime.countTokens(countInput).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BedrockError", code: "CredentialsProviderError" });
    expect((error as Error).message).not.toContain("abc");
    expect(calls.length).toBe(0);
  });
});

describe("env", () => {
  it("defaultEnv sees process.env on Node; readEnv trims and skips empty values", () => {
    expect(defaultEnv()).toBe(process.env);
    expect(readEnv({ A: "  ", B: " x " }, "A", "B")).toBe("x");
    expect(readEnv({}, "A")).toBeUndefined();
  });
  it("defaultEnv falls back to Deno.env.toObject(), and to {} when Deno denies permission", () => {
    const g = globalThis as unknown as { process: unknown; Deno?: unknown };
    const saved = g.process;
    try {
      Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
      g.Deno = { env: { toObject: () => ({ AWS_REGION: "deno-region" }) } };
      expect(defaultEnv()).toEqual({ AWS_REGION: "deno-region" });
      g.Deno = {
        env: {
          toObject: () => {
            throw new Error("PermissionDenied");
          },
        },
      };
      expect(defaultEnv()).toEqual({});
    } finally {
      Object.defineProperty(globalThis, "process", { value: saved, configurable: true, writable: true });
      delete g.Deno;
    }
  });
});
