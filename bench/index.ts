/**
 * `npm run bench`: every benchmark, side by side with its peers, then bench/RESULTS.md and bench/chart.svg from
 * that one run. Pass names to run a subset without writing the results: `npm run bench -- sigv4 cpu`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { machine, renderChart, renderMarkdown, type Section } from "./report";

const suites: Record<string, () => Promise<Section[]>> = {
  size: async () => [], // bundle sizes are measured below, with the results; listed so `-- size` is a valid name
  "cold-import": () =>
    import("./cold-import").then(async (m) => {
      const c = await m.run();
      return [{ label: "Cold import in a fresh node process", comparison: c, figure: "ms", skipped: c.skipped }];
    }),
  cpu: () =>
    import("./cpu").then(async (m) => {
      const [plain, streamed] = await m.run();
      return [
        { label: "CPU per request, non-streamed chat", comparison: plain!.comparison, figure: "cpu-us", notes: plain!.notes },
        { label: "CPU per request, streamed chat", comparison: streamed!.comparison, figure: "cpu-us", notes: streamed!.notes },
      ];
    }),
  sigv4: () =>
    import("./sigv4").then(async (m) => {
      const [small, large] = await m.run();
      return [
        { label: "SigV4 signing, 1 KB body", comparison: small!, figure: "rate" },
        { label: "SigV4 signing, 100 KB body", comparison: large!, figure: "rate" },
      ];
    }),
  "event-stream": () =>
    import("./event-stream").then(async (m) => {
      const [realistic, framing] = await m.run();
      return [
        { label: "Event-stream decoding to model events", comparison: realistic!, figure: "rate" },
        { label: "Event-stream framing only", comparison: framing!, figure: "rate" },
      ];
    }),
};

const METHOD = [
  "Every contender runs in the same process as its peers (cold import: in fresh processes launched from this one), " +
    "in interleaved rounds whose order rotates each round, after a warm-up; each figure is the median over rounds and " +
    "its spread the interquartile range over the median. Ratios compare medians from the same run.",
  "**Bundle size**: `npm run size` — the same streamed chat bundled by esbuild for the browser and gzipped at level 9.",
  "**Cold import**: 15 rounds; each run is a fresh `node` process timing `await import(...)` of the package entry " +
    "(Node's own start-up excluded). Ours is `dist/index.js`; the AI SDK row imports `ai` and `@ai-sdk/amazon-bedrock`.",
  "**CPU per request**: `process.cpuUsage()` over batches of 100 sequential requests, 11 rounds. One in-process emulator " +
    "(`createEmulator({ verifyAuth: false })`, so no signature checking is billed to anyone) serves every contender " +
    "without sockets: it is bedrock-fetch's injected `fetch`; the AWS SDK v3 client reaches it through a custom " +
    "`requestHandler` that converts the SDK's HttpRequest to a web Request and hands back the web Response's status, " +
    "headers and body stream (the SDK still serializes, signs, deserializes and decodes the event stream itself); the " +
    "bare fetch floor posts unsigned JSON the same way and reads the body (`res.json()`, or every byte of the stream " +
    "undecoded). The first row is the raw operation (`runtime.converse`/`converseStream`), the same call the SDK makes; " +
    "`completion()` adds the OpenAI mapping. The same prompt gets the same answer (~35 tokens; ~40 event-stream frames when streamed). All CPU in the " +
    "process counts, including the emulator's share and GC, so the floor row is the emulator's and the web Response's " +
    "cost and the notes give each client's CPU above it.",
  "**SigV4** and **event-stream**: `bench/sigv4.ts` and `bench/event-stream.ts` (their headers describe each contender).",
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in suites));
if (unknown.length > 0) {
  console.error(`Unknown suite ${unknown.join(", ")}; suites: ${Object.keys(suites).join(", ")}`);
  process.exit(1);
}

const started = performance.now();
const date = new Date();
const host = machine();
console.log(host);
const sections: Section[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  sections.push(...(await run()));
}
const { measureSizes, printSizes } = await import("../scripts/size");
const sizes = !wanted.length || wanted.includes("size") ? await measureSizes() : [];
if (sizes.length) printSizes(sizes);

if (wanted.length === 0) {
  const run = { date, machine: host, sections, sizes, method: METHOD, seconds: (performance.now() - started) / 1000 };
  const dir = fileURLToPath(new URL("./", import.meta.url));
  writeFileSync(`${dir}RESULTS.md`, renderMarkdown(run));
  writeFileSync(`${dir}chart.svg`, renderChart(run));
  console.log(`\nWrote bench/RESULTS.md and bench/chart.svg (${Math.round(run.seconds)} s).`);
} else {
  console.log("\n(A subset was run: bench/RESULTS.md and bench/chart.svg are only written by a full `npm run bench`.)");
}
