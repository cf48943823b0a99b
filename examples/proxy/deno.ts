/**
 * Deno: `deno run --allow-net --allow-env deno.ts` (import from "npm:bedrock-fetch/proxy" without a bundler).
 * SIGINT/SIGTERM shut down gracefully: in-flight requests and streams finish first.
 */
import { createProxy } from "bedrock-fetch/proxy";
import { config } from "./config.ts";

const proxy = createProxy(config, { env: Deno.env.toObject() });
const server = Deno.serve(
  {
    port: Number(Deno.env.get("PORT") ?? 4000),
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    onListen: ({ hostname, port }) => console.log(`bedrock-fetch proxy listening on http://${hostname}:${port}`),
  },
  proxy,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(signal, () => void server.shutdown());
await server.finished;
