/**
 * Checks a request against the service model's shapes (service-schema.generated.ts) the way Bedrock Runtime's front
 * end does before any model sees it, and words the refusal as Bedrock does:
 *
 * - A member of the wrong JSON type fails deserialization, before any constraint is looked at, with the deserializer's
 *   own message (`STRING_VALUE can not be converted to a Float`, `Start of list found where not expected`), the
 *   wording AWS's JSON services share.
 * - Otherwise every broken constraint is listed: `1 validation error detected: Value '0' at 'inferenceConfig.maxTokens'
 *   failed to satisfy constraint: Member must have value greater than or equal to 1` (wording from Bedrock answers
 *   quoted in public bug reports; several errors are joined by `; ` after `N validation errors detected: `). Paths
 *   name list elements `messages.1.member.role` (1-based), as in Bedrock's answer
 *   `Value 'system' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set:
 *   [user, assistant]`. A sensitive value is left out (`Value at 'x'`). Unknown members are ignored, as the service
 *   ignores them; JSON `null` counts as absent.
 */
import { isObject } from "./families/common";

/** One shape of the compact service schema. */
export type ShapeSpec =
  | { type: "structure"; members: Record<string, string>; required?: string[]; union?: boolean; sensitive?: boolean }
  | { type: "list"; member: string; min?: number; max?: number; sensitive?: boolean }
  | { type: "map"; key: string; value: string; min?: number; max?: number; sensitive?: boolean }
  | { type: "string"; min?: number; max?: number; pattern?: string; enum?: string[]; sensitive?: boolean }
  | { type: "integer" | "long" | "float" | "double"; min?: number; max?: number; sensitive?: boolean }
  | { type: "boolean" | "timestamp" | "document"; sensitive?: boolean }
  | { type: "blob"; min?: number; max?: number; sensitive?: boolean };

/** Where an operation's input members travel, from the service model. */
export interface OperationSchema {
  input: string;
  /** JSON body members → shape. */
  body: Record<string, string>;
  /** Path members → shape. */
  uri: Record<string, string>;
  /** Header members → [header name, shape]. */
  header: Record<string, [string, string]>;
  /** Query members → [parameter name, shape]. */
  query: Record<string, [string, string]>;
  /** Required body members. */
  required: string[];
  /** The member that is the whole body (InvokeModel's `body`), if any. */
  payload?: string;
}

/** A member of the wrong JSON type: the whole request fails to deserialize. */
export class DeserializationError extends Error {
  override name = "DeserializationError";
}

const NUMERIC_NAMES: Record<string, string> = { integer: "an Integer", long: "a Long", float: "a Float", double: "a Double" };

function jsonKind(value: unknown): string {
  if (typeof value === "string") return "STRING_VALUE";
  if (typeof value === "number") return "NUMBER_VALUE";
  if (value === true) return "TRUE_VALUE";
  if (value === false) return "FALSE_VALUE";
  return "VALUE";
}

/** How a value reads in a message: Java's `toString` of the deserialized member (floats keep a `.0`). */
function display(value: unknown, spec: ShapeSpec): string {
  if (typeof value === "number") {
    const float = spec.type === "float" || spec.type === "double";
    return float && Number.isInteger(value) ? value.toFixed(1) : String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === "object" && v !== null ? "{...}" : String(v))).join(", ")}]`;
  if (typeof value === "object" && value !== null) return "{...}";
  return String(value);
}

interface Walk {
  shapes: Readonly<Record<string, ShapeSpec>>;
  errors: string[];
}

function fail(walk: Walk, value: unknown, path: string, spec: ShapeSpec, sensitive: boolean, constraint: string): void {
  const shown = sensitive ? "Value" : `Value '${display(value, spec)}'`;
  walk.errors.push(`${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
}

function checkRange(walk: Walk, value: unknown, size: number, path: string, spec: ShapeSpec & { min?: number; max?: number }, sensitive: boolean, what: "value" | "length"): void {
  if (spec.min !== undefined && size < spec.min) fail(walk, value, path, spec, sensitive, `have ${what} greater than or equal to ${spec.min}`);
  if (spec.max !== undefined && size > spec.max) fail(walk, value, path, spec, sensitive, `have ${what} less than or equal to ${spec.max}`);
}

function visit(walk: Walk, value: unknown, shapeName: string, path: string, inSensitive: boolean): void {
  const spec = walk.shapes[shapeName];
  if (spec === undefined) return;
  const sensitive = inSensitive || spec.sensitive === true;
  switch (spec.type) {
    case "structure": {
      if (Array.isArray(value)) throw new DeserializationError("Start of list found where not expected");
      if (!isObject(value)) throw new DeserializationError(`${jsonKind(value)} can not be converted to a Structure`);
      for (const [member, ref] of Object.entries(spec.members)) {
        const child = value[member];
        const at = path === "" ? member : `${path}.${member}`;
        if (child === undefined || child === null) {
          if (spec.required?.includes(member)) walk.errors.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
        } else visit(walk, child, ref, at, sensitive);
      }
      return;
    }
    case "list": {
      if (isObject(value)) throw new DeserializationError("Start of structure or map found where not expected.");
      if (!Array.isArray(value)) throw new DeserializationError(`${jsonKind(value)} can not be converted to a List`);
      checkRange(walk, value, value.length, path, spec, sensitive, "length");
      value.forEach((item, i) => {
        if (item !== null) visit(walk, item, spec.member, `${path}.${i + 1}.member`, sensitive);
      });
      return;
    }
    case "map": {
      if (Array.isArray(value)) throw new DeserializationError("Start of list found where not expected");
      if (!isObject(value)) throw new DeserializationError(`${jsonKind(value)} can not be converted to a Map`);
      checkRange(walk, value, Object.keys(value).length, path, spec, sensitive, "length");
      for (const [key, item] of Object.entries(value)) {
        visit(walk, key, spec.key, `${path}.${key}.key`, sensitive);
        if (item !== null) visit(walk, item, spec.value, `${path}.${key}.value`, sensitive);
      }
      return;
    }
    case "string": {
      if (isObject(value)) throw new DeserializationError("Start of structure or map found where not expected.");
      if (Array.isArray(value)) throw new DeserializationError("Start of list found where not expected");
      if (typeof value !== "string") throw new DeserializationError(`${jsonKind(value)} can not be converted to a String`);
      checkRange(walk, value, value.length, path, spec, sensitive, "length");
      if (spec.enum !== undefined && !spec.enum.includes(value)) fail(walk, value, path, spec, sensitive, `satisfy enum value set: [${spec.enum.join(", ")}]`);
      if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`, "u").test(value)) {
        fail(walk, value, path, spec, sensitive, `satisfy regular expression pattern: ${spec.pattern}`);
      }
      return;
    }
    case "integer":
    case "long":
    case "float":
    case "double": {
      if (isObject(value)) throw new DeserializationError("Start of structure or map found where not expected.");
      if (Array.isArray(value)) throw new DeserializationError("Start of list found where not expected");
      if (typeof value !== "number") throw new DeserializationError(`${jsonKind(value)} can not be converted to ${NUMERIC_NAMES[spec.type]}`);
      if ((spec.type === "integer" || spec.type === "long") && !Number.isInteger(value)) {
        throw new DeserializationError(`NUMBER_VALUE can not be converted to ${NUMERIC_NAMES[spec.type]}`);
      }
      checkRange(walk, value, value, path, spec, sensitive, "value");
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") throw new DeserializationError(`${jsonKind(value)} can not be converted to an Boolean`);
      return;
    case "blob":
      if (typeof value !== "string") throw new DeserializationError(`${jsonKind(value)} can not be converted to a Blob`);
      // The blob travels base64-encoded; its constraints apply to the decoded bytes.
      checkRange(walk, value, Math.floor((value.replace(/=+$/, "").length * 3) / 4), path, spec, true, "length");
      return;
    default:
      return; // timestamps and documents: any JSON value
  }
}

/**
 * The constraint violations of `value` (a request body member, or a path or header value) against `shapeName`, as
 * Bedrock words each one. Throws {@link DeserializationError} for a member of the wrong JSON type.
 */
export function shapeViolations(shapes: Readonly<Record<string, ShapeSpec>>, value: unknown, shapeName: string, path: string): string[] {
  const walk: Walk = { shapes, errors: [] };
  visit(walk, value, shapeName, path, false);
  return walk.errors;
}

/** `1 validation error detected: …` / `N validation errors detected: …; …`, or undefined when there are none. */
export function validationMessage(errors: readonly string[]): string | undefined {
  if (errors.length === 0) return undefined;
  return `${errors.length} validation error${errors.length === 1 ? "" : "s"} detected: ${errors.join("; ")}`;
}
