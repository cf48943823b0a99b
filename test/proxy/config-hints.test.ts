/**
 * The proxy configuration's errors name the setting as the file spells it: a missing region asks for
 * `aws_region_name` in litellm_params, a misspelt `aws_*` key or general_settings key is refused with the closest
 * known one (instead of reaching the model as a parameter, or leaving a setting at its default), and a plain-http
 * endpoint on another host (an emulator's container) works only with `allow_insecure_endpoint: true`.
 */
import { describe, expect, it } from "vitest";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import { createProxy } from "../../src/proxy/index";
import type { ProxyConfig, ProxyModelEntry } from "../../src/proxy/index";
import { CHAT_MODEL } from "./helpers";

const keys = { aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey };
const entry = (litellm_params: Record<string, unknown>) => ({ model_name: "m", litellm_params: { model: CHAT_MODEL, ...litellm_params } as ProxyModelEntry["litellm_params"] });

function configError(config: ProxyConfig, env: Record<string, string> = {}): ConfigurationError {
  try {
    createProxy(config, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(TEST_CREDENTIALS.secretAccessKey);
    return error as ConfigurationError;
  }
  throw new Error("createProxy accepted the config");
}

describe("a deployment without a region", () => {
  it("names aws_region_name in litellm_params and the environment variable, not the library's `region`", () => {
    const error = configError({ model_list: [entry({ ...keys })] });
    expect(error.field).toBe("model_list[0].litellm_params.aws_region_name");
    expect(error.message).toBe(
      'model_list[0] ("m"): no AWS region: set aws_region_name in litellm_params (e.g. us-east-1, or os.environ/NAME), or the AWS_REGION environment variable.',
    );
    expect(error.message).not.toContain("`region`");
  });

  it("the same when a custom endpoint needs the region only to sign", () => {
    const error = configError({ model_list: [entry({ ...keys, api_base: "http://127.0.0.1:4010" })] });
    expect(error.field).toBe("model_list[0].litellm_params.aws_region_name");
    expect(error.message).toMatch(/no AWS region: set aws_region_name in litellm_params/);
  });

  it("AWS_REGION in the environment is enough", () => {
    expect(() => createProxy({ model_list: [entry({ ...keys })] }, { env: { AWS_REGION: "us-east-1" } })).not.toThrow();
  });
});

describe("misspelt settings", () => {
  it.each([
    ["aws_regon_name", "aws_region_name"],
    ["aws_secret_acess_key", "aws_secret_access_key"],
    ["aws_sesion_token", "aws_session_token"],
    ["AWS_REGION_NAME", "aws_region_name"],
    ["aws_role_arn", "aws_role_name"],
    ["aws_bedrock_runtime_endpont", "aws_bedrock_runtime_endpoint"],
  ])("litellm_params.%s is refused: did you mean %s?", (typo, meant) => {
    const error = configError({ model_list: [entry({ ...keys, aws_region_name: "us-east-1", [typo]: "x" })] });
    expect(error.field).toBe(`model_list[0].litellm_params.${typo}`);
    expect(error.message).toBe(`model_list[0] ("m"): litellm_params.${typo} is not a known setting; did you mean ${meant}?`);
  });

  it("an aws_* key close to none lists the known ones", () => {
    const error = configError({ model_list: [entry({ ...keys, aws_region_name: "us-east-1", aws_something_else_entirely: "x" })] });
    expect(error.message).toMatch(/litellm_params\.aws_something_else_entirely is not a known setting; the known ones are aws_access_key_id, .*aws_bedrock_runtime_endpoint$/);
  });

  it("other unknown keys stay model parameters, as LiteLLM passes them", () => {
    expect(() => createProxy({ model_list: [entry({ ...keys, aws_region_name: "us-east-1", top_k: 5, awsome: 1 })] }, { env: {} })).not.toThrow();
  });

  it.each([
    ["master_ky", "did you mean master_key?"],
    ["allowed_origin", "did you mean allowed_origins?"],
    ["max_request_size", "did you mean max_request_size_mb?"],
    ["request_timout", "did you mean request_timeout?"],
    ["database_url", "the known ones are master_key, allowed_origins, max_request_size_mb, request_timeout, media"],
  ])("general_settings.%s is refused: %s", (typo, hint) => {
    const error = configError({ model_list: [entry({ ...keys, aws_region_name: "us-east-1" })], general_settings: { [typo]: "x" } as never });
    expect(error.field).toBe(`general_settings.${typo}`);
    expect(error.message).toBe(`general_settings.${typo} is not a setting of this proxy; ${hint}`);
  });
});

describe("an emulator in another container (plain http, not loopback)", () => {
  const emulator = createEmulator({ sleep: async () => {} });
  const seen: string[] = [];
  const bodies: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(String(input));
    const body = init?.body;
    bodies.push(typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array));
    return emulator(new Request(input, init));
  }) as typeof globalThis.fetch;
  const config = (extra: Record<string, unknown>): ProxyConfig => ({
    model_list: [entry({ ...keys, aws_region_name: "us-east-1", api_base: "http://emulator:4010", ...extra })],
  });

  it("is refused without the opt-in, naming allow_insecure_endpoint", () => {
    const error = configError(config({}));
    expect(error.field).toBe("model_list[0].litellm_params.aws_bedrock_runtime_endpoint");
    expect(error.message).toMatch(/set allow_insecure_endpoint: true \(or BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true\)\.$/);
  });

  it.each([
    ["allow_insecure_endpoint: true", { allow_insecure_endpoint: true }, {}],
    ["allow_insecure_endpoint: os.environ/NAME", { allow_insecure_endpoint: "os.environ/EMULATOR_INSECURE" }, { EMULATOR_INSECURE: "true" }],
    ["BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true", {}, { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "true" }],
  ])("is served with %s", async (_, extra, env) => {
    seen.length = 0;
    bodies.length = 0;
    const proxy = createProxy(config(extra), { env, fetch });
    const response = await proxy(new Request("http://proxy.test/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello" }] }),
    }));
    expect(response.status).toBe(200);
    expect(seen).toEqual(["http://emulator:4010/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"]);
    // The opt-in configures the client: it is not sent to the model.
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain("hello");
    expect(bodies[0]).not.toContain("insecure");
  });
});
