/**
 * Event-stream decoding throughput, side by side with the AWS SDK's pipeline.
 *
 * 1. A realistic InvokeModelWithResponseStream body: 2,000 `chunk` frames of ~285 bytes whose payload is
 *    `{"bytes":"<base64 of a Claude content_block_delta>","p":"<padding>"}`, arriving in 1,000 random-size chunks.
 *    Both sides go from an async iterable of chunks to the model's parsed JSON events: ours through
 *    createBedrockEventDecoder (and BedrockEventStream); the SDK's through @smithy/core's getChunkedStream (how
 *    the SDK cuts a body into messages) + EventStreamCodec.decode + JSON.parse + fromBase64 + JSON.parse.
 * 2. Framing only (CRCs, headers, payload views) against one CRC32 pass over the same bytes: the floor, since
 *    every byte must be checksummed.
 */
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { getChunkedStream } from "@smithy/core/event-streams";
import { fromBase64 } from "@smithy/core/serde";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import {
  BedrockEventStream,
  crc32,
  createBedrockEventDecoder,
  createEventStreamDecoder,
  encodeEventStreamMessage,
} from "../src/event-stream/index";
import { compare, type Comparison } from "./harness";

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(42);
const WORDS = ["the", "model", "streams", "tokens", "quickly,", "and", "Bedrock", "wraps", "each", "in", "a", "frame."];
const PAD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function buildStream(frames: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < frames; i++) {
    let text = "";
    while (text.length < 20 + rand() * 30) text += WORDS[Math.floor(rand() * WORDS.length)] + " ";
    const event = { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } };
    const payload = JSON.stringify({ bytes: btoa(JSON.stringify(event)), p: PAD.slice(0, 1 + Math.floor(rand() * 40)) });
    parts.push(
      encodeEventStreamMessage({
        headers: { ":event-type": "chunk", ":content-type": "application/json", ":message-type": "event" },
        payload,
      }),
    );
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function cut(bytes: Uint8Array, pieces: number): Uint8Array[] {
  const points = new Set<number>();
  while (points.size < pieces - 1) points.add(1 + Math.floor(rand() * (bytes.length - 1)));
  const sorted = [0, ...[...points].sort((a, b) => a - b), bytes.length];
  return sorted.slice(1).map((end, i) => bytes.slice(sorted[i], end));
}

async function* source(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const c of chunks) yield c;
}

/** One table-driven CRC32, byte at a time: the textbook baseline. */
const TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32Bytewise(b: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < b.length; i++) c = TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export async function run(): Promise<Comparison[]> {
  const FRAMES = 2000;
  const bytes = buildStream(FRAMES);
  const chunks = cut(bytes, 1000);
  console.log(`stream: ${FRAMES} frames, ${bytes.length} bytes (${(bytes.length / FRAMES).toFixed(0)} B/frame), ${chunks.length} chunks`);

  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const utf8 = new TextDecoder();
  let sink = 0;

  const ours = async () => {
    let n = 0;
    const decoder = createBedrockEventDecoder({
      onEvent: (e) => {
        n += (e.data as { index: number }).index + 1;
      },
    });
    for await (const chunk of source(chunks)) decoder.feed(chunk);
    decoder.end();
    if (n !== FRAMES) throw new Error("ours: wrong count");
    sink += n;
  };
  const oursStream = async () => {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    for await (const e of body.pipeThrough(new BedrockEventStream())) n += (e.data as { index: number }).index + 1;
    if (n !== FRAMES) throw new Error("ours stream: wrong count");
    sink += n;
  };
  const smithy = async () => {
    let n = 0;
    for await (const frame of getChunkedStream(source(chunks))) {
      const message = codec.decode(frame);
      if (message.headers[":message-type"]?.value !== "event") throw new Error("unexpected frame");
      const wrapper = JSON.parse(toUtf8(message.body)) as { bytes: string };
      const event = JSON.parse(utf8.decode(fromBase64(wrapper.bytes))) as { index: number };
      n += event.index + 1;
    }
    if (n !== FRAMES) throw new Error("smithy: wrong count");
    sink += n;
  };

  const realistic = await compare(
    "Bedrock chunk stream → parsed model events (2,000 frames in 1,000 random chunks, async source)",
    [
      { name: "bedrock-fetch createBedrockEventDecoder", run: ours },
      { name: "bedrock-fetch BedrockEventStream (web streams)", run: oursStream },
      { name: "@smithy getChunkedStream + EventStreamCodec", run: smithy },
    ],
    { bytesPerOp: bytes.length, unit: "streams" },
  );

  const framingOurs = () => {
    let n = 0;
    const decoder = createEventStreamDecoder({ onMessage: (m) => (n += m.payload.length) });
    for (const chunk of chunks) decoder.feed(chunk);
    decoder.end();
    sink += n;
  };
  const framingSmithy = async () => {
    let n = 0;
    for await (const frame of getChunkedStream(source(chunks))) n += codec.decode(frame).body.length;
    sink += n;
  };
  const framing = await compare(
    "Framing only (CRCs + headers + payload views) vs one CRC32 pass over the same bytes",
    [
      { name: "bedrock-fetch createEventStreamDecoder", run: framingOurs },
      { name: "crc32 (slicing-by-8) over the bytes", run: () => (sink += crc32(bytes)) },
      { name: "crc32 (table, byte at a time) over the bytes", run: () => (sink += crc32Bytewise(bytes)) },
      { name: "@smithy getChunkedStream + EventStreamCodec", run: framingSmithy },
    ],
    { bytesPerOp: bytes.length, unit: "streams" },
  );

  const r = realistic.results;
  const f = framing.results;
  console.log(
    `\nrealistic: ours ${(r[0]!.opsPerSec / r[2]!.opsPerSec).toFixed(2)}x smithy (target ≥ 3x); ` +
      `${((r[0]!.opsPerSec * FRAMES) / 1e6).toFixed(2)} M messages/s vs ${((r[2]!.opsPerSec * FRAMES) / 1e6).toFixed(2)} M`,
  );
  console.log(
    `framing: ${(f[0]!.opsPerSec / f[1]!.opsPerSec).toFixed(2)} of the slicing-by-8 CRC32 pass, ` +
      `${(f[0]!.opsPerSec / f[2]!.opsPerSec).toFixed(2)} of the byte-at-a-time table CRC32 pass (target ≥ 0.5)`,
  );
  if (sink === 0) console.log("");
  return [realistic, framing];
}
