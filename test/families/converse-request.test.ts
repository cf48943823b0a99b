/**
 * Check 2 for Converse: for every recorded Converse/ConverseStream request a chat-style caller could have produced,
 * building the body from the equivalent OpenAI input (derived by a test-side inverse) gives the recorded body. Where
 * the recorder's library chose differently, the difference must be one of ALLOWED below, each with its reason.
 */
import { describe, expect, it } from "vitest";
import { buildConverseRequest } from "../../src/families/converse";
import { hasShared } from "../helpers/shared";
import { converseToOpenAI } from "./helpers/inverse";
import { optionsFor, recordings } from "./helpers/recorded";

type Json = Record<string, any>;

/** Each entry rewrites the recorded body the way our builder legitimately differs; `reason` says why. */
const ALLOWED: Array<{ id: string; reason: string; normalize(body: Json): boolean }> = [
  {
    id: "empty-system",
    reason: "the recorder sends `system: []` when there is no system prompt; we omit empty containers (same request semantics)",
    normalize: (b) => (Array.isArray(b.system) && b.system.length === 0 ? (delete b.system, true) : false),
  },
  {
    id: "empty-inferenceConfig",
    reason: "the recorder sends `inferenceConfig: {}` when no parameter is set; we omit it",
    normalize: (b) => (b.inferenceConfig && Object.keys(b.inferenceConfig).length === 0 ? (delete b.inferenceConfig, true) : false),
  },
  {
    id: "empty-additionalModelRequestFields",
    reason: "the recorder sends `additionalModelRequestFields: {}`; we omit empty containers",
    normalize: (b) =>
      b.additionalModelRequestFields && Object.keys(b.additionalModelRequestFields).length === 0 ? (delete b.additionalModelRequestFields, true) : false,
  },
  {
    id: "empty-stopSequences",
    reason: "the recorder sends `stopSequences: []`; an empty list means no stop sequences, which we express by omitting it",
    normalize: (b) => (Array.isArray(b.inferenceConfig?.stopSequences) && b.inferenceConfig.stopSequences.length === 0 ? (delete b.inferenceConfig.stopSequences, true) : false),
  },
  {
    id: "schema-json-spacing",
    reason: "outputConfig's schema is a JSON string; the recorder (Python) wrote it with `, `/`: ` separators, we write compact JSON of the same value",
    normalize: (b) => {
      const js = b.outputConfig?.textFormat?.structure?.jsonSchema;
      if (!js || typeof js.schema !== "string") return false;
      const compact = JSON.stringify(JSON.parse(js.schema));
      if (compact === js.schema) return false;
      js.schema = compact;
      return true;
    },
  },
  {
    id: "merge-consecutive-same-role",
    reason: "the recording sends two user turns in a row; we merge consecutive same-role turns because Converse requires alternation for most models",
    normalize: (b) => {
      const merged: Json[] = [];
      for (const m of b.messages) {
        const last = merged[merged.length - 1];
        if (last && last.role === m.role) last.content = [...last.content, ...m.content];
        else merged.push({ ...m, content: [...m.content] });
      }
      if (merged.length === b.messages.length) return false;
      b.messages = merged;
      return true;
    },
  },
  {
    id: "strict-false",
    reason: "`strict: false` is the default; we send `toolSpec.strict` only when true, so models without strict mode never see it",
    normalize: (b) => {
      let changed = false;
      for (const t of b.toolConfig?.tools ?? []) if (t.toolSpec?.strict === false) (delete t.toolSpec.strict, (changed = true));
      return changed;
    },
  },
];

const all = recordings(["converse", "converse-stream"]);
const stats = { exact: 0, withAllowed: 0, allowed: new Map<string, number>(), skipped: new Map<string, number>() };

describe.skipIf(!hasShared)("Converse request bodies rebuilt from OpenAI input", () => {
  it.each(all.map((e) => [e.file, e] as const))("%s", (_f, exchange) => {
    const recorded = exchange.request.body as Json;
    const inverse = converseToOpenAI(recorded, exchange.modelId!);
    if ("skip" in inverse) {
      stats.skipped.set(inverse.skip, (stats.skipped.get(inverse.skip) ?? 0) + 1);
      return;
    }
    const built = buildConverseRequest(inverse.params as never, optionsFor(exchange));
    const expected = structuredClone(recorded);
    const used = ALLOWED.filter((a) => a.normalize(expected)).map((a) => a.id);
    expect(built).toEqual(expected);
    if (used.length === 0) stats.exact++;
    else stats.withAllowed++;
    for (const id of used) stats.allowed.set(id, (stats.allowed.get(id) ?? 0) + 1);
  });

  it("reports how many recorded requests round-trip exactly", () => {
    const skipped = [...stats.skipped.values()].reduce((a, b) => a + b, 0);
    console.info(`Converse round-trip: ${stats.exact} exact, ${stats.withAllowed} with allowed differences ${JSON.stringify(Object.fromEntries(stats.allowed))}, ${skipped} not expressible as OpenAI input ${JSON.stringify(Object.fromEntries(stats.skipped))}, of ${all.length}`);
    expect(stats.exact + stats.withAllowed + skipped).toBe(all.length);
    expect(stats.exact).toBeGreaterThanOrEqual(50);
    expect(stats.exact + stats.withAllowed).toBeGreaterThanOrEqual(160);
  });
});
