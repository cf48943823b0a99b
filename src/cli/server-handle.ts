/**
 * The handle a server command (`serve`, `emulate`) returns: the running server, whose `close()` (SIGINT or SIGTERM
 * in the CLI) says on the log that it is shutting down and, once every connection is closed, that it stopped.
 */
import type { RunningServer } from "../node/server";
import { logEvent, type LogWriter } from "./access-log";

/** A running server of the CLI. */
export interface ServerHandle {
  url: string;
  port: number;
  /** Requests being answered, open streams included. */
  readonly inFlight: number;
  /**
   * Stops the server gracefully (see {@link RunningServer.close}), logging a `shutdown` line first and a `stopped`
   * line at the end.
   * @param signal - the signal that asked for it, for the log line
   */
  close(signal?: string): Promise<void>;
}

/** `server` with a `close()` that logs the shutdown through `write`; `graceMs` is the grace period it was given. */
export function serverHandle(server: Pick<RunningServer, "url" | "port" | "inFlight"> & { close(): Promise<void> }, write: LogWriter, graceMs: number): ServerHandle {
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    get inFlight() {
      return server.inFlight;
    },
    close(signal) {
      return (closing ??= (async () => {
        logEvent(write, "shutdown", { ...(signal ? { signal } : {}), in_flight: server.inFlight, grace_ms: graceMs });
        const started = performance.now();
        await server.close();
        logEvent(write, "stopped", { ms: Math.round(performance.now() - started) });
      })());
    },
  };
}
