/**
 * Cloudflare Worker entry: the proxy as the Worker's fetch handler. Secrets come from the Worker's `env`
 * (`wrangler secret put AWS_SECRET_ACCESS_KEY`, ...); the proxy is built once per isolate, on the first request.
 */
import { createProxy, type ProxyHandler } from "bedrock-fetch/proxy";
import { config } from "./config.ts";

let proxy: ProxyHandler | undefined;

export default {
  fetch(request: Request, env: Record<string, string>): Promise<Response> {
    proxy ??= createProxy(config, { env });
    return proxy(request);
  },
};
