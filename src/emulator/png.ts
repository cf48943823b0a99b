/**
 * A tiny PNG encoder for the image families: a two-colour palette image (bit depth 1) of a diagonal stripe
 * pattern, zlib-wrapped in *stored* (uncompressed) deflate blocks. A 1024×1024 image is about 130 KB, so honouring
 * the requested size stays cheap without a compressor.
 *
 * Formats: PNG https://www.w3.org/TR/png-3/ (chunks, CRC-32, IHDR/PLTE/IDAT/IEND), zlib RFC 1950 (header, Adler-32),
 * deflate stored blocks RFC 1951 §3.2.4.
 */

export { toBase64 } from "./bytes";

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib stream of `data` in stored deflate blocks (at most 65,535 bytes each). */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78; // CM 8 (deflate), CINFO 7 (32 KiB window)
  out[1] = 0x01; // FCHECK so that (CMF*256 + FLG) % 31 == 0, no dictionary, fastest
  let o = 2;
  for (let i = 0; i < blocks; i++) {
    const start = i * 65535;
    const len = Math.min(65535, data.length - start);
    out[o] = i === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    view.setUint16(o + 1, len, true);
    view.setUint16(o + 3, ~len & 0xffff, true);
    out.set(data.subarray(start, start + len), o + 5);
    o += 5 + len;
  }
  view.setUint32(o, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** An RGB colour. */
export type Rgb = readonly [number, number, number];

/**
 * Encodes a `width`×`height` PNG of diagonal stripes in two colours.
 * @param stripe - stripe width in pixels
 */
export function encodeStripesPng(width: number, height: number, background: Rgb, foreground: Rgb, stripe = 16): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array(height * (rowBytes + 1)); // each row: filter type 0, then packed 1-bit indices
  for (let y = 0; y < height; y++) {
    const row = y * (rowBytes + 1);
    for (let x = 0; x < width; x++) {
      if (Math.floor((x + y) / stripe) % 2 === 1) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 3; // colour type: palette
  const plte = new Uint8Array([...background, ...foreground]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("PLTE", plte),
    chunk("IDAT", zlibStored(raw)),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
