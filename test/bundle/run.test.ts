/**
 * Every budgeted browser bundle also runs. A size check alone passes on a bundle that is broken (a missing export,
 * a module that throws when loaded, a tree-shaken piece the call needs), so each entry of test/bundle/entries/ is
 * bundled exactly as the budget test measures it (esbuild: bundle, minify, ESM, platform browser), loaded from a
 * temporary `.mjs` file, and its `run` is called against the emulator served on loopback with the emulator's test
 * credentials. The emulator answers chat with `Echo: <the user's words>. ...`.
 *
 * `whole-entry.ts` only re-exports the library (nothing to call) and `peers/` are other libraries, measured for
 * comparison by `npm run size`; every other entry must have a check here.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator";
import { serve, type RunningServer } from "../../src/node";
import { ENTRIES, importBundle } from "./bundle";

const TEXT = "hello from a browser bundle";

interface Target {
  endpoint: string;
  credentials: typeof TEST_CREDENTIALS;
}

type Run = (options: Target & { text: string; onText?: (delta: string) => void }) => Promise<unknown>;

/** Calls a streamed chat bundle's `run`; returns the text it streamed, in how many deltas, and what `run` returned. */
async function streamChat(run: Run, target: Target): Promise<{ text: string; deltas: number; result: unknown }> {
  const deltas: string[] = [];
  const result = await run({ ...target, text: TEXT, onText: (delta) => deltas.push(delta) });
  return { text: deltas.join(""), deltas: deltas.filter((d) => d !== "").length, result };
}

/** A streamed chat bundle must stream the echo in several deltas and end with `stop` (its last finish reason or stop event). */
const streamsEcho = (stop: string) => async (run: Run, target: Target): Promise<void> => {
  const { text, deltas, result } = await streamChat(run, target);
  expect(text).toMatch(/^Echo: hello from a browser bundle\. /);
  expect(deltas).toBeGreaterThan(1);
  expect(result).toBe(stop);
};

/** An embedding bundle must return Titan Text Embeddings V2's default 1,024 finite numbers, not all zero. */
async function embedsText(run: Run, target: Target): Promise<void> {
  const vector = (await run({ ...target, text: TEXT })) as number[];
  // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
  expect(vector).toHaveLength(1024);
  expect(vector.every((x) => typeof x === "number" && Number.isFinite(x))).toBe(true);
  expect(vector.some((x) => x !== 0)).toBe(true);
}

/** Entry file → what its bundle must do against the emulator. */
const CHECKS: Record<string, (run: Run, target: Target) => Promise<void>> = {
  // The ConverseStream `messageStop` event's stopReason.
  "converse-stream.ts": streamsEcho("end_turn"),
  // OpenAI's name for end_turn.
  "completion-stream.ts": streamsEcho("stop"),
  "chat-completion-converse.ts": streamsEcho("stop"),
  "chat-completion-anthropic.ts": streamsEcho("stop"),
  // The Anthropic `message_delta` event's stop_reason.
  "anthropic-invoke-stream.ts": streamsEcho("end_turn"),
  "embedding-titan.ts": embedsText,
  "embedding.ts": embedsText,
};

/** Entries that are measured but have nothing to run here. */
const NOT_RUN = new Set(["whole-entry.ts", "peers"]);

let server: RunningServer;
let target: Target;

beforeAll(async () => {
  server = await serve(createEmulator());
  target = { endpoint: server.url, credentials: TEST_CREDENTIALS };
});

afterAll(async () => {
  await server?.close(0);
});

describe("budgeted browser bundles run against the emulator", () => {
  it("every entry in test/bundle/entries/ has a check here (whole-entry.ts and peers/ excepted)", () => {
    const entries = readdirSync(ENTRIES).filter((name) => !NOT_RUN.has(name));
    expect(entries.sort()).toEqual(Object.keys(CHECKS).sort());
  });

  for (const [file, check] of Object.entries(CHECKS)) {
    it(`${file}: the minified ESM bundle loads and its run() works`, async () => {
      const { module, size } = await importBundle(join(ENTRIES, file));
      expect(Object.keys(module)).toEqual(["run"]);
      expect(size.externalImports).toEqual([]);
      await check(module.run as Run, target);
    });
  }
});
