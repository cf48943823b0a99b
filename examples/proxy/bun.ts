/**
 * Bun: `bun bun.ts`. SIGINT/SIGTERM stop accepting connections and let in-flight requests finish.
 */
import { createProxy } from "bedrock-fetch/proxy";
import { config } from "./config.ts";

const server = Bun.serve({
  port: Number(Bun.env.PORT ?? 4000),
  hostname: Bun.env.HOST ?? "127.0.0.1",
  // Bun closes a connection idle for 10 s by default; a slow model can be quiet longer than that mid-stream.
  idleTimeout: 255,
  fetch: createProxy(config, { env: Bun.env }),
});
console.log(`bedrock-fetch proxy listening on http://${server.hostname}:${server.port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void server.stop().then(() => process.exit(0)));
