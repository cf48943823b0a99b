/**
 * The registry of `bedrock-fetch` subcommands. To add one (demo, serve, chat …), write a module exporting a
 * {@link Command} and list it in {@link COMMANDS}.
 */
import { chatCommand } from "./chat";
import { demoCommand } from "./demo";
import { emulateCommand } from "./emulate";
import { serveCommand } from "./serve";

/** Where a command writes; injectable for tests. */
export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** What a long-running command (a server) resolves with: `close()` stops it; `signal` names what asked. */
export interface CommandHandle {
  close(signal?: string): Promise<void>;
}

/** One subcommand. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full usage text. */
  usage: string;
  /**
   * Runs the command with its arguments (after the command name). Resolves with the exit code for commands that
   * finish, or with a handle for long-running ones (servers), whose `close()` stops them.
   */
  run(argv: readonly string[], io: CommandIO): Promise<number | CommandHandle>;
}

export const COMMANDS: readonly Command[] = [demoCommand, chatCommand, emulateCommand, serveCommand];
