/**
 * Cold import time, side by side: each run is a fresh `node` process that imports one package entry and reports how
 * long the `import()` took (performance.now() around it, so Node's own start-up is not counted). Runs are
 * interleaved (the order rotates each round) and each figure is the median over rounds with its spread. The OS file
 * cache is warm for everyone after the first round; no compile cache is enabled.
 *
 * Ours is imported from dist/ (built with `npm run build` first if missing), from a private copy so that a build
 * running at the same time cannot delete the files mid-run.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Comparison, Result } from "./harness";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

interface Target {
  name: string;
  /** Module specifiers imported one after the other (bare ones resolve from the repository root). */
  specifiers: string[];
  /** Packages that must be installed for this row to run. */
  needs: string[];
}

const installed = (pkg: string): boolean => existsSync(join(ROOT, "node_modules", pkg, "package.json"));

function ourCopy(): { url: string; cleanup: () => void } {
  if (!existsSync(join(ROOT, "dist/index.js"))) {
    console.log("dist/ is missing: running npm run build");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-dist-"));
  cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return { url: pathToFileURL(join(dir, "dist/index.js")).href, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Milliseconds one fresh process spends in `import()` of the target's specifiers. */
function importOnce(t: Target): number {
  const code =
    `const t0 = performance.now();` +
    t.specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("") +
    `process.stdout.write(String(performance.now() - t0));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
  const ms = Number(child.stdout);
  if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`${t.name}: import failed\n${child.stderr}`);
  return ms;
}

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export interface ImportComparison extends Comparison {
  /** Rows that were not run, with the packages they need. */
  skipped: { name: string; missing: string[] }[];
}

export async function run(options: { rounds?: number } = {}): Promise<ImportComparison> {
  const rounds = options.rounds ?? 15;
  const ours = ourCopy();
  try {
    const all: Target[] = [
      { name: "bedrock-fetch (dist/index.js)", specifiers: [ours.url], needs: [] },
      { name: "@aws-sdk/client-bedrock-runtime", specifiers: ["@aws-sdk/client-bedrock-runtime"], needs: ["@aws-sdk/client-bedrock-runtime"] },
      { name: "ai + @ai-sdk/amazon-bedrock", specifiers: ["ai", "@ai-sdk/amazon-bedrock"], needs: ["ai", "@ai-sdk/amazon-bedrock"] },
      { name: "aws4fetch (signing only)", specifiers: ["aws4fetch"], needs: ["aws4fetch"] },
      { name: "an empty ES module (floor)", specifiers: ["data:text/javascript,export{}"], needs: [] },
    ];
    const skipped = all.map((t) => ({ name: t.name, missing: t.needs.filter((p) => !installed(p)) })).filter((s) => s.missing.length > 0);
    const targets = all.filter((t) => !skipped.some((s) => s.name === t.name));
    for (const t of targets) importOnce(t); // warm the OS file cache for everyone
    const samples = targets.map(() => [] as number[]);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < targets.length; k++) {
        const i = (k + r) % targets.length;
        samples[i]!.push(importOnce(targets[i]!));
      }
    }
    const results: Result[] = targets.map((t, i) => {
      const s = samples[i]!.sort((a, b) => a - b);
      const median = quantile(s, 0.5);
      return { name: t.name, opsPerSec: 1000 / median, spread: (quantile(s, 0.75) - quantile(s, 0.25)) / median };
    });
    const comparison: ImportComparison = { title: `Cold import in a fresh node process (median of ${rounds})`, unit: "imports", results, skipped };
    console.log(`\n${comparison.title}`);
    const oursMs = 1000 / results[0]!.opsPerSec;
    for (const r of results) {
      const ms = 1000 / r.opsPerSec;
      const ratio = r === results[0] ? "(ours)" : `${(ms / oursMs).toFixed(2)}x ours`;
      console.log(`  ${r.name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms ±${(r.spread * 100).toFixed(1)}%  ${ratio}`);
    }
    for (const s of skipped) console.log(`  ${s.name.padEnd(44)} not installed (npm i -D ${s.missing.join(" ")}) — skipped`);
    return comparison;
  } finally {
    ours.cleanup();
  }
}
