import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args";
import { run } from "../../src/cli/main";
import { exchangesDir, hasShared } from "../helpers/shared";
import { resetAfter } from "../node/helpers";
import { signedPost } from "./helpers";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
}

describe("bedrock-fetch CLI", () => {
  it("parses flags, --name=value, booleans and positionals", () => {
    const a = parseArgs(["emulate", "--port", "0", "--host=::1", "--help", "x"], new Set(["help"]));
    expect(a.positionals).toEqual(["emulate", "x"]);
    expect(Object.fromEntries(a.flags)).toEqual({ port: "0", host: "::1", help: true });
  });

  it("emulate prints the URL and test credentials, and serves signed requests", async () => {
    const c = io();
    const handle = await run(["emulate", "--port", "0", "--host", "127.0.0.1"], c.io);
    expect(typeof handle).toBe("object");
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(c.out.join("\n"))![1]!;
      expect(c.out.join("\n")).toContain("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
      const res = await fetch(await signedPost("/model/meta.llama3-8b-instruct-v1%3A0/invoke", { prompt: "Hi there", max_gen_len: 50 }, url));
      expect(await res.json()).toMatchObject({ generation: expect.stringMatching(/^Echo: Hi there\./), stop_reason: "stop" });
    } finally {
      if (typeof handle === "object") await handle.close();
    }
  });

  it.skipIf(!hasShared)("emulate --replay DIR loads the recordings", async () => {
    const c = io();
    const handle = await run(["emulate", "--port", "0", "--replay", exchangesDir], c.io);
    try {
      expect(c.out[0]).toMatch(/replaying \d{3} exchanges/);
    } finally {
      if (typeof handle === "object") await handle.close();
    }
  });

  it("reports usage errors with exit code 2 and unknown commands likewise", async () => {
    const bad = io();
    expect(await run(["emulate", "--port", "x"], bad.io)).toBe(2);
    expect(bad.err.join("\n")).toMatch(/--port must be an integer/);
    const unknown = io();
    expect(await run(["explode"], unknown.io)).toBe(2);
    expect(unknown.err.join("\n")).toMatch(/Unknown command "explode"/);
    const missing = io();
    expect(await run(["emulate", "--replay", "/nonexistent/dir"], missing.io)).toBe(1);
    expect(missing.err.join("\n")).toMatch(/Cannot read the exchanges folder/);
  });
});

describe("bedrock-fetch emulate (child process)", () => {
  it("keeps running and answering after clients reset before, while and after sending a request head", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), "emulate", "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        child.stdout.on("data", () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) done(match[1]!);
        });
        void exited.then((code) => fail(new Error(`emulate exited (${code}):\n${output}`)));
      });
      for (const bytes of ["", "POST /model/x/inv", "PRI * HTTP/2.0\r\n", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab"]) {
        await resetAfter(url, bytes);
      }
      const res = await fetch(await signedPost("/model/meta.llama3-8b-instruct-v1%3A0/invoke", { prompt: "Still here", max_gen_len: 50 }, url));
      expect(await res.json()).toMatchObject({ generation: expect.stringMatching(/^Echo: Still here\./) });
      expect(child.exitCode).toBeNull();
      expect(output).not.toMatch(/ECONNRESET|Error/);
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});
