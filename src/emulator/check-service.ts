/**
 * The first check of every request, before any model is looked up: its path, header, query and body members
 * against the service model's request shape (service-schema.generated.ts, checked by validate-shape.ts). A member of
 * the wrong JSON type, or one that breaks a constraint, is a 400 `ValidationException` in Bedrock's words.
 */
import { validation } from "./aws-error";
import { isObject } from "./families/common";
import { OPERATIONS, SHAPES } from "./service-schema.generated";
import { DeserializationError, shapeViolations, validationMessage, type ShapeSpec } from "./validate-shape";

/** The request as the router sees it. */
export interface ServiceRequest {
  /** The emulator's operation name (`converse`, `invoke`, `apply-guardrail`, `async-start`, …). */
  operation: string;
  /** Decoded path members by name (`modelId`, `guardrailIdentifier`, `invocationArn`, …). */
  path: Readonly<Record<string, string>>;
  /** The parsed JSON body (`null` when empty); ignored for InvokeModel, whose body is the model's. */
  body: unknown;
  /** The body's size in bytes (InvokeModel's payload is checked by length only). */
  bodyBytes: number;
  headers: Headers;
  query: URLSearchParams;
}

// Each operation's body members as one structure shape, built once. Bedrock answered a video block whose format
// was `video/mp4` (not in the model's enum) with 200 (exchanges/amazon-nova/converse/pydantic-ai--test_video_url_input),
// so that enum is not enforced.
const BODY_SHAPES: Readonly<Record<string, ShapeSpec>> = {
  ...SHAPES,
  VideoFormat: { type: "string" },
  ...Object.fromEntries(Object.entries(OPERATIONS).map(([name, op]) =>
    [`#${name}`, { type: "structure", members: op.body, required: op.required } satisfies ShapeSpec])),
};

function scalar(value: string, shape: string): unknown {
  const spec = SHAPES[shape];
  if (spec?.type === "integer" || spec?.type === "long") return /^-?\d+$/.test(value) ? Number(value) : value;
  return value;
}

/** Throws Bedrock's `ValidationException` when `request` breaks its operation's request shape. */
export function checkServiceShapes(request: ServiceRequest): void {
  const op = OPERATIONS[request.operation];
  if (op === undefined) return;
  const errors: string[] = [];
  try {
    for (const [member, shape] of Object.entries(op.uri)) {
      const value = request.path[member];
      if (value !== undefined) errors.push(...shapeViolations(SHAPES, value, shape, member));
    }
    for (const [member, [header, shape]] of Object.entries(op.header)) {
      const value = request.headers.get(header);
      if (value !== null) errors.push(...shapeViolations(SHAPES, value, shape, member));
    }
    for (const [member, [name, shape]] of Object.entries(op.query)) {
      const value = request.query.get(name);
      if (value !== null && SHAPES[shape]?.type !== "timestamp") errors.push(...shapeViolations(SHAPES, scalar(value, shape), shape, member));
    }
    if (op.payload !== undefined) {
      const spec = SHAPES[op.body[op.payload]!];
      if (spec?.type === "blob" && spec.max !== undefined && request.bodyBytes > spec.max) {
        errors.push(`Value at '${op.payload}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
      }
    } else if (Object.keys(op.body).length > 0) {
      const body = request.body ?? {};
      if (!isObject(body)) throw new DeserializationError(Array.isArray(body) ? "Start of list found where not expected" : "Malformed input request, please reformat your input and try again.");
      errors.push(...shapeViolations(BODY_SHAPES, body, `#${request.operation}`, ""));
    }
  } catch (error) {
    if (error instanceof DeserializationError) throw validation(error.message);
    throw error;
  }
  const message = validationMessage(errors);
  if (message !== undefined) throw validation(message);
}
