/**
 * Test helpers for the event-stream suites: feeding a decoder under different chunkings, a seeded PRNG, and the
 * @smithy/eventstream-codec oracle (test-only; the library never imports it).
 */
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { createEventStreamDecoder } from "../../src/event-stream/index";
import type { EventStreamDecoderOptions, EventStreamMessage } from "../../src/event-stream/index";

/** Mulberry32: small, fast, seeded, so every failing case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `bytes` into pieces: whole, one byte at a time, or random sizes in [1, max]. */
export function split(bytes: Uint8Array, how: "whole" | "bytewise" | { seed: number; max: number }): Uint8Array[] {
  if (how === "whole") return [bytes];
  const out: Uint8Array[] = [];
  if (how === "bytewise") {
    for (let i = 0; i < bytes.length; i++) out.push(bytes.subarray(i, i + 1));
    return out;
  }
  const rand = prng(how.seed);
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * how.max);
    // Copies, so that a decoder which kept views into earlier chunks would be caught if it relied on adjacency.
    out.push(bytes.slice(i, i + n));
    i += n;
  }
  return out;
}

export interface DecodeResult {
  messages: EventStreamMessage[];
  offsets: number[];
  error: unknown;
}

/** Feeds every piece then ends; collects messages and the first thrown error. */
export function decodeChunks(
  pieces: Uint8Array[],
  options: Omit<EventStreamDecoderOptions, "onMessage"> = {},
): DecodeResult {
  const messages: EventStreamMessage[] = [];
  const offsets: number[] = [];
  const decoder = createEventStreamDecoder({
    ...options,
    onMessage: (m, at) => {
      // Copy the payload: views into a caller's chunk are allowed to alias it.
      messages.push({ headers: m.headers, payload: m.payload.slice() });
      offsets.push(at);
    },
  });
  try {
    for (const piece of pieces) decoder.feed(piece);
    decoder.end();
    return { messages, offsets, error: undefined };
  } catch (error) {
    return { messages, offsets, error };
  }
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, "hex"));
}

export function fromB64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64"));
}

export const smithyCodec = new EventStreamCodec(toUtf8, fromUtf8);

/** Splits a stream into frames by its prelude lengths and decodes each with the Smithy codec (the oracle). */
export function smithyDecodeStream(bytes: Uint8Array): EventStreamMessage[] {
  const out: EventStreamMessage[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; ) {
    const total = view.getUint32(i);
    const m = smithyCodec.decode(bytes.subarray(i, i + total));
    const headers: EventStreamMessage["headers"] = {};
    for (const [name, h] of Object.entries(m.headers)) {
      // Int64's toString goes through a double and loses precision; read its 8 bytes instead.
      if (h.type === "long") {
        const b = h.value.bytes;
        headers[name] = { type: "long", value: new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0) };
      }
      else headers[name] = h as EventStreamMessage["headers"][string];
    }
    out.push({ headers, payload: new Uint8Array(m.body) });
    i += total;
  }
  return out;
}
