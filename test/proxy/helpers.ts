/**
 * A proxy in front of the emulator, both served on loopback. The emulator's handler is wrapped so that tests can see
 * what Bedrock received (the JSON bodies) and whether a response body was cancelled.
 */
import { observeCancel } from "../helpers/observe-cancel";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import type { EmulatorOptions } from "../../src/emulator/index";
import { serve } from "../../src/node/server";
import type { RunningServer } from "../../src/node/server";
import { serveGracefully, type ProxyServer } from "../../src/cli/serve";
import { createProxy } from "../../src/proxy/index";
import type { ProxyConfig, ProxyOptions } from "../../src/proxy/index";

export const CHAT_MODEL = "bedrock/anthropic.claude-3-haiku-20240307-v1:0";
export const EMBED_MODEL = "bedrock/amazon.titan-embed-text-v2:0";
export const IMAGE_MODEL = "bedrock/stability.stable-diffusion-xl-v1";
export const MASTER_KEY = "sk-proxy-master-1234";

/** Env record holding the emulator's test keys under custom names, as the LiteLLM page's config refers to them. */
export const ENV = {
  CUSTOM_AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  CUSTOM_AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  CUSTOM_AWS_REGION_NAME: "us-east-1",
  PROXY_MASTER_KEY: MASTER_KEY,
};

/** What the wrapped emulator saw. */
export interface Upstream {
  url: string;
  /** Every request: its path and parsed JSON body. */
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  /** Resolves when a response body is cancelled by its reader (the proxy), with the request path. */
  cancelled: Promise<string>;
  server: RunningServer;
}

/** Serves the emulator, wrapped, on a free loopback port. */
export async function startUpstream(options: EmulatorOptions = {}): Promise<Upstream> {
  const emulator = createEmulator(options);
  const requests: Upstream["requests"] = [];
  let onCancel!: (path: string) => void;
  const cancelled = new Promise<string>((resolve) => (onCancel = resolve));
  const server = await serve(async (request) => {
    const path = new URL(request.url).pathname;
    const text = await request.clone().text();
    requests.push({ path, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
    const response = await emulator(request);
    return observeCancel(response, () => onCancel(path));
  });
  return { url: server.url, requests, cancelled, server };
}

/** LiteLLM params with the page's `os.environ/` credentials, pointed at the upstream. */
export function params(upstream: Upstream, model: string, extra: Record<string, unknown> = {}): ProxyConfig["model_list"][number]["litellm_params"] {
  return {
    model,
    aws_access_key_id: "os.environ/CUSTOM_AWS_ACCESS_KEY_ID",
    aws_secret_access_key: "os.environ/CUSTOM_AWS_SECRET_ACCESS_KEY",
    aws_region_name: "os.environ/CUSTOM_AWS_REGION_NAME",
    aws_bedrock_runtime_endpoint: upstream.url,
    ...extra,
  };
}

/** The usual three deployments: chat (the LiteLLM page's name), embeddings, images. */
export function standardConfig(upstream: Upstream, general: ProxyConfig["general_settings"] = {}): ProxyConfig {
  return {
    model_list: [
      { model_name: "bedrock-claude-v1", litellm_params: params(upstream, CHAT_MODEL) },
      { model_name: "titan-embed", litellm_params: params(upstream, EMBED_MODEL) },
      { model_name: "sdxl", litellm_params: params(upstream, IMAGE_MODEL) },
    ],
    general_settings: general,
  };
}

export interface Stack {
  upstream: Upstream;
  proxy: ProxyServer;
  /** Proxy base URL with `/v1`, for OpenAI clients. */
  baseURL: string;
  close(): Promise<void>;
}

/** Emulator + proxy on loopback. */
export async function startStack(
  configure: (upstream: Upstream) => ProxyConfig = (u) => standardConfig(u),
  options: { emulator?: EmulatorOptions; proxy?: ProxyOptions } = {},
): Promise<Stack> {
  const upstream = await startUpstream(options.emulator);
  const proxy = await serveGracefully(createProxy(configure(upstream), { env: ENV, ...options.proxy }), { port: 0, host: "127.0.0.1", graceMs: 5000 });
  return {
    upstream,
    proxy,
    baseURL: `${proxy.url}/v1`,
    close: async () => {
      await proxy.close();
      await upstream.server.close();
    },
  };
}

/** POSTs JSON to the proxy. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
