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

/** A bad command line; the CLI prints the message and the usage, and exits with status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
