/**
 * Helpers for the OpenAI-layer suites: the emulator behind a recording wrapper (every request it receives, every
 * response body it sees cancelled), reachable either in-process (injected as `fetch`) or over real loopback HTTP
 * through `serve()`; callers for `bedrock.completion` and the one-shot `completion()` with credentials from `aws_*`
 * params or from an injected env record; and a PNG builder/checker.
 */
import { observeCancel } from "../helpers/observe-cancel";
import { deflateSync, inflateSync } from "node:zlib";
import { createBedrock } from "../../src/bedrock";
import type { BedrockClient } from "../../src/bedrock";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import type { EmulatorOptions } from "../../src/emulator/types";
import { serve } from "../../src/node/server";
import type { RunningServer } from "../../src/node/server";
import { completion, embedding, imageGeneration } from "../../src/one-shot";
import type { CompletionOptions } from "../../src/openai/chat";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "../../src/api/embedding-types";
import type { ImageGenerateParams, ImagesResponse } from "../../src/api/image-types";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsBase } from "../../src/api/chat-types";
import type { Stream } from "../../src/stream";

export const REGION = "us-east-1";
const AWS_HOST = `https://bedrock-runtime.${REGION}.amazonaws.com`;

/** One request as the emulator received it. */
export interface Captured {
  method: string;
  /** The raw (still percent-encoded) path, e.g. `/model/anthropic.claude-v2%3A1/invoke`. */
  path: string;
  headers: Headers;
  text: string;
  /** The JSON body (undefined when empty). */
  json: any;
}

export type Transport = "in-process" | "loopback";

/** The emulator with its traffic recorded, reachable in-process or over loopback HTTP. */
export interface Harness {
  transport: Transport;
  /** Requests the emulator received, in order. */
  requests: Captured[];
  /** Calls made to the injected `fetch` (Bedrock and anything else). */
  fetchCalls: () => number;
  /** Response bodies of the emulator that were cancelled before their end. */
  cancelled: () => number;
  /** Resolves at the next cancellation of an emulator response body. */
  nextCancel: () => Promise<void>;
  /** What to pass as `fetch`. */
  fetch: typeof globalThis.fetch;
  /** What to pass as `endpoint` (undefined in-process: the real AWS host name, answered by the injected fetch). */
  endpoint: string | undefined;
  close(): Promise<void>;
}

export async function createHarness(transport: Transport, options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = createEmulator(options);
  const requests: Captured[] = [];
  let cancelled = 0;
  let waiters: Array<() => void> = [];
  const onCancel = () => {
    cancelled++;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  // The recording wrapper sits in front of the emulator, so it sees exactly what arrives (over loopback: after HTTP).
  const handler = async (request: Request): Promise<Response> => {
    const text = await request.clone().text();
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      text,
      json: text === "" ? undefined : JSON.parse(text),
    });
    const response = await emulator(request);
    return observeCancel(response, onCancel);
  };

  let calls = 0;
  let server: RunningServer | undefined;
  let fetchFn: typeof globalThis.fetch;
  if (transport === "loopback") {
    server = await serve(handler, { port: 0 });
    fetchFn = (input, init) => {
      calls++;
      return globalThis.fetch(input, init);
    };
  } else {
    fetchFn = async (input, init) => {
      calls++;
      const request = new Request(input, init);
      // Only the Bedrock host is the emulator; anything else (a media server on 127.0.0.1) goes to the network.
      if (request.url.startsWith(AWS_HOST)) return handler(request);
      return globalThis.fetch(request);
    };
  }
  return {
    transport,
    requests,
    fetchCalls: () => calls,
    cancelled: () => cancelled,
    nextCancel: () => new Promise<void>((resolve) => waiters.push(resolve)),
    fetch: fetchFn,
    endpoint: server?.url,
    close: async () => {
      await server?.close();
    },
  };
}

/** Chat params without `stream`: each caller method sets it. */
type ChatParams = ChatCompletionCreateParamsBase;

/** One way of calling the library: a client's methods or the one-shot functions. */
export interface Caller {
  label: string;
  completion(params: ChatParams, options?: CompletionOptions): Promise<ChatCompletion>;
  stream(params: ChatParams, options?: CompletionOptions): Promise<Stream<ChatCompletionChunk>>;
  embedding(params: EmbeddingCreateParams): Promise<CreateEmbeddingResponse>;
  imageGeneration(params: ImageGenerateParams): Promise<ImagesResponse>;
}

export type CallerKind = "client" | "one-shot aws_* params" | "one-shot env record";
export const CALLER_KINDS: readonly CallerKind[] = ["client", "one-shot aws_* params", "one-shot env record"];

/** A client on the harness; `sleep` is instant so that retries do not wait. */
export function clientFor(h: Harness, extra: { maxRetries?: number; sleep?: (ms: number) => Promise<void> } = {}): BedrockClient {
  return createBedrock({
    region: REGION,
    credentials: TEST_CREDENTIALS,
    endpoint: h.endpoint,
    fetch: h.fetch,
    env: {},
    maxRetries: extra.maxRetries,
    sleep: extra.sleep ?? (async () => {}),
  });
}

export function callerFor(h: Harness, kind: CallerKind): Caller {
  if (kind === "client") {
    const b = clientFor(h);
    return {
      label: kind,
      completion: (params, options) => b.completion({ ...params, stream: false }, options),
      stream: (params, options) => b.completion({ ...params, stream: true }, options),
      embedding: (params) => b.embedding(params),
      imageGeneration: (params) => b.imageGeneration(params),
    };
  }
  if (kind === "one-shot aws_* params") {
    // LiteLLM's "Passing credentials as parameters": nothing comes from the environment.
    const auth = {
      aws_access_key_id: TEST_CREDENTIALS.accessKeyId,
      aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey,
      aws_region_name: REGION,
      ...(h.endpoint === undefined ? {} : { aws_bedrock_runtime_endpoint: h.endpoint }),
    };
    const conn = { env: {}, fetch: h.fetch };
    return {
      label: kind,
      completion: (params, options) => completion({ ...params, ...auth, stream: false }, { ...options, ...conn }),
      stream: (params, options) => completion({ ...params, ...auth, stream: true }, { ...options, ...conn }),
      embedding: (params) => embedding({ ...params, ...auth }, conn),
      imageGeneration: (params) => imageGeneration({ ...params, ...auth }, conn),
    };
  }
  // LiteLLM's "Required Environment Variables", from an injected record rather than process.env.
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_REGION_NAME: REGION,
    ...(h.endpoint === undefined ? {} : { AWS_BEDROCK_RUNTIME_ENDPOINT: h.endpoint }),
  };
  const conn = { env, fetch: h.fetch };
  return {
    label: kind,
    completion: (params, options) => completion({ ...params, stream: false }, { ...options, ...conn }),
    stream: (params, options) => completion({ ...params, stream: true }, { ...options, ...conn }),
    embedding: (params) => embedding(params, conn),
    imageGeneration: (params) => imageGeneration(params, conn),
  };
}

/** Reads a whole stream of chunks. */
export async function collect(stream: Stream<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const out: ChatCompletionChunk[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

export function textOf(chunks: readonly ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
}

/** The percent-encoded model path, per segment as the design says (`:` → `%3A`, `/` → `%2F`). */
export function modelPath(modelId: string, operation: string): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}

// ---------------------------------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A real RGB PNG of `width`×`height` (a gradient), built from the spec: signature, IHDR, IDAT (zlib), IEND. */
export function buildPng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, filter 0, no interlace
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set([(x * 255) / Math.max(1, width - 1), (y * 255) / Math.max(1, height - 1), 128], row + 1 + x * 3);
  }
  const parts = [Uint8Array.from(PNG_SIGNATURE), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Checks a PNG thoroughly: signature, every chunk's CRC, IHDR first and IEND last, and the inflated IDAT holding
 * exactly one filter byte plus the pixels per row. Returns the dimensions.
 */
export function checkPng(bytes: Uint8Array): { width: number; height: number } {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error("not a PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  const types: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  let channels = 0;
  let depth = 0;
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (view.getUint32(at + 8 + length) !== crc32(bytes.subarray(at + 4, at + 8 + length))) throw new Error(`bad CRC in ${type}`);
    types.push(type);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8]!;
      channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  if (types[0] !== "IHDR" || types.at(-1) !== "IEND") throw new Error(`bad chunk order ${types.join(",")}`);
  const pixels = inflateSync(Buffer.concat(idat));
  const rowBytes = 1 + Math.ceil((width * channels * depth) / 8);
  if (pixels.length !== height * rowBytes) throw new Error(`IDAT holds ${pixels.length} bytes, expected ${height * rowBytes}`);
  return { width, height };
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}
