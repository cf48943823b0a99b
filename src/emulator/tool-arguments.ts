/**
 * Arguments for a tool call that fit the tool's JSON Schema, so that code validating a model's tool input (or a
 * structured "response format" answer) accepts what the emulator sends. Every required property (every property
 * when none is marked required) gets a value of its type: `const`, else the first `enum` member, else the `default`;
 * a string honours `format` (date, date-time, time, email, uri, uuid) and `minLength`/`maxLength` and is otherwise a
 * capitalized phrase of the prompt (a city, a name); numbers honour `minimum`/`maximum` (exclusive too) and
 * `multipleOf`; arrays get `minItems` items; `$ref` (to `#/$defs/…` or `#/definitions/…`), `allOf`, `anyOf` and
 * `oneOf` (first non-null branch) are followed. JSON Schema: https://json-schema.org/draft/2020-12/json-schema-validation
 */
type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;
// A schema is request input: however large its `minItems`, `minLength` or nesting, the arguments stay bounded
// (past these sizes they no longer fit such a schema, which no real tool has).
const MAX_NODES = 5_000;
const MAX_ITEMS = 100;
const MAX_STRING = 1_000;

interface Budget {
  nodes: number;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "");
}

function asSchema(v: unknown): Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Schema) : {};
}

function capitalizedPhrase(text: string): string | undefined {
  // "What is the weather in San Francisco?" → "San Francisco": the first run of capitalized words after the first word.
  const ws = words(text.replace(/[^\p{L}\p{N}\s'-]/gu, " "));
  const run: string[] = [];
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    if (/^\p{Lu}/u.test(w) && w !== "I") run.push(w);
    else if (run.length > 0) break;
  }
  return run.length > 0 ? run.join(" ") : undefined;
}

function resolve(schema: Schema, root: Schema, depth: number): Schema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#") || depth > MAX_DEPTH) return schema;
  let target: unknown = root;
  for (const part of ref.slice(1).split("/").filter((p) => p !== "")) {
    target = asSchema(target)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  const { $ref: _ref, ...rest } = schema;
  return resolve({ ...asSchema(target), ...rest }, root, depth + 1);
}

/** `allOf` branches merged into one schema (properties and required lists combined). */
function merge(schema: Schema, root: Schema, depth: number): Schema {
  if (!Array.isArray(schema.allOf) || depth > MAX_DEPTH) return schema;
  const { allOf, ...rest } = schema;
  let merged: Schema = rest;
  for (const part of allOf as unknown[]) {
    const s = normalize(asSchema(part), root, depth + 1);
    merged = { ...s, ...merged,
      properties: { ...asSchema(s.properties), ...asSchema(merged.properties) },
      required: [...(Array.isArray(s.required) ? s.required : []), ...(Array.isArray(merged.required) ? merged.required : [])] };
  }
  return merged;
}

function normalize(schema: Schema, root: Schema, depth: number): Schema {
  return merge(resolve(schema, root, depth), root, depth);
}

function typeOf(s: Schema): string {
  const types = Array.isArray(s.type) ? (s.type as unknown[]).filter((t) => t !== "null") : [s.type];
  const type = types[0];
  if (typeof type === "string") return type;
  if (Array.isArray(s.type) && s.type.includes("null")) return "null";
  if (s.properties !== undefined || s.required !== undefined) return "object";
  if (s.items !== undefined || s.prefixItems !== undefined) return "array";
  return "string";
}

const FORMATS: Record<string, string> = {
  date: "2024-01-01", "date-time": "2024-01-01T00:00:00Z", time: "12:00:00", email: "user@example.com",
  uri: "https://example.com", url: "https://example.com", uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com", ipv4: "192.0.2.1", ipv6: "2001:db8::1",
};

function stringFor(s: Schema, promptText: string, name: string): string {
  let text = (typeof s.format === "string" ? FORMATS[s.format] : undefined) ?? capitalizedPhrase(promptText) ?? `example ${name}`;
  if (typeof s.maxLength === "number") text = text.slice(0, Math.max(0, s.maxLength));
  if (typeof s.minLength === "number" && text.length < s.minLength) text = text.padEnd(Math.min(s.minLength, MAX_STRING), "x");
  return text;
}

function numberFor(s: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const min = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + step : undefined;
  const max = typeof s.maximum === "number" ? s.maximum : typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum - step : undefined;
  let n = min ?? (max !== undefined ? Math.min(1, max) : 1);
  if (integer) n = Math.ceil(n);
  const multiple = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : undefined;
  if (multiple !== undefined) n = Math.ceil(n / multiple) * multiple;
  return n;
}

function valueFor(schema: unknown, root: Schema, promptText: string, name: string, depth: number, budget: Budget): unknown {
  if (++budget.nodes > MAX_NODES) return null;
  const s = normalize(asSchema(schema), root, depth);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("default" in s) return s.default;
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = Array.isArray(s[key]) ? (s[key] as unknown[]).map(asSchema) : [];
    if (branches.length > 0 && depth < MAX_DEPTH) {
      const { [key]: _branches, ...rest } = s;
      const branch = branches.find((b) => b.type !== "null") ?? branches[0]!;
      return valueFor({ ...rest, ...branch }, root, promptText, name, depth + 1, budget);
    }
  }
  switch (typeOf(s)) {
    case "string":
      return stringFor(s, promptText, name);
    case "integer":
      return numberFor(s, true);
    case "number":
      return numberFor(s, false);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      if (depth >= MAX_DEPTH) return [];
      const count = typeof s.minItems === "number" ? Math.min(s.minItems, MAX_ITEMS) : 0;
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      return Array.from({ length: Math.min(Math.max(count, prefix.length), MAX_ITEMS) }, (_, i) => {
        const item = valueFor(prefix[i] ?? s.items, root, promptText, `${name} ${i + 1}`, depth + 1, budget);
        // Distinct items, so that `uniqueItems` holds for strings.
        return typeof item === "string" && i > 0 && s.uniqueItems === true ? `${item} ${i + 1}` : item;
      });
    }
    default: {
      if (depth >= MAX_DEPTH) return {};
      const props = asSchema(s.properties);
      const required = Array.isArray(s.required) ? [...new Set(s.required.filter((k): k is string => typeof k === "string"))] : Object.keys(props);
      const out: Record<string, unknown> = {};
      for (const key of required) {
        if (budget.nodes > MAX_NODES) break;
        out[key] = valueFor(props[key], root, promptText, key, depth + 1, budget);
      }
      return out;
    }
  }
}

/** Arguments for a tool whose input schema is `schema`, built by the rules of this module's comment. */
export function argumentsFromSchema(schema: unknown, promptText: string): Record<string, unknown> {
  const root = asSchema(schema);
  const value = valueFor(root, root, promptText, "value", 0, { nodes: 0 });
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
