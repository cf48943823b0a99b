// Proves that every subpath in package.json "exports" resolves and loads in both module systems from the built
// package (through Node's self-reference by package name), that its type declarations exist, and that publint
// finds nothing wrong with the package layout.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { publint } from "publint";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
const require = createRequire(resolve(root, "package.json"));
const failures = [];

for (const [subpath, conditions] of Object.entries(pkg.exports)) {
  if (subpath === "./package.json") continue;
  const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  for (const kind of ["import", "require"]) {
    const target = conditions[kind];
    const types = target?.types;
    const file = target?.default;
    if (!file || !types) failures.push(`${subpath}: "${kind}" needs both "types" and "default"`);
    for (const f of [file, types]) if (f && !existsSync(resolve(root, f))) failures.push(`${subpath}: ${f} is missing`);
  }
  try {
    const esm = await import(specifier);
    if (Object.keys(esm).length === 0) failures.push(`${specifier}: ESM import has no exports`);
    const cjs = require(specifier);
    if (Object.keys(cjs).length === 0) failures.push(`${specifier}: require() has no exports`);
    const missing = Object.keys(esm).filter((k) => k !== "default" && !(k in cjs));
    if (missing.length) failures.push(`${specifier}: CJS lacks ${missing.join(", ")}`);
  } catch (error) {
    failures.push(`${specifier}: ${error.message}`);
  }
}

const { messages } = await publint({ pkgDir: root, level: "warning", strict: true });
for (const m of messages) failures.push(`publint ${m.type} ${m.code}: ${JSON.stringify(m.args)} at ${m.path.join(".")}`);

if (failures.length) {
  console.error(`exports check failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`exports check: ${Object.keys(pkg.exports).length} subpaths load as ESM and CJS with types; publint clean`);
