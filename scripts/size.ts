/**
 * `npm run size`: what a browser app ships for one streamed chat call, ours next to its peers, each bundled the
 * same way (esbuild: bundle, minify, ESM, platform browser; gzip level 9). Entries are the fixed files in
 * test/bundle/entries/ (the same ones the budget test measures). A peer that is not installed gets a line saying so.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundle, byDirectory, ENTRIES, kb, ROOT } from "../test/bundle/bundle";

interface Row {
  name: string;
  file: string;
  /** Packages the entry needs; checked before bundling so that a missing peer is reported, not thrown. */
  needs?: string[];
}

const OURS: Row[] = [
  { name: "bedrock-fetch runtime.converseStream", file: "converse-stream.ts" },
  { name: "bedrock-fetch chatCompletion({ stream: true }), Converse", file: "chat-completion-converse.ts" },
  { name: "bedrock-fetch chatCompletion(…, { families: [anthropic] })", file: "chat-completion-anthropic.ts" },
  { name: "bedrock-fetch createEmbeddings(…, { families: [titanEmbeddings] })", file: "embedding-titan.ts" },
  { name: "bedrock-fetch createBedrock().completion({ stream: true })", file: "completion-stream.ts" },
  { name: "bedrock-fetch runtime.invokeModelWithResponseStream (Anthropic)", file: "anthropic-invoke-stream.ts" },
  { name: "bedrock-fetch createBedrock().embedding", file: "embedding.ts" },
  { name: "bedrock-fetch (whole entry)", file: "whole-entry.ts" },
];
const PEERS: Row[] = [
  { name: "@aws-sdk/client-bedrock-runtime ConverseStreamCommand", file: "peers/aws-sdk-converse-stream.ts", needs: ["@aws-sdk/client-bedrock-runtime"] },
  { name: "ai streamText + @ai-sdk/amazon-bedrock", file: "peers/ai-sdk-stream-text.js", needs: ["ai", "@ai-sdk/amazon-bedrock"] },
];

const installed = (pkg: string): boolean => existsSync(join(ROOT, "node_modules", pkg, "package.json"));

export interface SizeRow {
  name: string;
  minified?: number;
  gzipped?: number;
  missing?: string[];
}

/** Bundles every entry; rows of peers that are not installed carry `missing` instead of sizes. */
export async function measureSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const row of [...OURS, ...PEERS]) {
    const missing = (row.needs ?? []).filter((p) => !installed(p));
    if (missing.length > 0) {
      rows.push({ name: row.name, missing });
      continue;
    }
    const s = await bundle(join(ENTRIES, row.file));
    rows.push({ name: row.name, minified: s.minified, gzipped: s.gzipped });
  }
  return rows;
}

/** Prints the rows as a table, peers with their size as a multiple of our raw call's and of chatCompletion's. */
export function printSizes(rows: SizeRow[]): void {
  const ours = rows[0]!.gzipped!;
  const chat = rows[1]!.gzipped!;
  console.log("\nStreamed chat bundled for the browser (esbuild --bundle --minify --format=esm --platform=browser, gzip -9)\n");
  console.log(`  ${"".padEnd(66)} ${"minified".padStart(10)} ${"gzipped".padStart(10)}`);
  for (const r of rows) {
    if (r.missing) {
      console.log(`  ${r.name.padEnd(66)} not installed (npm i -D ${r.missing.join(" ")}) — skipped`);
      continue;
    }
    const ratio = r.name.startsWith("bedrock-fetch") ? "" : `   ${(r.gzipped! / ours).toFixed(1)}x the raw call, ${(r.gzipped! / chat).toFixed(1)}x chatCompletion`;
    console.log(`  ${r.name.padEnd(66)} ${kb(r.minified!).padStart(10)} ${kb(r.gzipped!).padStart(10)}${ratio}`);
  }
}

async function main(): Promise<void> {
  printSizes(await measureSizes());
  if (process.argv.includes("--why")) {
    const s = await bundle(join(ENTRIES, "converse-stream.ts"));
    console.log("\nWhat runtime.converseStream pulls in (minified bytes by directory, from the esbuild metafile):");
    for (const d of byDirectory(s.inputs)) console.log(`  ${String(d.bytes).padStart(7)} B  ${d.path}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
