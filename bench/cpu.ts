/**
 * CPU time per request, side by side: a non-streamed and a streamed chat turn against the emulator, through
 * bedrock-fetch, through the AWS SDK v3 client, and through a bare `fetch` of the same response (the floor).
 *
 * Setup (the same for everyone, so the difference is client work only):
 * - One in-process emulator (`createEmulator({ verifyAuth: false })`): no sockets, and it does not spend CPU checking
 *   signatures, so a contender that signs (ours, the SDK) pays for its own signing and nothing of the server's.
 * - bedrock-fetch gets it as its `fetch`; the bare fetch calls it the same way with a plain unsigned JSON POST and
 *   reads the body (`res.json()`, or every byte of the event stream without decoding it).
 * - The SDK gets it through a `requestHandler` that turns the SDK's HttpRequest into a web Request and hands the SDK
 *   the web Response's status, headers and body stream: the SDK still does its own serialization, signing (SigV4 with
 *   its middleware stack), deserialization and event-stream decoding, but no HTTP/2 socket work, just as our `fetch`
 *   does no socket work.
 * - The first row is the raw operation (`runtime.converse`/`converseStream`), the same call the SDK makes; the
 *   OpenAI-shaped `completion()` row adds the mapping to and from OpenAI shapes.
 * - CPU is `process.cpuUsage()` (user + system) over a batch of sequential requests, divided by the batch size.
 *   Contenders run in interleaved rounds (the order rotates each round) and each figure is the median over rounds
 *   with its spread. Everything in the process counts, including the emulator's share and GC, so the bare fetch
 *   row is the cost of the emulator and the web Response; "overhead" is each client's CPU above that floor.
 */
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { HttpResponse, type HttpRequest as SdkHttpRequest } from "@smithy/protocol-http";
import { createBedrock } from "../src/index";
import { createEmulator, TEST_CREDENTIALS } from "../src/emulator/index";
import type { Comparison, Result } from "./harness";

const REGION = "us-east-1";
const BASE = `https://bedrock-runtime.${REGION}.amazonaws.com`;
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const TEXT = "Write one short paragraph about the water cycle for a class of ten-year-olds.";

const emulator = createEmulator({ verifyAuth: false });
const emulatorFetch: typeof fetch = (input, init) => emulator(input instanceof Request && init === undefined ? input : new Request(input, init));

/** The SDK's request handler, backed by the in-process emulator. */
const sdkHandler = {
  metadata: { handlerProtocol: "h2" },
  async handle(request: SdkHttpRequest): Promise<{ response: HttpResponse }> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) {
      for (const value of Array.isArray(v) ? v : [v]) if (value !== null && value !== undefined) query.append(k, value);
    }
    const q = query.size > 0 ? `?${query}` : "";
    const port = request.port ? `:${request.port}` : "";
    const response = await emulator(
      new Request(`${request.protocol}//${request.hostname}${port}${request.path}${q}`, {
        method: request.method,
        // HTTP/2 pseudo-headers (`:authority`) are not header names a web Request accepts.
        headers: Object.entries(request.headers).filter(([name]) => !name.startsWith(":")),
        body: request.body as BodyInit | null,
      }),
    );
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { response: new HttpResponse({ statusCode: response.status, reason: response.statusText, headers, body: response.body }) };
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
  destroy() {},
};

const ours = createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: emulatorFetch });
const sdk = new BedrockRuntimeClient({ region: REGION, credentials: TEST_CREDENTIALS, requestHandler: sdkHandler, maxAttempts: 1 });

const converseBody = { messages: [{ role: "user" as const, content: [{ text: TEXT }] }], inferenceConfig: { maxTokens: 256 } };
const EXPECTED = `Echo: ${TEXT.split(/\s+/).slice(0, 12).join(" ")}`;

function check(name: string, text: string): void {
  if (!text.startsWith(EXPECTED.slice(0, 20))) throw new Error(`${name}: unexpected answer ${JSON.stringify(text.slice(0, 80))}`);
}

type Contender = { name: string; run: () => Promise<void> };

const nonStreamed: Contender[] = [
  {
    name: "bedrock-fetch runtime.converse()",
    async run() {
      const r = await ours.runtime.converse({ modelId: MODEL, ...converseBody });
      const block = r.output?.message?.content?.[0] as { text?: string } | undefined;
      check(this.name, block?.text ?? "");
    },
  },
  {
    name: "bedrock-fetch completion()",
    async run() {
      const r = await ours.completion({ model: MODEL, messages: [{ role: "user", content: TEXT }], max_tokens: 256 });
      check(this.name, r.choices[0]!.message.content ?? "");
    },
  },
  {
    name: "AWS SDK v3 ConverseCommand",
    async run() {
      const r = await sdk.send(new ConverseCommand({ modelId: MODEL, ...converseBody }));
      check(this.name, r.output?.message?.content?.[0]?.text ?? "");
    },
  },
  {
    name: "bare fetch + res.json() (floor)",
    async run() {
      const res = await emulatorFetch(`${BASE}/model/${encodeURIComponent(MODEL)}/converse`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(converseBody),
      });
      const r = (await res.json()) as { output: { message: { content: { text: string }[] } } };
      check(this.name, r.output.message.content[0]!.text);
    },
  },
];

const streamed: Contender[] = [
  {
    name: "bedrock-fetch runtime.converseStream()",
    async run() {
      let text = "";
      const stream = await ours.runtime.converseStream({ modelId: MODEL, ...converseBody });
      for await (const event of stream) if (event.type === "contentBlockDelta" && "text" in event.data.delta) text += event.data.delta.text;
      check(this.name, text);
    },
  },
  {
    name: "bedrock-fetch completion({ stream: true })",
    async run() {
      let text = "";
      const stream = await ours.completion({ model: MODEL, messages: [{ role: "user", content: TEXT }], max_tokens: 256, stream: true });
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      check(this.name, text);
    },
  },
  {
    name: "AWS SDK v3 ConverseStreamCommand",
    async run() {
      let text = "";
      const r = await sdk.send(new ConverseStreamCommand({ modelId: MODEL, ...converseBody }));
      for await (const event of r.stream!) text += event.contentBlockDelta?.delta?.text ?? "";
      check(this.name, text);
    },
  },
  {
    name: "bare fetch, body read to the end (floor)",
    async run() {
      const res = await emulatorFetch(`${BASE}/model/${encodeURIComponent(MODEL)}/converse-stream`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(converseBody),
      });
      let bytes = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      if (res.status !== 200 || bytes < 1000) throw new Error(`bare stream: status ${res.status}, ${bytes} bytes`);
    },
  },
];

/** CPU microseconds per request for `batch` sequential requests. */
async function cpuPerRequest(c: Contender, batch: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i++) await c.run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / batch;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export interface CpuComparison {
  comparison: Comparison;
  /** One line per client: its CPU per request above the bare-fetch floor. */
  notes: string[];
}

/**
 * Interleaved rounds of `batch` requests per contender; the median CPU µs/request over rounds becomes
 * `opsPerSec` (requests per CPU-second) so that ratios read like the other suites'. The last contender is the floor.
 */
async function compareCpu(title: string, contenders: Contender[], rounds: number, batch: number): Promise<CpuComparison> {
  for (const c of contenders) await cpuPerRequest(c, batch); // warm-up, and a first check of every answer
  const samples = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + r) % contenders.length;
      samples[i]!.push(await cpuPerRequest(contenders[i]!, batch));
    }
  }
  const micros: number[] = [];
  const results: Result[] = contenders.map((c, i) => {
    const s = samples[i]!.sort((a, b) => a - b);
    const median = quantile(s, 0.5);
    micros.push(median);
    return { name: c.name, opsPerSec: 1e6 / median, spread: (quantile(s, 0.75) - quantile(s, 0.25)) / median };
  });
  const floor = micros.at(-1)!;
  const oursAbove = micros[0]! - floor;
  console.log(`\n${title}`);
  const notes: string[] = [];
  results.forEach((r, i) => {
    const ratio = i === 0 ? "(ours)" : `${(micros[i]! / micros[0]!).toFixed(2)}x ours`;
    console.log(`  ${r.name.padEnd(44)} ${micros[i]!.toFixed(0).padStart(6)} µs CPU/req ±${(r.spread * 100).toFixed(1)}%  ${ratio}`);
    if (i < results.length - 1) {
      const above = micros[i]! - floor;
      const vs = i === 0 ? "" : ` (${(above / oursAbove).toFixed(2)}× the first row's)`;
      notes.push(`- ${r.name}: ${above.toFixed(0)} µs CPU per request above the bare fetch${vs}`);
    }
  });
  for (const n of notes) console.log(`  ${n}`);
  return { comparison: { title, unit: "req", results }, notes };
}

export async function run(options: { rounds?: number; batch?: number } = {}): Promise<CpuComparison[]> {
  const rounds = options.rounds ?? 11;
  const batch = options.batch ?? 100;
  try {
    return [
      await compareCpu("CPU per non-streamed chat request (Converse) against the in-process emulator", nonStreamed, rounds, batch),
      await compareCpu("CPU per streamed chat request (ConverseStream, read to the end) against the in-process emulator", streamed, rounds, batch),
    ];
  } finally {
    sdk.destroy();
  }
}
