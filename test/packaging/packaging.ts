/**
 * Helpers of the packaging suites: the package as a consumer gets it (a packed tarball, a git URL, a local folder),
 * installed into a temporary project with the machine's npm, offline (the registry is never asked: the package has
 * no dependencies, and a git install's devDependencies come from the npm cache the checkout's own install filled).
 *
 * Every suite reuses the one build of dist/ that `npm test` makes before vitest runs: nothing here builds in the
 * checkout. A git or folder install, whose `prepare` step must produce dist/ in its own copy, is pointed at that
 * build through BEDROCK_FETCH_PREBUILT_DIST, which scripts/build.mjs copies when it was built from the same sources.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

/** Every public subpath of the package, as a consumer imports it. */
export const SPECIFIERS = ["", "/sigv4", "/event-stream", "/credentials", "/emulator", "/proxy", "/node", "/families"].map((s) => `bedrock-fetch${s}`);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for npm and node children: without the `npm_*` variables of the `npm test` that may be running
 * this suite (its lifecycle, its package, its config), which would otherwise leak into the consumer's npm.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^npm_/i.test(name) && name !== "INIT_CWD") env[name] = value;
  return { ...env, ...extra };
}

/** Runs a command to its end. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.once("error", fail);
    child.once("close", (code) => done({ code, stdout, stderr }));
  });
}

/** Like {@link run}, and throws with the output when the command fails. */
export async function must(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code} in ${options.cwd}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** The checkout's dist/, which must have been built by scripts/build.mjs (npm test and npm run build do). */
export function builtDist(): string {
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, ".build-stamp"))) {
    throw new Error("dist/ has not been built by scripts/build.mjs: run `npm run build` (npm test does) before the packaging suites.");
  }
  return dist;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `bedrock-fetch-${prefix}-`));
}

/** Packs the checkout as `npm publish` would (its `files`, no build: dist/ is already built) into `into`. */
export async function packTarball(into: string): Promise<string> {
  builtDist();
  const { stdout } = await must("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", into], { cwd: ROOT });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(into, filename);
}

/** An empty consumer project (`"type": "module"` or CommonJS). */
export function newProject(parent: string, name: string, type: "module" | "commonjs" = "commonjs"): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, type }, null, 2));
  return dir;
}

/** `npm install <spec>` in a consumer project, offline. */
export function npmInstall(project: string, spec: string, flags: readonly string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  return must("npm", ["install", spec, "--offline", "--no-audit", "--no-fund", ...flags], { cwd: project, env: cleanEnv(env) });
}

/**
 * An npm cache folder that reads the machine's cache (its content and index, linked) but keeps its own `tmp`:
 * npm clones a git dependency into the cache's tmp folder and leaves part of the clone's node_modules behind there,
 * which this way goes when the test's folder does. Pass it to npm as `--cache`.
 */
export async function cacheWithOwnTmp(parent: string): Promise<string> {
  const shared = join((await must("npm", ["config", "get", "cache"], { cwd: parent })).stdout.trim(), "_cacache");
  const own = join(parent, "npm-cache");
  mkdirSync(join(own, "_cacache", "tmp"), { recursive: true });
  for (const part of ["content-v2", "index-v5"]) symlinkSync(join(shared, part), join(own, "_cacache", part), "dir");
  return own;
}

/**
 * A git repository holding the checkout's working tree as it is now (committed and uncommitted changes, no ignored
 * files): what a clone of the pushed branch would hold.
 */
export async function snapshotRepository(parent: string): Promise<string> {
  const repo = join(parent, "bedrock-fetch");
  mkdirSync(repo);
  const { stdout } = await must("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT });
  for (const file of new Set(stdout.split("\0").filter(Boolean))) {
    // Never node_modules or dist/, even where .gitignore misses them (its `node_modules/` does not match a symbolic
    // link), and no symbolic link at all: npm installs into the clone, and must not reach the checkout through one.
    if (/^(node_modules|dist)(\/|$)/.test(file)) continue;
    const stat = lstatSync(join(ROOT, file), { throwIfNoEntry: false });
    if (stat?.isFile()) cpSync(join(ROOT, file), join(repo, file));
  }
  const git = ["-c", "user.name=packaging test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"];
  await must("git", ["init", "-q"], { cwd: repo });
  await must("git", [...git, "add", "-A"], { cwd: repo });
  await must("git", [...git, "commit", "-q", "-m", "snapshot of the working tree"], { cwd: repo });
  return repo;
}

const CALL = `
  const server = await serve(createEmulator(), { port: 0 });
  try {
    const bedrock = createBedrock({ region: "us-east-1", endpoint: server.url, credentials: TEST_CREDENTIALS, env: {} });
    const answer = await bedrock.completion({
      model: "anthropic.claude-3-haiku-20240307-v1:0",
      messages: [{ role: "user", content: "Hello from FORMAT" }],
    });
    result.answer = answer.choices[0].message.content;
  } finally {
    await server.close();
  }
  console.log(JSON.stringify(result));`;

const ESM = `import { createBedrock } from "bedrock-fetch";
import { createEmulator, TEST_CREDENTIALS } from "bedrock-fetch/emulator";
import { serve } from "bedrock-fetch/node";
const result = { entry: import.meta.resolve("bedrock-fetch"), exports: {} };
for (const specifier of ${JSON.stringify(SPECIFIERS)}) result.exports[specifier] = Object.keys(await import(specifier)).length;
${CALL.replace("FORMAT", "ESM")}
`;

const CJS = `const { createBedrock } = require("bedrock-fetch");
const { createEmulator, TEST_CREDENTIALS } = require("bedrock-fetch/emulator");
const { serve } = require("bedrock-fetch/node");
const result = { entry: require.resolve("bedrock-fetch"), exports: {} };
for (const specifier of ${JSON.stringify(SPECIFIERS)}) result.exports[specifier] = Object.keys(require(specifier)).length;
(async () => {${CALL.replace("FORMAT", "CJS")}
})().catch((error) => { console.error(error); process.exitCode = 1; });
`;

export interface ConsumerRun {
  /** The file the package's main entry resolved to. */
  entry: string;
  /** How many exports each subpath has. */
  exports: Record<string, number>;
  /** The emulator's answer to a chat completion. */
  answer: string;
}

/** Imports every subpath in a consumer project, as ESM and as CommonJS, and calls the emulator through the package. */
export async function useFromConsumer(project: string): Promise<{ esm: ConsumerRun; cjs: ConsumerRun; version: string }> {
  writeFileSync(join(project, "use.mjs"), ESM);
  writeFileSync(join(project, "use.cjs"), CJS);
  const esm = JSON.parse((await must(process.execPath, ["use.mjs"], { cwd: project })).stdout) as ConsumerRun;
  const cjs = JSON.parse((await must(process.execPath, ["use.cjs"], { cwd: project })).stdout) as ConsumerRun;
  const bin = join(project, "node_modules", ".bin", "bedrock-fetch");
  const version = (await must(bin, ["--version"], { cwd: project })).stdout.trim();
  return { esm, cjs, version };
}

/**
 * What a consumer finds in node_modules/bedrock-fetch, and that it works: every subpath as ESM and CommonJS (from
 * dist/), a chat completion against the emulator, and the command. `packed`: installed from a tarball npm made
 * (only the package's files), rather than linked to a folder.
 */
export async function expectWorkingInstall(project: string, packed: boolean): Promise<void> {
  const installed = join(project, "node_modules", "bedrock-fetch");
  if (packed) expect(readdirSync(installed).sort()).toEqual(["README.md", "dist", "package.json"]);
  expect(existsSync(join(installed, "dist", "index.js"))).toBe(true);
  expect(existsSync(join(installed, "dist", ".build-stamp"))).toBe(!packed); // the build's own record stays out of the package
  const { esm, cjs, version } = await useFromConsumer(project);
  expect(realpathSync(new URL(esm.entry))).toBe(join(realpathSync(installed), "dist", "index.js"));
  expect(realpathSync(cjs.entry)).toBe(join(realpathSync(installed), "dist", "index.cjs"));
  for (const specifier of SPECIFIERS) {
    expect(esm.exports[specifier], `${specifier} as ESM`).toBeGreaterThan(0);
    expect(cjs.exports[specifier], `${specifier} as CommonJS`).toBe(esm.exports[specifier]);
  }
  expect(esm.answer).toMatch(/^Echo: Hello from ESM/);
  expect(cjs.answer).toMatch(/^Echo: Hello from CJS/);
  expect(version).toBe(PACKAGE.version);
}

/**
 * Gives a snapshot the checkout's installed packages, as a clone where `npm install` has run has them: a node_modules
 * folder of its own holding a link to each package (or scope), never a link to the checkout's node_modules itself,
 * through which npm, installing from the snapshot, could change the checkout's packages.
 */
export function linkInstalledPackages(repo: string): void {
  mkdirSync(join(repo, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (!name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(repo, "node_modules", name), "dir");
  }
}
