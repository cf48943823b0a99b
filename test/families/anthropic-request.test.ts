/**
 * Check 2 for Claude on InvokeModel: recorded Messages API and text-completion request bodies rebuilt from the
 * equivalent OpenAI input. Differences the recorder's library chose must be in ALLOWED, each with its reason.
 */
import { describe, expect, it } from "vitest";
import { anthropicMessages } from "../../src/families/anthropic-messages";
import { anthropicText } from "../../src/families/anthropic-text";
import { hasShared } from "../helpers/shared";
import { anthropicTextToOpenAI, anthropicToOpenAI } from "./helpers/inverse";
import { optionsFor, recordings } from "./helpers/recorded";

type Json = Record<string, any>;

const ALLOWED: Array<{ id: string; reason: string; normalize(body: Json): boolean }> = [
  {
    id: "human-marker-spacing",
    reason: "the recorder wrote `\\n\\nHuman:What…` without the space the AWS text-completion docs and LiteLLM use after `Human:`",
    normalize: (b) => {
      if (typeof b.prompt !== "string") return false;
      const fixed = b.prompt.replace(/\n\nHuman:(?! )/g, "\n\nHuman: ");
      if (fixed === b.prompt) return false;
      b.prompt = fixed;
      return true;
    },
  },
];

const all = recordings(["invoke", "invoke-with-response-stream"], (f) => f === "anthropic");
const stats = { exact: 0, withAllowed: 0, allowed: new Map<string, number>(), skipped: new Map<string, number>() };

describe.skipIf(!hasShared)("Claude InvokeModel request bodies rebuilt from OpenAI input", () => {
  it.each(all.map((e) => [e.file, e] as const))("%s", (_f, exchange) => {
    const recorded = exchange.request.body as Json;
    const legacy = "prompt" in recorded;
    const inverse = legacy ? anthropicTextToOpenAI(recorded, exchange.modelId!) : anthropicToOpenAI(recorded, exchange.modelId!);
    if ("skip" in inverse) {
      stats.skipped.set(inverse.skip, (stats.skipped.get(inverse.skip) ?? 0) + 1);
      return;
    }
    const family = legacy ? anthropicText : anthropicMessages;
    const built = family.buildRequest(inverse.params as never, optionsFor(exchange));
    const expected = structuredClone(recorded);
    const used = ALLOWED.filter((a) => a.normalize(expected)).map((a) => a.id);
    expect(built).toEqual(expected);
    if (used.length === 0) stats.exact++;
    else stats.withAllowed++;
    for (const id of used) stats.allowed.set(id, (stats.allowed.get(id) ?? 0) + 1);
  });

  it("reports how many recorded requests round-trip exactly", () => {
    const skipped = [...stats.skipped.values()].reduce((a, b) => a + b, 0);
    console.info(`Claude invoke round-trip: ${stats.exact} exact, ${stats.withAllowed} with allowed differences ${JSON.stringify(Object.fromEntries(stats.allowed))}, ${skipped} not expressible ${JSON.stringify(Object.fromEntries(stats.skipped))}, of ${all.length}`);
    expect(stats.exact + stats.withAllowed + skipped).toBe(all.length);
    expect(stats.exact).toBeGreaterThanOrEqual(30);
  });
});
