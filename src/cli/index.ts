#!/usr/bin/env node
/**
 * @module bedrock-fetch/cli
 *
 * Entry of the `bedrock-fetch` command: runs {@link run} on the process arguments and exits with its code
 * (servers keep the process alive until interrupted). No top-level await, so the entry also builds as CommonJS.
 */
import { run } from "./main";

void run(process.argv.slice(2)).then((result) => {
  if (typeof result === "number") {
    process.exitCode = result;
    return;
  }
  // The server logs its shutdown; a second signal while it drains ends the process at once (no listener is left).
  const stop = (signal: NodeJS.Signals) => void result.close(signal).then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
});
