#!/usr/bin/env node
/**
 * Generates src/runtime/types.ts from the Bedrock Runtime service model (botocore `service-2.json`, the JSON form of
 * the Smithy model): one TypeScript type per shape reachable from the operations this library exposes.
 *
 * Mapping (the wire form, because the runtime layer sends and returns JSON as is): structure → interface (required
 * members non-optional), union → a union of single-member objects, list → array, map → Record, string enum → string
 * literal union, blob → base64 string, timestamp → ISO 8601 string (the model's `timestampFormat`), document →
 * unknown. Event-stream unions and error shapes are left to hand-written code.
 *
 * Usage: node scripts/gen-runtime-types.mjs [path/to/service-2.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const modelPath =
  process.argv[2] ?? resolve(root, "../shared/vectors/models/botocore-bedrock-runtime-2023-09-30-service-2.json");
const model = JSON.parse(readFileSync(modelPath, "utf8"));
const shapes = model.shapes;

const OPERATIONS = [
  "InvokeModel",
  "InvokeModelWithResponseStream",
  "Converse",
  "ConverseStream",
  "CountTokens",
  "ApplyGuardrail",
  "StartAsyncInvoke",
  "GetAsyncInvoke",
  "ListAsyncInvokes",
];
const PRIMITIVE = {
  string: "string",
  integer: "number",
  long: "number",
  float: "number",
  double: "number",
  boolean: "boolean",
  blob: "string",
  timestamp: "string",
};

const emitted = new Map();
const order = [];

function isEmittedAsName(name) {
  const s = shapes[name];
  if (s.type === "structure") return !s.exception;
  if (s.type === "string") return Array.isArray(s.enum);
  return false;
}

function typeRef(name) {
  const s = shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  if (s.type === "structure") {
    if (s.document) return "unknown";
    visit(name);
    return name;
  }
  if (s.type === "string" && s.enum) {
    visit(name);
    return name;
  }
  if (s.type === "list") {
    const inner = typeRef(s.member.shape);
    return /[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
  }
  if (s.type === "map") return `Record<string, ${typeRef(s.value.shape)}>`;
  if (s.type in PRIMITIVE) return PRIMITIVE[s.type];
  throw new Error(`unhandled shape type ${s.type} (${name})`);
}

/** The first sentence or two of a shape's HTML documentation, as plain text for TSDoc. */
function doc(html, indent = "") {
  if (!html) return "";
  let text = html
    .replace(/<\/p>\s*<p>/g, "\n\n")
    .replace(/<li>/g, "\n- ")
    .replace(/<a href="([^"]+)">([^<]*)<\/a>/g, "$2 ($1)")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\*\//g, "*\u2215")
    .trim();
  const first = text.split(/\n\n/)[0].replace(/\s+/g, " ").trim();
  text = first.length > 400 ? first.slice(0, first.lastIndexOf(" ", 400)) + " …" : first;
  if (!text) return "";
  return `${indent}/** ${text} */\n`;
}

function visit(name) {
  if (emitted.has(name)) return;
  emitted.set(name, null);
  const s = shapes[name];
  let out = doc(s.documentation);
  if (s.type === "string") {
    out += `export type ${name} = ${s.enum.map((v) => JSON.stringify(v)).join(" | ")};\n`;
  } else if (s.union) {
    const variants = Object.entries(s.members).map(([m, v]) => `{ ${JSON.stringify(m).replace(/^"(\w+)"$/, "$1")}: ${typeRef(v.shape)} }`);
    out += `export type ${name} =\n  | ${variants.join("\n  | ")};\n`;
  } else {
    const required = new Set(s.required ?? []);
    const lines = Object.entries(s.members).map(([m, v]) => {
      const opt = required.has(m) ? "" : "?";
      const where = v.location ? ` (HTTP ${v.location === "uri" ? "path" : v.location === "querystring" ? "query" : "header"} \`${v.locationName}\`)` : "";
      const d = doc(v.documentation ? v.documentation.replace(/<\/p>$/, `${where}</p>`) : where.trim(), "  ");
      return `${d}  ${m}${opt}: ${typeRef(v.shape)};`;
    });
    out += `export interface ${name} {\n${lines.join("\n")}\n}\n`;
  }
  emitted.set(name, out);
  order.push(name);
}

const SKIP_MEMBERS = {
  // Replaced by hand-written types: the body is bytes in and out, and streams are `Stream<T>` of events.
  InvokeModelRequest: ["body"],
  InvokeModelResponse: ["body"],
  InvokeModelWithResponseStreamRequest: ["body"],
  InvokeModelWithResponseStreamResponse: ["body"],
  ConverseStreamResponse: ["stream"],
};
for (const op of OPERATIONS) {
  const o = model.operations[op];
  for (const io of [o.input, o.output]) {
    if (!io) continue;
    const skip = SKIP_MEMBERS[io.shape];
    if (skip) for (const m of skip) delete shapes[io.shape].members[m];
    visit(io.shape);
  }
}
// The event payloads of ConverseStream, whose union is written by hand in converse-stream.ts.
for (const [, v] of Object.entries(shapes.ConverseStreamOutput.members)) {
  if (!shapes[v.shape].exception) visit(v.shape);
}

const header = `/**
 * Bedrock Runtime request and response shapes, generated from the service model
 * (botocore \`bedrock-runtime/2023-09-30/service-2.json\`, API version ${model.metadata.apiVersion}) by
 * \`scripts/gen-runtime-types.mjs\`. Do not edit by hand: run \`node scripts/gen-runtime-types.mjs\`.
 *
 * These are the JSON wire shapes: blobs are base64 strings, timestamps ISO 8601 strings, documents \`unknown\`.
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html
 */
/* eslint-disable */

`;
writeFileSync(resolve(root, "src/runtime/types.ts"), header + order.map((n) => emitted.get(n)).join("\n"));
console.log(`wrote ${order.length} types to src/runtime/types.ts`);
