/** Decoder behaviour beyond the vectors: CRC32, limits, offsets, state, emission timing, linear buffering. */
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import {
  crc32,
  createEventStreamDecoder,
  encodeEventStreamMessage,
  EventStreamDecoderStream,
  EventStreamError,
  isEventStreamError,
  type EventStreamMessage,
} from "../../src/event-stream/index";
import { decodeChunks, split } from "./helpers";

const text = new TextEncoder();

function frame(i: number, payloadLength = 40): Uint8Array {
  return encodeEventStreamMessage({
    headers: { ":message-type": "event", ":event-type": "chunk", n: { type: "integer", value: i } },
    payload: new Uint8Array(payloadLength).fill(i & 0xff),
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("crc32", () => {
  it("gives the CRC-32/IEEE check values", () => {
    expect(crc32(text.encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(text.encode("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
  });

  it("continues from a seed, at every split point, agreeing with zlib", async () => {
    const { crc32: zlibCrc } = await import("node:zlib").then((z) => z as unknown as { crc32?: (b: Uint8Array) => number });
    const data = new Uint8Array(1000).map((_, i) => (i * 131 + 7) & 0xff);
    const whole = crc32(data);
    if (zlibCrc) expect(whole).toBe(zlibCrc(data));
    for (let cut = 0; cut <= 40; cut++) expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut)))).toBe(whole);
  });
});

describe("createEventStreamDecoder", () => {
  it("emits each message as soon as its last byte arrives, with its stream offset", () => {
    const frames = [frame(1), frame(2, 0), frame(3, 500)];
    const bytes = concat(frames);
    const seen: [number, number][] = [];
    let fed = 0;
    const decoder = createEventStreamDecoder({
      onMessage: (m, at) => seen.push([(m.headers.n as { value: number }).value, at, fed] as never),
    });
    for (let i = 0; i < bytes.length; i++) {
      fed = i + 1;
      decoder.feed(bytes.subarray(i, i + 1));
    }
    decoder.end();
    const ends = [frames[0]!.length, frames[0]!.length + frames[1]!.length, bytes.length];
    expect(seen).toEqual([
      [1, 0, ends[0]],
      [2, ends[0], ends[1]],
      [3, ends[1], ends[2]],
    ]);
  });

  it("decodes in place: a frame wholly inside the chunk yields a view of it", () => {
    const bytes = concat([frame(1), frame(2)]);
    const payloads: Uint8Array[] = [];
    const decoder = createEventStreamDecoder({ onMessage: (m) => payloads.push(m.payload) });
    decoder.feed(bytes);
    expect(payloads.every((p) => p.buffer === bytes.buffer)).toBe(true);
  });

  it("assembles a 10 MiB frame fed one byte at a time (linear buffering)", () => {
    const payload = new Uint8Array(10 * 1024 * 1024).map((_, i) => i & 0xff);
    const bytes = encodeEventStreamMessage({ headers: { a: "b" }, payload });
    let got: EventStreamMessage | undefined;
    const decoder = createEventStreamDecoder({ onMessage: (m) => (got = m) });
    for (let i = 0; i < bytes.length; i++) decoder.feed(bytes.subarray(i, i + 1));
    decoder.end();
    expect(got!.payload.length).toBe(payload.length);
    expect(Buffer.compare(got!.payload, payload)).toBe(0);
  });

  it("reports truncation at end(), at the unfinished frame's offset", () => {
    const bytes = concat([frame(1), frame(2)]);
    for (const cut of [frame(1).length + 1, frame(1).length + 11, frame(1).length + 12, bytes.length - 1]) {
      const r = decodeChunks(split(bytes.subarray(0, cut), "bytewise"));
      expect(r.messages).toHaveLength(1);
      expect(r.error).toMatchObject({ name: "EventStreamError", type: "truncated", offset: frame(1).length });
    }
    expect(decodeChunks([]).error).toBeUndefined();
  });

  it("enforces maxMessageLength, maxHeadersLength and maxHeaderNameLength from the prelude", () => {
    const big = frame(1, 1000);
    expect(decodeChunks([big.subarray(0, 12)], { maxMessageLength: 999 }).error).toMatchObject({ type: "too-large", offset: 0 });
    const headers = encodeEventStreamMessage({ headers: { h: "x".repeat(300) } });
    expect(decodeChunks([headers], { maxHeadersLength: 100 }).error).toMatchObject({ type: "too-large" });
    const named = encodeEventStreamMessage({ headers: { ok: "1", ["n".repeat(20)]: "x" } });
    expect(decodeChunks([named], { maxHeaderNameLength: 10 }).error).toMatchObject({ type: "too-large", offset: 12 + 7 });
    expect(decodeChunks([named], { maxHeaderNameLength: 20 }).error).toBeUndefined();
  });

  it("rejects impossible lengths with a valid prelude CRC", () => {
    const prelude = (total: number, headers: number) => {
      const b = new Uint8Array(12);
      const v = new DataView(b.buffer);
      v.setUint32(0, total);
      v.setUint32(4, headers);
      v.setUint32(8, crc32(b.subarray(0, 8)));
      return b;
    };
    expect(decodeChunks([prelude(15, 0)]).error).toMatchObject({ type: "invalid-length" });
    expect(decodeChunks([prelude(40, 25)]).error).toMatchObject({ type: "invalid-length" });
  });

  it("rejects unknown header types, empty names and headers that overrun their section", () => {
    const good = encodeEventStreamMessage({ headers: { ab: "x" } });
    const withHeaderBytes = (mutate: (b: Uint8Array) => void) => {
      const b = good.slice();
      mutate(b);
      new DataView(b.buffer).setUint32(b.length - 4, crc32(b.subarray(0, b.length - 4)));
      return b;
    };
    expect(decodeChunks([withHeaderBytes((b) => (b[12 + 3] = 10))]).error).toMatchObject({ type: "invalid-header", offset: 12 });
    expect(decodeChunks([withHeaderBytes((b) => (b[12] = 0))]).error).toMatchObject({ type: "invalid-header" });
    expect(decodeChunks([withHeaderBytes((b) => (b[12 + 5] = 9))]).error).toMatchObject({ type: "invalid-header" });
    expect(decodeChunks([withHeaderBytes((b) => (b[12] = 200))]).error).toMatchObject({ type: "invalid-header" });
  });

  it("rejects duplicate header names, also for __proto__, and keeps __proto__ as a plain header", () => {
    const proto = Object.fromEntries([["__proto__", "x"]]);
    const r = decodeChunks([encodeEventStreamMessage({ headers: proto })]);
    expect(Object.getPrototypeOf(r.messages[0]!.headers)).toBe(Object.prototype);
    expect(Object.keys(r.messages[0]!.headers)).toEqual(["__proto__"]);
    const one = encodeEventStreamMessage({ headers: proto });
    const headerBytes = one.subarray(12, one.length - 4);
    const twice = new Uint8Array(16 + 2 * headerBytes.length);
    const v = new DataView(twice.buffer);
    v.setUint32(0, twice.length);
    v.setUint32(4, 2 * headerBytes.length);
    v.setUint32(8, crc32(twice.subarray(0, 8)));
    twice.set(headerBytes, 12);
    twice.set(headerBytes, 12 + headerBytes.length);
    v.setUint32(twice.length - 4, crc32(twice.subarray(0, twice.length - 4)));
    expect(decodeChunks([twice]).error).toMatchObject({ type: "duplicate-header", offset: 12 + headerBytes.length });
  });

  it("refuses input after an error until reset(), then starts a fresh stream at offset 0", () => {
    const offsets: number[] = [];
    const decoder = createEventStreamDecoder({ onMessage: (_m, at) => offsets.push(at) });
    const bad = frame(1).slice();
    bad[bad.length - 1]! ^= 1;
    decoder.feed(frame(0));
    const e = thrown(() => decoder.feed(bad));
    expect(e).toMatchObject({ type: "message-crc-mismatch", offset: frame(0).length });
    expect(isEventStreamError(e)).toBe(true);
    expect(thrown(() => decoder.feed(frame(2)))).toMatchObject({ type: "invalid-state" });
    expect(thrown(() => decoder.end())).toMatchObject({ type: "invalid-state" });
    decoder.reset();
    decoder.feed(frame(3));
    decoder.end();
    expect(offsets).toEqual([0, 0]);
  });

  it("rejects bad options and bad input with ConfigurationError before decoding anything", () => {
    const noCallback = thrown(() => createEventStreamDecoder({} as never));
    expect(noCallback).toBeInstanceOf(ConfigurationError);
    expect(noCallback).toMatchObject({ field: "onMessage" });
    expect((noCallback as Error).message).toContain("Did you mean");
    for (const [field, value] of [["maxMessageLength", 0], ["maxHeadersLength", 1.5], ["maxHeaderNameLength", 256]] as const) {
      expect(thrown(() => createEventStreamDecoder({ onMessage() {}, [field]: value }))).toMatchObject({ name: "ConfigurationError", field });
    }
    const decoder = createEventStreamDecoder({ onMessage() {} });
    expect(thrown(() => decoder.feed("abc" as never))).toMatchObject({ name: "ConfigurationError", field: "bytes" });
  });

  it("EventStreamError is a BedrockError with a type, an offset, and no retry", () => {
    const e = new EventStreamError("truncated", "Event stream ended inside a frame", 42);
    expect(e).toMatchObject({ name: "EventStreamError", type: "truncated", offset: 42, retryable: false, status: undefined });
    expect(e.message).toContain("42");
  });
});

describe("EventStreamDecoderStream", () => {
  it("pipes bytes to messages and errors the readable side on truncation", async () => {
    const bytes = concat([frame(1), frame(2)]);
    const run = async (input: Uint8Array) => {
      const out: EventStreamMessage[] = [];
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          for (const piece of split(input, { seed: 4, max: 9 })) c.enqueue(piece);
          c.close();
        },
      });
      try {
        for await (const m of body.pipeThrough(new EventStreamDecoderStream())) out.push(m);
        return { out, error: undefined };
      } catch (error) {
        return { out, error };
      }
    };
    const ok = await run(bytes);
    expect(ok.error).toBeUndefined();
    expect(ok.out.map((m) => (m.headers.n as { value: number }).value)).toEqual([1, 2]);
    const cut = await run(bytes.subarray(0, bytes.length - 3));
    expect(cut.out).toHaveLength(1);
    expect(cut.error).toMatchObject({ name: "EventStreamError", type: "truncated" });
  });

  it("passes limits through", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(frame(1, 100));
        c.close();
      },
    });
    const reader = body.pipeThrough(new EventStreamDecoderStream({ maxMessageLength: 50 })).getReader();
    await expect(reader.read()).rejects.toMatchObject({ type: "too-large" });
  });
});
