/**
 * Bundle budget: what a browser app ships for one call, bundled with esbuild (bundle, minify, ESM, platform browser)
 * and gzipped at level 9. Each budgeted entry is also run against the emulator (test/bundle/run.test.ts), so a size
 * here is the size of a bundle that works. No browser bundle may import `node:*` or reference `Buffer` or `process.`.
 * Over budget, the failure lists the largest inputs (esbuild metafile) so the cause is named, not guessed.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundle, byDirectory, ENTRIES, kb, nodeReferences, type BundleSize } from "./bundle";

/** Kilobytes of 1,000 bytes (the ceilings, and the first budgets) and kibibytes of 1,024 (the later budgets). */
const KB = 1000;
const KiB = 1024;

interface Case {
  name: string;
  file: string;
  /** A budget in gzipped bytes, when the entry has one. */
  budget?: number;
  /** Why the budget is not met yet (see OPEN below); the budget is then a known failure. */
  open?: keyof typeof OPEN;
  /** The size measured when the ceiling was last set, plus a little, so that no change grows a bundle unnoticed. */
  ceiling: number;
}

/**
 * Budgets not met yet, each with the measured reason. `it.fails` keeps each budget in the suite as a known failure:
 * it turns red the moment a bundle meets its budget, and must then become a plain `it`. Nothing here lowers the bar.
 */
const OPEN = {
  // Measured 2026-11-25 by rewriting the minified bundles' string literals (TypeScript's parser finds them): with
  // every one emptied, the raw Converse stream would still be 9.4 KB and the whole entry 34.5 KB. The raw call carries
  // the JavaScript SHA-256/HMAC (~0.84 KB) that signs small requests several times faster than WebCrypto round trips,
  // and since 2026-12-02 the transport's deadline, body caps, redirect refusal and redaction (+1.2 KB).
  raw: "raw",
  // The whole entry holds every family, the credential providers and the one-shot calls (see `raw`); since
  // 2026-12-02 also the remote-media policy, the structural param check and the credential deadlines (+5.3 KB).
  whole: "whole",
  // chatCompletion over Converse, measured 2026-12-02: 12.5 KB of it is the raw call the budget of `raw` is about;
  // on top, the OpenAI mapping of Converse (request, answer, stream: ~6.3 KB), the structural param check (~0.9 KB),
  // the invoke operations and the family catalog that its `families` option may use (~1.4 KB), and the chunker.
  // Meeting 14 KiB would leave under 2 KB for all of the OpenAI mapping.
  modular: "modular",
  // createBedrock().completion and the whole entry hold every family, the remote-media downloader (+2.5 KB) and the
  // structural param check (+0.9 KB) added for hostile input after this budget was set, and the family values and
  // catalog (+0.9 KB) that make the small path possible.
  everything: "everything",
} as const;

const CASES: Case[] = [
  // Ceilings last set on 2026-12-02 to the measured sizes plus at most 0.05 KB. History: the size pass of 2026-11-25
  // (converse 13.7 -> 11.3 KB, whole entry 46.6 -> 41.8 KB); streamed thinking blocks (+~115 B); hostile input and
  // stalled peers (transport +1.2 KB on every entry, remote-media policy +2.5 KB and param check +0.9 KB on the
  // OpenAI-shaped entries, credential deadlines +0.6 KB on the whole entry); the modular OpenAI layer (family values
  // and catalog +0.9 KB on the entries with every family); connection errors that name the endpoint and the system's
  // reason, `$metadata` from the answers and the opt-in for plain http off loopback (+0.5 to +0.7 KB on every entry,
  // +1.3 KB on the whole entry with the LiteLLM key checks); the invoke route's Bedrock settings as headers (+0.35 KB
  // on the chat entries); rerank and chat token counting (+2.5 KB on the whole entry only).
  { name: "streamed Converse chat (runtime.converseStream)", file: "converse-stream.ts", budget: 10 * KB, open: "raw", ceiling: 13.15 * KB },
  { name: "streamed chat (chatCompletion over Converse)", file: "chat-completion-converse.ts", budget: 14 * KiB, open: "modular", ceiling: 24.45 * KB },
  { name: "streamed chat (chatCompletion, invoke/ with anthropic)", file: "chat-completion-anthropic.ts", budget: 16 * KiB, open: "modular", ceiling: 26.85 * KB },
  { name: "embedding (createEmbeddings with titanEmbeddings)", file: "embedding-titan.ts", budget: 12 * KiB, open: "modular", ceiling: 14.75 * KB },
  { name: "streamed chat (createBedrock().completion)", file: "completion-stream.ts", budget: 37 * KiB, open: "everything", ceiling: 43.9 * KB },
  { name: "streamed native Anthropic invoke", file: "anthropic-invoke-stream.ts", ceiling: 43.95 * KB },
  { name: "embedding (createBedrock().embedding)", file: "embedding.ts", ceiling: 43.85 * KB },
  { name: "whole `bedrock-fetch` entry", file: "whole-entry.ts", budget: 30 * KB, open: "whole", ceiling: 52.05 * KB },
  { name: "whole `bedrock-fetch` entry, no growth", file: "whole-entry.ts", budget: 42 * KiB, open: "everything", ceiling: 52.05 * KB },
];

const sizes = new Map<string, BundleSize>();

beforeAll(async () => {
  for (const c of CASES) if (!sizes.has(c.file)) sizes.set(c.file, await bundle(join(ENTRIES, c.file)));
  const rows = CASES.map((c) => {
    const s = sizes.get(c.file)!;
    const budget = c.budget === undefined ? "" : ` (budget ${kb(c.budget)})`;
    return `  ${c.name.padEnd(50)} ${kb(s.minified).padStart(9)} minified ${kb(s.gzipped).padStart(8)} gzipped${budget}`;
  });
  console.log(`browser bundles (esbuild, minified, gzip -9):\n${rows.join("\n")}`);
}, 120_000);

function overBudgetReport(s: BundleSize, budget: number): string {
  const top = s.inputs.slice(0, 15).map((i) => `    ${String(i.bytes).padStart(7)} B  ${i.path}`);
  const dirs = byDirectory(s.inputs).slice(0, 8).map((i) => `    ${String(i.bytes).padStart(7)} B  ${i.path}`);
  return (
    `${kb(s.gzipped)} gzipped (${s.gzipped} B) is over the ${kb(budget)} budget by ${s.gzipped - budget} B.\n` +
    `  Minified bytes by directory:\n${dirs.join("\n")}\n  Largest inputs:\n${top.join("\n")}`
  );
}

describe("bundle budget (browser, minified, gzip -9)", () => {
  for (const c of CASES) {
    if (c.budget !== undefined) {
      const budget = c.budget;
      const open = c.open !== undefined;
      (open ? it.fails : it)(`${c.name} is at most ${kb(budget)} gzipped${open ? " (not met yet)" : ""}`, () => {
        const s = sizes.get(c.file)!;
        expect(s.gzipped, s.gzipped > budget ? overBudgetReport(s, budget) : "").toBeLessThanOrEqual(budget);
      });
    }
    it(`${c.name} does not grow past ${kb(c.ceiling)} gzipped`, () => {
      const s = sizes.get(c.file)!;
      expect(s.gzipped, s.gzipped > c.ceiling ? overBudgetReport(s, c.ceiling) : "").toBeLessThanOrEqual(c.ceiling);
    });
    it(`${c.name} has no node: import, Buffer or process. reference`, () => {
      expect(nodeReferences(sizes.get(c.file)!)).toEqual([]);
    });
  }
});
