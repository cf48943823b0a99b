import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const NODE_IMPORT = /(?:from\s*["']|import\s*\(\s*["']|require\s*\(\s*["'])(node:[\w/]+|fs|path|os|child_process|crypto|http|https|net|url|buffer|process)["']/;

describe("src/credentials and src/aws-emulators run without Node", () => {
  for (const dir of ["src/credentials", "src/aws-emulators"]) {
    it(`${dir}/** imports nothing from node: and uses no Node globals`, () => {
      const sources = files(join(ROOT, dir));
      expect(sources.length).toBeGreaterThan(5);
      for (const file of sources) {
        const text = readFileSync(file, "utf8");
        const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
        expect(NODE_IMPORT.exec(code)?.[0], relative(ROOT, file)).toBeUndefined();
        expect(/\bBuffer\b|\bprocess\.|\brequire\(/.exec(code)?.[0], relative(ROOT, file)).toBeUndefined();
        // Imports stay inside the web-standard part of src (never src/node or src/cli).
        for (const m of code.matchAll(/from\s*["'](\.[^"']+)["']/g)) {
          expect(m[1]!, relative(ROOT, file)).not.toMatch(/\/(node|cli)(\/|$)/);
        }
      }
    });

    it(`${dir}/index.ts bundles for platform=browser with esbuild`, async () => {
      const result = await build({
        entryPoints: [join(ROOT, dir, "index.ts")],
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      expect(result.errors).toEqual([]);
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.every((p) => p.startsWith("src/"))).toBe(true);
      expect(inputs.some((p) => p.includes("node_modules") || p.startsWith("node:"))).toBe(false);
      const output = result.outputFiles[0]!.text;
      expect(output).not.toMatch(/from\s*["']node:|require\(["']/);
    });
  }
});
