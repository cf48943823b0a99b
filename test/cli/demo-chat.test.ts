/**
 * The `demo` and `chat` commands as a newcomer runs them: child processes with no AWS credentials in the
 * environment, so they start the built-in emulator on a free loopback port and talk to it over real HTTP.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

function run(args: string[], stdin = ""): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK", "AWS_PROFILE"]) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { cwd: root, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

describe("bedrock-fetch demo", () => {
  it("runs every step against the emulator and ends with a one-line summary", async () => {
    const { code, stdout } = await run(["demo"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/built-in Bedrock emulator at http:\/\/127\.0\.0\.1:\d+/);
    for (const step of ["1. Chat completion", "2. Streaming, token by token", "3. Tool call", "4. Embedding", "5. Image generation"]) {
      expect(stdout).toContain(step);
    }
    expect(stdout).toContain("→ get_weather({\"city\":\"Paris\"})");
    expect(stdout).toMatch(/PNG 512x512/);
    expect(stdout).toMatch(/Summary: 5\/5 steps succeeded in \d+ ms against the emulator/);
  });
});

describe("bedrock-fetch chat", () => {
  it("answers each piped line, streamed, keeping the conversation", async () => {
    const { code, stdout, stderr } = await run(["chat", "--model", "invoke/meta.llama3-8b-instruct-v1:0"], "Hello there\nAnd a second question\n");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("invoke/meta.llama3-8b-instruct-v1:0 on the built-in emulator");
    expect(stdout).toMatch(/> Hello there\nEcho: Hello there\./);
    expect(stdout).toMatch(/> And a second question\nEcho: And a second question\./);
  });

  it("reports a failed turn with its typed error and exits 1", async () => {
    const { code, stderr } = await run(["chat", "--model", "invoke/acme.unknown-model-v1"], "Hi\n");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ConfigurationError: .*converse/m);
  });
});
