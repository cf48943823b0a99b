/**
 * The scanner that reads a proxy request's `model` for the access log while the proxy reads the body: it must agree
 * with `JSON.parse` on the top-level field, whatever the chunking, and keep bounded memory.
 */
import { describe, expect, it } from "vitest";
import { createJsonFieldScanner } from "../../src/cli/json-field-scanner";

const encode = (text: string) => new TextEncoder().encode(text);

/** The value found when `text` arrives in two chunks split at every position (and in one). */
function scanEverySplit(text: string, maxLength?: number): Set<string | undefined> {
  const bytes = encode(text);
  const found = new Set<string | undefined>();
  for (let at = 0; at <= bytes.length; at++) {
    const scanner = createJsonFieldScanner("model", maxLength);
    scanner.feed(bytes.subarray(0, at));
    scanner.feed(bytes.subarray(at));
    found.add(scanner.value());
  }
  return found;
}

/** The top-level `model` string as JSON.parse reads it; undefined when absent, not a string, or not JSON. */
function byJsonParse(text: string): string | undefined {
  try {
    const model = (JSON.parse(text) as { model?: unknown } | null)?.model;
    return typeof model === "string" ? model : undefined;
  } catch {
    return undefined;
  }
}

const DOCUMENTS: Array<[string, string | undefined]> = [
  ['{"model":"bedrock-claude-v1","messages":[]}', "bedrock-claude-v1"],
  ['{"messages":[{"role":"user","content":"a \\"model\\": \\"nope\\" {"}],"model":"after-messages"}', "after-messages"],
  ['{ "stream" : true , "model" : "spaced\\/out" }', "spaced/out"],
  ['{"tools":[{"model":"nested"}],"metadata":{"model":"deeper"}}', undefined],
  ['{"model":"first","model":"last"}', "last"],
  ['{"model":"first","model":42}', undefined],
  ['{"model":{"name":"object"}}', undefined],
  ['{"modelx":"no","xmodel":"no","mode":"no"}', undefined],
  ['{"model":"caf\\u00e9 ☕ \\ud83d\\ude00"}', "café ☕ 😀"],
  ['["model","not-an-object"]', undefined],
  ['{"model":"unterminated', undefined],
  ["", undefined],
];

describe("createJsonFieldScanner", () => {
  it.each(DOCUMENTS)("agrees with JSON.parse on %s, however the bytes are split", (text, expected) => {
    expect(byJsonParse(text)).toBe(expected); // the table itself agrees with JSON.parse
    expect(scanEverySplit(text)).toEqual(new Set([expected]));
  });

  it("keeps at most maxLength bytes of the value and marks the cut", () => {
    const long = `{"model":"${"m".repeat(10_000)}"}`;
    expect(scanEverySplit(long, 16)).toEqual(new Set([`${"m".repeat(16)}…`]));
    // A cut inside an escape or a UTF-8 sequence drops the unfinished end.
    expect(scanEverySplit('{"model":"abcdefghijklmno\\u00e9"}', 18)).toEqual(new Set(["abcdefghijklmno…"]));
    expect(scanEverySplit('{"model":"abcdefghijklmnoé"}', 16)).toEqual(new Set(["abcdefghijklmno…"]));
  });

  it("scans a 4 MiB body fed in 64 KiB chunks", () => {
    const body = encode(JSON.stringify({ messages: [{ role: "user", content: "x".repeat(4 * 1024 * 1024) }], model: "big" }));
    const scanner = createJsonFieldScanner("model");
    for (let i = 0; i < body.length; i += 65_536) scanner.feed(body.subarray(i, i + 65_536));
    expect(scanner.value()).toBe("big");
  });
});
