/**
 * SHA-256 and HMAC-SHA-256 in plain JavaScript, for the small inputs of every signature (canonical request,
 * string to sign, key derivation, bodies of a few KB). Internal.
 *
 * Why not WebCrypto for these: every `crypto.subtle` call is a promise that, in Node, also hops to the thread pool;
 * that round trip (~40 µs) costs far more than hashing a few hundred bytes here (~2 µs). Large bodies still go to
 * WebCrypto (see `digest.ts`), where native code wins. Algorithm: FIPS 180-4, section 6.2; HMAC: RFC 2104.
 */

/**
 * The round constants (first 32 bits of the fractional parts of the cube roots of the first 64 primes) and the
 * initial hash value (the same of the square roots of the first 8 primes), FIPS 180-4 sections 4.2.2 and 5.3.3,
 * computed rather than spelled out: 700 bytes less in every bundle. Exact in doubles: the fractional part of each
 * product with 2^32 is at least 0.005 away from an integer, thousands of ulps more than `Math.cbrt`'s error, and
 * `Math.sqrt` is correctly rounded (any wrong constant would fail every SHA-256 vector in test/sigv4).
 */
const K = new Int32Array(64);
const IV = new Int32Array(8);
for (let n = 2, i = 0; i < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
  if (!prime) continue;
  if (i < 8) IV[i] = (Math.sqrt(n) % 1) * 2 ** 32;
  K[i++] = (Math.cbrt(n) % 1) * 2 ** 32;
}

// One message schedule, reused: signing is single-threaded per realm and `compress` never yields.
const W = new Int32Array(64);

/** Runs the compression function over `length` bytes (a multiple of 64) of `data` from `offset`. */
function compress(state: Int32Array, data: Uint8Array, offset: number, length: number): void {
  let h0 = state[0]!, h1 = state[1]!, h2 = state[2]!, h3 = state[3]!;
  let h4 = state[4]!, h5 = state[5]!, h6 = state[6]!, h7 = state[7]!;
  const end = offset + length;
  for (let p = offset; p < end; p += 64) {
    for (let i = 0; i < 16; i++) {
      const j = p + i * 4;
      W[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!;
      const w2 = W[i - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3;
  state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7;
}

const tail = new Uint8Array(128);

/**
 * Finishes a hash whose `state` has already absorbed `prefixBytes` bytes (0, or 64 for an HMAC midstate), over
 * `data`, and writes the 32-byte digest into `out`.
 */
function finish(state: Int32Array, prefixBytes: number, data: Uint8Array, out: Uint8Array): Uint8Array {
  const n = data.length;
  const full = n & ~63;
  if (full > 0) compress(state, data, 0, full);
  const rest = n - full;
  tail.fill(0);
  tail.set(data.subarray(full), 0);
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 64 : 128;
  // Message length in bits, big-endian, in the last 8 bytes; inputs here stay far below 2^53 bits.
  const bits = (n + prefixBytes) * 8;
  const hi = Math.floor(bits / 0x100000000);
  const lo = bits >>> 0;
  tail[blocks - 8] = hi >>> 24;
  tail[blocks - 7] = hi >>> 16;
  tail[blocks - 6] = hi >>> 8;
  tail[blocks - 5] = hi;
  tail[blocks - 4] = lo >>> 24;
  tail[blocks - 3] = lo >>> 16;
  tail[blocks - 2] = lo >>> 8;
  tail[blocks - 1] = lo;
  compress(state, tail, 0, blocks);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = v >>> 16;
    out[i * 4 + 2] = v >>> 8;
    out[i * 4 + 3] = v;
  }
  return out;
}

/** SHA-256 of `data`, computed synchronously. */
export function sha256Sync(data: Uint8Array): Uint8Array {
  return finish(IV.slice(), 0, data, new Uint8Array(32));
}

/**
 * An HMAC-SHA-256 key reduced to its two midstates (the hash states after absorbing key⊕ipad and key⊕opad), so
 * that each HMAC afterwards costs only the message blocks plus one outer block.
 */
export interface HmacKey {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

/** Prepares `key` (any length; longer than 64 bytes is hashed first, RFC 2104 section 2). */
export function hmacKey(key: Uint8Array): HmacKey {
  const k = key.length > 64 ? sha256Sync(key) : key;
  const pad = new Uint8Array(64);
  pad.set(k);
  for (let i = 0; i < 64; i++) pad[i]! ^= 0x36;
  const inner = IV.slice();
  compress(inner, pad, 0, 64);
  for (let i = 0; i < 64; i++) pad[i]! ^= 0x36 ^ 0x5c;
  const outer = IV.slice();
  compress(outer, pad, 0, 64);
  pad.fill(0);
  return { inner, outer };
}

const innerDigest = new Uint8Array(32);

/** HMAC-SHA-256 of `data` under a prepared key. */
export function hmacSync(key: HmacKey, data: Uint8Array): Uint8Array {
  finish(key.inner.slice(), 64, data, innerDigest);
  return finish(key.outer.slice(), 64, innerDigest, new Uint8Array(32));
}
