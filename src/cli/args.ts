/**
 * A tiny argument parser: `--name value`, `--name=value`, boolean `--flag`, and positionals. Enough for the
 * `bedrock-fetch` subcommands; unknown flags are reported by the command that reads them.
 */

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `argv` (without the node and script paths). A flag followed by a value that does not start with `--`
 * takes it, unless the flag is listed in `booleans`.
 */
export function parseArgs(argv: readonly string[], booleans: ReadonlySet<string> = new Set()): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const name = arg.slice(2);
    const next = argv[i + 1];
    if (!booleans.has(name) && next !== undefined && !next.startsWith("--")) {
      flags.set(name, next);
      i++;
    } else {
      flags.set(name, true);
    }
  }
  return { positionals, flags };
}

/** A string flag, or `undefined`; a bare `--name` without a value is an error naming the flag. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value.`);
  return v;
}

/**
 * Parses a subcommand's arguments and refuses unknown options and stray arguments. `--help` is always known and
 * boolean; the caller checks `flags.has("help")`.
 */
export function commandArgs(argv: readonly string[], known: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const args = parseArgs(argv, new Set(["help", ...booleans]));
  for (const name of args.flags.keys()) if (name !== "help" && !known.includes(name)) throw new UsageError(`Unknown option --${name}.`);
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument ${args.positionals[0]}.`);
  return args;
}

/** `--port` (0 picks a free port) and `--host` of a server command. */
export function listenFlags(args: ParsedArgs, defaultPort: number): { port: number; host: string } {
  const text = stringFlag(args, "port");
  const port = text === undefined ? defaultPort : Number(text);
  if (text?.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got ${text}.`);
  }
  return { port, host: stringFlag(args, "host") ?? "127.0.0.1" };
}

/** A bad command line; the CLI prints the message and the usage, and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
