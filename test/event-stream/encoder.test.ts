/**
 * The encoder reproduces the published vectors byte for byte, round-trips property-generated messages of every
 * header type through our decoder and the Smithy codec, and rejects unencodable input with a ConfigurationError.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Int64 } from "@smithy/eventstream-codec";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { encodeEventStreamMessage, type EventStreamHeaderValue } from "../../src/event-stream/index";
import { hasShared, suiteIf, vectorsDir } from "../helpers/shared";
import { decodeChunks, fromB64, smithyCodec, smithyDecodeStream, split } from "./helpers";

const dir = join(vectorsDir, "eventstream");
const suite = suiteIf(hasShared && existsSync(dir));

function uuidString(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

suite("encoder against the smithy-typescript vectors", () => {
  const base = join(dir, "smithy-typescript");
  it.each(readdirSync(join(base, "encoded/positive")))("re-encodes positive/%s byte for byte", (name) => {
    const bytes = new Uint8Array(readFileSync(join(base, "encoded/positive", name)));
    const decoded = JSON.parse(readFileSync(join(base, "decoded/positive", name), "utf8")) as {
      headers: { name: string; type: number; value: unknown }[];
      payload: string;
    };
    const headers: Record<string, EventStreamHeaderValue | string> = {};
    for (const h of decoded.headers) {
      const v = h.value;
      headers[h.name] = [
        () => ({ type: "boolean", value: true }),
        () => ({ type: "boolean", value: false }),
        () => ({ type: "byte", value: v }),
        () => ({ type: "short", value: v }),
        () => ({ type: "integer", value: v }),
        () => ({ type: "long", value: BigInt(v as number) }),
        () => ({ type: "binary", value: fromB64(v as string) }),
        // Plain strings are the encoder's shorthand for string headers.
        () => Buffer.from(v as string, "base64").toString("utf8"),
        () => ({ type: "timestamp", value: new Date(v as number) }),
        () => ({ type: "uuid", value: uuidString(fromB64(v as string)) }),
      ][h.type]!() as EventStreamHeaderValue | string;
    }
    expect(encodeEventStreamMessage({ headers, payload: fromB64(decoded.payload) })).toEqual(bytes);
  });
});

const headerValue: fc.Arbitrary<EventStreamHeaderValue | string> = fc.oneof(
  fc.boolean().map((value) => ({ type: "boolean", value }) as const),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: "byte", value }) as const),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: "short", value }) as const),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ type: "integer", value }) as const),
  fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map((value) => ({ type: "long", value }) as const),
  fc.uint8Array({ maxLength: 300 }).map((value) => ({ type: "binary", value }) as const),
  fc.string({ maxLength: 200, unit: "grapheme" }).map((value) => ({ type: "string", value }) as const),
  fc.string({ maxLength: 50 }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => ({ type: "timestamp", value: new Date(ms) }) as const),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => ({ type: "uuid", value: uuidString(b) }) as const),
);

const message = fc.record({
  headers: fc
    .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }), headerValue), {
      selector: ([name]) => name,
      maxLength: 12,
    })
    .map((entries) => Object.fromEntries(entries)),
  payload: fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 200 })),
});

function normalised(headers: Record<string, EventStreamHeaderValue | string>): Record<string, EventStreamHeaderValue> {
  const out: Record<string, EventStreamHeaderValue> = {};
  for (const [k, v] of Object.entries(headers)) {
    Object.defineProperty(out, k, { value: typeof v === "string" ? { type: "string", value: v } : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe("encode → decode is the identity", () => {
  it("over generated messages of every header type, under any chunking, agreeing with the Smithy codec", () => {
    fc.assert(
      fc.property(message, fc.integer({ min: 1, max: 64 }), (m, max) => {
        const bytes = encodeEventStreamMessage(m);
        const payload = typeof m.payload === "string" ? new TextEncoder().encode(m.payload) : m.payload;
        const expected = { headers: normalised(m.headers), payload };
        for (const pieces of [[bytes], split(bytes, { seed: max, max })]) {
          const r = decodeChunks(pieces);
          expect(r.error).toBeUndefined();
          expect(r.messages).toEqual([expected]);
          expect(Object.keys(r.messages[0]!.headers)).toEqual(Object.keys(m.headers));
        }
        expect(smithyDecodeStream(bytes)).toEqual([expected]);
      }),
      { numRuns: 400, seed: 20240601 },
    );
  });

  it("matches the Smithy encoder byte for byte on generated messages", () => {
    // Smithy's encoder takes the same {type, value} header shape (Int64 for long); its output must equal ours.
    fc.assert(
      fc.property(message, (m) => {
        const headers: Record<string, { type: string; value: unknown }> = {};
        for (const [k, v] of Object.entries(normalised(m.headers))) {
          if (k === "__proto__") return;
          headers[k] = v.type === "long" ? { type: "long", value: smithyInt64(v.value) } : v;
        }
        const body = typeof m.payload === "string" ? new TextEncoder().encode(m.payload) : m.payload;
        const theirs = smithyCodec.encode({ headers: headers as never, body });
        expect(encodeEventStreamMessage(m)).toEqual(new Uint8Array(theirs));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

function smithyInt64(value: bigint): unknown {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value);
  // Int64 wraps 8 big-endian bytes.
  return new Int64(bytes);
}

describe("encoder input errors", () => {
  const cases: [string, Parameters<typeof encodeEventStreamMessage>[0], string][] = [
    ["byte out of range", { headers: { b: { type: "byte", value: 128 } } }, "headers.b"],
    ["short not an integer", { headers: { s: { type: "short", value: 1.5 } } }, "headers.s"],
    ["integer out of range", { headers: { i: { type: "integer", value: 2 ** 31 } } }, "headers.i"],
    ["long out of range", { headers: { l: { type: "long", value: 2n ** 63n } } }, "headers.l"],
    ["invalid date", { headers: { t: { type: "timestamp", value: new Date(NaN) } } }, "headers.t"],
    ["bad uuid", { headers: { u: { type: "uuid", value: "not-a-uuid" } } }, "headers.u"],
    ["string too long", { headers: { s: "x".repeat(65536) } }, "headers.s"],
    ["binary not bytes", { headers: { b: { type: "binary", value: "x" as unknown as Uint8Array } } }, "headers.b"],
    ["unknown type", { headers: { x: { type: "float", value: 1 } as unknown as EventStreamHeaderValue } }, "headers.x"],
    ["empty name", { headers: { "": "x" } }, "headers."],
    ["name over 255 bytes", { headers: { ["é".repeat(128)]: "x" } }, `headers.${"é".repeat(128)}`],
    ["payload of the wrong type", { payload: 42 as unknown as string }, "payload"],
  ];
  it.each(cases)("%s → ConfigurationError naming the field", (_name, input, field) => {
    let error: unknown;
    try {
      encodeEventStreamMessage(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
  });

  it("encodes an empty message as the 16-byte EMPTY_MESSAGE", () => {
    expect(Buffer.from(encodeEventStreamMessage({})).toString("hex")).toBe("000000100000000005c248eb7d98c8ff");
    expect(Buffer.from(encodeEventStreamMessage()).toString("hex")).toBe("000000100000000005c248eb7d98c8ff");
  });
});
