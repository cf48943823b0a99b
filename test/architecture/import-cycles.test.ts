/**
 * No import cycles between the units of `src/`. A unit is a top-level folder (`sigv4/`, `families/`, `openai/`, ...)
 * or a file directly in `src/` (`errors.ts`, `stream.ts`, `bedrock.ts`, `runtime-client.ts`, `env.ts`, `index.ts`).
 * Imports go one way, as ../shared/DESIGN.md ("What runs where") lays the layers out, lowest first:
 *
 *   sigv4, event-stream              WebCrypto and typed arrays only
 *   transport                        over sigv4 and fetch
 *   runtime                          over transport and event-stream
 *   families                         pure mappers: data in, data out
 *   openai                           over families and runtime ("Data flows one way: openai → families + runtime →
 *                                    transport → sigv4 / fetch")
 *   credentials                      over transport (fetch) and sigv4
 *   proxy                            over openai
 *   emulator                         over sigv4, event-stream and families
 *   node, cli                        on top: they may import everything
 *
 * What both `openai/` and `families/` need (model-string parsing, the OpenAI types) sits below both, "so no folder
 * imports a folder that imports it back". Shared leaves (`errors.ts`, `internal/`) sit below everything that uses
 * them. Imports inside one unit may loop (the CLI's command table imports its commands, which import the table's types).
 *
 * When this fails, the message names the units in the loop and every import on each link: move what both sides
 * need below both, or turn the import around.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeCycles, importsOf, readImportGraph, unitCycles, unitOf, type ImportEdge } from "./import-graph";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("import graph of src/", () => {
  const graph = readImportGraph(ROOT);

  it("is read in full: every file of src/, and every relative import resolves to one of them", () => {
    // A walker that found nothing would pass the cycle check vacuously; src/ had 205 files and 874 imports when this was written.
    expect(graph.files.length).toBeGreaterThanOrEqual(150);
    expect(graph.edges.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(graph.edges.map((e) => e.kind));
    expect(kinds).toContain("import");
    expect(kinds).toContain("import type");
    expect(kinds).toContain("export from");
    expect(graph.unresolved.map((u) => `${u.from}:${u.line} "${u.specifier}"`)).toEqual([]);
    const units = new Set(graph.files.map(unitOf));
    for (const unit of ["sigv4", "event-stream", "transport", "runtime", "families", "openai", "index.ts"]) {
      expect(units).toContain(unit);
    }
  });

  it("has no cycle between units (top-level folders and the files directly in src/)", () => {
    const cycles = unitCycles(graph.edges);
    expect(cycles.length, `\n${describeCycles(cycles)}\n`).toBe(0);
  });
});

describe("import graph reader", () => {
  it("finds static, type-only, re-export, dynamic and type-position imports, not those in comments or strings", () => {
    const source = [
      `import { a } from "./a";`,
      `import type { B } from "../b";`,
      `import "./side-effect";`,
      `export { c } from "./c";`,
      `export type { D } from "./d";`,
      `export * from "./e";`,
      `// import { f } from "./commented";`,
      `const text = 'import { g } from "./in-a-string"';`,
      `const h = await import("./h");`,
      `const i = await import(name);`,
      `type J = import("./j").J;`,
      `import k = require("./k");`,
      `import { l } from "node:fs";`,
    ].join("\n");
    expect(importsOf("x.ts", source)).toEqual([
      { specifier: "./a", kind: "import", line: 1 },
      { specifier: "../b", kind: "import type", line: 2 },
      { specifier: "./side-effect", kind: "import", line: 3 },
      { specifier: "./c", kind: "export from", line: 4 },
      { specifier: "./d", kind: "export from", line: 5 },
      { specifier: "./e", kind: "export from", line: 6 },
      { specifier: "./h", kind: "import()", line: 9 },
      { specifier: "./j", kind: "import() type", line: 11 },
      { specifier: "./k", kind: "import = require", line: 12 },
      { specifier: "node:fs", kind: "import", line: 13 },
    ]);
  });

  it("maps a file to its top-level folder under src/, or to itself when it sits directly in src/", () => {
    expect(unitOf("src/families/images/plan.ts")).toBe("families");
    expect(unitOf("src/openai/chat.ts")).toBe("openai");
    expect(unitOf("src/errors.ts")).toBe("errors.ts");
  });

  const edge = (from: string, to: string, line = 1): ImportEdge => ({ from, to, specifier: `./${to}`, kind: "import", line });

  it("reports a loop through three folders with the imports on each link, and allows loops inside a folder", () => {
    const edges = [
      edge("src/a/one.ts", "src/b/two.ts", 3),
      edge("src/b/two.ts", "src/c/three.ts", 4),
      edge("src/c/three.ts", "src/a/four.ts", 5),
      edge("src/c/three.ts", "src/a/one.ts", 6),
      edge("src/a/one.ts", "src/a/four.ts"),
      edge("src/a/four.ts", "src/a/one.ts"),
      edge("src/d/x.ts", "src/a/one.ts"),
      edge("src/index.ts", "src/d/x.ts"),
    ];
    const cycles = unitCycles(edges);
    expect(cycles.map((c) => c.units)).toEqual([["a", "b", "c"]]);
    expect(cycles[0]!.loops).toEqual([["a", "b", "c", "a"]]);
    expect(cycles[0]!.links.map((l) => [l.from, l.to, l.imports.length])).toEqual([
      ["a", "b", 1],
      ["b", "c", 1],
      ["c", "a", 2],
    ]);
    const message = describeCycles(cycles);
    expect(message).toContain("Import cycle between a, b, c:\n  loop: a → b → c → a\n");
    expect(message).toContain(`src/c/three.ts:6  import "./src/a/one.ts"  → src/a/one.ts`);
  });

  it("names each loop in a group once, read from its smallest unit", () => {
    const [cycle, ...rest] = unitCycles([
      edge("src/openai/x.ts", "src/families/x.ts"),
      edge("src/families/x.ts", "src/openai/x.ts"),
      edge("src/openai/y.ts", "src/bedrock.ts"),
      edge("src/bedrock.ts", "src/openai/x.ts"),
    ]);
    expect(rest).toEqual([]);
    expect(cycle!.units).toEqual(["bedrock.ts", "families", "openai"]);
    expect(cycle!.loops).toEqual([
      ["bedrock.ts", "openai", "bedrock.ts"],
      ["families", "openai", "families"],
    ]);
  });

  it("finds two separate loops, and none in a graph that only goes down", () => {
    const loops = unitCycles([
      edge("src/a/x.ts", "src/b/x.ts"),
      edge("src/b/x.ts", "src/a/x.ts"),
      edge("src/c/x.ts", "src/d.ts"),
      edge("src/d.ts", "src/c/y.ts"),
    ]);
    expect(loops.map((c) => c.units)).toEqual([["a", "b"], ["c", "d.ts"]]);
    expect(unitCycles([edge("src/a/x.ts", "src/b/x.ts"), edge("src/b/x.ts", "src/c/x.ts"), edge("src/a/x.ts", "src/c/x.ts")])).toEqual([]);
  });
});
