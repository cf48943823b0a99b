/**
 * `bedrock-fetch chat`: an interactive, multi-turn chat in the terminal, answers streamed token by token. Talks to
 * Amazon Bedrock when AWS credentials are set, otherwise to the built-in emulator (see ./target.ts). Reads lines
 * from standard input, so it also works piped: `echo "Hello" | bedrock-fetch chat`.
 */
import { createInterface } from "node:readline";
import type { ChatCompletionMessageParam } from "../api/chat-types";
import { commandArgs, stringFlag } from "./args";
import { checkChatModel } from "./chat-model";
import type { Command, CommandIO } from "./commands";
import { openTarget } from "./target";

const USAGE = `Usage: bedrock-fetch chat [--model M] [--system TEXT] [--region R] [--emulator]

Chats with a model in the terminal; answers stream as they are generated. Empty line or Ctrl-D to quit.
  --model M      model string (default anthropic.claude-3-haiku-20240307-v1:0; e.g. invoke/meta.llama3-8b-instruct-v1:0)
  --system TEXT  a system prompt
  --region R     AWS region for real Bedrock (default: AWS_REGION, else us-east-1)
  --emulator     use the built-in emulator even when AWS credentials are set`;


async function runChat(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = commandArgs(argv, ["model", "system", "region", "emulator"], ["emulator"]);
  if (args.flags.has("help")) {
    io.out(USAGE);
    return 0;
  }
  const model = stringFlag(args, "model") ?? "anthropic.claude-3-haiku-20240307-v1:0";
  const system = stringFlag(args, "system");
  try {
    checkChatModel(model);
  } catch (error) {
    // Refused before any line is read, in the words a failed turn would use.
    io.err(`${(error as Error).name}: ${(error as Error).message}`);
    io.err("Check --model (chat streams every answer); `bedrock-fetch chat --help` shows the model strings it takes.");
    return 1;
  }
  const target = await openTarget({ forceEmulator: args.flags.has("emulator"), region: stringFlag(args, "region") });
  const interactive = process.stdin.isTTY === true;
  io.out(`${model} on ${target.emulatorUrl ? `the built-in emulator (${target.emulatorUrl})` : `Amazon Bedrock in ${target.region}`}.`);
  if (interactive) io.out("Type a message; an empty line or Ctrl-D ends the chat.");

  const history: ChatCompletionMessageParam[] = system ? [{ role: "system", content: system }] : [];
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  const ask = () => process.stdout.write(interactive ? "\n> " : "");
  let failed = false;
  try {
    ask();
    for await (const line of lines) {
      const text = line.trim();
      if (!text) break;
      if (!interactive) io.out(`> ${text}`);
      history.push({ role: "user", content: text });
      try {
        const stream = await target.bedrock.completion({ model, messages: history, stream: true });
        let answer = "";
        for await (const chunk of stream) {
          const delta = chunk.choices[0]?.delta.content;
          if (delta) {
            answer += delta;
            process.stdout.write(delta);
          }
        }
        process.stdout.write("\n");
        history.push({ role: "assistant", content: answer });
      } catch (error) {
        // The turn failed: forget it, say why (messages never hold credentials), and let the user go on.
        history.pop();
        failed = true;
        io.err(`${(error as Error).name}: ${(error as Error).message}`);
      }
      ask();
    }
  } finally {
    lines.close();
    await target.close();
  }
  return failed ? 1 : 0;
}

export const chatCommand: Command = {
  name: "chat",
  summary: "chat with a model in the terminal, streamed (emulator when no AWS credentials)",
  usage: USAGE,
  run: runChat,
};
