/**
 * Bundles one entry file the way a browser app would ship it (esbuild: bundle, minify, ESM, platform browser) and
 * measures it gzipped at level 9, or loads that very bundle to run it. Shared by the budget test
 * (test/bundle/budget.test.ts), the run test (test/bundle/run.test.ts) and `npm run size`.
 */
import { build, type Metafile } from "esbuild";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const ENTRIES = fileURLToPath(new URL("./entries/", import.meta.url));

export interface Input {
  /** Source path relative to the repository root (or `node_modules/...`). */
  path: string;
  /** Minified bytes this input contributes to the bundle (esbuild metafile `bytesInOutput`). */
  bytes: number;
}

export interface BundleSize {
  /** Minified bytes. */
  minified: number;
  /** Minified, then gzip level 9. */
  gzipped: number;
  code: string;
  /** Imports esbuild left external: only `node:*` ones can appear, and a browser bundle must have none. */
  externalImports: string[];
  /** Inputs by contribution, largest first. */
  inputs: Input[];
}

/** Bundles `entry` (a path) for the browser and measures it. `node:*` imports are kept external so they can be reported. */
export async function bundle(entry: string): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["node:*"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0]!;
  const meta: Metafile["outputs"][string] = Object.values(result.metafile.outputs)[0]!;
  return {
    minified: output.contents.length,
    gzipped: gzipSync(output.contents, { level: 9 }).length,
    code: output.text,
    externalImports: meta.imports.map((i) => i.path),
    inputs: Object.entries(meta.inputs)
      .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
      .filter((i) => i.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * Bundles `entry` as {@link bundle} does, writes the bundle to a temporary `.mjs` file and imports it: the module a
 * browser would run, byte for byte. The file is removed once imported.
 */
export async function importBundle(entry: string): Promise<{ size: BundleSize; module: Record<string, unknown> }> {
  const size = await bundle(entry);
  const dir = await mkdtemp(join(tmpdir(), "bedrock-fetch-bundle-"));
  try {
    const file = join(dir, "bundle.mjs");
    await writeFile(file, size.code);
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
    return { size, module };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Minified bytes per directory (`src/families`, `node_modules/@smithy/core`), largest first. */
export function byDirectory(inputs: Input[]): Input[] {
  const dirs = new Map<string, number>();
  for (const { path, bytes } of inputs) {
    const parts = path.split("/");
    const nm = parts.indexOf("node_modules");
    const key =
      nm >= 0
        ? parts.slice(0, nm + (parts[nm + 1]?.startsWith("@") ? 3 : 2)).join("/").replace(/^.*node_modules\//, "")
        : parts.length > 2
          ? parts.slice(0, 2).join("/")
          : path;
    dirs.set(key, (dirs.get(key) ?? 0) + bytes);
  }
  return [...dirs].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Kilobytes of 1,000 bytes, the unit the budgets and the README use. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

/** Browser-only checks: `node:` imports, `Buffer`, `process.` references. Returns the offending snippets. */
export function nodeReferences(b: BundleSize): string[] {
  const found = b.externalImports.filter((p) => p.startsWith("node:")).map((p) => `import "${p}"`);
  for (const m of b.code.matchAll(/.{0,40}(?:\bBuffer\b|\bprocess\.|["'`]node:).{0,40}/g)) found.push(m[0]);
  return found;
}
