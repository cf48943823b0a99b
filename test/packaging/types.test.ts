/**
 * The package's type declarations as a TypeScript consumer sees them: the packed package is installed into a
 * temporary project, and a file importing every subpath is type-checked with the checkout's `tsc` under each
 * `moduleResolution` a project may use: node10 (through `typesVersions`), node16 and nodenext (through `exports`,
 * from a CommonJS and from an ES module file) and bundler. The declarations themselves are checked too
 * (`skipLibCheck: false`).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newProject, npmInstall, packTarball, ROOT, run, tempDir } from "./packaging";

// One import per subpath, each used in a type position and as a value, so that a subpath that does not resolve, or
// resolves to declarations without the export, is an error.
const CONSUMER = `import { createBedrock, type BedrockClient } from "bedrock-fetch";
import { signRequest } from "bedrock-fetch/sigv4";
import { createEventStreamDecoder, type EventStreamMessage } from "bedrock-fetch/event-stream";
import { chain, type CredentialProvider } from "bedrock-fetch/credentials";
import { createEmulator, TEST_CREDENTIALS } from "bedrock-fetch/emulator";
import { createProxy } from "bedrock-fetch/proxy";
import { serve, type RunningServer } from "bedrock-fetch/node";
import { anthropic, type ChatFamily } from "bedrock-fetch/families";

export const client: BedrockClient = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS });
export const family: ChatFamily = anthropic;
export const provider: CredentialProvider = chain(async () => TEST_CREDENTIALS);
export const handlers = [createEmulator(), createProxy({ model_list: [] })] as const;
export const signing = signRequest;
export const decoder = createEventStreamDecoder({ onMessage(message: EventStreamMessage) { void message.headers; } });
export async function start(): Promise<RunningServer> {
  return serve(createEmulator(), { port: 0 });
}
`;

const MODES: Record<string, { module: string; moduleResolution: string; files: string[] }> = {
  node10: { module: "commonjs", moduleResolution: "node10", files: ["consumer.ts"] },
  node16: { module: "node16", moduleResolution: "node16", files: ["consumer.ts", "consumer.mts"] },
  nodenext: { module: "nodenext", moduleResolution: "nodenext", files: ["consumer.ts", "consumer.mts"] },
  bundler: { module: "esnext", moduleResolution: "bundler", files: ["consumer.ts"] },
};

let work: string;
let project: string;

beforeAll(async () => {
  work = tempDir("types");
  const tarball = await packTarball(work);
  project = newProject(work, "typed-consumer"); // CommonJS: consumer.ts is a CommonJS module under node16/nodenext
  await npmInstall(project, tarball);
  // The consumer's own @types/node, as a Node project has it.
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"));
  writeFileSync(join(project, "consumer.ts"), CONSUMER);
  writeFileSync(join(project, "consumer.mts"), CONSUMER);
  for (const [mode, { files, ...options }] of Object.entries(MODES)) {
    const compilerOptions = { ...options, target: "es2022", lib: ["es2022", "dom"], types: ["node"], strict: true, skipLibCheck: false, noEmit: true };
    writeFileSync(join(project, `tsconfig.${mode}.json`), JSON.stringify({ compilerOptions, files }, null, 2));
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.concurrent("bedrock-fetch's types in a consumer project", () => {
  it.each(Object.keys(MODES))("every subpath type-checks under moduleResolution %s", async (mode) => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`, "--pretty", "false"], { cwd: project });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
