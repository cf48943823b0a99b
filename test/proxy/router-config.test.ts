/**
 * The router's settings are validated when the proxy is created, each error naming the field to fix (never a value):
 * `router_settings`, the routing keys of `litellm_settings`, and each entry's `weight`, `rpm`, `tpm` and
 * `model_info.id`. A LiteLLM config with router settings this proxy does not implement still loads.
 */
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { createProxy as createNodeProxy } from "../../src/node/proxy";
import { createMemoryStore } from "../../src/proxy/router/store";
import { createProxy, resolveProxyConfig } from "../../src/proxy/index";
import type { ProxyConfig, ProxyOptions } from "../../src/proxy/index";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REDIS_PASSWORD = "redis-password-do-not-print";
const ENV = { SECRET, REDIS_PASSWORD, PORT: "6380" };
const params = (extra: Record<string, unknown> = {}) => ({
  model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
  aws_access_key_id: "AKIDEXAMPLE",
  aws_secret_access_key: "os.environ/SECRET",
  aws_region_name: "us-east-1",
  ...extra,
});
const models = (extra: Record<string, unknown> = {}) => [
  { model_name: "claude", litellm_params: params(extra) },
  { model_name: "claude", litellm_params: params({ aws_region_name: "us-west-2" }) },
  { model_name: "backup", litellm_params: params() },
];

function configError(config: Record<string, unknown>, options: ProxyOptions = {}): ConfigurationError {
  try {
    createProxy({ model_list: models(), ...config } as ProxyConfig, { env: ENV, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain(REDIS_PASSWORD);
    return error as ConfigurationError;
  }
  throw new Error("createProxy accepted an invalid config");
}

describe("router settings", () => {
  it.each([
    [{ router_settings: "fast" }, "router_settings"],
    [{ router_settings: { num_retries: -1 } }, "router_settings.num_retries"],
    [{ router_settings: { num_retries: "two" } }, "router_settings.num_retries"],
    [{ litellm_settings: { num_retries: 1.5 } }, "litellm_settings.num_retries"],
    [{ router_settings: { allowed_fails: -2 } }, "router_settings.allowed_fails"],
    [{ litellm_settings: { allowed_fails: "x" } }, "litellm_settings.allowed_fails"],
    [{ router_settings: { cooldown_time: -1 } }, "router_settings.cooldown_time"],
    [{ router_settings: { disable_cooldowns: "sometimes" } }, "router_settings.disable_cooldowns"],
    [{ router_settings: { max_fallbacks: -1 } }, "router_settings.max_fallbacks"],
    [{ router_settings: { routing_strategy: "least-busy" } }, "router_settings.routing_strategy"],
    [{ router_settings: { fallbacks: { claude: ["backup"] } } }, "router_settings.fallbacks"],
    [{ router_settings: { fallbacks: ["backup"] } }, "router_settings.fallbacks[0]"],
    [{ router_settings: { fallbacks: [{ gpt4: ["backup"] }] } }, "router_settings.fallbacks[0].gpt4"],
    [{ router_settings: { fallbacks: [{ claude: "backup" }] } }, "router_settings.fallbacks[0].claude"],
    [{ router_settings: { fallbacks: [{ claude: ["backup", "bakcup"] }] } }, "router_settings.fallbacks[0].claude[1]"],
    [{ router_settings: { fallbacks: [{ claude: ["claude"] }] } }, "router_settings.fallbacks[0].claude[0]"],
    [{ litellm_settings: { context_window_fallbacks: [{ claude: [3] }] } }, "litellm_settings.context_window_fallbacks[0].claude[0]"],
    [{ router_settings: { redis_port: 70000, redis_host: "localhost" } }, "router_settings.redis_port"],
    [{ router_settings: { redis_url: "http://localhost:6379" } }, "router_settings.redis_url"],
    [{ router_settings: { redis_url: "redis://a:6379", redis_host: "b" } }, "router_settings.redis_url"],
    [{ router_settings: { redis_password: "os.environ/REDIS_PASSWORD" } }, "router_settings.redis_password"],
    [{ router_settings: { redis_host: "os.environ/REDIS_HOST" } }, "router_settings.redis_host"],
    [{ router_settings: { redis_host: 6379 } }, "router_settings.redis_host"],
  ])("%j → field %s", (config, field) => {
    expect(configError(config).field).toBe(field);
  });

  it("refuses an unknown router_settings key, naming the closest one", () => {
    const error = configError({ router_settings: { num_retires: 3 } });
    expect(error.field).toBe("router_settings.num_retires");
    expect(error.message).toContain("did you mean num_retries?");
  });

  it("says which routing strategy it has", () => {
    expect(configError({ router_settings: { routing_strategy: "usage-based-routing-v2" } }).message).toContain('"simple-shuffle" only');
  });

  it("names the model_name values when a fallback names another", () => {
    expect(configError({ router_settings: { fallbacks: [{ claude: ["bakup"] }] } }).message).toContain("did you mean backup?");
  });

  it("loads a LiteLLM config with router settings it does not implement, and routing keys from litellm_settings", () => {
    expect(() =>
      createProxy({
        model_list: models(),
        router_settings: { routing_strategy: "simple-shuffle", enable_pre_call_checks: true, retry_policy: {}, timeout: 30, num_retries: "os.environ/PORT" },
        litellm_settings: { drop_params: true, success_callback: ["langfuse"], fallbacks: [{ claude: ["backup"] }], context_window_fallbacks: [{ backup: ["claude"] }] },
      } as unknown as ProxyConfig, { env: ENV }),
    ).not.toThrow();
  });
});

describe("deployment fields", () => {
  const entryError = (extra: Record<string, unknown>, entry: Record<string, unknown> = {}) =>
    configError({ model_list: [{ model_name: "claude", litellm_params: params(extra), ...entry }] });

  it.each([
    [{ weight: -1 }, {}, "model_list[0].litellm_params.weight"],
    [{ weight: "heavy" }, {}, "model_list[0].litellm_params.weight"],
    [{ rpm: 0 }, {}, "model_list[0].litellm_params.rpm"],
    [{ rpm: 2.5 }, {}, "model_list[0].litellm_params.rpm"],
    [{ tpm: "many" }, {}, "model_list[0].litellm_params.tpm"],
    [{}, { tpm: -5 }, "model_list[0].tpm"],
    [{}, { model_info: "x" }, "model_list[0].model_info"],
    [{}, { model_info: { id: "has spaces" } }, "model_list[0].model_info.id"],
    [{}, { model_info: { id: "x".repeat(129) } }, "model_list[0].model_info.id"],
  ])("%j %j → field %s", (extra, entry, field) => {
    expect(entryError(extra, entry).field).toBe(field);
  });

  it("refuses two entries with one model_info.id: they would share cooldowns and limits", () => {
    const error = configError({
      model_list: [
        { model_name: "claude", litellm_params: params(), model_info: { id: "east" } },
        { model_name: "claude", litellm_params: params(), model_info: { id: "east" } },
      ],
    });
    expect(error.field).toBe("model_list[1].model_info.id");
  });

  it("never sends weight, rpm or tpm to the model", async () => {
    let sent: Record<string, unknown> | undefined;
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent = JSON.parse(String(init?.body ?? (await (input as Request).text()))) as Record<string, unknown>;
      return new Response(JSON.stringify({ output: { message: { role: "assistant", content: [{ text: "ok" }] } }, stopReason: "end_turn", usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }), {
        headers: { "content-type": "application/json" },
      });
    }) as typeof globalThis.fetch;
    const proxy = createProxy({ model_list: [{ model_name: "claude", litellm_params: params({ weight: 2, rpm: "100", tpm: 1000 }) }] } as ProxyConfig, { env: ENV, fetch });
    const response = await proxy(new Request("http://proxy.test/v1/chat/completions", { method: "POST", body: JSON.stringify({ model: "claude", messages: [{ role: "user", content: "hi" }] }) }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(sent)).not.toMatch(/weight|rpm|tpm/);
  });

  it("gives each entry an id that is the same in every process reading the config, and made of no credential", () => {
    const ids = (env: Record<string, string>) =>
      [...resolveProxyConfig({ model_list: models() } as ProxyConfig, { env }).models.values()].flat().map((d) => d.id);
    const first = ids(ENV);
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    expect(first.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(ids(ENV)).toEqual(first);
    expect(ids({ ...ENV, SECRET: "another-secret-key-of-another-account" })).toEqual(first);
  });
});

describe("stores", () => {
  it("the web proxy refuses a Redis server it cannot reach, naming the Node proxy", () => {
    const error = configError({ router_settings: { redis_host: "redis.internal", redis_password: "os.environ/REDIS_PASSWORD", redis_port: "os.environ/PORT" } });
    expect(error.field).toBe("router_settings.redis_host");
    expect(error.message).toContain("bedrock-fetch/node");
  });

  it("accepts a Redis config when a store is given", () => {
    expect(() => createProxy({ model_list: models(), router_settings: { redis_url: "redis://redis.internal:6379" } } as ProxyConfig, { env: ENV, store: createMemoryStore() })).not.toThrow();
  });

  it("refuses a store that is not one", () => {
    expect(configError({}, { store: { get: () => Promise.resolve([]) } as never }).field).toBe("store");
  });

  it("the Node proxy validates the redis settings too", () => {
    expect(() => createNodeProxy({ model_list: models(), router_settings: { redis_url: "ftp://x" } } as ProxyConfig, { env: ENV })).toThrow(
      expect.objectContaining({ field: "router_settings.redis_url" }),
    );
  });
});
