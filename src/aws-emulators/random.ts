/** Random identifiers for the test servers (WebCrypto). @internal */

/** `length` characters drawn uniformly from `alphabet` (at most 256 characters). */
export function randomAlphabet(length: number, alphabet: string): string {
  const bytes = new Uint8Array(length * 2);
  crypto.getRandomValues(bytes);
  // Rejection sampling keeps the draw uniform; 2x bytes is plenty for alphabets of 32 or 64.
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < limit) out += alphabet[b % alphabet.length];
  }
  return out;
}

/** A request id in the UUID form AWS uses. */
export function requestId(): string {
  return crypto.randomUUID();
}

/** ISO 8601 without milliseconds, as STS and the metadata services write timestamps. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
