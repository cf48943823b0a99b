/**
 * The soak's hostile mode (`npm run soak -- --hostile [--requests 600] [--concurrency 16]`; not part of the test
 * suite, and nothing here asserts on time): the proxy as a real `bedrock-fetch serve` child process, attacked and
 * let down from every side while it keeps serving honest clients.
 *
 * Around it, in this process: a media server (endless, stalled and reset downloads) and a broken Bedrock (endless
 * answers, answers cut mid-body, answers that never come); beside it, the emulator as the honest upstream. The
 * clients, `--concurrency` at a time, take turns through the scenarios below, each with the one answer it must get.
 * Reported: each scenario's answers, anything unexpected (exit code 1), and the proxy's resident memory after
 * warm-up and at its peak (Linux `VmHWM`). The peak's growth is the figure to watch: under 256 MiB.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_CREDENTIALS } from "../src/emulator/index";
import { drive, MASTER_KEY, memoryOf, MODEL, startCli } from "./soak-lib";

// A valid 1x1 PNG, and its 8-byte signature for the endless one.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const MIB = 1024 * 1024;
const ZEROS = Buffer.alloc(64 * 1024);

/** Writes `chunk` as fast as the reader takes it until the connection goes: an endless body. */
function endless(res: ServerResponse, chunk: Buffer): void {
  const write = () => {
    while (!res.destroyed && res.write(chunk)) {
      // keep writing while the socket buffer has room
    }
    if (!res.destroyed) res.once("drain", write);
  };
  write();
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Remote media as an attacker would serve it. */
function mediaServer(): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "";
    if (path.startsWith("/ok/")) return void res.end(PNG);
    if (path === "/endless.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(PNG.subarray(0, 8));
      return endless(res, ZEROS);
    }
    if (path === "/stall.png") return; // accept, never answer
    if (path === "/reset.png") return void req.socket.resetAndDestroy();
    res.writeHead(404).end();
  });
}

/** A Bedrock that misbehaves according to the model called. */
function brokenBedrock(): Server {
  return createServer((req, res) => {
    req.resume();
    const path = decodeURIComponent(req.url ?? "");
    if (path.includes("nova-micro")) {
      // An endless 200 answer.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"output":{"message":{"role":"assistant","content":[{"text":"');
      return endless(res, Buffer.alloc(64 * 1024, "a"));
    }
    if (path.includes("nova-lite")) {
      // Cut mid-body: headers, half an answer, then a reset.
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"output":{"message":');
      return void setTimeout(() => req.socket.resetAndDestroy(), 5);
    }
    // Anything else never answers.
  });
}

interface Scenario {
  name: string;
  /** The status the proxy must answer with. */
  expect: number;
  run(i: number): Promise<number>;
}

export async function hostile({ requests, concurrency }: { requests: number; concurrency: number }): Promise<void> {
  const media = mediaServer();
  const broken = brokenBedrock();
  const mediaHost = await listen(media);
  const brokenHost = await listen(broken);
  const emulator = await startCli(["emulate", "--port", "0"]);
  const dir = await mkdtemp(join(tmpdir(), "bedrock-fetch-soak-hostile-"));
  const deployment = (name: string, model: string, endpoint: string, extra: Record<string, unknown> = {}) => ({
    model_name: name,
    litellm_params: {
      model: `bedrock/${model}`,
      aws_access_key_id: "os.environ/SOAK_KEY_ID",
      aws_secret_access_key: "os.environ/SOAK_SECRET",
      aws_region_name: "us-east-1",
      aws_bedrock_runtime_endpoint: endpoint,
      max_retries: 0,
      ...extra,
    },
  });
  const config = join(dir, "config.json");
  await writeFile(config, JSON.stringify({
    model_list: [
      deployment("soak", MODEL, emulator.url),
      deployment("endless", "amazon.nova-micro-v1:0", `http://${brokenHost}`),
      deployment("cut", "amazon.nova-lite-v1:0", `http://${brokenHost}`),
      deployment("stall", "amazon.nova-pro-v1:0", `http://${brokenHost}`, { timeout: 2 }),
    ],
    // The media server is on loopback: trusted here on purpose, so that its downloads actually run.
    general_settings: { master_key: "os.environ/SOAK_MASTER_KEY", media: { allow_hosts: [mediaHost], timeout: 2 } },
  }));
  const proxy = await startCli(["serve", "--config", config, "--port", "0", "--grace", "1"], {
    SOAK_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    SOAK_SECRET: TEST_CREDENTIALS.secretAccessKey,
    SOAK_MASTER_KEY: MASTER_KEY,
  });
  const headers = { "content-type": "application/json", authorization: `Bearer ${MASTER_KEY}` };
  const chat = async (body: Record<string, unknown>): Promise<number> => {
    const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };
  const images = (urls: string[]) => [{ role: "user", content: [{ type: "text", text: "what is this?" }, ...urls.map((url) => ({ type: "image_url", image_url: { url } }))] }];
  const text = (i: number) => [{ role: "user", content: `hostile soak ${i}: say something` }];

  const scenarios: Scenario[] = [
    {
      name: "honest streamed chat",
      expect: 200,
      async run(i) {
        const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model: "soak", stream: true, messages: text(i) }) });
        const body = await response.text();
        if (response.status !== 200) return response.status;
        const said = body.split("\n\n").filter((e) => e.startsWith("data: {")).map((e) => {
          const chunk = JSON.parse(e.slice("data: ".length)) as { choices?: Array<{ delta?: { content?: string } }> };
          return chunk.choices?.[0]?.delta?.content ?? "";
        }).join("");
        return body.endsWith("data: [DONE]\n\n") && said.includes(`hostile soak ${i}`) ? 200 : -1;
      },
    },
    { name: "300 image URLs", expect: 400, run: (i) => chat({ model: "soak", messages: images(Array.from({ length: 300 }, (_, k) => `http://${mediaHost}/ok/${i}-${k}.png`)) }) },
    { name: "endless images (4)", expect: 400, run: () => chat({ model: "soak", messages: images(Array.from({ length: 4 }, () => `http://${mediaHost}/endless.png`)) }) },
    { name: "stalled image", expect: 400, run: () => chat({ model: "soak", messages: images([`http://${mediaHost}/stall.png`]) }) },
    { name: "image download reset", expect: 400, run: () => chat({ model: "soak", messages: images([`http://${mediaHost}/reset.png`]) }) },
    { name: "internal image URL", expect: 400, run: () => chat({ model: "soak", messages: images(["http://169.254.169.254/latest/meta-data/"]) }) },
    { name: "endless Bedrock answer", expect: 502, run: (i) => chat({ model: "endless", messages: text(i) }) },
    { name: "Bedrock answer cut", expect: 502, run: (i) => chat({ model: "cut", messages: text(i) }) },
    { name: "Bedrock never answers", expect: 504, run: (i) => chat({ model: "stall", messages: text(i) }) },
    {
      name: "endless upload",
      expect: 413,
      async run() {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          start: (c) => c.enqueue(new TextEncoder().encode('{"model":"soak","messages":[{"role":"user","content":"')),
          pull(c) {
            sent += ZEROS.length;
            // Past 256 MiB something is wrong: stop rather than upload forever.
            if (sent > 256 * MIB) c.close();
            else c.enqueue(new Uint8Array(ZEROS.buffer, ZEROS.byteOffset, ZEROS.length).fill(97));
          },
        });
        const response = await fetch(`${proxy.url}/v1/chat/completions`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
        await response.arrayBuffer();
        return response.status;
      },
    },
    {
      name: "client resets mid-body",
      expect: 0,
      async run() {
        const url = new URL(proxy.url);
        await new Promise<void>((resolve, reject) => {
          const socket = connect(Number(url.port), url.hostname, () => {
            socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${MASTER_KEY}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"model":"soak"`);
            setTimeout(() => {
              socket.resetAndDestroy();
              resolve();
            }, 5);
          });
          socket.on("error", reject);
        });
        return 0;
      },
    },
    {
      name: "client leaves mid-stream",
      expect: 200,
      async run(i) {
        const controller = new AbortController();
        const response = await fetch(`${proxy.url}/v1/chat/completions`, {
          method: "POST",
          headers: { ...headers, "x-bedrock-fetch-fault": "drip:20" },
          body: JSON.stringify({ model: "soak", stream: true, messages: text(i) }),
          signal: controller.signal,
        });
        await response.body!.getReader().read();
        controller.abort();
        return response.status;
      },
    },
  ];

  const tally = new Map<string, Map<string, number>>();
  const unexpected: string[] = [];
  const task = async (i: number) => {
    const scenario = scenarios[i % scenarios.length]!;
    let outcome: string;
    try {
      const status = await scenario.run(i);
      outcome = String(status);
      if (status !== scenario.expect) unexpected.push(`${scenario.name}: got ${status === -1 ? "a wrong answer" : status}, expected ${scenario.expect}`);
    } catch (error) {
      outcome = error instanceof Error ? error.name : "error";
      unexpected.push(`${scenario.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    const counts = tally.get(scenario.name) ?? new Map<string, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    tally.set(scenario.name, counts);
  };

  try {
    // Warm-up: honest traffic only, not counted.
    await drive(100, concurrency, (i) => scenarios[0]!.run(i).then(() => undefined));
    const before = memoryOf(proxy.child.pid!);
    const run = await drive(requests, concurrency, task);
    const after = memoryOf(proxy.child.pid!);
    // Still alive and still right afterwards.
    const last = await scenarios[0]!.run(-1).catch(() => -2);
    if (last !== 200 || proxy.child.exitCode !== null) unexpected.push(`after the run: the proxy answered ${last} to an honest request`);

    const mib = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "n/a" : `${n.toFixed(1)} MiB`);
    console.log(`\nbedrock-fetch proxy, hostile soak: ${requests} requests over ${scenarios.length} scenarios, ${concurrency} concurrent, ${run.seconds.toFixed(1)} s, Node ${process.version}\n`);
    for (const s of scenarios) {
      const counts = [...(tally.get(s.name) ?? new Map<string, number>())].map(([k, n]) => `${n}× ${k === "0" ? "reset" : k}`).join(", ");
      console.log(`  ${s.name.padEnd(26)} expect ${String(s.expect || "reset").padEnd(5)} got ${counts}`);
    }
    const growth = (after.peak ?? NaN) - (before.peak ?? NaN);
    console.log(`\nproxy process RSS      after warm-up ${mib(before.rss)} (peak so far ${mib(before.peak)}), peak during the run ${mib(after.peak)}, now ${mib(after.rss)}`);
    console.log(`peak growth            ${mib(growth)} (budget 256 MiB)`);
    for (const u of [...new Set(unexpected)].slice(0, 10)) console.log(`  unexpected: ${u}`);
    console.log(unexpected.length === 0 ? "\nunexpected answers: 0" : `\nunexpected answers: ${unexpected.length}`);
    process.exitCode = unexpected.length === 0 && growth < 256 ? 0 : 1;
  } finally {
    proxy.child.kill("SIGTERM");
    emulator.child.kill("SIGTERM");
    media.closeAllConnections();
    broken.closeAllConnections();
    media.close();
    broken.close();
    await rm(dir, { recursive: true, force: true });
  }
}
