/**
 * `bedrock-fetch emulate` as a newcomer uses it: the banner's `export` lines, pasted into an environment, are enough
 * to call the emulator with SigV4 keys or with its test Bedrock API key (`Authorization: Bearer`); `--api-key` sets
 * that key; each request is a JSON access line on standard error (none with `--quiet`); SIGINT logs the shutdown.
 */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import type { CommandHandle } from "../../src/cli/commands";
import { TEST_API_KEY } from "../../src/emulator/index";
import { run } from "../../src/cli/main";
import { presignUrl } from "../../src/sigv4/index";
import { TEST_CREDENTIALS } from "../../src/emulator/index";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MODEL = "meta.llama3-8b-instruct-v1:0";

async function startEmulate(extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const handle = (await run(["emulate", "--port", "0", ...extra], { out: (l) => void out.push(l), err: (l) => void err.push(l) })) as CommandHandle;
  expect(typeof handle).toBe("object");
  /** The banner's `export NAME=VALUE` lines. */
  const exports = () => Object.fromEntries(out.flatMap((l) => [...l.matchAll(/^\s*export (\w+)=(\S+)$/g)].map((m) => [m[1]!, m[2]!])));
  return { handle, out, err, exports };
}

/** A chat completion with only `env` as configuration, as a shell with those variables exported would run it. */
async function chatWith(env: Record<string, string>): Promise<string> {
  const answer = await createBedrock({ env, maxRetries: 0 }).completion({ model: MODEL, messages: [{ role: "user", content: "Hi there" }] });
  return answer.choices[0]!.message.content ?? "";
}

describe("bedrock-fetch emulate: test credentials", () => {
  it("prints SigV4 keys and a Bedrock API key with the variables to export; both work as printed", async () => {
    const e = await startEmulate();
    try {
      const vars = e.exports();
      const url = /listening on (\S+)/.exec(e.out[0]!)![1]!;
      expect(vars).toEqual({
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_BEARER_TOKEN_BEDROCK: TEST_API_KEY,
      });
      const { AWS_BEARER_TOKEN_BEDROCK, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...where } = vars as Record<string, string>;
      expect(await chatWith({ ...where, AWS_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID!, AWS_SECRET_ACCESS_KEY: AWS_SECRET_ACCESS_KEY! })).toMatch(/^Echo: Hi there/);
      expect(await chatWith({ ...where, AWS_BEARER_TOKEN_BEDROCK: AWS_BEARER_TOKEN_BEDROCK! })).toMatch(/^Echo: Hi there/);
      const wrong = await fetch(`${url}/model/${encodeURIComponent(MODEL)}/invoke`, {
        method: "POST",
        headers: { authorization: "Bearer not-the-key", "content-type": "application/json" },
        body: JSON.stringify({ prompt: "Hi" }),
      });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ message: "The security token included in the request is invalid." });
    } finally {
      await e.handle.close();
    }
  });

  it("--api-key sets the Bedrock API key it accepts, instead of the default one", async () => {
    const e = await startEmulate(["--api-key", "my-own-emulator-key"]);
    try {
      const vars = e.exports() as Record<string, string>;
      expect(vars.AWS_BEARER_TOKEN_BEDROCK).toBe("my-own-emulator-key");
      const where = { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: vars.AWS_ENDPOINT_URL_BEDROCK_RUNTIME!, AWS_REGION: "us-east-1" };
      expect(await chatWith({ ...where, AWS_BEARER_TOKEN_BEDROCK: "my-own-emulator-key" })).toMatch(/^Echo: Hi there/);
      await expect(chatWith({ ...where, AWS_BEARER_TOKEN_BEDROCK: TEST_API_KEY })).rejects.toMatchObject({ status: 403 });
    } finally {
      await e.handle.close();
    }
  });

  it("refuses an --api-key that no Authorization header can carry (exit 2)", async () => {
    const err: string[] = [];
    expect(await run(["emulate", "--port", "0", "--api-key", "two words"], { out: () => {}, err: (l) => void err.push(l) })).toBe(2);
    expect(err.join("\n")).toContain("--api-key must be a key of visible ASCII characters");
  });
});

describe("bedrock-fetch emulate: the access log", () => {
  it("one JSON line per request with the model of the path, no query string, no key", async () => {
    const e = await startEmulate();
    try {
      const url = e.exports().AWS_ENDPOINT_URL_BEDROCK_RUNTIME!;
      await chatWith({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url, AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: TEST_API_KEY });
      // A presigned request carries its signature in the query string.
      const presigned = await presignUrl(
        { method: "POST", url: `${url}/model/${encodeURIComponent(MODEL)}/invoke` },
        { credentials: TEST_CREDENTIALS, region: "us-east-1", service: "bedrock" },
      );
      await (await fetch(presigned, { method: "POST", body: JSON.stringify({ prompt: "Hi" }) })).text();
      const lines = e.err.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        { time: expect.any(String), event: "request", method: "POST", path: "/model/meta.llama3-8b-instruct-v1%3A0/converse", status: 200, ms: expect.any(Number), model: MODEL },
        { time: expect.any(String), event: "request", method: "POST", path: "/model/meta.llama3-8b-instruct-v1%3A0/invoke", status: expect.any(Number), ms: expect.any(Number), model: MODEL },
      ]);
      const signature = new URL(presigned).searchParams.get("X-Amz-Signature")!;
      for (const line of e.err) for (const secret of [TEST_API_KEY, TEST_CREDENTIALS.secretAccessKey, signature]) expect(line).not.toContain(secret);
    } finally {
      await e.handle.close();
    }
  });

  it("--quiet: no access line, only the shutdown", async () => {
    const e = await startEmulate(["--quiet"]);
    const url = e.exports().AWS_ENDPOINT_URL_BEDROCK_RUNTIME!;
    await chatWith({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url, AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: TEST_API_KEY });
    await e.handle.close();
    expect(e.err.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(["shutdown", "stopped"]);
  });

  it("SIGINT (child process): logs the shutdown, then exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), "emulate", "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on("data", () => {
        const match = /AWS_ENDPOINT_URL_BEDROCK_RUNTIME=(\S+)/.exec(stdout);
        if (match) done(match[1]!);
      });
      void exited.then((code) => fail(new Error(`emulate exited (${code}):\n${stdout}${stderr}`)));
    });
    await chatWith({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url, AWS_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: TEST_API_KEY });
    while (!stderr.includes('"event":"request"')) await new Promise((r) => setTimeout(r, 5)); // polling, not timing
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const events = stderr.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((l) => l.event)).toEqual(["request", "shutdown", "stopped"]);
    expect(events[1]).toMatchObject({ signal: "SIGINT", in_flight: 0 });
  });
});

describe("bedrock-fetch emulate: strict by default, --lenient on request", () => {
  it("refuses an unknown model as Bedrock does, and accepts it with --lenient", async () => {
    for (const [flags, status] of [[[], 400], [["--lenient"], 200]] as const) {
      const e = await startEmulate([...flags, "--quiet"]);
      try {
        const url = /listening on (\S+)/.exec(e.out[0]!)![1]!;
        const response = await fetch(`${url}/model/anthropic.claude-9/converse`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "Hi" }] }] }),
        });
        expect(response.status).toBe(status);
        if (status === 400) expect(await response.json()).toEqual({ message: "The provided model identifier is invalid." });
        else await response.arrayBuffer();
      } finally {
        await e.handle.close();
      }
    }
  });
});
