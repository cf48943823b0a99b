/**
 * CRC-32/IEEE (polynomial 0xEDB88320 reflected, init and xor-out 0xFFFFFFFF), the checksum of event-stream preludes
 * and messages. Slicing-by-8: eight 256-entry tables let one loop iteration fold eight bytes with eight independent
 * lookups instead of eight dependent ones, which is what bounds the byte-at-a-time loop.
 */

const TABLES = /* @__PURE__ */ buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

/**
 * CRC32 of `bytes[start, end)`, continuing from `seed` (the CRC of the bytes before; 0 to start afresh).
 * @internal
 */
export function crc32Range(bytes: Uint8Array, start: number, end: number, seed: number): number {
  const t = TABLES;
  let c = ~seed;
  let i = start;
  const end8 = end - 8;
  while (i <= end8) {
    const lo = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (lo & 0xff)]! ^
      t[1536 + ((lo >>> 8) & 0xff)]! ^
      t[1280 + ((lo >>> 16) & 0xff)]! ^
      t[1024 + (lo >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < end) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * CRC-32/IEEE of `bytes`, as an unsigned 32-bit number.
 *
 * @param bytes - the data
 * @param seed - the CRC of preceding data, to checksum a sequence in pieces: `crc32(b, crc32(a))` equals the CRC of
 *   `a` followed by `b`. @defaultValue 0
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, seed = 0): number {
  return crc32Range(bytes, 0, bytes.length, seed >>> 0);
}
