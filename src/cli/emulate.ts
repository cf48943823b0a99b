/**
 * `bedrock-fetch emulate --port N [--host H] [--replay DIR] [--fault SPEC]`: runs the local Bedrock emulator and
 * prints its URL and the test credentials to use.
 */
import { createEmulator, TEST_CREDENTIALS } from "../emulator/index";
import type { RecordedExchange } from "../emulator/types";
import { loadExchanges } from "../node/exchanges";
import { serve } from "../node/server";
import { commandArgs, listenFlags, stringFlag } from "./args";
import type { Command } from "./commands";

const USAGE = `Usage: bedrock-fetch emulate [--port N] [--host H] [--replay DIR] [--fault SPEC]

Runs a local Amazon Bedrock Runtime emulator.
  --port N        port to listen on (default 4010; 0 picks a free port)
  --host H        interface to bind (default 127.0.0.1)
  --replay DIR    answer with the recorded exchanges under DIR instead of generated answers
  --fault SPEC    faults for every request, e.g. "throttle:2,drip:50" (per request: header x-bedrock-fetch-fault)`;


export const emulateCommand: Command = {
  name: "emulate",
  summary: "run a local Bedrock Runtime emulator",
  usage: USAGE,
  async run(argv, io) {
    const args = commandArgs(argv, ["port", "host", "replay", "fault"]);
    if (args.flags.has("help")) {
      io.out(USAGE);
      return 0;
    }
    const { port, host } = listenFlags(args, 4010);
    const replayDir = stringFlag(args, "replay");
    const fault = stringFlag(args, "fault");
    let replay: RecordedExchange[] | undefined;
    if (replayDir !== undefined) replay = await loadExchanges(replayDir);
    const emulator = createEmulator({ ...(replay ? { replay } : {}), ...(fault !== undefined ? { faults: fault } : {}) });
    const server = await serve(emulator, { port, host });
    io.out(`Bedrock emulator listening on ${server.url}${replay ? ` (replaying ${replay.length} exchanges)` : ""}`);
    io.out("");
    io.out("Use these test credentials (region: any, e.g. us-east-1):");
    io.out(`  AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId}`);
    io.out(`  AWS_SECRET_ACCESS_KEY=${TEST_CREDENTIALS.secretAccessKey}`);
    io.out(`  endpoint: ${server.url}`);
    return server;
  },
};
