/**
 * What the command says before it does anything: `bedrock-fetch --version` prints the package's version, and
 * `bedrock-fetch chat` refuses a model string it cannot use at start-up, before waiting for the first line.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { VERSION } from "../../src/cli/version";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe("bedrock-fetch --version", () => {
  it("prints the version of package.json (src/cli/version.ts is regenerated from it by `npm version`)", async () => {
    expect(VERSION).toBe(PACKAGE_VERSION);
    for (const flag of ["--version", "-v"]) {
      const c = io();
      expect(await run([flag], c.io)).toBe(0);
      expect(c.out).toEqual([PACKAGE_VERSION]);
    }
    const help = io();
    await run(["--help"], help.io);
    expect(help.out.join("\n")).toContain("bedrock-fetch --version");
  });
});

/**
 * Runs `chat` with standard input left open and nothing typed: it must end by itself. If it starts the chat instead
 * (its greeting names the model and the target), it is stopped and the greeting returned, for the test to fail on.
 */
function chatWithoutTyping(model: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK", "AWS_PROFILE"]) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", "chat", "--model", model], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (/ on (the built-in emulator|Amazon Bedrock)/.test(stdout)) child.kill(); // started, waiting for a line
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
}

describe("bedrock-fetch chat --model", () => {
  it.each([
    ["gpt-4", /^ConfigurationError: `model` is not a Bedrock model id \(got `gpt-4`\)/m],
    ["invoke/acme.unknown-model-v1", /^ConfigurationError: .*has no native request format on the `invoke\/` route.*converse/m],
    ["invoke/ai21.j2-mid-v1", /^ConfigurationError: .*Jurassic-2.*stream/im],
  ])("refuses %s at start-up, before reading a line", async (model, message) => {
    const { code, stdout, stderr } = await chatWithoutTyping(model);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(code).toBe(1);
  });
});
