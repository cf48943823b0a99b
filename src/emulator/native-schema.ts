/**
 * The check Bedrock runs on a model's own request body (InvokeModel, and the body Converse builds for the model): a
 * JSON Schema per model family, whose violations Bedrock reports in the words of its JSON Schema validator, each
 * located by a JSON pointer (`#`, `#/messages/0/content`):
 *
 * - `#: extraneous key [max_token] is not permitted`
 * - `#: required key [max_tokens_to_sample] not found`
 * - `#/temperature: expected type: Number, found: String`
 * - `#/max_gen_len: 8192 is not less or equal to 2048`
 * - `#/texts/0: expected maxLength: 2048, actual: 4680`
 *
 * wrapped as `Malformed input request: <violations>, please reformat your input and try again.` (several violations
 * are written one after the other). Wording from Bedrock answers quoted in public bug reports (for example
 * "Malformed input request: #: required key [max_tokens_to_sample] not found" for Claude v2.1, "Malformed input
 * request: #/temperature: expected type: Number, found: Null#/maxTokens: expected type: Integer, found: Null, please
 * reformat your input and try again." for Jurassic-2) and the recorded Nova answer in
 * `exchanges/amazon-nova/converse/` ("Malformed input request: #/messages/2/content/0: extraneous key [toolResult] is
 * not permitted, please reformat your input and try again.").
 */
import { isObject } from "./families/common";

/** A JSON Schema subset: what the families' schemas need. */
export type NativeSchema =
  | { type: "object"; properties?: Record<string, NativeSchema>; required?: readonly string[]; additional?: boolean }
  | { type: "array"; items?: NativeSchema; minItems?: number; maxItems?: number }
  | { type: "string"; enum?: readonly string[]; minLength?: number; maxLength?: number }
  | { type: "number" | "integer"; minimum?: number; maximum?: number; enum?: readonly number[] }
  | { type: "boolean" }
  | { type: "any" }
  /** Any of these JSON types, each unchecked beyond its type (e.g. `system` as a string or a list of blocks). */
  | { type: "oneOf"; of: readonly ("string" | "array" | "object" | "number" | "boolean")[] };

/** The validator's name for the Java type a JSON value parses to. */
function found(value: unknown): string {
  if (value === null) return "Null";
  if (typeof value === "string") return "String";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "BigDecimal";
  if (Array.isArray(value)) return "JSONArray";
  return "JSONObject";
}

const EXPECTED: Record<string, string> = { string: "String", number: "Number", integer: "Integer", boolean: "Boolean", array: "JSONArray", object: "JSONObject" };

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return true;
  }
}

function visit(schema: NativeSchema, value: unknown, pointer: string, out: string[]): void {
  if (schema.type === "any") return;
  if (schema.type === "oneOf") {
    if (!schema.of.some((t) => typeMatches(t, value))) out.push(`${pointer}: expected type: ${schema.of.map((t) => EXPECTED[t]).join(" or ")}, found: ${found(value)}`);
    return;
  }
  if (!typeMatches(schema.type, value)) {
    out.push(`${pointer}: expected type: ${EXPECTED[schema.type]}, found: ${found(value)}`);
    return;
  }
  switch (schema.type) {
    case "object": {
      const obj = value as Record<string, unknown>;
      const properties = schema.properties ?? {};
      for (const key of schema.required ?? []) if (!(key in obj)) out.push(`${pointer}: required key [${key}] not found`);
      for (const [key, child] of Object.entries(obj)) {
        const sub = properties[key];
        if (sub !== undefined) visit(sub, child, `${pointer}/${key}`, out);
        else if (schema.additional !== true) out.push(`${pointer}: extraneous key [${key}] is not permitted`);
      }
      return;
    }
    case "array": {
      const list = value as unknown[];
      if (schema.minItems !== undefined && list.length < schema.minItems) out.push(`${pointer}: expected minimum item count: ${schema.minItems}, found: ${list.length}`);
      if (schema.maxItems !== undefined && list.length > schema.maxItems) out.push(`${pointer}: expected maximum item count: ${schema.maxItems}, found: ${list.length}`);
      if (schema.items !== undefined) list.forEach((item, i) => visit(schema.items!, item, `${pointer}/${i}`, out));
      return;
    }
    case "string": {
      const text = value as string;
      if (schema.minLength !== undefined && text.length < schema.minLength) out.push(`${pointer}: expected minLength: ${schema.minLength}, actual: ${text.length}`);
      if (schema.maxLength !== undefined && text.length > schema.maxLength) out.push(`${pointer}: expected maxLength: ${schema.maxLength}, actual: ${text.length}`);
      if (schema.enum !== undefined && !schema.enum.includes(text)) out.push(`${pointer}: ${text} is not a valid enum value`);
      return;
    }
    case "number":
    case "integer": {
      const n = value as number;
      if (schema.minimum !== undefined && n < schema.minimum) out.push(`${pointer}: ${n} is not greater or equal to ${schema.minimum}`);
      if (schema.maximum !== undefined && n > schema.maximum) out.push(`${pointer}: ${n} is not less or equal to ${schema.maximum}`);
      if (schema.enum !== undefined && !schema.enum.includes(n)) out.push(`${pointer}: ${n} is not a valid enum value`);
      return;
    }
    default:
      return;
  }
}

/** The violations of `body` against `schema`, each located by its JSON pointer. */
export function nativeViolations(schema: NativeSchema, body: unknown): string[] {
  const out: string[] = [];
  visit(schema, body, "#", out);
  return out;
}

/** Bedrock's message for a body its model refused: `Malformed input request: …, please reformat your input and try again.` */
export function malformedMessage(violations: readonly string[]): string {
  return `Malformed input request: ${violations.join("")}, please reformat your input and try again.`;
}
