/**
 * `bedrock-fetch serve --config config.yaml [--port 4000] [--host 127.0.0.1] [--grace 30] [--quiet]`: runs the
 * OpenAI-compatible proxy on `node:http`, configured like LiteLLM's (`litellm --config config.yaml`).
 *
 * Standard error carries JSON lines: one per request (the access log; `--quiet` turns it off), one per fault of the
 * proxy or its upstream (a client's own mistakes, the 4xx answers, appear only as access lines), and the shutdown.
 *
 * Shutdown is graceful: `close()` (SIGINT/SIGTERM in the CLI) stops listening, closes idle keep-alive connections,
 * lets in-flight requests and streams finish (closing each connection after its response), and only when the grace
 * period runs out cuts the ones still open.
 */
import { loadProxyConfig } from "../node/proxy-config";
import { serve } from "../node/server";
// Node's proxy: profiles for aws_profile_name, and remote media fetched with the address each download connects to checked.
import { createProxy, redisStoreFromConfig } from "../node/proxy";
import type { RedisStore } from "../node/redis-store";
import { redact } from "../internal/redact";
import type { ProxyHandler } from "../proxy/types";
import type { ProxyAccessRecord } from "../proxy/types";
import { logEvent } from "./access-log";
import { commandArgs, listenFlags, stringFlag, UsageError } from "./args";
import type { Command } from "./commands";
import { serverHandle } from "./server-handle";

const USAGE = `Usage: bedrock-fetch serve --config FILE [--port N] [--host H] [--grace SECONDS] [--quiet]

Runs an OpenAI-compatible proxy for Amazon Bedrock (POST /v1/chat/completions, /v1/embeddings,
/v1/images/generations; GET /v1/models, /health), configured like LiteLLM's proxy.
  --config FILE     config.yaml (needs the "yaml" package) or config.json with model_list and general_settings
  --port N          port to listen on (default 4000; 0 picks a free port)
  --host H          interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --grace SECONDS   on SIGINT/SIGTERM, how long in-flight requests may take to finish (default 30)
  --quiet           no access log (by default one JSON line per request on standard error: time, method,
                    path, status, ms, model); faults and the shutdown are still logged

Values written os.environ/NAME are read from the environment. When router_settings names a Redis server
(redis_host/redis_port/redis_password or redis_url; needs the "redis" package), every proxy process using it
shares cooldowns and rpm/tpm counts.`;

// How long start-up waits for the Redis server before serving on local state (the store keeps trying meanwhile).
const REDIS_STARTUP_MS = 5000;


/** A running proxy server. */
export interface ProxyServer {
  url: string;
  port: number;
  /** Requests being answered (including open streams). */
  readonly inFlight: number;
  /** Stops accepting, waits for in-flight requests (at most the grace period), then resolves. */
  close(): Promise<void>;
}

/** Serves `handler` with {@link serve}, whose `close()` is graceful: `graceMs` bounds the wait for in-flight requests. */
export function serveGracefully(handler: ProxyHandler, options: { port: number; host: string; graceMs: number }): Promise<ProxyServer> {
  return serve(handler, { port: options.port, host: options.host, gracePeriod: options.graceMs });
}

function parseNumber(text: string, flag: string, check: (n: number) => boolean, expected: string): number {
  const n = Number(text);
  if (text.trim() === "" || !check(n)) throw new UsageError(`--${flag} must be ${expected}, got ${text}.`);
  return n;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "run an OpenAI-compatible proxy for Bedrock (LiteLLM-style config.yaml)",
  usage: USAGE,
  async run(argv, io) {
    const args = commandArgs(argv, ["config", "port", "host", "grace", "quiet"], ["quiet"]);
    if (args.flags.has("help")) {
      io.out(USAGE);
      return 0;
    }
    const configPath = stringFlag(args, "config");
    if (configPath === undefined) throw new UsageError("--config is required: the path of a config.yaml or config.json with model_list.");
    const { port, host } = listenFlags(args, 4000);
    const grace = parseNumber(stringFlag(args, "grace") ?? "30", "grace", (n) => Number.isFinite(n) && n >= 0, "a number of seconds");

    const config = await loadProxyConfig(configPath);
    const store = await openSharedStore(redisStoreFromConfig(config, process.env), io.err);
    const proxy = createProxy(config, {
      ...(store ? { store } : {}),
      // Called for the proxy's and its upstream's faults only (5xx, unusable credentials, a stream cut mid-way).
      onError: (error, request) => {
        const e = error as { name?: string; message?: string };
        // The library's messages hold no secret; anything else is redacted of whatever looks like one.
        logEvent(io.err, "error", {
          method: request.method,
          path: redact(new URL(request.url).pathname),
          error: String(e.name ?? "Error"),
          message: redact(String(e.message ?? "unknown error")),
        });
      },
      // One access line per request once its answer has ended: request id, path, model, deployment, status, ms,
      // tokens; path and model pass through redaction, and nothing of a header or a body is written.
      ...(args.flags.has("quiet")
        ? {}
        : {
            onAccess: ({ path, model, ...record }: ProxyAccessRecord) =>
              logEvent(io.err, "request", { ...record, path: redact(path), ...(model !== undefined ? { model: redact(model) } : {}) },
                new Date(Date.now() - record.ms)),
          }),
    });
    const handler = proxy;
    let server: ProxyServer;
    try {
      server = await serveGracefully(handler, { port, host, graceMs: grace * 1000 });
    } catch (error) {
      await store?.close();
      throw error;
    }
    const names = [...new Set(config.model_list.map((m) => m.model_name))];
    io.out(`bedrock-fetch proxy listening on ${server.url}`);
    io.out(`  models: ${names.join(", ")}`);
    io.out(`  try: curl ${server.url}/v1/models${config.general_settings?.master_key ? " -H 'Authorization: Bearer <master_key>'" : ""}`);
    return serverHandle(
      {
        url: server.url,
        port: server.port,
        get inFlight() {
          return server.inFlight;
        },
        close: async () => {
          await server.close();
          await store?.close();
        },
      },
      io.err,
      grace * 1000,
    );
  },
};

/**
 * Waits for the Redis store to connect, at most {@link REDIS_STARTUP_MS}: a missing `redis` package stops start-up
 * (its error names `npm install redis`); an unreachable server is logged, and the proxy serves on local state until
 * the store connects.
 */
async function openSharedStore(store: RedisStore | undefined, err: (line: string) => void): Promise<RedisStore | undefined> {
  if (store === undefined) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), REDIS_STARTUP_MS)));
  try {
    if ((await Promise.race([store.ready, late])) === "late") {
      logEvent(err, "warning", { message: `The Redis server for the router's shared state did not answer within ${REDIS_STARTUP_MS / 1000} s; serving on this process's own state until it does.` });
    }
  } catch (error) {
    await store.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return store;
}
