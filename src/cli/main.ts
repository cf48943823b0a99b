/**
 * The `bedrock-fetch` command line: picks the subcommand, runs it, maps failures to exit codes
 * (2 for usage errors, 1 for anything else). Errors are printed by message only.
 */
import { isBedrockError } from "../errors";
import { UsageError } from "./args";
import { COMMANDS, type CommandHandle, type CommandIO } from "./commands";
import { VERSION } from "./version";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ["Usage: bedrock-fetch <command> [options]", "", "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), "", "Run `bedrock-fetch <command> --help` for details, `bedrock-fetch --version` for the version."].join("\n");
}

/**
 * Runs the CLI. Resolves with an exit code, or with a handle for a command that keeps running (a server).
 */
export async function run(
  argv: readonly string[],
  io: CommandIO = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number | CommandHandle> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    io.out(VERSION);
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.usage}`);
      return 2;
    }
    io.err(isBedrockError(error) || error instanceof Error ? `bedrock-fetch ${name}: ${error.message}` : `bedrock-fetch ${name} failed.`);
    return 1;
  }
}
