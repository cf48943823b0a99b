/**
 * `bedrock-fetch serve --config config.yaml`: the LiteLLM page's flow (`litellm --config`), run as a real process;
 * SIGTERM stops accepting connections, lets the in-flight stream finish, then exits 0. Usage errors in-process.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { openRaw, parseRaw, rawExchange, resetAfter } from "../node/helpers";
import { ENV, MASTER_KEY, post, startStack, startUpstream, type Stack, type Upstream } from "./helpers";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const CONFIG_YAML = `model_list:
  - model_name: bedrock-claude-v1
    litellm_params:
      model: bedrock/anthropic.claude-instant-v1
      aws_access_key_id: os.environ/CUSTOM_AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/CUSTOM_AWS_SECRET_ACCESS_KEY
      aws_region_name: os.environ/CUSTOM_AWS_REGION_NAME
      temperature: 0.3
general_settings:
  master_key: os.environ/PROXY_MASTER_KEY
`;

let upstream: Upstream;
let dir: string;
let release!: () => void;
const gate = new Promise<void>((resolve) => (release = resolve));
beforeAll(async () => {
  // Streams pause after their first frame until `release()`: an in-flight stream the test controls.
  upstream = await startUpstream({ faults: "drip:1", sleep: () => gate });
  dir = await mkdtemp(join(tmpdir(), "proxy-serve-"));
});
afterAll(async () => {
  release();
  await upstream.server.close();
  await rm(dir, { recursive: true, force: true });
});

function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(true));
  });
}

describe("bedrock-fetch serve (child process)", () => {
  it("serves the config.yaml, then shuts down gracefully on SIGTERM", async () => {
    const config = join(dir, "config.yaml");
    await writeFile(config, CONFIG_YAML);
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), "serve", "--config", config, "--port", "0"], {
      cwd: ROOT,
      env: { ...process.env, ...ENV, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: upstream.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on("data", () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match && output.includes("try: curl")) done(match[1]!); // the last line of the banner
      });
      void exited.then((code) => fail(new Error(`serve exited (${code}):\n${output}`)));
    });
    expect(output).toContain("models: bedrock-claude-v1");

    const auth = { authorization: `Bearer ${MASTER_KEY}` };
    const ok = await post(`${url}/chat/completions`, { model: "bedrock-claude-v1", messages: [{ role: "user", content: "what llm are you" }] }, auth);
    expect(ok.status).toBe(200);
    expect(upstream.requests.at(-1)!.body.inferenceConfig).toEqual({ temperature: 0.3 });

    // An in-flight stream: its first event arrives, then the upstream holds the rest.
    const streaming = await post(`${url}/v1/chat/completions`, { model: "bedrock-claude-v1", stream: true, messages: [{ role: "user", content: "finish me" }] }, auth);
    const reader = streaming.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    expect(text).toMatch(/^data: \{/);

    child.kill("SIGTERM");
    while (!(await refused(url))) await new Promise((r) => setTimeout(r, 20)); // polling, not a timing assertion
    expect(child.exitCode).toBeNull(); // still finishing the stream

    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(text).toContain("finish me");
    expect(await exited).toBe(0);
    for (const secret of [MASTER_KEY, TEST_CREDENTIALS.secretAccessKey]) expect(output).not.toContain(secret);
  });
});

describe("bedrock-fetch serve usage", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) } };
  }

  it("--config is required; unknown options and bad ports are usage errors (exit 2)", async () => {
    for (const argv of [["serve"], ["serve", "--config", "x.yaml", "--bogus"], ["serve", "--config", "x.yaml", "--port", "99999"]]) {
      const c = io();
      expect(await run(argv, c.io)).toBe(2);
      expect(c.err.join("\n")).toContain("Usage: bedrock-fetch serve");
    }
  });

  it("an invalid config exits 1 with the field named", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ model_list: [{ model_name: "x", litellm_params: { model: "openai/gpt-4o" } }] }));
    const c = io();
    expect(await run(["serve", "--config", file, "--port", "0"], c.io)).toBe(1);
    expect(c.err.join("\n")).toMatch(/model_list\[0\] \("x"\).*Amazon Bedrock only/);
  });

  it("--help prints the usage", async () => {
    const c = io();
    expect(await run(["serve", "--help"], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("--config FILE");
  });
});

describe("serveGracefully facing careless clients", () => {
  let stack: Stack;
  const reported: string[] = [];
  beforeAll(async () => {
    stack = await startStack(undefined, { proxy: { onError: (error) => void reported.push(String(error)) } });
  });
  afterAll(() => stack.close());

  it("TRACE is a 405 in the OpenAI error shape, not a 500", async () => {
    const answer = parseRaw(await rawExchange(stack.proxy.url, "TRACE /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { type: "invalid_request_error", param: null, code: "method_not_allowed" } });
  });

  it("clients that reset before sending anything or mid-body are not server faults, and the proxy keeps serving", async () => {
    await resetAfter(stack.proxy.url);
    const raw = await openRaw(stack.proxy.url);
    raw.socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":");
    await new Promise((r) => setTimeout(r, 30));
    raw.socket.resetAndDestroy();
    await raw.closed;
    while (stack.proxy.inFlight > 0) await new Promise((r) => setTimeout(r, 5)); // the proxy has seen the reset
    expect(reported).toEqual([]);
    expect((await fetch(`${stack.proxy.url}/v1/models`)).status).toBe(200);
  });
});
