/**
 * Structural checks of request params, described as data: a value of the wrong shape is a
 * {@link ConfigurationError} whose `field` is its JSON path (`messages[1].content[2].image_url.url`, `stop[1]`) and
 * whose message says what is expected there. Which values a model family supports is for its mapper to decide; this
 * module only makes sure every value a mapper reads has the type it expects, so no malformed input reaches a mapper
 * as an untyped TypeError.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { isRecord } from "../internal/is-record";

/**
 * What a value must look like:
 * - a leaf code: `s` a string, `b` a boolean, `n` a finite number, `i` an integer, `o` an object;
 * - a longer string: the allowed values joined by `|`, e.g. `"none|auto|required"` or `"function"`;
 * - `[shape]`: an array whose items have that shape;
 * - a record of field shapes: an object; a key ending in `!` is required, one ending in `?` may also be `null`, any
 *   other may be absent (`undefined`) only; fields not listed are not checked;
 * - a function, for what the forms above cannot say (it throws through {@link fail}).
 */
export type Shape =
  | string
  | readonly [Shape]
  | { readonly [field: string]: Shape }
  | ((value: unknown, path: string) => void);

const LEAVES: Record<string, [(value: unknown) => boolean, string]> = {
  s: [(v) => typeof v === "string", "a string"],
  b: [(v) => typeof v === "boolean", "true or false"],
  n: [(v) => typeof v === "number" && Number.isFinite(v), "a finite number"],
  i: [Number.isInteger, "an integer"],
  o: [isRecord, "an object"],
};

/** What a wrong value was, without echoing strings (they may hold anything the caller sent). */
function got(value: unknown): string {
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === undefined) return "nothing";
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Throws the ConfigurationError for `path`: it must be `expected`. */
export function fail(path: string, expected: string, value: unknown): never {
  throw new ConfigurationError(path, `\`${path}\` must be ${expected}; got ${got(value)}.`);
}

/** Checks `value` (found at `path`, "" for the top level) against `shape`. @throws ConfigurationError */
export function check(value: unknown, shape: Shape, path: string): void {
  if (typeof shape === "function") return shape(value, path);
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) fail(path, "an array", value);
    value.forEach((item, i) => check(item, shape[0], `${path}[${i}]`));
  } else if (typeof shape === "object") {
    if (!isRecord(value)) fail(path || "params", "an object", value);
    for (const key in shape) {
      const name = key.replace(/[!?]$/, "");
      const field = path ? `${path}.${name}` : name;
      const v = value[name];
      if (v === undefined ? key.endsWith("!") : v !== null || !key.endsWith("?")) check(v, (shape as Record<string, Shape>)[key]!, field);
    }
  } else if (shape.length > 1) {
    const allowed = shape.split("|");
    const list = allowed.map((a) => `"${a}"`).join(", ");
    if (!allowed.includes(value as string)) fail(path, allowed.length > 1 ? `one of ${list}` : list, value);
  } else {
    const [test, what] = LEAVES[shape]!;
    if (!test(value)) fail(path, what, value);
  }
}

/** A string, or an array of `item`s (`content`, `stop`). */
export function stringOr(item: Shape, what: string): Shape {
  return (value, path) => {
    if (typeof value === "string") return;
    if (!Array.isArray(value)) fail(path, what, value);
    check(value, [item], path);
  };
}

/** An object whose `key` (`type` by default) picks its shape among `shapes`. */
export function tagged(shapes: Readonly<Record<string, Shape>>, key = "type"): Shape {
  return (value, path) => {
    check(value, { [`${key}!`]: Object.keys(shapes).join("|") }, path);
    check(value, shapes[(value as Record<string, string>)[key]!]!, path);
  };
}
