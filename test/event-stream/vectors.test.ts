/**
 * Conformance with the published event-stream vectors: smithy-typescript's encoded/decoded pairs, botocore's unit
 * vectors (including the 24 MiB payload case), every frame of Smithy's restJson1 event-stream protocol tests, and a
 * hand-encoded Bedrock exception frame.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APIError, ModelError } from "../../src/errors";
import {
  crc32,
  createBedrockEventDecoder,
  createEventStreamDecoder,
  decodeBedrockEvent,
  EventStreamError,
  type BedrockStreamEvent,
  type EventStreamHeaderValue,
  type EventStreamMessage,
} from "../../src/event-stream/index";
import { hasShared, suiteIf, vectorsDir } from "../helpers/shared";
import { decodeChunks, fromB64, fromHex, split } from "./helpers";

const dir = join(vectorsDir, "eventstream");
const suite = suiteIf(hasShared && existsSync(dir));
const SPLITS = ["whole", "bytewise", { seed: 7, max: 5 }] as const;

function u32(b: Uint8Array, i: number): number {
  return new DataView(b.buffer, b.byteOffset).getUint32(i);
}

function decodeOne(bytes: Uint8Array): EventStreamMessage {
  const results = SPLITS.map((how) => decodeChunks(split(bytes, how)));
  for (const r of results) {
    expect(r.error).toBeUndefined();
    expect(r.messages).toHaveLength(1);
    expect(r.messages).toEqual(results[0]!.messages);
  }
  return results[0]!.messages[0]!;
}

function failure(bytes: Uint8Array, options = {}): EventStreamError {
  let first: EventStreamError | undefined;
  for (const how of SPLITS) {
    const r = decodeChunks(split(bytes, how), options);
    expect(r.messages).toHaveLength(0);
    expect(r.error).toBeInstanceOf(EventStreamError);
    const e = r.error as EventStreamError;
    if (first) expect([e.type, e.offset]).toEqual([first.type, first.offset]);
    first ??= e;
  }
  return first!;
}

// smithy-typescript test_vectors: header type codes 0..9, string/bytes/uuid values base64, int64/timestamp numbers.
function smithyExpectedHeader(type: number, value: unknown): EventStreamHeaderValue {
  switch (type) {
    case 0:
    case 1:
      return { type: "boolean", value: value as boolean };
    case 2:
      return { type: "byte", value: value as number };
    case 3:
      return { type: "short", value: value as number };
    case 4:
      return { type: "integer", value: value as number };
    case 5:
      return { type: "long", value: BigInt(value as number) };
    case 6:
      return { type: "binary", value: fromB64(value as string) };
    case 7:
      return { type: "string", value: Buffer.from(value as string, "base64").toString("utf8") };
    case 8:
      return { type: "timestamp", value: new Date(value as number) };
    default:
      return { type: "uuid", value: Buffer.from(value as string, "base64").toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-") };
  }
}

suite("smithy-typescript vectors", () => {
  const base = join(dir, "smithy-typescript");
  const positives = readdirSync(join(base, "encoded/positive"));
  const negatives = readdirSync(join(base, "encoded/negative"));

  it("has the expected vector files", () => {
    expect(positives.sort()).toEqual(["all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header"]);
    expect(negatives).toHaveLength(4);
  });

  it.each(positives)("decodes positive/%s byte-exact", (name) => {
    const bytes = new Uint8Array(readFileSync(join(base, "encoded/positive", name)));
    const expected = JSON.parse(readFileSync(join(base, "decoded/positive", name), "utf8")) as {
      total_length: number;
      headers_length: number;
      prelude_crc: number;
      headers: { name: string; type: number; value: unknown }[];
      payload: string;
      message_crc: number;
    };
    const m = decodeOne(bytes);
    expect(bytes.length).toBe(expected.total_length);
    expect(u32(bytes, 4)).toBe(expected.headers_length);
    expect(crc32(bytes.subarray(0, 8))).toBe(expected.prelude_crc >>> 0);
    expect(u32(bytes, 8)).toBe(expected.prelude_crc >>> 0);
    expect(crc32(bytes.subarray(0, bytes.length - 4))).toBe(expected.message_crc >>> 0);
    const headers = Object.fromEntries(expected.headers.map((h) => [h.name, smithyExpectedHeader(h.type, h.value)]));
    expect(m.headers).toEqual(headers);
    expect(Object.keys(m.headers)).toEqual(expected.headers.map((h) => h.name));
    expect(m.payload).toEqual(fromB64(expected.payload));
  });

  it.each(negatives)("rejects negative/%s with the matching type", (name) => {
    const bytes = new Uint8Array(readFileSync(join(base, "encoded/negative", name)));
    const text = readFileSync(join(base, "decoded/negative", name), "utf8").trim();
    const type = { "Prelude checksum mismatch": "prelude-crc-mismatch", "Message checksum mismatch": "message-crc-mismatch" }[text];
    expect(type).toBeDefined();
    const e = failure(bytes);
    expect(e.type).toBe(type);
    expect(e.offset).toBe(0);
  });
});

interface BotocoreVector {
  name: string;
  encoded_hex?: string;
  encoded_segments?: ({ hex: string } | { repeat_hex: string; count: number })[];
  expect: "decode" | "error";
  decoded?: {
    prelude: { total_length: number; headers_length: number; crc: number };
    headers: Record<string, unknown>;
    payload_b64: string;
    message_crc: number;
  };
  botocore_exception?: string;
}

// botocore header values are plain; ALL_HEADERS_TYPES names each header by its type code.
function botocoreExpectedHeader(name: string, value: unknown, typeCode: number | undefined): EventStreamHeaderValue {
  if (typeof value === "boolean") return { type: "boolean", value };
  if (typeof value === "string") return { type: "string", value };
  if (typeof value === "object" && value !== null && "bytes_b64" in value) {
    const bytes = fromB64((value as { bytes_b64: string }).bytes_b64);
    if (typeCode === 9) return { type: "uuid", value: Buffer.from(bytes).toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-") };
    return { type: "binary", value: bytes };
  }
  const n = value as number;
  const byName: Record<string, EventStreamHeaderValue> = {
    byte: { type: "byte", value: n },
    short: { type: "short", value: n },
    integer: { type: "integer", value: n },
    long: { type: "long", value: BigInt(n) },
  };
  if (byName[name]) return byName[name]!;
  const byCode: Record<number, EventStreamHeaderValue> = {
    2: { type: "byte", value: n },
    3: { type: "short", value: n },
    4: { type: "integer", value: n },
    5: { type: "long", value: BigInt(n) },
    8: { type: "timestamp", value: new Date(n) },
  };
  return byCode[typeCode!]!;
}

function assemble(v: BotocoreVector): Uint8Array {
  if (v.encoded_hex !== undefined) return fromHex(v.encoded_hex);
  const parts = v.encoded_segments!.map((s) =>
    "hex" in s ? fromHex(s.hex) : new Uint8Array(s.count).fill(parseInt(s.repeat_hex, 16)),
  );
  return new Uint8Array(Buffer.concat(parts));
}

suite("botocore vectors", () => {
  const file = JSON.parse(readFileSync(join(dir, "botocore/test_eventstream_vectors.json"), "utf8")) as {
    vectors: Record<string, BotocoreVector>;
  };
  const vectors = Object.values(file.vectors);
  const positives = vectors.filter((v) => v.expect === "decode");
  const negatives = vectors.filter((v) => v.expect === "error" && v.encoded_hex !== undefined);

  it("holds 9 positive and 7 negative vectors", () => {
    expect(positives).toHaveLength(9);
    expect(vectors.filter((v) => v.expect === "error")).toHaveLength(7);
  });

  it.each(positives.map((v) => [v.name, v] as const))("decodes %s", (_name, v) => {
    const bytes = assemble(v);
    const d = v.decoded!;
    const m = decodeOne(bytes);
    expect(bytes.length).toBe(d.prelude.total_length);
    expect(u32(bytes, 4)).toBe(d.prelude.headers_length);
    expect(crc32(bytes.subarray(0, 8))).toBe(d.prelude.crc);
    expect(crc32(bytes.subarray(0, bytes.length - 4))).toBe(d.message_crc);
    const expected = Object.fromEntries(
      Object.entries(d.headers).map(([name, value]) => [name, botocoreExpectedHeader(name, value, /^\d$/.test(name) ? Number(name) : undefined)]),
    );
    expect(m.headers).toEqual(expected);
    expect(m.payload).toEqual(fromB64(d.payload_b64));
  });

  // botocore's exception → our type. ChecksumMismatch splits into prelude/message by which CRC covers the damage.
  const expectedType: Record<string, string> = {
    CORRUPTED_HEADER_LENGTH: "prelude-crc-mismatch",
    CORRUPTED_LENGTH: "prelude-crc-mismatch",
    CORRUPTED_HEADERS: "message-crc-mismatch",
    CORRUPTED_PAYLOAD: "message-crc-mismatch",
    DUPLICATE_HEADER: "duplicate-header",
    INVALID_HEADERS_LENGTH: "invalid-length",
  };
  it.each(negatives.map((v) => [v.name, v] as const))("rejects %s", (name, v) => {
    expect(expectedType[name]).toBeDefined();
    expect(failure(assemble(v)).type).toBe(expectedType[name]);
  });

  it("rejects INVALID_PAYLOAD_LENGTH (24 MiB + 1 payload) as too-large from its prelude alone", () => {
    const v = file.vectors.INVALID_PAYLOAD_LENGTH!;
    expect(v.botocore_exception).toBe("InvalidPayloadLength");
    const bytes = assemble(v);
    // botocore rejects the declared length before reading on; the stored frame is 16 bytes shorter than declared.
    expect(u32(bytes, 0)).toBe(24 * 1024 * 1024 + 1 + 32);
    const e = failure(bytes.subarray(0, 64));
    expect(e.type).toBe("too-large");
    expect(e.offset).toBe(0);
    expect((decodeChunks([bytes]).error as EventStreamError).type).toBe("too-large");
    // With the limit raised, the prelude passes and the missing tail is reported as truncation at end().
    const big = decodeChunks(split(bytes, { seed: 1, max: 1 << 20 }), { maxMessageLength: 32 * 1024 * 1024 });
    expect((big.error as EventStreamError).type).toBe("truncated");
    expect(big.messages).toHaveLength(0);
  });

  it("turns ERROR_EVENT_MESSAGE into a typed error in the Bedrock layer", () => {
    const m = decodeOne(assemble(file.vectors.ERROR_EVENT_MESSAGE!));
    const e = catchError(() => decodeBedrockEvent(m));
    expect(e).toBeInstanceOf(APIError);
    expect(e).toMatchObject({ code: "Code", message: "message" });
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
