/**
 * Random corruption of real Bedrock streams (bit flips, truncation, inserted and deleted bytes): the decoder must
 * end in a typed error or in correct messages, never hang and never let a TypeError/RangeError escape. Every case
 * is seeded; a failure names the stream, the seed and the mutation to replay it.
 */
import { describe, expect, it } from "vitest";
import { APIError, isBedrockError } from "../../src/errors";
import {
  createBedrockEventDecoder,
  crc32,
  createEventStreamDecoder,
  encodeEventStreamMessage,
  EventStreamError,
} from "../../src/event-stream/index";
import { exchangeIndex, hasShared, loadExchange, streamBytes } from "../helpers/shared";
import { prng, split } from "./helpers";

const suite = hasShared ? describe : describe.skip;
type Mutation = "flip" | "truncate" | "insert" | "delete";
const MUTATIONS: Mutation[] = ["flip", "truncate", "insert", "delete"];
const CASES_PER_STREAM = 40;

function mutate(bytes: Uint8Array, kind: Mutation, rand: () => number): { bytes: Uint8Array; at: number } {
  const at = Math.floor(rand() * bytes.length);
  switch (kind) {
    case "flip": {
      const out = bytes.slice();
      out[at]! ^= 1 << Math.floor(rand() * 8);
      return { bytes: out, at };
    }
    case "truncate":
      return { bytes: bytes.subarray(0, at), at };
    case "insert": {
      const extra = new Uint8Array(1 + Math.floor(rand() * 16)).map(() => Math.floor(rand() * 256));
      return { bytes: new Uint8Array(Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)])), at };
    }
    case "delete": {
      const n = 1 + Math.floor(rand() * 16);
      return { bytes: new Uint8Array(Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + n)])), at };
    }
  }
}

/** Frame boundaries of the intact stream, from its prelude lengths. */
function frames(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < bytes.length; i += view.getUint32(i)) out.push(bytes.subarray(i, i + view.getUint32(i)));
  return out;
}

suite("random corruption of recorded streams", () => {
  const streams = exchangeIndex()
    .filter((e) => e.streamed)
    .map((e) => ({ file: e.file, bytes: streamBytes(loadExchange(e.file)) }));

  it(`ends every one of ${streams.length * CASES_PER_STREAM} cases in a typed error or correct messages`, () => {
    const tally: Record<string, number> = {};
    for (const [s, stream] of streams.entries()) {
      const original = frames(stream.bytes);
      for (let c = 0; c < CASES_PER_STREAM; c++) {
        const seed = s * 1000 + c;
        const rand = prng(seed);
        const kind = MUTATIONS[c % MUTATIONS.length]!;
        const { bytes, at } = mutate(stream.bytes, kind, rand);
        const where = `${stream.file} seed=${seed} ${kind}@${at}`;
        const pieces = split(bytes, { seed, max: 1 + Math.floor(rand() * 600) });

        // Frame layer: each decoded message must re-encode to the very frame the intact stream had there.
        let index = 0;
        let error: unknown;
        const decoder = createEventStreamDecoder({
          onMessage(m) {
            const expected = original[index++];
            if (!expected || Buffer.compare(encodeEventStreamMessage(m), expected) !== 0) throw new Error(`wrong message ${where}`);
          },
        });
        try {
          for (const piece of pieces) decoder.feed(piece);
          decoder.end();
        } catch (e) {
          error = e;
        }
        if (error !== undefined && !(error instanceof EventStreamError)) throw new Error(`untyped ${String(error)} at ${where}`);
        // A single flipped bit is always caught: CRC32 detects every 1-bit error.
        if (kind === "flip" && error === undefined) throw new Error(`undetected flip at ${where}`);
        if (error === undefined && index !== original.length && !(kind === "truncate")) throw new Error(`lost frames at ${where}`);
        const key = error === undefined ? "ok" : (error as EventStreamError).type;
        tally[key] = (tally[key] ?? 0) + 1;

        // Bedrock layer on the same bytes: only EventStreamError or an APIError subclass may come out.
        let bedrockError: unknown;
        const bedrock = createBedrockEventDecoder({ onEvent() {} });
        try {
          for (const piece of pieces) bedrock.feed(piece);
          bedrock.end();
        } catch (e) {
          bedrockError = e;
        }
        if (bedrockError !== undefined && !(bedrockError instanceof EventStreamError || bedrockError instanceof APIError)) {
          throw new Error(`untyped Bedrock-layer ${String(bedrockError)} at ${where}`);
        }
        if (bedrockError !== undefined && !isBedrockError(bedrockError)) throw new Error(`not a BedrockError at ${where}`);
      }
    }
    // Every kind of damage shows up, and the tally covers every case.
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(streams.length * CASES_PER_STREAM);
    expect(tally["prelude-crc-mismatch"]).toBeGreaterThan(0);
    expect(tally["message-crc-mismatch"]).toBeGreaterThan(0);
    expect(tally.truncated).toBeGreaterThan(0);
    console.log("corruption outcomes:", tally);
  });

  // CRCs mask most damage above; here the damage is re-checksummed so the header parser and the Bedrock payload
  // decoding face it directly.
  it("survives damage behind valid CRCs: headers, lengths and payloads", () => {
    const tally: Record<string, number> = {};
    let cases = 0;
    for (const [s, stream] of streams.entries()) {
      const original = frames(stream.bytes);
      for (let c = 0; c < 40; c++) {
        const seed = 500_000 + s * 1000 + c;
        const rand = prng(seed);
        const target = original[Math.floor(rand() * original.length)]!;
        const body = target.subarray(12, target.length - 4);
        const kind = MUTATIONS[c % MUTATIONS.length]!;
        const damaged = mutate(body, kind, rand).bytes;
        const frame = new Uint8Array(16 + damaged.length);
        const view = new DataView(frame.buffer);
        view.setUint32(0, frame.length);
        // Usually keep the declared headers length (now possibly wrong); sometimes randomise it.
        const headersLength = new DataView(target.buffer, target.byteOffset).getUint32(4);
        view.setUint32(4, rand() < 0.2 ? Math.floor(rand() * (damaged.length + 40)) : headersLength);
        view.setUint32(8, crc32(frame.subarray(0, 8)));
        frame.set(damaged, 12);
        view.setUint32(frame.length - 4, crc32(frame.subarray(0, frame.length - 4)));
        const where = `${stream.file} seed=${seed} ${kind}`;
        for (const layer of ["frames", "bedrock"] as const) {
          let error: unknown;
          try {
            const decoder =
              layer === "frames" ? createEventStreamDecoder({ onMessage() {} }) : createBedrockEventDecoder({ onEvent() {} });
            for (const piece of split(frame, { seed, max: 50 })) decoder.feed(piece);
            decoder.end();
          } catch (e) {
            error = e;
          }
          const typed = error === undefined || error instanceof EventStreamError || (layer === "bedrock" && error instanceof APIError);
          if (!typed) throw new Error(`untyped ${String(error)} (${layer}) at ${where}`);
          const key = `${layer}:${error === undefined ? "ok" : error instanceof EventStreamError ? error.type : (error as Error).name}`;
          tally[key] = (tally[key] ?? 0) + 1;
        }
        cases++;
      }
    }
    expect(cases).toBe(streams.length * 40);
    expect(tally["frames:invalid-header"]).toBeGreaterThan(0);
    expect(tally["frames:invalid-length"]).toBeGreaterThan(0);
    expect(tally["bedrock:invalid-payload"]).toBeGreaterThan(0);
    console.log("behind-CRC outcomes:", tally);
  });
});
