/**
 * Configuration: validated up front with errors naming the entry and field (never a value), `os.environ/`
 * references, and config files: the LiteLLM page's config.yaml (through the optional `yaml` package) loads and serves.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveGracefully } from "../../src/cli/serve";
import { ConfigurationError } from "../../src/errors";
import { loadProxyConfig } from "../../src/node/proxy-config";
import { createProxy, describeError } from "../../src/proxy/index";
import type { ProxyConfig, ProxyModelEntry } from "../../src/proxy/index";
import { createAPIError, APITimeoutError, APIConnectionError } from "../../src/errors";
import { CHAT_MODEL, ENV, post, startUpstream, type Upstream } from "./helpers";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

function configError(config: unknown, env: Record<string, string> = ENV): ConfigurationError {
  try {
    createProxy(config as ProxyConfig, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(SECRET);
    return error as ConfigurationError;
  }
  throw new Error("createProxy accepted an invalid config");
}

const entry = (litellm_params: Record<string, unknown>, model_name = "m") => ({ model_name, litellm_params: litellm_params as ProxyModelEntry["litellm_params"] });
const keys = { aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: SECRET, aws_region_name: "us-east-1" };

describe("validation at creation", () => {
  it.each([
    [{}, "model_list"],
    [{ model_list: [] }, "model_list"],
    [{ model_list: ["x"] }, "model_list[0]"],
    [{ model_list: [{ litellm_params: { model: CHAT_MODEL } }] }, "model_list[0].model_name"],
    [{ model_list: [{ model_name: "m" }] }, "model_list[0].litellm_params"],
    [{ model_list: [entry({ ...keys })] }, "model_list[0].litellm_params.model"],
    [{ model_list: [entry({ ...keys, model: "openai/gpt-4o" })] }, "model_list[0].litellm_params.model"],
    [{ model_list: [entry({ ...keys, model: "bedrock/not a model" })] }, "model_list[0].litellm_params.model"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL, temperature: "hot" })] }, "model_list[0].litellm_params.temperature"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL, max_retries: -1 })] }, "model_list[0].litellm_params.max_retries"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL }), entry({ model: CHAT_MODEL, aws_access_key_id: "AKID" }, "second")] }, "model_list[1].litellm_params.aws_secret_access_key"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL, aws_region_name: "not a region!" })] }, "model_list[0].litellm_params.aws_region_name"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL })], general_settings: { master_key: "" } }, "general_settings.master_key"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL })], general_settings: { allowed_origins: [1] } }, "general_settings.allowed_origins"],
    [{ model_list: [entry({ ...keys, model: CHAT_MODEL })], general_settings: { max_request_size_mb: 0 } }, "general_settings.max_request_size_mb"],
  ])("%j → field %s", (config, field) => {
    expect(configError(config).field).toBe(field);
  });

  it("names the entry by index and model_name", () => {
    const error = configError({ model_list: [entry({ ...keys, model: CHAT_MODEL }), entry({ ...keys, model: "bedrock/nope" }, "broken-one")] });
    expect(error.message).toContain('model_list[1] ("broken-one")');
  });

  it("a missing region (none in the entry nor the env) names aws_region_name", () => {
    const error = configError({ model_list: [entry({ model: CHAT_MODEL, aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: SECRET })] }, {});
    expect(error.field).toBe("model_list[0].litellm_params.aws_region_name");
  });

  it("an os.environ/ reference to an unset variable names the field and the variable, not a value", () => {
    const error = configError({ model_list: [entry({ ...keys, model: CHAT_MODEL, aws_secret_access_key: "os.environ/NOT_SET_ANYWHERE" })] });
    expect(error.field).toBe("model_list[0].litellm_params.aws_secret_access_key");
    expect(error.message).toContain("NOT_SET_ANYWHERE");
    const master = configError({ model_list: [entry({ ...keys, model: CHAT_MODEL })], general_settings: { master_key: "os.environ/NO_MASTER" } });
    expect(master.field).toBe("general_settings.master_key");
  });

  it("os.environ/ works for any litellm_params value, numbers included", () => {
    expect(() =>
      createProxy({ model_list: [entry({ ...keys, model: "os.environ/MODEL", temperature: "os.environ/TEMP" })] }, { env: { MODEL: CHAT_MODEL, TEMP: "0.4" } }),
    ).not.toThrow();
  });

  it("the web build refuses aws_profile_name with a pointer to the Node variant", () => {
    const error = configError({ model_list: [entry({ model: CHAT_MODEL, aws_profile_name: "dev", aws_region_name: "us-east-1" })] });
    expect(error.field).toBe("model_list[0].litellm_params.aws_profile_name");
    expect(error.message).toContain("bedrock-fetch/node");
  });
});

describe("describeError", () => {
  it("maps library errors to OpenAI statuses and types", () => {
    expect(describeError(new ConfigurationError("temperature", "bad")).body.error).toEqual({ message: "bad", type: "invalid_request_error", param: "temperature", code: "invalid_parameter" });
    expect(describeError(createAPIError({ status: 429, code: "ThrottlingException", message: "slow down" }))).toEqual({
      status: 429,
      body: { error: { message: "slow down", type: "rate_limit_error", param: null, code: "ThrottlingException" } },
    });
    expect(describeError(createAPIError({ status: 403, code: "AccessDeniedException", message: "no" })).status).toBe(403);
    expect(describeError(new APITimeoutError("Converse timed out")).status).toBe(504);
    expect(describeError(new APIConnectionError("ECONNREFUSED")).status).toBe(502);
    const bug = describeError(new TypeError(`leaks ${SECRET}`));
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug)).not.toContain(SECRET);
  });
});

describe("config files", () => {
  let dir: string;
  let upstream: Upstream;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "proxy-config-"));
    upstream = await startUpstream();
  });
  afterAll(() => upstream.server.close());

  // Verbatim from the LiteLLM page, "OpenAI Proxy Usage" → "1. Setup config.yaml".
  const PAGE_YAML = `model_list:
  - model_name: bedrock-claude-v1
    litellm_params:
      model: bedrock/anthropic.claude-instant-v1
      aws_access_key_id: os.environ/CUSTOM_AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/CUSTOM_AWS_SECRET_ACCESS_KEY
      aws_region_name: os.environ/CUSTOM_AWS_REGION_NAME
`;

  it("the LiteLLM page's config.yaml loads with the yaml package and serves the page's curl request", async () => {
    const file = join(dir, "config.yaml");
    await writeFile(file, PAGE_YAML);
    const config = await loadProxyConfig(file);
    expect(config.model_list[0]!.litellm_params.aws_access_key_id).toBe("os.environ/CUSTOM_AWS_ACCESS_KEY_ID");
    // The page's config has no endpoint; the standard AWS variable points the client at the emulator.
    const proxy = createProxy(config, { env: { ...ENV, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: upstream.url } });
    const server = await serveGracefully(proxy, { port: 0, host: "127.0.0.1", graceMs: 1000 });
    try {
      const response = await post(`${server.url}/chat/completions`, { model: "bedrock-claude-v1", messages: [{ role: "user", content: "what llm are you" }] });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toContain("what llm are you");
      expect(upstream.requests.at(-1)!.path).toBe("/model/anthropic.claude-instant-v1/converse");
    } finally {
      await server.close();
    }
  });

  it("JSON configs need no yaml package", async () => {
    const file = join(dir, "config.json");
    await writeFile(file, JSON.stringify({ model_list: [entry({ model: CHAT_MODEL })] }));
    const noYaml = () => Promise.reject(new Error("Cannot find package 'yaml'"));
    expect((await loadProxyConfig(file, { importYaml: noYaml })).model_list[0]!.model_name).toBe("m");
  });

  it("a YAML file without the yaml package → a message naming the package and the JSON alternative", async () => {
    const file = join(dir, "config.yml");
    await writeFile(file, PAGE_YAML);
    const error = await loadProxyConfig(file, { importYaml: () => Promise.reject(new Error("Cannot find package 'yaml'")) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/optional package "yaml".*npm install yaml.*JSON/);
  });

  it("unreadable or malformed files → ConfigurationError without quoting the file", async () => {
    const missing = await loadProxyConfig(join(dir, "absent.yaml")).catch((e: unknown) => e);
    expect((missing as ConfigurationError).field).toBe("config");
    const file = join(dir, "bad.json");
    await writeFile(file, `{ "model_list": [ { "aws_secret_access_key": "${SECRET}" `);
    const bad = await loadProxyConfig(file).catch((e: unknown) => e);
    expect((bad as Error).message).toContain("not valid JSON");
    expect((bad as Error).message).not.toContain(SECRET);
    const yamlFile = join(dir, "bad.yaml");
    await writeFile(yamlFile, `model_list:\n  - model_name: [x\n    aws_secret_access_key: ${SECRET}\n`);
    const badYaml = await loadProxyConfig(yamlFile).catch((e: unknown) => e);
    expect((badYaml as Error).message).toContain("not valid YAML");
    expect((badYaml as Error).message).not.toContain(SECRET);
  });
});
