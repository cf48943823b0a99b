/**
 * Finds one string field at the top level of a JSON document as its bytes stream past, without buffering or parsing
 * the document: the access log reads the `model` of a proxy request this way while the proxy reads the body itself.
 * Memory is bounded (the field's value is kept up to `maxLength` bytes) and the work is one pass over the bytes.
 *
 * Only ASCII bytes are structural in JSON (RFC 8259 §2), and no byte of a multi-byte UTF-8 sequence is ASCII, so the
 * bytes can be scanned without decoding them. As `JSON.parse` does, the last occurrence of a duplicated name wins.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** A scanner for the top-level string field `name`. */
export interface JsonFieldScanner {
  /** Scans the next bytes of the document. */
  feed(bytes: Uint8Array): void;
  /** The field's value seen so far (cut to `maxLength` bytes, marked with `…`), or undefined. */
  value(): string | undefined;
}

function decodeString(bytes: number[], cut: boolean): string | undefined {
  // A cut may fall inside an escape or a UTF-8 sequence: drop the unfinished end rather than mis-decode it.
  let raw = new TextDecoder().decode(new Uint8Array(bytes));
  if (cut) raw = raw.replace(/\\u?[0-9a-fA-F]{0,3}$|\\$|\uFFFD$/, "");
  try {
    const text = JSON.parse(`"${raw}"`) as string;
    return cut ? `${text}…` : text;
  } catch {
    return undefined;
  }
}

/**
 * Creates a scanner for the string field `name` of a top-level JSON object.
 *
 * @param maxLength - bytes of the value kept at most. @defaultValue 256
 */
export function createJsonFieldScanner(name: string, maxLength = 256): JsonFieldScanner {
  const wanted = Array.from(new TextEncoder().encode(name));
  let depth = 0;
  let topIsObject = false;
  let inString = false;
  let escaped = false;
  let expectName = false; // inside the top-level object, the next string is a member name
  let nameMatches = false; // the member name just read is `name`
  let valueNext = false; // the `:` after `name` was read: a string now is the value
  // The string being kept: the member name (to compare) or the value, else undefined.
  let kept: "name" | "value" | undefined;
  let bytes: number[] = [];
  let cut = false;
  let found: string | undefined;

  const endString = () => {
    if (kept === "name") nameMatches = !cut && bytes.length === wanted.length && bytes.every((b, i) => b === wanted[i]);
    else if (kept === "value") found = decodeString(bytes, cut);
    kept = undefined;
  };

  const feed = (chunk: Uint8Array) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          endString();
          continue;
        }
        if (kept !== undefined) {
          const limit = kept === "name" ? wanted.length : maxLength;
          if (bytes.length < limit) bytes.push(b);
          else cut = true;
        }
        continue;
      }
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      const top = depth === 1 && topIsObject;
      if (b === QUOTE) {
        inString = true;
        kept = top && expectName ? "name" : top && valueNext ? "value" : undefined;
        if (top) expectName = valueNext = false;
        bytes = [];
        cut = false;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (depth === 0) topIsObject = b === OPEN_OBJECT;
        if (top && valueNext) found = undefined; // the last `name` is not a string
        if (top) valueNext = false;
        depth++;
        if (depth === 1) expectName = topIsObject;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth = Math.max(0, depth - 1);
      } else if (top && b === COMMA) {
        expectName = true;
        valueNext = false;
      } else if (top && b === COLON) {
        valueNext = nameMatches;
        nameMatches = false;
      } else if (top) {
        if (valueNext) found = undefined; // a number, true, false or null: the last `name` is not a string
        valueNext = false;
      }
    }
  };

  return { feed, value: () => found };
}
