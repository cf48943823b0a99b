/**
 * The import graph of `src/`, read with the TypeScript parser (not regular expressions, so comments and strings are
 * never taken for imports), and the cycles between its units. Used by test/architecture/import-cycles.test.ts.
 *
 * An import is any of: `import ... from "x"`, `import type ... from "x"`, `import "x"`, `export ... from "x"`,
 * `export type ... from "x"`, a dynamic `import("x")` with a literal specifier, a type-position `import("x").T`,
 * and `import x = require("x")`. Relative specifiers resolve as the compiler's `moduleResolution: "Bundler"` does
 * for this project: the path itself, `.ts`, then `/index.ts` (https://www.typescriptlang.org/docs/handbook/modules/reference.html#relative-file-path-resolution).
 * Package and `node:` specifiers are not part of the graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export type ImportKind = "import" | "import type" | "export from" | "import()" | "import() type" | "import = require";

/** One import statement, from one file of `src/` to another. */
export interface ImportEdge {
  /** Importing file, relative to the repository root with `/` separators (`src/openai/chat.ts`). */
  from: string;
  /** Imported file, the same way. */
  to: string;
  specifier: string;
  kind: ImportKind;
  /** 1-based line of the import in `from`. */
  line: number;
}

/** An import whose relative specifier names no file. */
export interface Unresolved {
  from: string;
  specifier: string;
  line: number;
}

export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
  unresolved: Unresolved[];
}

/** Every module specifier in `source`, with the kind of import and its line. */
export function importsOf(fileName: string, source: string): { specifier: string; kind: ImportKind; line: number }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; kind: ImportKind; line: number }[] = [];
  const add = (literal: ts.Node, kind: ImportKind): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = file.getLineAndCharacterOfPosition(literal.getStart(file)).line + 1;
    found.push({ specifier: literal.text, kind, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ? "import type" : "import");
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, "export from");
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, "import = require");
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], "import()");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, "import() type");
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFilesUnder(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** The file a relative specifier names, or undefined. `./x.js` also finds `./x.ts`, as the compiler does. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, join(base, "index.ts")];
  if (/\.(?:m|c)?js$/.test(base)) candidates.push(base.replace(/\.(m|c)?js$/, ".$1ts"));
  return candidates.find(isFile);
}

const toPosix = (path: string): string => path.split(sep).join("/");

/** Reads every `.ts` file under `root/src` and the imports between them. */
export function readImportGraph(root: string): ImportGraph {
  const src = join(root, "src");
  const paths = tsFilesUnder(src);
  const files = paths.map((p) => toPosix(relative(root, p)));
  const edges: ImportEdge[] = [];
  const unresolved: Unresolved[] = [];
  for (const path of paths) {
    const from = toPosix(relative(root, path));
    for (const { specifier, kind, line } of importsOf(path, readFileSync(path, "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const target = resolveRelative(path, specifier);
      if (target === undefined) unresolved.push({ from, specifier, line });
      // A file outside src/ (package.json, say) is not a unit of the library.
      else if (!relative(src, target).startsWith("..")) edges.push({ from, to: toPosix(relative(root, target)), specifier, kind, line });
    }
  }
  return { files, edges, unresolved };
}

/**
 * The unit a file belongs to: its top-level folder under `src/` (`src/families/images/plan.ts` → `families`), or
 * for a file directly in `src/`, the file itself (`src/errors.ts` → `errors.ts`).
 */
export function unitOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] !== "src" || parts.length < 2) throw new Error(`not a file of src/: ${file}`);
  return parts[1]!;
}

/** A group of units that import one another in a loop, with every import between them. */
export interface UnitCycle {
  /** The units in the loop, sorted. */
  units: string[];
  /**
   * The loops to break: for each link, the shortest loop through it, first unit repeated at the end
   * (`["families", "openai", "families"]`); each loop once.
   */
  loops: string[][];
  /** Imports from one unit of the loop to another, grouped by `from → to` unit pair. */
  links: { from: string; to: string; imports: ImportEdge[] }[];
}

/**
 * Strongly connected components of the unit graph (Tarjan's algorithm) with more than one unit: each is a set of
 * folders where every one reaches every other through imports.
 */
export function unitCycles(edges: readonly ImportEdge[], unit: (file: string) => string = unitOf): UnitCycle[] {
  const next = new Map<string, Map<string, ImportEdge[]>>();
  for (const e of edges) {
    const a = unit(e.from);
    const b = unit(e.to);
    if (!next.has(a)) next.set(a, new Map());
    if (!next.has(b)) next.set(b, new Map());
    if (a === b) continue;
    const out = next.get(a)!;
    out.set(b, [...(out.get(b) ?? []), e]);
  }

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!.keys()) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);

  return components
    .filter((c) => c.length > 1)
    .map((c) => {
      const units = [...c].sort();
      const inside = new Set(units);
      const links = units.flatMap((from) =>
        [...next.get(from)!]
          .filter(([to]) => inside.has(to))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([to, imports]) => ({ from, to, imports })),
      );
      const neighbours = (u: string): string[] => [...next.get(u)!.keys()].filter((w) => inside.has(w)).sort();
      const loops = new Map<string, string[]>();
      for (const { from, to } of links) {
        const loop = [from, ...shortestPath(to, from, neighbours)];
        // The same loop read from another unit is one loop: keep its rotation that starts at its smallest unit.
        const ring = loop.slice(0, -1);
        const first = ring.indexOf([...ring].sort()[0]!);
        const rotated = [...ring.slice(first), ...ring.slice(0, first)];
        loops.set(rotated.join(" → "), [...rotated, rotated[0]!]);
      }
      return { units, loops: [...loops.values()], links };
    })
    .sort((a, b) => a.units[0]!.localeCompare(b.units[0]!));
}

/** Breadth-first: the shortest path from `start` to `goal`, both included. */
function shortestPath(start: string, goal: string, neighbours: (unit: string) => string[]): string[] {
  const parent = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length && !parent.has(goal); i++) {
    for (const w of neighbours(queue[i]!)) {
      if (parent.has(w)) continue;
      parent.set(w, queue[i]!);
      queue.push(w);
    }
  }
  const path = [goal];
  while (path[0] !== start) path.unshift(parent.get(path[0]!)!);
  return path;
}

/** A report of the cycles that says which imports to move. */
export function describeCycles(cycles: readonly UnitCycle[]): string {
  return cycles
    .map((c) => {
      const links = c.links.map(({ from, to, imports }) => {
        const lines = imports.map((e) => `    ${e.from}:${e.line}  ${e.kind} "${e.specifier}"  → ${e.to}`);
        return `  ${from} → ${to} (${imports.length} import${imports.length === 1 ? "" : "s"}):\n${lines.join("\n")}`;
      });
      const loops = c.loops.map((l) => `  loop: ${l.join(" → ")}`);
      return `Import cycle between ${c.units.join(", ")}:\n${loops.join("\n")}\n${links.join("\n")}`;
    })
    .join("\n\n");
}
