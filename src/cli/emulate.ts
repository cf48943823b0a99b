/**
 * `bedrock-fetch emulate [--port N] [--host H] [--replay DIR] [--fault SPEC] [--api-key KEY] [--lenient] [--quiet]`: runs the
 * local Bedrock emulator, prints its URL and the test credentials it accepts (SigV4 keys and a Bedrock API key, with
 * the environment variables to export), and logs each request as a JSON line on standard error.
 */
import { createEmulator, TEST_API_KEY, TEST_CREDENTIALS } from "../emulator/index";
import type { RecordedExchange } from "../emulator/types";
import { loadExchanges } from "../node/exchanges";
import { serve } from "../node/server";
import { withAccessLog } from "./access-log";
import { commandArgs, listenFlags, stringFlag, UsageError } from "./args";
import type { Command } from "./commands";
import { serverHandle } from "./server-handle";

export { TEST_API_KEY };

// How long in-flight requests may finish on SIGINT/SIGTERM (serve()'s default).
const GRACE_MS = 10_000;

const USAGE = `Usage: bedrock-fetch emulate [--port N] [--host H] [--replay DIR] [--fault SPEC] [--api-key KEY] [--lenient] [--quiet]

Runs a local Amazon Bedrock Runtime emulator. It accepts SigV4 requests signed with its test keys, and bearer
requests (Authorization: Bearer) with its test Bedrock API key; the banner shows both.
  --port N        port to listen on (default 4010; 0 picks a free port)
  --host H        interface to bind (default 127.0.0.1)
  --replay DIR    answer with the recorded exchanges under DIR instead of generated answers
  --fault SPEC    faults for every request, e.g. "throttle:2,drip:50" (per request: header x-bedrock-fetch-fault)
  --api-key KEY   the Bedrock API key to accept (default ${TEST_API_KEY})
  --lenient       accept what Bedrock refuses (unknown models, malformed or extraneous fields); strict by default
  --quiet         no access log (by default one JSON line per request on standard error)`;

export const emulateCommand: Command = {
  name: "emulate",
  summary: "run a local Bedrock Runtime emulator",
  usage: USAGE,
  async run(argv, io) {
    const args = commandArgs(argv, ["port", "host", "replay", "fault", "api-key", "lenient", "quiet"], ["lenient", "quiet"]);
    if (args.flags.has("help")) {
      io.out(USAGE);
      return 0;
    }
    const { port, host } = listenFlags(args, 4010);
    const replayDir = stringFlag(args, "replay");
    const fault = stringFlag(args, "fault");
    const apiKey = stringFlag(args, "api-key") ?? TEST_API_KEY;
    // What an Authorization header can carry: visible ASCII, no spaces (RFC 9110 §11.4, token68 or a token).
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new UsageError("--api-key must be a key of visible ASCII characters, without spaces.");
    let replay: RecordedExchange[] | undefined;
    if (replayDir !== undefined) replay = await loadExchanges(replayDir);
    const emulator = createEmulator({
      apiKeys: [apiKey],
      lenient: args.flags.has("lenient"),
      ...(replay ? { replay } : {}),
      ...(fault !== undefined ? { faults: fault } : {}),
    });
    const handler = args.flags.has("quiet") ? emulator : withAccessLog(emulator, io.err);
    const server = await serve(handler, { port, host, gracePeriod: GRACE_MS });
    io.out(`Bedrock emulator listening on ${server.url}${replay ? ` (replaying ${replay.length} exchanges)` : ""}`);
    io.out("");
    io.out("Point bedrock-fetch or an AWS SDK at it (any region works):");
    io.out(`  export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${server.url}`);
    io.out("  export AWS_REGION=us-east-1");
    io.out("");
    io.out("and use either of its test credentials:");
    io.out("  SigV4 keys");
    io.out(`    export AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId}`);
    io.out(`    export AWS_SECRET_ACCESS_KEY=${TEST_CREDENTIALS.secretAccessKey}`);
    io.out(`  or a Bedrock API key, sent as Authorization: Bearer${apiKey === TEST_API_KEY ? " (--api-key sets another)" : ""}`);
    io.out(`    export AWS_BEARER_TOKEN_BEDROCK=${apiKey}`);
    if (!args.flags.has("quiet")) {
      io.out("");
      io.out("Each request is logged on standard error as a JSON line (--quiet turns this off).");
    }
    return serverHandle(server, io.err, GRACE_MS);
  },
};
