// Builds dist/ with tsup and stamps it with a digest of everything the build reads, so that a build can be skipped
// when nothing changed. Usage: `node scripts/build.mjs [--if-stale | --check]`.
//
//   (no flag)    always build (npm run build)
//   --if-stale   build only when dist/ is missing or was built from other sources (npm test, and `prepare`, which
//                npm runs after `npm install` / `npm ci` in a checkout, before `npm pack`, and when it installs the
//                package from a git URL or a local folder)
//   --check      build nothing; exit 0 when dist/ is up to date, 1 otherwise
//
// BEDROCK_FETCH_PREBUILT_DIST may name a dist/ folder built elsewhere: when its stamp equals this checkout's digest
// (same sources, configuration, lockfile and build tools), it is copied instead of building again.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const STAMP = ".build-stamp";
const INPUTS = ["src", "package.json", "package-lock.json", "tsconfig.json", "tsup.config.ts", "scripts/build.mjs"];
const TOOLS = ["tsup", "typescript", "esbuild", "rollup"];

/** `path` if it is a file, else every file under it, in a stable order. */
function files(path) {
  if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => files(join(path, entry.name)));
}

/** Digest of the build's inputs: the sources, the configuration, the lockfile and the build tools' versions. */
export function inputDigest() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(`${relative(root, file)}\0`);
      hash.update(existsSync(file) ? readFileSync(file) : "(missing)");
      hash.update("\0");
    }
  }
  const require = createRequire(join(root, "package.json"));
  for (const tool of TOOLS) {
    let version = "(missing)";
    try {
      version = JSON.parse(readFileSync(require.resolve(`${tool}/package.json`), "utf8")).version;
    } catch {}
    hash.update(`${tool}@${version}\0`);
  }
  return hash.digest("hex");
}

/** The digest dist/ (or another dist folder) was built from, if it carries a stamp. */
export function stampOf(folder) {
  try {
    return readFileSync(join(folder, STAMP), "utf8").trim();
  } catch {
    return undefined;
  }
}

function tsup() {
  const require = createRequire(join(root, "package.json"));
  let bin;
  try {
    const pkgPath = require.resolve("tsup/package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
    bin = join(dirname(pkgPath), typeof pkg.bin === "string" ? pkg.bin : pkg.bin.tsup);
  } catch {
    console.error(
      `build: dist/ needs building and tsup (a devDependency) is not installed in ${root}: run \`npm install\` there first.`,
    );
    process.exit(1);
  }
  // npm puts node_modules/.bin first on PATH, where a pinned Node binary may sit (see unlink-node-bins.mjs): build
  // on the Node that runs npm.
  const node = process.env.npm_node_execpath || process.execPath;
  const result = spawnSync(node, [bin], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const mode = process.argv[2];
  if (mode !== undefined && mode !== "--if-stale" && mode !== "--check") {
    console.error(`build: unknown option ${mode}; use --if-stale or --check, or nothing to always build.`);
    process.exit(2);
  }
  const digest = inputDigest();
  const fresh = stampOf(dist) === digest;
  if (mode === "--check") process.exit(fresh ? 0 : 1);
  if (mode === "--if-stale" && fresh) {
    console.log("build: dist/ is up to date with the sources; not rebuilt");
    return;
  }
  const prebuilt = process.env.BEDROCK_FETCH_PREBUILT_DIST;
  if (prebuilt && resolve(prebuilt) !== dist && stampOf(prebuilt) === digest) {
    cpSync(prebuilt, dist, { recursive: true });
    console.log(`build: copied dist/ from ${prebuilt}, built from the same sources`);
    return;
  }
  tsup();
  writeFileSync(join(dist, STAMP), `${digest}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
