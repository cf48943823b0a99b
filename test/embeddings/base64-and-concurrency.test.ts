/**
 * `encoding_format: "base64"` bytes (checked with Node's own decoder) and the bounded-concurrency map (driven by
 * promises the test resolves by hand: no timers, no timed assertions).
 */
import { planEmbedding } from "../helpers/families";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import {
  assembleEmbeddingResponse,
  encodeBase64,
  mapWithConcurrency,
  toBase64Float32,
} from "../../src/families/embeddings/index";
import { exchanges, hasShared } from "../helpers/shared";

describe("base64", () => {
  it("encodes every length and byte value as Node's Buffer does", () => {
    for (let length = 0; length < 300; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length * 7) & 0xff);
      expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });

  it("toBase64Float32 writes little-endian float32, which decodes back to the rounded vector", () => {
    const vector = [0, -0, 1, -1.5, 0.1, 3.4e38, -1e-40, 0.45703125];
    const bytes = Buffer.from(toBase64Float32(vector), "base64");
    expect(bytes.length).toBe(vector.length * 4);
    expect(vector.map((_, i) => bytes.readFloatLE(i * 4))).toEqual(vector.map((x) => Math.fround(x)));
    // 1.0f is 0x3f800000: little-endian bytes 00 00 80 3f.
    expect([...Buffer.from(toBase64Float32([1]), "base64")]).toEqual([0x00, 0x00, 0x80, 0x3f]);
  });

  (hasShared ? it : it.skip)("a recorded Cohere answer with encoding_format base64 round-trips", () => {
    const [e] = exchanges((x) => x.file.endsWith("dd-trace-py--cohere_embedding__0.json"));
    const plan = planEmbedding({ model: e!.modelId!, input: ["Hello World!", "Goodbye cruel world!"], encoding_format: "base64" });
    const response = assembleEmbeddingResponse(plan, [plan.family.parseResponse(e!.response.body, 2)]);
    const vectors = (e!.response.body as { embeddings: number[][] }).embeddings;
    response.data.forEach((item, i) => {
      expect(typeof item.embedding).toBe("string");
      const bytes = Buffer.from(item.embedding as string, "base64");
      const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      expect([...decoded]).toEqual(vectors[i]!.map((x) => Math.fround(x)));
    });
  });
});

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
/** Lets queued promise callbacks run. */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe("mapWithConcurrency", () => {
  it("keeps at most `limit` calls in flight and returns results in input order", async () => {
    const pending = Array.from({ length: 7 }, () => deferred<string>());
    const started: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const result = mapWithConcurrency([0, 1, 2, 3, 4, 5, 6], 3, (item) => {
      started.push(item);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return pending[item]!.promise.finally(() => inFlight--);
    });
    await flush();
    expect(started).toEqual([0, 1, 2]);
    // Finish out of order: later items first.
    for (const i of [2, 0, 1, 5, 3, 6, 4]) {
      await flush();
      pending[i]!.resolve(`r${i}`);
    }
    expect(await result).toEqual(["r0", "r1", "r2", "r3", "r4", "r5", "r6"]);
    expect(maxInFlight).toBe(3);
    expect(started).toHaveLength(7);
  });

  it("rejects with the first error at once and starts nothing more", async () => {
    const pending = Array.from({ length: 5 }, () => deferred<number>());
    const started: number[] = [];
    const result = mapWithConcurrency([0, 1, 2, 3, 4], 2, (item) => {
      started.push(item);
      return pending[item]!.promise;
    });
    await flush();
    pending[1]!.reject(new Error("boom"));
    await expect(result).rejects.toThrow("boom");
    // Item 0 is still in flight; nothing after the failure was started.
    expect(started).toEqual([0, 1]);
    pending[0]!.resolve(0);
    await flush();
    expect(started).toEqual([0, 1]);
  });

  it("treats a synchronous throw as that item's rejection", async () => {
    await expect(
      mapWithConcurrency([1], 1, () => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
  });

  it("handles no items, and refuses a limit that is not a positive integer", async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
    await expect(mapWithConcurrency([1], 0, async () => 1)).rejects.toBeInstanceOf(ConfigurationError);
    await expect(mapWithConcurrency([1], 1.5, async () => 1)).rejects.toBeInstanceOf(ConfigurationError);
  });
});
