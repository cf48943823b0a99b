/**
 * Bundle budget: what a browser app ships for one call, bundled with esbuild (bundle, minify, ESM, platform browser)
 * and gzipped at level 9. The streamed Converse chat through the raw runtime must stay within 10 KB and the whole
 * `bedrock-fetch` entry within 30 KB; no browser bundle may import `node:*` or reference `Buffer` or `process.`.
 * Over budget, the failure lists the largest inputs (esbuild metafile) so the cause is named, not guessed.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundle, byDirectory, ENTRIES, kb, nodeReferences, type BundleSize } from "./bundle";

/** Budgets are in kilobytes of 1,000 bytes. */
const KB = 1000;

/**
 * Entry file → the budget in gzipped bytes (undefined: measured and reported, not budgeted), and a ceiling:
 * the size measured when the ceiling was last set, plus a little, so that no change grows a bundle unnoticed.
 */
const CASES: { name: string; file: string; budget?: number; ceiling: number }[] = [
  // Ceilings last set after the size pass of 2026-11-25 (converse 13.7 -> 11.3 KB, whole entry 46.6 -> 41.8 KB):
  // each is the measured size plus at most 0.1 KB. Then +0.1 KB on the entries with the family mappers: streamed
  // thinking blocks with their signatures (+~115 B gzipped). Then raised on 2026-12-02 to the measured sizes (+ at
  // most 0.05 KB) for hostile input and stalled peers: the transport's total deadline, body caps, redirect refusal
  // and secret redaction (+1.2 KB on every entry); the remote-media policy (+2.5 KB) and the structural check of
  // every chat, embedding and image param (+0.9 KB) on the OpenAI-shaped entries; the credential providers'
  // deadlines, caps and redaction (+0.6 KB) on the whole entry.
  { name: "streamed Converse chat (runtime.converseStream)", file: "converse-stream.ts", budget: 10 * KB, ceiling: 12.53 * KB },
  { name: "streamed chat (completion, stream: true)", file: "completion-stream.ts", ceiling: 42.0 * KB },
  { name: "streamed native Anthropic invoke", file: "anthropic-invoke-stream.ts", ceiling: 42.05 * KB },
  { name: "embedding", file: "embedding.ts", ceiling: 41.95 * KB },
  { name: "whole `bedrock-fetch` entry", file: "whole-entry.ts", budget: 30 * KB, ceiling: 47.2 * KB },
];

/**
 * Budgets not met; issue 9 is blocked on them. Measured 2026-11-25 by rewriting the minified bundles' string
 * literals (TypeScript's parser finds them): with every one of them emptied, the streamed Converse chat would still
 * be 9.4 KB and the whole entry 34.5 KB, so messages are not where the bytes are. The Converse chat's code includes
 * the JavaScript SHA-256/HMAC (~0.84 KB) that signs small requests several times faster than WebCrypto round trips;
 * the whole entry's is mostly the model-family mappers and credential providers. `it.fails` keeps each budget in the
 * suite as a known failure: it turns red the moment a bundle meets its budget, and must then become a plain `it`.
 * Nothing here lowers the bar: the budget values are the issue's.
 */
const OPEN_BUDGETS: ReadonlySet<string> = new Set(["converse-stream.ts", "whole-entry.ts"]);

const sizes = new Map<string, BundleSize>();

beforeAll(async () => {
  for (const c of CASES) sizes.set(c.file, await bundle(join(ENTRIES, c.file)));
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
      const open = OPEN_BUDGETS.has(c.file);
      (open ? it.fails : it)(`${c.name} is at most ${kb(budget)} gzipped${open ? " (not met: issue 9 blocked on it)" : ""}`, () => {
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
