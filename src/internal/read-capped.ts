/**
 * Reading a whole body with a size cap: a peer that sends an endless body must cost at most `max` bytes of memory.
 */

/**
 * Reads `body` to its end. Past `max` bytes it cancels the body and returns `undefined`, or with `truncate` the first
 * `max` bytes (for error answers, where only the start matters).
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  max: number,
  truncate?: boolean,
): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      reader.cancel().catch(() => {});
      if (!truncate) return undefined;
      chunks.push(value.subarray(0, max - size));
      size = max;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
