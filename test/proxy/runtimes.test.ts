/**
 * The recipes in examples/proxy/ run on their runtimes against the emulator on loopback: the Worker entry in workerd
 * (Miniflare), deno.ts in Deno and bun.ts in Bun. Each is bundled here with esbuild from src/ (no prior build), with
 * `bedrock-fetch/proxy` resolved to src/proxy/index.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { MASTER_KEY, startUpstream, type Upstream } from "./helpers";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DENO = join(ROOT, "node_modules/deno/deno");
const BUN = join(ROOT, "node_modules/bun/bin/bun.exe");

async function bundleExample(name: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, "examples/proxy", name)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral", // any node: import in src/proxy would fail the bundle
    target: "es2022",
    logLevel: "silent",
    plugins: [{
      name: "bedrock-fetch",
      setup(b) {
        b.onResolve({ filter: /^bedrock-fetch\/proxy$/ }, () => ({ path: join(ROOT, "src/proxy/index.ts") }));
      },
    }],
  });
  return result.outputFiles[0]!.text;
}

let upstream: Upstream;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  upstream = await startUpstream();
  dir = await mkdtemp(join(tmpdir(), "proxy-runtimes-"));
  env = {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: upstream.url,
    PROXY_MASTER_KEY: MASTER_KEY,
  };
});
afterAll(async () => {
  await upstream.server.close();
  await rm(dir, { recursive: true, force: true });
});

/** The checks every runtime passes, through the official openai client (with the runtime's fetch path). */
async function exercise(client: OpenAI): Promise<void> {
  const chat = await client.chat.completions.create({ model: "bedrock-claude-v1", messages: [{ role: "user", content: "hello from a runtime" }] });
  expect(chat.choices[0]!.message.content).toContain("hello from a runtime");
  expect(upstream.requests.at(-1)!.body.inferenceConfig).toEqual({ temperature: 0.2 });
  let text = "";
  for await (const chunk of await client.chat.completions.create({ model: "bedrock-claude-v1", messages: [{ role: "user", content: "stream it" }], stream: true })) {
    text += chunk.choices[0]?.delta.content ?? "";
  }
  expect(text).toContain("stream it");
  const embedding = await client.embeddings.create({ model: "titan-embed", input: "hi" });
  expect(embedding.data[0]!.embedding.length).toBeGreaterThan(100);
  const wrongKey = new OpenAI({ apiKey: "wrong", baseURL: client.baseURL, maxRetries: 0, fetch: (client as unknown as { fetch: typeof fetch }).fetch });
  await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
}

describe("Cloudflare Worker (workerd via Miniflare)", () => {
  it("serves chat, streaming and embeddings from examples/proxy/worker.ts", async () => {
    const mf = new Miniflare({ modules: true, script: await bundleExample("worker.ts"), compatibilityDate: "2024-09-23", bindings: env });
    try {
      const dispatch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await mf.dispatchFetch(String(input instanceof Request ? input.url : input), init as never);
        return response as unknown as Response;
      }) as typeof fetch;
      await exercise(new OpenAI({ apiKey: MASTER_KEY, baseURL: "http://worker.test/v1", maxRetries: 0, fetch: dispatch }));
    } finally {
      await mf.dispose();
    }
  });
});

/** Spawns a server recipe and resolves with its URL once it prints the listening line. */
async function startServer(command: string, args: string[]): Promise<{ url: string; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  let output = "";
  const url = await new Promise<string>((done, fail) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) done(match[1]!.replace(/\/$/, ""));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => fail(new Error(`${command} exited (${code}) before listening:\n${output}`)));
  });
  return { url, child, exited };
}

describe.each([
  { name: "Deno", binary: DENO, file: "deno.js", args: (f: string) => ["run", "--allow-net", "--allow-read", "--allow-env", f] },
  { name: "Bun", binary: BUN, file: "bun.js", args: (f: string) => [f] },
])("$name", ({ name, binary, file, args }) => {
  it(`serves chat, streaming and embeddings from examples/proxy/${file.replace(".js", ".ts")}, and stops on SIGTERM`, async () => {
    expect(existsSync(binary), `${name} binary at ${binary} (a devDependency)`).toBe(true);
    const path = join(dir, file);
    await writeFile(path, await bundleExample(file.replace(".js", ".ts")));
    const server = await startServer(binary, args(path));
    try {
      await exercise(new OpenAI({ apiKey: MASTER_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 }));
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
  });
});
