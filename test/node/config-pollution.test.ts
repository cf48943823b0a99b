/**
 * Configuration read from files and the environment cannot reach `Object.prototype`: proxy configs (JSON, YAML)
 * with `__proto__`, `constructor` or `prototype` keys are refused with the key's path, and `os.environ/NAME`
 * references resolve only to the environment record's own entries.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../src/env";
import { ConfigurationError } from "../../src/errors";
import { loadProxyConfig } from "../../src/node/proxy-config";
import { createProxy } from "../../src/proxy/index";

const ENTRY = { model_name: "m", litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", aws_region_name: "us-east-1" } };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "config-pollution-"));
});

async function load(name: string, text: string): Promise<unknown> {
  const file = join(dir, name);
  await writeFile(file, text);
  try {
    return await loadProxyConfig(file);
  } catch (error) {
    return error;
  } finally {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    delete (Object.prototype as Record<string, unknown>).polluted;
  }
}

describe("loadProxyConfig refuses keys that reach Object.prototype", () => {
  it.each([
    ["top level", `{"__proto__": {"polluted": "yes"}, "model_list": [${JSON.stringify(ENTRY)}]}`, "__proto__", "__proto__"],
    ["inside litellm_params", `{"model_list": [{"model_name": "m", "litellm_params": {"model": "bedrock/x", "__proto__": {"polluted": "yes"}}}]}`,
      "model_list[0].litellm_params.__proto__", "__proto__"],
    ["constructor in general_settings", `{"model_list": [], "general_settings": {"constructor": {"prototype": {"polluted": "yes"}}}}`,
      "general_settings.constructor", "constructor"],
  ])("JSON, %s", async (_, text, at, key) => {
    const file = join(dir, "config.json");
    const error = await load("config.json", text);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe("config");
    expect((error as Error).message).toBe(`The config file ${file}: ${at} uses the name "${key}", which is refused; remove or rename it.`);
  });

  it.each([
    ["a __proto__ mapping", "model_list: []\n__proto__:\n  polluted: yes\n", "__proto__"],
    ["a prototype key under an entry", "model_list:\n  - model_name: m\n    litellm_params:\n      model: bedrock/x\n      prototype: {polluted: yes}\n",
      "model_list[0].litellm_params.prototype"],
    ["an alias merged in as __proto__", "base: &b {polluted: yes}\nmodel_list: []\n__proto__: *b\n", "__proto__"],
  ])("YAML, %s", async (_, text, at) => {
    const error = await load("config.yaml", text);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(`: ${at} uses the name`);
  });

  it("YAML aliases that share or nest nodes are walked once, and an ordinary config loads as before", async () => {
    const config = (await load("shared.yaml", "defaults: &d\n  region: us-east-1\n  self: *d\nmodel_list:\n  - model_name: m\n    litellm_params: *d\n")) as Record<string, unknown>;
    expect(config).not.toBeInstanceOf(Error);
    expect((config.model_list as Array<{ litellm_params: { region: string } }>)[0]!.litellm_params.region).toBe("us-east-1");
  });
});

describe("os.environ/NAME resolves only the environment's own entries", () => {
  it("readEnv ignores inherited members and prototype names", () => {
    const inherited = Object.create({ AWS_REGION: "inherited-region" }) as Record<string, string>;
    expect(readEnv(inherited, "AWS_REGION")).toBeUndefined();
    expect(readEnv({}, "constructor", "__proto__", "toString", "hasOwnProperty")).toBeUndefined();
    expect(readEnv({ constructor: " own " } as Record<string, string>, "constructor")).toBe("own");
  });

  it.each(["constructor", "__proto__", "toString"])("master_key: os.environ/%s is an unset variable, not an inherited member", (name) => {
    const config = { model_list: [ENTRY], general_settings: { master_key: `os.environ/${name}` } };
    expect(() => createProxy(config, { env: {} })).toThrow(new RegExp(`environment variable ${name}, which is not set`));
  });

  it("a value planted on Object.prototype does not become the master key", () => {
    (Object.prototype as Record<string, unknown>).PLANTED_MASTER_KEY = "sk-planted";
    try {
      const config = { model_list: [ENTRY], general_settings: { master_key: "os.environ/PLANTED_MASTER_KEY" } };
      expect(() => createProxy(config, { env: {} })).toThrow(/PLANTED_MASTER_KEY, which is not set/);
    } finally {
      delete (Object.prototype as Record<string, unknown>).PLANTED_MASTER_KEY;
    }
  });
});
